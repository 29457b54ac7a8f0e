import { randomUUID } from 'node:crypto';
import { type TestDatabase, createTestDatabase } from '../support/database';

/** An attachment belongs to exactly one owner, a nomination or a task: the database refuses neither and both. */
describe('attachment ownership in PostgreSQL', () => {
  let db: TestDatabase;
  let userId: string;
  let taskId: string;
  let nominationId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    [{ id: userId }] = await db.dataSource.query(`SELECT id FROM users LIMIT 1`);
    const [org] = await db.dataSource.query(`SELECT id, path FROM organisations WHERE level = 'branch' LIMIT 1`);
    taskId = randomUUID();
    await db.dataSource.query(
      `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status) VALUES ($1, 'w', 'wujin_brand', '品牌', 'branch', $2, $2, $3, 'submitter', 'open')`,
      [taskId, org.id, org.path],
    );
    nominationId = randomUUID();
    await db.dataSource.query(
      `INSERT INTO nominations (id, campaign_year, branch_id, branch_name, branch_path, secretary_name, secretary_phone, basic_situation, main_deeds, status, workflow_id, submitted_by)
       VALUES ($1, 2031, $2, '支部', $3, '张三', '13800000000', '党员30名', '事迹', 'under_review', $4, $5)`,
      [nominationId, org.id, org.path, `nomination-${nominationId}`, userId],
    );
  });
  afterAll(async () => {
    await db?.drop();
  });

  const insert = (owners: { nominationId: string | null; taskId: string | null }) =>
    db.dataSource.query(
      `INSERT INTO attachments (id, nomination_id, task_id, filename, kind, content_type, size_bytes, sha256, storage, data, uploaded_by)
       VALUES ($1, $2, $3, '照片.png', 'png', 'image/png', 3, 'x', 'database', '\\x010203', $4)`,
      [randomUUID(), owners.nominationId, owners.taskId, userId],
    );

  it('takes an attachment of a task', async () => {
    await expect(insert({ nominationId: null, taskId })).resolves.toBeDefined();
  });

  it('refuses one with no owner, and one with two', async () => {
    await expect(insert({ nominationId: null, taskId: null })).rejects.toThrow(/attachments_one_owner/);
    await expect(insert({ nominationId, taskId })).rejects.toThrow(/attachments_one_owner/);
    await expect(insert({ nominationId, taskId: null })).resolves.toBeDefined();
  });
});
