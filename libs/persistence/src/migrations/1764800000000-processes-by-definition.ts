import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns belong to any process the registry holds (libs/processes): no
 * constraint names one. Tai'an's process takes its place's name, as every
 * process does.
 */
export class ProcessesByDefinition1764800000000 implements MigrationInterface {
  name = 'ProcessesByDefinition1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns DROP CONSTRAINT IF EXISTS campaigns_process_check`);
    await q.query(`UPDATE campaigns SET process = 'taian' WHERE process = 'red_flag'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE campaigns SET process = 'red_flag' WHERE process = 'taian'`);
    await q.query(`ALTER TABLE campaigns ADD CONSTRAINT campaigns_process_check CHECK (process IN ('red_flag'))`);
  }
}
