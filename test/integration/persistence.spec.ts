import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities';
import { demoTree, demoUsers, runMigrations, seedDemo } from '../../libs/persistence/src';
import { type TestDatabase, createTestDatabase } from '../support/database';
import { nominationInput } from '../support/fixtures';

describe('persistence on a real PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('has every migration applied, and running them again applies nothing', async () => {
    expect(await runMigrations(db.url)).toEqual([]);
    const tables = await db.dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
    expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(
      expect.arrayContaining(['organisations', 'users', 'role_assignments', 'nominations', 'nomination_steps', 'tasks']),
    );
  });

  it('seeds the demo tree as the issue describes it, and only once', async () => {
    const count = async (sql: string) => Number((await db.dataSource.query(sql))[0].n);
    expect(await count(`SELECT count(*) n FROM organisations WHERE level = 'city_committee'`)).toBe(1);
    expect(await count(`SELECT count(*) n FROM organisations WHERE level = 'org_department'`)).toBe(1);
    expect(await count(`SELECT count(*) n FROM organisations WHERE level = 'city_managed_committee'`)).toBe(3);
    expect(await count(`SELECT count(*) n FROM organisations WHERE level = 'grassroots_committee'`)).toBe(6);
    expect(await count(`SELECT count(*) n FROM organisations WHERE level = 'branch'`)).toBe(60);
    expect(await count(`SELECT count(DISTINCT domain) n FROM organisations WHERE level = 'branch'`)).toBe(7);
    expect(await count(`SELECT count(DISTINCT role) n FROM role_assignments`)).toBe(6);
    expect(await count(`SELECT count(*) n FROM users`)).toBe(demoUsers(demoTree()).length);
    // Every child's path extends its parent's.
    expect(await count(`SELECT count(*) n FROM organisations c JOIN organisations p ON p.id = c.parent_id WHERE c.path <> p.path || c.id || '/'`)).toBe(0);

    const again = await seedDemo(db.dataSource);
    expect(again.seeded).toBe(false);
    expect(await count(`SELECT count(*) n FROM organisations`)).toBe(again.organisations);
  });

  it('enforces the organisation levels and domains in the schema', async () => {
    await expect(
      db.dataSource.query(`INSERT INTO organisations (id, code, name, level, path) VALUES ($1, 'x', 'x', 'planet', '/x/')`, [randomUUID()]),
    ).rejects.toThrow(/check constraint/);
    await expect(
      db.dataSource.query(`INSERT INTO organisations (id, code, name, level, path) VALUES ($1, 'y', 'y', 'branch', '/y/')`, [randomUUID()]),
    ).rejects.toThrow(/check constraint/);
  });

  it('makes the nomination activities idempotent: a retry after a crash writes nothing twice', async () => {
    const acts = createActivities(db.dataSource);
    const input = await nominationInput(db.dataSource, 'tsq-cyjd-b05', randomUUID(), 2061);
    await acts.registerNomination(input);
    await acts.registerNomination(input);
    const task = {
      id: randomUUID(),
      workflowId: `nomination-${input.nominationId}`,
      kind: 'nomination_review' as const,
      title: 't',
      subjectType: 'nomination' as const,
      subjectId: input.nominationId,
      organisationId: input.reviewingCommittee.id,
      role: 'reviewer' as const,
      dueAt: null,
    };
    await acts.openTask(task);
    await acts.openTask(task);
    const reviewer = { userId: input.submittedBy.userId, displayName: 'r', role: 'reviewer' as const, organisationId: input.reviewingCommittee.id };
    const decision = { nominationId: input.nominationId, task, request: { taskId: task.id, decision: 'approve' as const, opinion: '同意', actor: reviewer }, organisationName: 'g' };
    await acts.recordReviewDecision(decision);
    await acts.recordReviewDecision(decision);

    const steps = await db.dataSource.query(`SELECT action FROM nomination_steps WHERE nomination_id = $1 ORDER BY created_at`, [input.nominationId]);
    expect(steps.map((s: { action: string }) => s.action)).toEqual(['submitted', 'approve']);
    const tasks = await db.dataSource.query(`SELECT status FROM tasks WHERE subject_id = $1`, [input.nominationId]);
    expect(tasks).toEqual([{ status: 'completed' }]);
  });

  it('refuses a second live nomination for a branch and year, as a named rule', async () => {
    const acts = createActivities(db.dataSource);
    await acts.registerNomination(await nominationInput(db.dataSource, 'tsq-cyjd-b06', randomUUID(), 2062));
    await expect(acts.registerNomination(await nominationInput(db.dataSource, 'tsq-cyjd-b06', randomUUID(), 2062))).rejects.toMatchObject({
      type: 'DuplicateNomination',
      nonRetryable: true,
    });
  });
});
