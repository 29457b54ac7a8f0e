import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the API needs to offer each caller the actions open to them on a human
 * task without asking its workflow: the task's decision rules (outcomes,
 * opinions required, return targets, submitter, group policy) and whether
 * anyone has acted yet (withdrawal is allowed only before).
 */
export class TaskRules1764950000000 implements MigrationInterface {
  name = 'TaskRules1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks ADD COLUMN rules jsonb, ADD COLUMN acted boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks DROP COLUMN rules, DROP COLUMN acted`);
  }
}
