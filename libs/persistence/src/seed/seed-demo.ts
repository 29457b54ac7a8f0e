import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { type BranchDomain, type BranchGrade, COMMITTEE_LEVELS, type LedgerGoal, advancedCapOf, ancestorIds, childPath, mulberry32 } from '../../../domain/src';
import { OrganisationEntity, RoleAssignmentEntity, UserEntity } from '../entities';
import { advancedCounts } from '../subtree-grades';
import { hashPassword } from '../passwords';
import { DEMO_PASSWORD, type DemoOrg, type DemoUser, demoTree, demoUsers } from './demo-tree';
import { hefeiDemoTree, hefeiDemoUsers } from './hefei/tree';
import { liangshanDemoTree, liangshanDemoUsers } from './liangshan/tree';
import { wujinDemoTree, wujinDemoUsers } from './wujin/tree';
import { ziboDemoTree, ziboDemoUsers } from './zibo/tree';

export interface SeedResult {
  seeded: boolean;
  organisations: number;
  users: number;
}

/**
 * Writes the demo: Tai'an's city (with its ledger, 附件1) into an empty
 * database, and Hefei's justice bureau and Wujin's district as roots of their
 * own wherever they are not yet (so a database seeded before they existed gets
 * them too), in one transaction.
 */
export function seedDemo(ds: DataSource): Promise<SeedResult> {
  return ds.transaction(async (em) => {
    const taian = await seedTreeIn(em, demoTree(), demoUsers);
    const hefei = await addTreeIn(em, hefeiDemoTree(), hefeiDemoUsers);
    const wujin = await addTreeIn(em, wujinDemoTree(), wujinDemoUsers);
    const zibo = await addTreeIn(em, ziboDemoTree(), ziboDemoUsers);
    const liangshan = await addTreeIn(em, liangshanDemoTree(), liangshanDemoUsers);
    return { seeded: taian.seeded || hefei.seeded || wujin.seeded || zibo.seeded || liangshan.seeded, organisations: await em.count(OrganisationEntity), users: await em.count(UserEntity) };
  });
}

/** Writes an organisation tree and the users `usersOf` gives it (all with the demo password), with Tai'an's ledger, only into an empty database. */
export function seedTree(ds: DataSource, tree: DemoOrg, usersOf: (tree: DemoOrg) => DemoUser[]): Promise<SeedResult> {
  return ds.transaction((em) => seedTreeIn(em, tree, usersOf));
}

/**
 * Adds a tree of its own (a second root: Hefei's bureau) and its users, unless
 * its root's code is there already; no ledger (附件1 is Tai'an's). Into an empty
 * database too, as the simulation seeds it.
 */
export function addTree(ds: DataSource, tree: DemoOrg, usersOf: (tree: DemoOrg) => DemoUser[]): Promise<SeedResult> {
  return ds.transaction((em) => addTreeIn(em, tree, usersOf));
}

async function seedTreeIn(em: EntityManager, tree: DemoOrg, usersOf: (tree: DemoOrg) => DemoUser[]): Promise<SeedResult> {
  // Serialises concurrent seeders; the second finds the data and leaves it.
  await em.query(`LOCK TABLE organisations IN EXCLUSIVE MODE`);
  const existing = await em.count(OrganisationEntity);
  if (existing > 0) {
    // A database seeded before the ledger existed gets one now, for this tree's branches; a kept ledger is left as it is.
    const [{ kept }] = await em.query(`SELECT EXISTS (SELECT 1 FROM ledger_entries) AS kept`);
    if (!kept) {
      const branches: Array<{ id: string }> = await em.query(
        `SELECT b.id FROM organisations b JOIN organisations r ON r.code = $1 WHERE b.level = 'branch' AND b.path LIKE r.path || '%'`,
        [tree.code],
      );
      await seedLedgerFor(em, branches.map((r) => r.id));
    }
    return { seeded: false, organisations: existing, users: await em.count(UserEntity) };
  }
  const orgs = await insertTree(em, tree, usersOf);
  await seedLedgerFor(em, orgs.filter((o) => o.level === 'branch').map((o) => o.id));
  return { seeded: true, organisations: orgs.length, users: await em.count(UserEntity) };
}

async function addTreeIn(em: EntityManager, tree: DemoOrg, usersOf: (tree: DemoOrg) => DemoUser[]): Promise<SeedResult> {
  await em.query(`LOCK TABLE organisations IN EXCLUSIVE MODE`);
  const present = await em.count(OrganisationEntity, { where: { code: tree.code } });
  const orgs = present ? [] : await insertTree(em, tree, usersOf);
  return { seeded: orgs.length > 0, organisations: await em.count(OrganisationEntity), users: await em.count(UserEntity) };
}

/** Inserts the tree's organisations, its users and their roles; returns the organisations. */
async function insertTree(em: EntityManager, tree: DemoOrg, usersOf: (tree: DemoOrg) => DemoUser[]): Promise<OrganisationEntity[]> {
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
      county: node.county ?? false,
      memberCount: node.memberCount ?? null,
      termEndsOn: node.termEndsOn ?? null,
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
  return orgs;
}

/** Something that runs SQL: a DataSource, or an EntityManager inside a transaction. */
type Queryable = Pick<EntityManager, 'query'>;

export interface SeedLedgerOptions {
  /** Draws in [0, 1); the same generator gives the same ledger. Default: a fixed seed. */
  rng?: () => number;
  /** The first year of the three-year goals. Default: this year. */
  year?: number;
}

/**
 * A ledger entry (附件1) for each of the given branches that has none yet.
 * Under each parent about one in ten is advanced, one in ten weak and lax, one
 * in five lagging, the rest average; an advanced grade is only given where
 * every committee above still has room under the 10% cap, counting the entries
 * already kept, so no level goes over it. Idempotent (ON CONFLICT DO NOTHING);
 * runs in the given transaction, or its own. Returns how many entries it wrote.
 */
export async function seedLedgerFor(db: DataSource | EntityManager, branchIds: readonly string[], options: SeedLedgerOptions = {}): Promise<number> {
  if (!(db instanceof DataSource) && db.queryRunner?.isTransactionActive) return seedLedgerIn(db, branchIds, options);
  return db.transaction((em) => seedLedgerIn(em, branchIds, options));
}

interface SeedBranch {
  id: string;
  domain: BranchDomain | null;
  parent_id: string;
  path: string;
}

async function seedLedgerIn(em: Queryable, branchIds: readonly string[], options: SeedLedgerOptions): Promise<number> {
  const rng = options.rng ?? mulberry32(20170527);
  const year = options.year ?? new Date().getFullYear();
  const branches: SeedBranch[] = await em.query(
    `SELECT o.id, o.domain, o.parent_id, o.path FROM organisations o
      WHERE o.id = ANY($1) AND o.level = 'branch' AND NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.branch_id = o.id)
      ORDER BY o.code, o.id`,
    [[...new Set(branchIds)]],
  );
  if (branches.length === 0) return 0;

  // The committees above, locked in tree order as the API locks them, so a reviewer's upgrade waits for the seed.
  const above = [...new Set(branches.flatMap((b) => ancestorIds(b.path).slice(0, -1)))];
  const committees: Array<{ id: string }> = await em.query(
    `SELECT id FROM organisations WHERE id = ANY($1) AND level = ANY($2) ORDER BY path FOR NO KEY UPDATE`,
    [above, COMMITTEE_LEVELS],
  );
  const counts = await advancedCounts(em, committees.map((c) => c.id));
  const roomFor = (b: SeedBranch) => ancestorIds(b.path).every((id) => {
    const c = counts.get(id);
    return !c || c.advanced + 1 <= advancedCapOf(c.governed);
  });

  const byParent = new Map<string, SeedBranch[]>();
  for (const b of branches) byParent.set(b.parent_id, [...(byParent.get(b.parent_id) ?? []), b]);
  const rows: Array<Record<string, unknown>> = [];
  for (const group of byParent.values()) {
    const grades = spreadGrades(group.length);
    let cultivating = false;
    shuffle(group, rng).forEach((b, i) => {
      let grade = grades[i]!;
      if (grade === 'advanced' && !roomFor(b)) grade = 'average';
      if (grade === 'advanced') for (const id of ancestorIds(b.path)) if (counts.has(id)) counts.get(id)!.advanced++;
      // The first average branch of a group is the one cultivated towards advanced soonest (率先培树).
      const cultivated = grade === 'average' && !cultivating;
      if (cultivated) cultivating = true;
      rows.push({ branch_id: b.id, ...ledgerText(grade, b.domain, year, cultivated, rng) });
    });
  }
  const written: unknown[] = await em.query(
    `INSERT INTO ledger_entries (branch_id, grade, goals, problems, measures, evaluation, contact, contact_title, phone)
     SELECT branch_id, grade, goals, problems, measures, evaluation, contact, contact_title, phone
       FROM jsonb_to_recordset($1::jsonb) AS r(branch_id uuid, grade text, goals jsonb, problems text, measures text, evaluation text, contact text, contact_title text, phone text)
     ON CONFLICT (branch_id) DO NOTHING
     RETURNING branch_id`,
    [JSON.stringify(rows)],
  );
  // Each entry's history starts with its initial grading.
  await em.query(
    `INSERT INTO ledger_history (id, branch_id, year, grade, evaluation, source, actor_name, recorded_at, change_key)
     SELECT gen_random_uuid(), l.branch_id, $2, l.grade, l.evaluation, 'initial', 'system', l.updated_at, 'initial:' || l.branch_id
       FROM ledger_entries l WHERE l.branch_id = ANY($1)
     ON CONFLICT (change_key) DO NOTHING`,
    [(written as Array<{ branch_id: string }>).map((r) => r.branch_id), year],
  );
  return written.length;
}

/** A group's grades before shuffling: one in ten advanced, one in ten weak and lax, one in five lagging. */
function spreadGrades(n: number): BranchGrade[] {
  const advanced = advancedCapOf(n);
  const weak = Math.floor(n / 10);
  const lagging = Math.round(n / 5);
  return Array.from({ length: n }, (_, i) => (i < advanced ? 'advanced' : i < advanced + weak ? 'weak_and_lax' : i < advanced + weak + lagging ? 'lagging' : 'average'));
}

const PROBLEMS: Record<BranchGrade, string[]> = {
  advanced: ['党建品牌特色还需进一步提炼', '示范带动作用发挥不够充分', '党员教育管理信息化手段运用不够', '对青年党员的培养锻炼还需加强'],
  average: ['“三会一课”记录不够规范，质量有待提高', '党员活动阵地功能不够完善', '发展党员后继乏人，党员队伍结构需优化', '党员先锋模范作用发挥不够明显', '组织生活形式较为单一，吸引力不强'],
  lagging: ['支部班子凝聚力不强，工作推进缓慢', '党员年龄偏大，流动党员管理不到位', '组织生活不经常、不认真', '服务群众能力不足，群众满意度不高'],
  weak_and_lax: ['支部书记长期缺位，班子不健全', '组织生活长期不能正常开展', '党员意识淡薄，纪律松弛', '矛盾问题集中，群众意见较大'],
};

const DOMAIN_PROBLEMS: Partial<Record<BranchDomain, string>> = {
  rural: '村级集体经济收入偏低，带领致富能力不强',
  urban_community: '辖区单位共驻共建机制不够健全',
  state_enterprise: '党建工作与生产经营融合不够紧密',
  private_enterprise: '党组织在企业发展中的作用发挥不明显',
  social_organization: '党的工作覆盖不够，党员流动性大',
};

const MEASURES: Record<BranchGrade, string[]> = {
  advanced: ['总结提炼特色做法，打造党建品牌', '按照“1带5”帮带周边后进支部', '用好“灯塔—党建在线”，线上展示支部建设成果', '选树党员先锋岗，发挥示范引领作用'],
  average: ['严格落实“三会一课”制度，规范台账记录', '对标过硬党支部创建指标，逐项补齐短板', '开展主题党日活动，丰富组织生活内容', '加强党员教育培训，发挥先锋模范作用', '与红旗党支部结对共建，学习先进经验'],
  lagging: ['上级党委班子成员联系包保，定期调度', '调整充实支部班子，选优配强支部书记', '建立问题清单，限期整改销号', '开展党员积分管理，激发党员活力'],
  weak_and_lax: ['列入软弱涣散党组织整顿名单，逐一制定整顿方案', '选派第一书记驻点帮扶', '整顿期间上级党委每月调度一次进展', '整顿结束组织验收，不达标的延长整顿期'],
};

const EVALUATIONS: Record<BranchGrade, string> = { advanced: '优秀', average: '良好', lagging: '一般', weak_and_lax: '较差' };
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '孙', '周', '吴', '徐', '马', '朱', '胡', '郭', '高', '林', '何', '宋', '郑'];
const GIVEN_NAMES = ['建国', '秀英', '志强', '海燕', '立新', '红梅', '永刚', '丽娟', '德明', '晓东', '玉兰', '国庆', '春生', '桂芳', '文涛', '凤霞', '振华', '洪涛'];
const CONTACT_TITLES = ['党委副书记', '组织委员', '宣传委员', '纪委书记', '党委委员', '党建工作办公室主任'];

/** Goals a grade up a year, advanced only for a branch being cultivated; realistic text for the rest. */
function ledgerText(grade: BranchGrade, domain: BranchDomain | null, year: number, cultivated: boolean, rng: () => number) {
  const goalGrades: Record<BranchGrade, BranchGrade[]> = {
    advanced: ['advanced', 'advanced', 'advanced'],
    average: cultivated ? ['average', 'advanced', 'advanced'] : ['average', 'average', 'advanced'],
    lagging: ['average', 'average', 'average'],
    weak_and_lax: ['lagging', 'average', 'average'],
  };
  const goals: LedgerGoal[] = goalGrades[grade].map((g, k) => ({ year: year + k, grade: g }));
  const problems = sample(PROBLEMS[grade], 2, rng);
  const special = domain ? DOMAIN_PROBLEMS[domain] : undefined;
  if (special && grade !== 'advanced') problems.push(special);
  return {
    grade,
    goals,
    problems: numbered(problems),
    measures: numbered(sample(MEASURES[grade], 3, rng)),
    evaluation: EVALUATIONS[grade],
    contact: pick(SURNAMES, rng) + pick(GIVEN_NAMES, rng),
    contact_title: pick(CONTACT_TITLES, rng),
    phone: `0538-${6 + Math.floor(rng() * 3)}${String(Math.floor(rng() * 1_000_000)).padStart(6, '0')}`,
  };
}

/** Like the form's cells: "1、…" on a line each. */
const numbered = (items: readonly string[]) => items.map((t, i) => `${i + 1}、${t}`).join('\n');
const pick = <T>(items: readonly T[], rng: () => number): T => items[Math.floor(rng() * items.length)]!;
const sample = <T>(items: readonly T[], k: number, rng: () => number): T[] => shuffle([...items], rng).slice(0, k);

function shuffle<T>(items: T[], rng: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
