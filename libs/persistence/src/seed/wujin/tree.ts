import type { BranchDomain } from '../../../../domain/src';
import { type DemoOrg, demoUsersByLevel } from '../demo-tree';

/**
 * Wujin's demo: the district of seed 004 (中共常州市武进区委) as a root of its
 * own beside Tai'an's city and Hefei's bureau. The district committee's
 * organisation department runs the plan; four of the unit committees the
 * document is addressed to (a town, a subdistrict, the development zone, the
 * district's organs) govern six branches each. One branch has no members
 * (an “empty shell” for the first phase); terms end in the plan's years, so
 * re-elections fall due.
 */
type B = [suffix: string, name: string, domain: BranchDomain, members: number, termEndsOn: string];

const COMMITTEES: Array<{ code: string; name: string; branches: B[] }> = [
  {
    code: 'wj-ht',
    name: '中共武进区湖塘镇委员会',
    branches: [
      ['c1', '湖塘镇马杭村党支部', 'rural', 46, '2017-06-30'],
      ['c2', '湖塘镇城南村党支部', 'rural', 38, '2018-03-31'],
      ['c3', '湖塘镇夏城社区党支部', 'urban_community', 27, '2017-11-30'],
      ['c4', '湖塘镇花园社区党支部', 'urban_community', 22, '2018-09-30'],
      ['jg', '湖塘镇机关党支部', 'government_institution', 31, '2017-04-30'],
      ['qy', '湖塘镇武南纺织有限公司党支部', 'private_enterprise', 0, '2016-12-31'],
    ],
  },
  {
    code: 'wj-nxs',
    name: '中共武进区南夏墅街道工作委员会',
    branches: [
      ['c1', '南夏墅街道南夏墅村党支部', 'rural', 41, '2017-05-31'],
      ['c2', '南夏墅街道大通社区党支部', 'urban_community', 19, '2018-05-31'],
      ['c3', '南夏墅街道阳湖社区党支部', 'urban_community', 24, '2017-09-30'],
      ['jg', '南夏墅街道机关党支部', 'government_institution', 28, '2018-06-30'],
      ['ws', '南夏墅街道卫生服务中心党支部', 'government_institution', 12, '2017-12-31'],
      ['sz', '南夏墅街道社会组织联合党支部', 'social_organization', 9, '2018-10-31'],
    ],
  },
  {
    code: 'wj-gxq',
    name: '中共武进国家高新技术产业开发区工作委员会',
    branches: [
      ['q1', '高新区天合光能党支部', 'private_enterprise', 58, '2017-08-31'],
      ['q2', '高新区恒立液压党支部', 'private_enterprise', 34, '2018-04-30'],
      ['q3', '高新区武进不锈党支部', 'state_enterprise', 29, '2017-10-31'],
      ['q4', '高新区创业服务中心党支部', 'government_institution', 14, '2018-08-31'],
      ['q5', '高新区机关第一党支部', 'government_institution', 21, '2017-03-31'],
      ['q6', '高新区机关第二党支部', 'government_institution', 18, '2018-11-30'],
    ],
  },
  {
    code: 'wj-jggw',
    name: '中共武进区级机关工作委员会',
    branches: [
      ['b1', '区发改局机关党支部', 'government_institution', 33, '2017-07-31'],
      ['b2', '区财政局机关党支部', 'government_institution', 29, '2018-02-28'],
      ['b3', '区教育局机关党支部', 'government_institution', 36, '2017-12-31'],
      ['b4', '区卫健委机关党支部', 'government_institution', 25, '2018-07-31'],
      ['b5', '区住建局机关党支部', 'government_institution', 27, '2017-09-30'],
      ['b6', '区民政局机关党支部', 'government_institution', 16, '2018-12-31'],
    ],
  },
];

export const WUJIN_ROOT_CODE = 'wj';

const root = (committees: DemoOrg[]): DemoOrg => ({
  code: WUJIN_ROOT_CODE,
  name: '中共常州市武进区委员会',
  level: 'city_committee',
  children: [{ code: `${WUJIN_ROOT_CODE}-zzb`, name: '中共常州市武进区委组织部', level: 'org_department' }, ...committees],
});

/** 武进区: its committee, organisation department, 4 unit committees and 24 branches. */
export function wujinDemoTree(): DemoOrg {
  return root(
    COMMITTEES.map((c) => ({
      code: c.code,
      name: c.name,
      level: 'grassroots_committee' as const,
      children: c.branches.map(([suffix, name, domain, members, termEndsOn]) => ({ code: `${c.code}-${suffix}`, name, level: 'branch' as const, domain, memberCount: members, termEndsOn })),
    })),
  );
}

const DOMAINS: BranchDomain[] = ['rural', 'urban_community', 'government_institution', 'private_enterprise', 'state_enterprise', 'social_organization'];

/**
 * A district of `branches` branches for the simulation, shaped like the demo:
 * unit committees of about twenty branches each, every twentieth branch with
 * no members, terms ending over 2016–2018. Deterministic; codes follow the
 * demo's, so wujinDemoUsers names the users alike.
 */
export function wujinSimulatedTree(branches: number, year = 2016): DemoOrg {
  const count = Math.max(1, Math.round(branches / 20));
  const committees: DemoOrg[] = [];
  let made = 0;
  for (let g = 0; g < count; g++) {
    const code = `${WUJIN_ROOT_CODE}-g${String(g + 1).padStart(2, '0')}`;
    const size = Math.floor(((g + 1) * branches) / count) - Math.floor((g * branches) / count);
    const children: DemoOrg[] = Array.from({ length: size }, (_, k) => {
      const i = made++;
      const month = String((i % 12) + 1).padStart(2, '0');
      return {
        code: `${code}-b${String(k + 1).padStart(3, '0')}`,
        name: `武进区第${g + 1}党(工)委第${k + 1}党支部`,
        level: 'branch' as const,
        domain: DOMAINS[i % DOMAINS.length]!,
        memberCount: k === size - 1 && g % 2 === 0 ? 0 : 6 + ((i * 11) % 40),
        termEndsOn: `${year + (i % 3)}-${month}-28`,
      };
    });
    committees.push({ code, name: `中共武进区第${g + 1}党(工)委`, level: 'grassroots_committee', children });
  }
  return root(committees);
}

/**
 * A user for every role of the plan: the district committee's head; the
 * organisation department's administrator, reviewer (who reviews plans,
 * verifies and decides) and head; each unit committee's reviewer (who scores,
 * declares and reviews), staff (who files the plan and the case list) and
 * member; each branch's secretary.
 */
export const wujinDemoUsers = demoUsersByLevel({
  city_committee: [['head', '主要负责人', 'department_head']],
  org_department: [
    ['admin', '管理员', 'administrator'],
    ['reviewer', '组织科', 'reviewer'],
    ['head', '部长', 'department_head'],
  ],
  grassroots_committee: [
    ['reviewer', '考核人', 'reviewer'],
    ['staff', '党务工作者', 'submitter'],
    ['member', '委员', 'committee_member'],
  ],
  branch: [['secretary', '书记', 'submitter']],
});
