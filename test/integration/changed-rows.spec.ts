import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities';
import type { ObligationScheduleInput } from '../../libs/contracts/src';
import { changedRows } from '../../libs/persistence/src';
import { type TestDatabase, createTestDatabase } from '../support/database';

/**
 * Writes that act only when they changed something: TypeORM answers an
 * UPDATE … RETURNING with `[rows, count]`, so a guard on its raw answer is
 * always true. changedRows reads the rows, and the activities' guards hold.
 */
describe('rows changed by UPDATE and DELETE … RETURNING', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('are the rows the statement changed, none when it matched nothing', async () => {
    const ds = db.dataSource;
    await ds.query(`CREATE TABLE changed_rows_probe (id int PRIMARY KEY, v int)`);
    await ds.query(`INSERT INTO changed_rows_probe VALUES (1, 1), (2, 2)`);
    // What the driver answers, and why the helper exists.
    expect(await ds.query(`UPDATE changed_rows_probe SET v = 9 WHERE id = 1 RETURNING id`)).toEqual([[{ id: 1 }], 1]);
    expect(await changedRows(ds, `UPDATE changed_rows_probe SET v = 10 WHERE id = 1 RETURNING id, v`, [])).toEqual([{ id: 1, v: 10 }]);
    expect(await changedRows(ds, `UPDATE changed_rows_probe SET v = 10 WHERE id = $1 RETURNING id`, [99])).toEqual([]);
    expect(await changedRows(ds, `DELETE FROM changed_rows_probe WHERE id = $1 RETURNING id`, [2])).toEqual([{ id: 2 }]);
    expect(await changedRows(ds, `SELECT id FROM changed_rows_probe`, [])).toEqual([{ id: 1 }]);
  });

  it('an occurrence marked overdue twice is audited once, under its organisation', async () => {
    const ds = db.dataSource;
    const acts = createActivities(ds);
    const [branch] = await ds.query(`SELECT id FROM organisations WHERE level = 'branch' ORDER BY code LIMIT 1`);
    const input: ObligationScheduleInput = {
      scheduleId: `probe:${randomUUID()}`,
      organisationId: branch.id,
      year: 2030,
      obligations: [],
      assignee: { organisationId: branch.id, role: 'submitter' },
    };
    const ids = [randomUUID(), randomUUID()];
    const occurrence = (periodStart: string, dueDate: string) => ({ key: periodStart.slice(0, 7), label: periodStart.slice(5, 7), periodStart, dueDate });
    const opening = ids.map((occurrenceId, i) => ({ occurrenceId, obligationCode: 'committee_meeting', title: '支委会', occurrence: occurrence(`2030-0${i + 1}-01`, `2030-0${i + 1}-28`) }));
    await acts.openOccurrences({ input, workflowId: 'probe', occurrences: opening, at: '2030-01-01T00:00:00+08:00' });
    await acts.openOccurrences({ input, workflowId: 'probe', occurrences: opening, at: '2030-01-01T00:00:00+08:00' });
    expect(await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE id = ANY($1::uuid[])`, [ids])).toEqual([{ n: 2 }]);

    await acts.markOccurrencesOverdue({ occurrenceIds: [ids[0]!], at: '2030-01-29T00:00:00+08:00' });
    await acts.markOccurrencesOverdue({ occurrenceIds: ids, at: '2030-01-29T00:00:00+08:00' });
    const audit = await ds.query(`SELECT subject_id, organisation_id FROM audit_log WHERE action = 'obligation.overdue' AND subject_id = ANY($1::text[]) ORDER BY subject_id`, [ids]);
    expect(audit).toEqual(ids.sort().map((id) => ({ subject_id: id, organisation_id: branch.id })));
  });
});
