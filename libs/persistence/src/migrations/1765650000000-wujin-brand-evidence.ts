import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A Wujin brand keeps the attachments its filing named (pictures, scans of its filing task), so its readers can open them. */
export class WujinBrandEvidence1765650000000 implements MigrationInterface {
  name = 'WujinBrandEvidence1765650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE wujin_brands ADD COLUMN evidence_attachments jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(evidence_attachments) = 'array')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE wujin_brands DROP COLUMN evidence_attachments`);
  }
}
