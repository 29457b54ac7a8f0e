import type { AgencyKind, BranchDomain, OrgLevel, Role } from '../../../domain/src';
import { AGENCY_KIND_LABELS, BRANCH_DOMAINS, CURRENT_AGENCY_KINDS } from '../../../domain/src';

/** The demo organisation tree, described as data; `seedDemo` writes it. */
export interface DemoOrg {
  code: string;
  name: string;
  level: OrgLevel;
  domain?: BranchDomain;
  agencyKind?: AgencyKind;
  /** A county's committee (县市区党委), among the city-managed ones. */
  county?: boolean;
  /** Party members of a branch, where the demo knows them. */
  memberCount?: number;
  /** When a branch committee's term ends (换届), where the demo knows it. */
  termEndsOn?: string;
  children?: DemoOrg[];
}

export interface DemoUser {
  username: string;
  displayName: string;
  orgCode: string;
  role: Role;
}

/** The users a tree gets at each level, as [username suffix, title after the organisation's name, role]. */
export type UsersByLevel = Partial<Record<OrgLevel, Array<[suffix: string, title: string, role: Role]>>>;

/** A user for each role each organisation's level calls for, named `<code>.<suffix>` and “<organisation><title>”. */
export const demoUsersByLevel =
  (byLevel: UsersByLevel) =>
  (tree: DemoOrg): DemoUser[] => {
    const users: DemoUser[] = [];
    const walk = (org: DemoOrg): void => {
      for (const [suffix, title, role] of byLevel[org.level] ?? []) users.push({ username: `${org.code}.${suffix}`, displayName: `${org.name}${title}`, orgCode: org.code, role });
      org.children?.forEach(walk);
    };
    walk(tree);
    return users;
  };

const GRASSROOTS: Array<[string, string, string]> = [
  // [city-managed code, grassroots code, grassroots name]
  ['tsq', 'tsq-cyjd', '中共泰安市泰山区财源街道工作委员会'],
  ['tsq', 'tsq-dmjd', '中共泰安市泰山区岱庙街道工作委员会'],
  ['dyq', 'dyq-zdjd', '中共泰安市岱岳区粥店街道工作委员会'],
  ['dyq', 'dyq-mzz', '中共泰安市岱岳区满庄镇委员会'],
  ['szjg', 'szjg-jyj', '中共泰安市教育局机关委员会'],
  ['szjg', 'szjg-gzw', '中共泰安市国资委委员会'],
];

const CITY_MANAGED: Array<[string, string, boolean]> = [
  // [code, name, a county's committee]
  ['tsq', '中共泰安市泰山区委员会', true],
  ['dyq', '中共泰安市岱岳区委员会', true],
  ['szjg', '中共泰安市直属机关工作委员会', false],
];

const BRANCH_NAME_STEMS: Record<BranchDomain, string[]> = {
  rural: ['东关村', '西湖村', '南留村', '北集坡村', '良庄村', '上高村', '旧县村', '夏张村', '化马湾村'],
  urban_community: ['花园社区', '望岳社区', '泮河社区', '温泉路社区', '东岳大街社区', '迎胜社区', '擂鼓石社区', '岱宗社区', '龙潭社区'],
  government_institution: ['教研室', '招生办', '财务科', '信息中心', '督导室', '机关第一', '机关第二', '机关第三', '机关第四'],
  state_enterprise: ['泰山钢铁', '泰安热电', '泰山水务', '泰安公交', '泰山旅游集团', '泰安燃气', '泰安粮储', '泰山建工', '泰安城投'],
  private_enterprise: ['泰山玻纤', '岱银纺织', '泰开电气', '瑞泰纤维', '泰山石膏', '鲁普耐特', '泰和科技', '岳首物流', '泰阳纺织'],
  social_organization: ['泰安市慈善总会', '泰山志愿者协会', '泰安律师协会', '泰安市红十字会', '泰安社工联合会', '泰安书法家协会', '泰安青年商会', '泰安养老服务协会', '泰安物业协会'],
  other: ['老干部', '离退休第一', '离退休第二', '流动党员第一', '流动党员第二', '驻外第一', '驻外第二', '驻外第三', '驻外第四'],
  financial_institution: ['泰安农商银行', '泰安银行', '工商银行泰安分行', '农业银行泰安分行', '人保财险泰安分公司', '泰山财产保险', '泰安市农信联社', '邮储银行泰安分行', '建设银行泰安分行'],
};

/** The domains the generated trees cycle through, as they always have (financial institutions came later; a tree may name them). */
export const SEEDED_DOMAINS: readonly BranchDomain[] = BRANCH_DOMAINS.filter((d) => d !== 'financial_institution');

export function branchName(domain: BranchDomain, n: number): string {
  const stems = BRANCH_NAME_STEMS[domain];
  return `${stems[n % stems.length]!}党支部`;
}

/**
 * The agencies a town or street has of the document's list (its discipline
 * commission, comprehensive-governance centre, petitions office, police
 * station and family-planning office); courts, procuratorates and audit sit
 * at the county, so a grassroots committee's consultation records them as gaps.
 */
export const TOWNSHIP_AGENCY_KINDS: readonly AgencyKind[] = ['discipline_inspection', 'comprehensive_management', 'petitions', 'police', 'family_planning'];

export function agencies(prefix: string, ownerName: string, kinds: readonly AgencyKind[] = CURRENT_AGENCY_KINDS): DemoOrg[] {
  return kinds.map((kind) => ({
    code: `${prefix}-agency-${kind}`,
    name: `${ownerName}${AGENCY_KIND_LABELS[kind]}`,
    level: 'agency' as const,
    agencyKind: kind,
  }));
}

/** 1 city, its organisation department, 3 city-managed committees, 6 grassroots committees, 60 branches. */
export function demoTree(): DemoOrg {
  let branchCounter = 0;
  const cityManaged = CITY_MANAGED.map(([code, name, county]) => ({
    code,
    name,
    level: 'city_managed_committee' as const,
    county,
    children: [
      ...GRASSROOTS.filter(([cm]) => cm === code).map(([, gCode, gName]) => ({
        code: gCode,
        name: gName,
        level: 'grassroots_committee' as const,
        children: [
          ...Array.from({ length: 10 }, (): DemoOrg => {
            const i = branchCounter++;
            const domain = SEEDED_DOMAINS[i % SEEDED_DOMAINS.length]!;
            return {
              code: `${gCode}-b${String(i + 1).padStart(2, '0')}`,
              name: branchName(domain, Math.floor(i / SEEDED_DOMAINS.length)),
              level: 'branch' as const,
              domain,
            };
          }),
          // A town or street has its own agencies; an organ's committee only its discipline commission.
          ...agencies(gCode, gName.replace(/^中共泰安市/, '').replace(/(工作)?委员会$/, ''), /街道|镇/.test(gName) ? TOWNSHIP_AGENCY_KINDS : ['discipline_inspection']),
        ],
      })),
      ...agencies(code, name.replace(/^中共/, '').replace(/委员会$/, '')),
    ],
  }));
  return {
    code: 'taian',
    name: '中共泰安市委员会',
    level: 'city_committee',
    children: [
      { code: 'taian-zzb', name: '中共泰安市委组织部', level: 'org_department' },
      ...cityManaged,
      ...agencies('taian', '泰安市'),
    ],
  };
}

/** A user for every role; every branch has its secretary, every committee a reviewer. */
export function demoUsers(tree: DemoOrg): DemoUser[] {
  const users: DemoUser[] = [
    { username: 'admin', displayName: '组织部管理员', orgCode: 'taian-zzb', role: 'administrator' },
    { username: 'head', displayName: '组织部部长', orgCode: 'taian-zzb', role: 'department_head' },
    { username: 'zzb.reviewer', displayName: '组织部组织科审核人', orgCode: 'taian-zzb', role: 'reviewer' },
    { username: 'taian.member', displayName: '市委委员', orgCode: 'taian', role: 'committee_member' },
  ];
  const walk = (org: DemoOrg): void => {
    if (org.level === 'city_managed_committee' || org.level === 'grassroots_committee') {
      users.push({ username: `${org.code}.reviewer`, displayName: `${org.name}审核人`, orgCode: org.code, role: 'reviewer' });
      users.push({ username: `${org.code}.member`, displayName: `${org.name}委员`, orgCode: org.code, role: 'committee_member' });
    }
    if (org.level === 'city_managed_committee') {
      users.push({ username: `${org.code}.head`, displayName: `${org.name}组织部部长`, orgCode: org.code, role: 'department_head' });
    }
    if (org.level === 'branch') {
      users.push({ username: `${org.code}.secretary`, displayName: `${org.name}书记`, orgCode: org.code, role: 'submitter' });
    }
    if (org.level === 'agency') {
      users.push({ username: `${org.code}.contact`, displayName: `${org.name}联络人`, orgCode: org.code, role: 'agency_consultee' });
    }
    org.children?.forEach(walk);
  };
  walk(tree);
  return users;
}

export const DEMO_PASSWORD = 'pennant-demo';
