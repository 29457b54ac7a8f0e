import { type DemoOrg, hefeiDemoTree, hefeiDemoUsers, hefeiSimulatedTree } from '../../../libs/persistence/src';
import { aGradeCap, privateSocialFlags } from '../../../libs/processes/src/hefei';

const all = (o: DemoOrg): DemoOrg[] => [o, ...(o.children ?? []).flatMap(all)];

describe("Hefei's simulated bureau", () => {
  it('has N branches in committees of about twenty, so each committee may give A grades, with unique codes and users', () => {
    for (const size of [1, 7, 45, 300, 1000]) {
      const tree = hefeiSimulatedTree(size);
      const orgs = all(tree);
      const committees = orgs.filter((o) => o.level === 'grassroots_committee');
      expect(orgs.filter((o) => o.level === 'branch')).toHaveLength(size);
      expect(orgs.filter((o) => o.level === 'political_department')).toHaveLength(1);
      expect(new Set(orgs.map((o) => o.code)).size).toBe(orgs.length);
      const users = hefeiDemoUsers(tree);
      expect(new Set(users.map((u) => u.username)).size).toBe(users.length);
      if (size >= 45) for (const c of committees) expect(aGradeCap(c.children!.length)).toBeGreaterThanOrEqual(2);
    }
    expect(all(hefeiSimulatedTree(300)).filter((o) => o.level === 'grassroots_committee')).toHaveLength(15);
  });

  it('gives every legal-sector committee a member-less branch for cleanup and two for focused help', () => {
    const branches = all(hefeiSimulatedTree(300)).filter((o) => o.level === 'branch');
    const flags = branches.map((b) => privateSocialFlags({ domain: b.domain!, memberCount: b.memberCount ?? null }, 3));
    const legalCommittees = all(hefeiSimulatedTree(300)).filter((o) => o.level === 'grassroots_committee' && o.name.includes('律师行业'));
    expect(legalCommittees.length).toBeGreaterThanOrEqual(3);
    expect(flags.filter((f) => f.cleanup)).toHaveLength(legalCommittees.length);
    expect(flags.filter((f) => f.focusedHelp)).toHaveLength(2 * legalCommittees.length);
    expect(new Set(branches.map((b) => b.domain))).toEqual(new Set(['government_institution', 'social_organization', 'private_enterprise']));
    // Same input, same tree.
    expect(hefeiSimulatedTree(300)).toEqual(hefeiSimulatedTree(300));
  });

  it("keeps the demo's figures: forty branches, two under three members, one with none", () => {
    const branches = all(hefeiDemoTree()).filter((o) => o.level === 'branch');
    expect(branches).toHaveLength(40);
    const flags = branches.map((b) => privateSocialFlags({ domain: b.domain!, memberCount: b.memberCount ?? null }, 3));
    expect(flags.filter((f) => f.focusedHelp)).toHaveLength(2);
    expect(flags.filter((f) => f.cleanup)).toHaveLength(1);
  });
});
