import { randomUUID } from 'node:crypto';
import { createActivities } from '../../../activities';
import { type TestDatabase, createTestDatabase } from '../../support/database';
import { nominationInput } from '../../support/fixtures';

/**
 * The naming activity moves the ledger (附件1) with the naming, in its
 * transaction: each named branch graded advanced with the year's honour, one
 * history row and one audit row by the deciding committee at the time the
 * workflow gives; a retry (even with another time) writes nothing twice.
 */
describe("Tai'an naming and the ledger on PostgreSQL", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('grades each named branch advanced with its history and one audit row, idempotently; the standing reads the grades', async () => {
    const ds = db.dataSource;
    const acts = createActivities(ds);
    const [city] = await ds.query(`SELECT id, name FROM organisations WHERE code = 'taian'`);
    const [member] = await ds.query(`SELECT u.id, u.display_name FROM users u JOIN role_assignments r ON r.user_id = u.id WHERE r.organisation_id = $1 LIMIT 1`, [city.id]);
    const campaignId = randomUUID();
    await ds.query(
      `INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, 'taian', 2064, 't', $2, '{}', '[]', 'running', $3)`,
      [campaignId, city.id, member.id],
    );
    const ids: string[] = [];
    for (const code of ['tsq-cyjd-b06', 'tsq-cyjd-b07']) {
      const input = await nominationInput(ds, code, randomUUID(), 2064);
      await acts.registerNomination(input);
      ids.push(input.nominationId);
    }
    await ds.query(`UPDATE nominations SET campaign_id = $1, campaign_status = 'proposed' WHERE id = ANY($2)`, [campaignId, ids]);
    const branches: Array<{ id: string; branch_id: string }> = await ds.query(`SELECT id, branch_id FROM nominations WHERE id = ANY($1) ORDER BY branch_path`, [ids]);
    // One of them was weak and lax in the ledger before (as a regrade could leave it); the naming records the grade it left.
    await ds.query(`UPDATE ledger_entries SET grade = 'weak_and_lax' WHERE branch_id = $1`, [branches[0]!.branch_id]);
    expect(await acts.ledgerStanding({ nominationIds: ids })).toEqual({ [branches[0]!.id]: 'weak_and_lax', [branches[1]!.id]: expect.any(String) });

    const at = '2064-06-30T16:00:00.000Z';
    const decidedBy = { organisationId: city.id, userId: member.id, displayName: member.display_name, role: 'committee_member', opinion: '同意命名' };
    await acts.nameBranches({ campaignId, ids, year: 2064, decidedBy, at });
    await acts.nameBranches({ campaignId, ids, year: 2064, decidedBy, at });
    await acts.nameBranches({ campaignId, ids, year: 2064, decidedBy, at: '2064-07-02T00:00:00.000Z' });

    const entries = await ds.query(`SELECT grade, evaluation, updated_by, updated_at FROM ledger_entries WHERE branch_id = ANY($1)`, [branches.map((b) => b.branch_id)]);
    expect(entries).toEqual([0, 1].map(() => ({ grade: 'advanced', evaluation: '2064年度“泰山先锋”红旗党支部', updated_by: member.id, updated_at: new Date(at) })));
    const history = await ds.query(
      `SELECT branch_id, year, grade, previous_grade, source, organisation_id, recorded_at FROM ledger_history WHERE campaign_id = $1 ORDER BY branch_id`,
      [campaignId],
    );
    expect(history).toHaveLength(2);
    expect(history.find((h: { branch_id: string }) => h.branch_id === branches[0]!.branch_id)).toMatchObject({
      year: 2064,
      grade: 'advanced',
      previous_grade: 'weak_and_lax',
      source: 'naming',
      organisation_id: city.id,
      recorded_at: new Date(at),
    });
    const audit = await ds.query(
      `SELECT subject_id, actor_id, organisation_id, at, opinion FROM audit_log WHERE action = 'ledger.entry.named' AND subject_id = ANY($1) ORDER BY subject_id`,
      [branches.map((b) => b.branch_id)],
    );
    expect(audit).toHaveLength(2);
    for (const a of audit) expect(a).toMatchObject({ actor_id: member.id, organisation_id: city.id, at: new Date(at), opinion: expect.stringContaining('调整为先进（过硬）') });
    expect(audit.find((a: { subject_id: string }) => a.subject_id === branches[0]!.branch_id).opinion).toContain('由软弱涣散');
    expect(await ds.query(`SELECT DISTINCT campaign_status FROM nominations WHERE id = ANY($1)`, [ids])).toEqual([{ campaign_status: 'named' }]);
  });
});
