import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
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

    await seedLedger(em, orgs);
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

const LADDER = ['weak_and_lax', 'lagging', 'average', 'advanced'] as const;
const GRADE_LABELS = { advanced: '先进', average: '中间', lagging: '后进', weak_and_lax: '软弱涣散' } as const;

/**
 * A ledger entry for every branch: under each committee at most one in ten is
 * advanced (so no level exceeds the 10% cap), a few lag, and in a group of ten
 * one is weak and lax; the goals climb a grade over three years.
 */
async function seedLedger(em: EntityManager, orgs: OrganisationEntity[]): Promise<void> {
  const byParent = new Map<string, OrganisationEntity[]>();
  for (const o of orgs.filter((x) => x.level === 'branch')) byParent.set(o.parentId!, [...(byParent.get(o.parentId!) ?? []), o]);
  const year = new Date().getFullYear();
  for (const group of byParent.values()) {
    const advanced = Math.floor(group.length / 10);
    for (const [i, b] of group.entries()) {
      const grade: (typeof LADDER)[number] = i < advanced ? 'advanced' : group.length >= 10 && i === group.length - 1 ? 'weak_and_lax' : i % 5 === 4 ? 'lagging' : 'average';
      await em.query(
        `INSERT INTO ledger_entries (branch_id, grade, goals, problems, measures, evaluation, contact, contact_title, phone) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [
          b.id,
          grade,
          // One grade up a year, until advanced.
          JSON.stringify([1, 2, 3].map((k) => ({ year: year + k - 1, grade: GRADE_LABELS[LADDER[Math.min(LADDER.indexOf(grade) + k, 3)]!] }))),
          grade === 'advanced' ? '特色品牌尚需提炼' : grade === 'weak_and_lax' ? '班子不健全，组织生活不经常' : '阵地建设和制度落实有差距',
          grade === 'weak_and_lax' ? '选优配强书记，上级党委包保整顿' : '规范“三会一课”，结对共建提升',
          grade === 'advanced' ? '优秀' : grade === 'weak_and_lax' ? '较差' : '良好',
          '包保联系人',
          '组织委员',
          '0538-0000000',
        ],
      );
    }
  }
}
