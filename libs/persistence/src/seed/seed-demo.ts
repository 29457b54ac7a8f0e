import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { childPath } from '../../../domain/src';
import { OrganisationEntity, RoleAssignmentEntity, UserEntity } from '../entities';
import { hashPassword } from '../passwords';
import { DEMO_PASSWORD, type DemoOrg, type DemoUser, demoTree, demoUsers } from './demo-tree';

export interface SeedResult {
  seeded: boolean;
  organisations: number;
  users: number;
}

/** Writes the demo tree and users in one transaction, only into an empty database. */
export function seedDemo(ds: DataSource): Promise<SeedResult> {
  return seedTree(ds, demoTree(), demoUsers);
}

/** Writes an organisation tree and the users `usersOf` gives it (all with the demo password), only into an empty database. */
export async function seedTree(ds: DataSource, tree: DemoOrg, usersOf: (tree: DemoOrg) => DemoUser[]): Promise<SeedResult> {
  return ds.transaction(async (em) => {
    // Serialises concurrent seeders; the second finds the data and leaves it.
    await em.query(`LOCK TABLE organisations IN EXCLUSIVE MODE`);
    const existing = await em.count(OrganisationEntity);
    if (existing > 0) return { seeded: false, organisations: existing, users: await em.count(UserEntity) };

    const orgs: OrganisationEntity[] = [];
    const byCode = new Map<string, OrganisationEntity>();
    const walk = (node: DemoOrg, parent: OrganisationEntity | null): void => {
      const id = randomUUID();
      const org = em.create(OrganisationEntity, {
        id,
        code: node.code,
        name: node.name,
        level: node.level,
        domain: node.domain ?? null,
        agencyKind: node.agencyKind ?? null,
        parentId: parent?.id ?? null,
        path: childPath(parent?.path ?? null, id),
      });
      orgs.push(org);
      byCode.set(node.code, org);
      node.children?.forEach((c) => walk(c, org));
    };
    walk(tree, null);
    await em.insert(OrganisationEntity, orgs);

    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const people = usersOf(tree);
    const users = people.map((p) => em.create(UserEntity, { id: randomUUID(), username: p.username, displayName: p.displayName, passwordHash, active: true }));
    await em.insert(UserEntity, users);
    await em.insert(
      RoleAssignmentEntity,
      people.map((p, i) => ({ id: randomUUID(), userId: users[i]!.id, organisationId: byCode.get(p.orgCode)!.id, role: p.role })),
    );
    return { seeded: true, organisations: orgs.length, users: users.length };
  });
}
