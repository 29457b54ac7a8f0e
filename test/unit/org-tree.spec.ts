import { ancestorIds, childPath, isCommittee, isDepartment, isWithinSubtree, nearestOfLevel, reviewingCommittee, scopePathOf } from '../../libs/domain/src';
import type { OrgLevel } from '../../libs/domain/src';

const node = (level: OrgLevel, name: string = level) => ({ level, name });

describe('organisation tree rules', () => {
  it('builds materialised paths and reads ancestors back from them', () => {
    const city = childPath(null, 'c');
    const branch = childPath(childPath(city, 'g'), 'b');
    expect(branch).toBe('/c/g/b/');
    expect(ancestorIds(branch)).toEqual(['c', 'g', 'b']);
  });

  it('scopes by prefix, so a sibling whose id starts the same is outside', () => {
    expect(isWithinSubtree({ path: '/c/g1/b/' }, '/c/g1/')).toBe(true);
    expect(isWithinSubtree({ path: '/c/g10/b/' }, '/c/g1/')).toBe(false);
  });

  it('lets the organisation department act for the whole city, everyone else for their own subtree', () => {
    expect(scopePathOf({ level: 'org_department', path: '/city/dept/' })).toBe('/city/');
    expect(scopePathOf({ level: 'grassroots_committee', path: '/city/cm/g/' })).toBe('/city/cm/g/');
  });

  it("lets a bureau's political department act for its bureau committee's subtree, like the organisation department for the city", () => {
    expect(scopePathOf({ level: 'political_department', path: '/bureau/zzb/' })).toBe('/bureau/');
    expect(isDepartment('political_department')).toBe(true);
    expect(isDepartment('org_department')).toBe(true);
    expect(isDepartment('grassroots_committee')).toBe(false);
    expect(isCommittee('political_department')).toBe(false);
  });

  it('routes a branch to its grassroots committee, or to the city-managed committee it hangs under directly', () => {
    const deep = [node('city_committee'), node('city_managed_committee'), node('grassroots_committee'), node('branch')];
    expect(reviewingCommittee(deep)?.level).toBe('grassroots_committee');
    const shallow = [node('city_committee'), node('city_managed_committee'), node('branch')];
    expect(reviewingCommittee(shallow)?.level).toBe('city_managed_committee');
    expect(reviewingCommittee([node('branch')])).toBeUndefined();
  });

  it('finds the nearest ancestor of a level', () => {
    const chain = [node('city_committee', 'a'), node('city_managed_committee', 'b'), node('branch', 'c')];
    expect(nearestOfLevel(chain, 'city_managed_committee')?.name).toBe('b');
    expect(nearestOfLevel(chain, 'grassroots_committee')).toBeUndefined();
  });
});
