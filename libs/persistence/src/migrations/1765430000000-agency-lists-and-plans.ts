import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CONSULTATION_RULES_2017, DOCUMENT_LIST_YEAR } from '../../../domain/src';

/**
 * Tai'an, faithful to the document (issue 18): the agencies consulted are a
 * list per year an administrator keeps (the document's 2017 list seeded as
 * history; a campaign keeps the list it started with); branches of financial
 * institutions are a domain of their own ("对金融机构、企业党支部…"); a
 * city-managed committee says whether it is a county's (县市区党委), which
 * cultivate at least 50 branches a year ("各县市区党委每年至少培树50个").
 */
export class AgencyListsAndPlans1765430000000 implements MigrationInterface {
  name = 'AgencyListsAndPlans1765430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_domain_check`);
    await q.query(
      `ALTER TABLE organisations ADD CONSTRAINT organisations_domain_check CHECK (domain IN ('rural','urban_community','government_institution','state_enterprise','private_enterprise','social_organization','other','financial_institution'))`,
    );
    await q.query(`ALTER TABLE organisations ADD COLUMN county boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE organisations ADD CONSTRAINT organisations_county_level CHECK (NOT county OR level = 'city_managed_committee')`);
    await q.query(`
      CREATE TABLE consultation_agency_lists (
        year int PRIMARY KEY CHECK (year BETWEEN 1949 AND 2200),
        rules jsonb NOT NULL,
        note text NOT NULL DEFAULT '',
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO consultation_agency_lists (year, rules, note) VALUES ($1, $2, $3)`, [
      DOCUMENT_LIST_YEAR,
      JSON.stringify(CONSULTATION_RULES_2017),
      '《全市过硬党支部建设工作推进方案》（泰安市委组织部，2017年5月27日）原文所列单位',
    ]);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON consultation_agency_lists TO pennant_app`);
    // The list a campaign runs with, fixed when it starts (NULL: started before lists were data, with the document's).
    await q.query(`ALTER TABLE campaigns ADD COLUMN consultation_rules jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns DROP COLUMN consultation_rules`);
    await q.query(`DROP TABLE IF EXISTS consultation_agency_lists`);
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_county_level`);
    await q.query(`ALTER TABLE organisations DROP COLUMN county`);
    await q.query(`ALTER TABLE organisations DROP CONSTRAINT organisations_domain_check`);
    await q.query(
      `ALTER TABLE organisations ADD CONSTRAINT organisations_domain_check CHECK (domain IN ('rural','urban_community','government_institution','state_enterprise','private_enterprise','social_organization','other'))`,
    );
  }
}
