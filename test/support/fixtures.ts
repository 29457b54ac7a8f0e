import type { DataSource } from 'typeorm';
import type { Actor, NominationForm, NominationReviewInput, OrgRef } from '../../libs/contracts/src';
import { type Role, nearestOfLevel, reviewingCommittee } from '../../libs/domain/src';
import { OrganisationEntity, RoleAssignmentEntity, UserEntity } from '../../libs/persistence/src';

export const sampleForm = (overrides: Partial<NominationForm> = {}): NominationForm => ({
  secretaryName: '张三',
  secretaryPhone: '13800000000',
  basicSituation: '支部现有党员32名，班子健全。',
  honours: [{ title: '山东省先进基层党组织', level: 'provincial', year: 2024 }],
  mainDeeds: '带领群众发展特色产业，集体收入三年翻番。',
  ...overrides,
});

export async function orgByCode(ds: DataSource, code: string): Promise<OrganisationEntity> {
  return ds.getRepository(OrganisationEntity).findOneByOrFail({ code });
}

/** The demo user holding `role` at the organisation with `code`, as an Actor. */
export async function actorAt(ds: DataSource, username: string, role: Role): Promise<Actor> {
  const user = await ds.getRepository(UserEntity).findOneByOrFail({ username });
  const grant = await ds.getRepository(RoleAssignmentEntity).findOneByOrFail({ userId: user.id, role });
  return { userId: user.id, displayName: user.displayName, role, organisationId: grant.organisationId };
}

const ref = (o: OrganisationEntity): OrgRef => ({ id: o.id, name: o.name, level: o.level });

/** A workflow input for a demo branch's nomination, routed as the API routes it. */
export async function nominationInput(ds: DataSource, branchCode: string, nominationId: string, campaignYear = 2026): Promise<NominationReviewInput> {
  const branch = await orgByCode(ds, branchCode);
  const all = await ds.getRepository(OrganisationEntity).find();
  const ancestry = branch.path.split('/').filter(Boolean).map((id) => all.find((o) => o.id === id)!);
  const g = nearestOfLevel(ancestry, 'grassroots_committee');
  const c = nearestOfLevel(ancestry, 'city_managed_committee');
  return {
    nominationId,
    campaignYear,
    branch: { ...ref(branch), domain: branch.domain },
    grassrootsCommittee: g ? ref(g) : null,
    cityManagedCommittee: c ? ref(c) : null,
    reviewingCommittee: ref(reviewingCommittee(ancestry)!),
    form: sampleForm(),
    submittedBy: await actorAt(ds, `${branchCode}.secretary`, 'submitter'),
    submittedAt: '2026-03-01T02:00:00.000Z',
  };
}

/**
 * Tests that start "now" may run into next year, which the holiday library may
 * not cover yet; give such a year plain weekdays, labelled as a test fixture.
 */
export async function ensureCalendarYear(ds: DataSource, year: number): Promise<void> {
  await ds.query(`INSERT INTO calendar_years (year, source, note) VALUES ($1, 'test fixture', '仅供测试：按普通工作日计算') ON CONFLICT (year) DO NOTHING`, [year]);
}
