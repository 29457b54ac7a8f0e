import { createRoutingActivities } from '../../activities/routing.activities';
import { type TestDatabase, createTestDatabase } from '../support/database';
import { orgByCode } from '../support/fixtures';

/** humanTask routing by the tree, resolved against the seeded demo tree. */
describe('humanTask routing by the organisation tree', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });
  const resolve = (route: Parameters<ReturnType<typeof createRoutingActivities>['resolveAssignees']>[0]['route']) =>
    createRoutingActivities(db.dataSource).resolveAssignees({ route });

  it('humanTask: "the grassroots committee above this branch"', async () => {
    const branch = await orgByCode(db.dataSource, 'tsq-cyjd-b01');
    const committee = await orgByCode(db.dataSource, 'tsq-cyjd');
    await expect(resolve({ to: 'committee_above', of: branch.id, role: 'reviewer' })).resolves.toEqual([{ organisationId: committee.id, role: 'reviewer' }]);
    // From a grassroots committee, the next committee up is its city-managed committee.
    const district = await orgByCode(db.dataSource, 'tsq');
    await expect(resolve({ to: 'committee_above', of: committee.id, role: 'reviewer' })).resolves.toEqual([{ organisationId: district.id, role: 'reviewer' }]);
  });

  it('humanTask: "each city-managed committee" of the city', async () => {
    const city = await orgByCode(db.dataSource, 'taian');
    const found = await resolve({ to: 'each_of_level', level: 'city_managed_committee', within: city.id, role: 'reviewer' });
    expect(found).toHaveLength(3);
  });

  it('humanTask: "every agency on this candidate\'s list", by the branch\'s domain', async () => {
    const district = await orgByCode(db.dataSource, 'tsq');
    expect(await resolve({ to: 'agencies_for', domain: 'rural', at: district.id })).toHaveLength(9);
    expect(await resolve({ to: 'agencies_for', domain: 'private_enterprise', at: district.id })).toHaveLength(17);
    expect(await resolve({ to: 'agencies_for', domain: 'social_organization', at: district.id })).toHaveLength(10);
  });

  it('humanTask: an unresolvable route is refused by name, not retried', async () => {
    const branch = await orgByCode(db.dataSource, 'tsq-cyjd-b01');
    await expect(resolve({ to: 'agencies_for', domain: 'rural', at: branch.id })).rejects.toMatchObject({ type: 'ROUTE_UNRESOLVABLE', nonRetryable: true });
    await expect(resolve({ to: 'organisation', organisationId: '00000000-0000-4000-8000-000000000000', role: 'reviewer' })).rejects.toMatchObject({ type: 'ROUTE_UNRESOLVABLE' });
  });
});
