import type { BranchDomain } from '../../../../domain/src';
import { type DemoOrg, demoUsersByLevel } from '../demo-tree';

/**
 * Liangshan's demo: the prefecture of seed 002 (中共凉山彝族自治州委员会) as a
 * root of its own. Its organisation department starts the year; two
 * committees govern the branches that keep the responsibility list — the
 * prefecture's organs' working committee (州直机关工委, to which the seed's
 * 州科协党支部 answers) and the education system's committee.
 */
type B = [suffix: string, name: string, domain: BranchDomain, members: number];

const COMMITTEES: Array<{ code: string; name: string; branches: B[] }> = [
  {
    code: 'ls-zzgw',
    name: '中共凉山州直属机关工作委员会',
    branches: [
      ['kx', '凉山州科学技术协会党支部', 'government_institution', 18],
      ['cz', '凉山州财政局机关党支部', 'government_institution', 35],
      ['wj', '凉山州卫生健康委员会机关党支部', 'government_institution', 29],
    ],
  },
  {
    code: 'ls-jy',
    name: '中共凉山州教育系统委员会',
    branches: [
      ['yz', '凉山州民族中学党支部', 'government_institution', 42],
      ['zz', '凉山州职业技术学校党支部', 'government_institution', 24],
    ],
  },
];

export const LIANGSHAN_ROOT_CODE = 'ls';

const root = (committees: DemoOrg[]): DemoOrg => ({
  code: LIANGSHAN_ROOT_CODE,
  name: '中共凉山彝族自治州委员会',
  level: 'city_committee',
  children: [{ code: `${LIANGSHAN_ROOT_CODE}-zzb`, name: '中共凉山州委组织部', level: 'org_department' }, ...committees],
});

/** 凉山州: its committee, organisation department, 2 committees and 5 branches. */
export function liangshanDemoTree(): DemoOrg {
  return root(
    COMMITTEES.map((c) => ({
      code: c.code,
      name: c.name,
      level: 'grassroots_committee' as const,
      children: c.branches.map(([suffix, name, domain, members]) => ({ code: `${c.code}-${suffix}`, name, level: 'branch' as const, domain, memberCount: members })),
    })),
  );
}

/** A prefecture of `branches` branches for the simulation: committees of about twenty branches each. Deterministic. */
export function liangshanSimulatedTree(branches: number): DemoOrg {
  const count = Math.max(1, Math.round(branches / 20));
  const committees: DemoOrg[] = [];
  for (let g = 0; g < count; g++) {
    const code = `${LIANGSHAN_ROOT_CODE}-g${String(g + 1).padStart(2, '0')}`;
    const size = Math.floor(((g + 1) * branches) / count) - Math.floor((g * branches) / count);
    committees.push({
      code,
      name: `中共凉山州第${g + 1}党(工)委`,
      level: 'grassroots_committee',
      children: Array.from({ length: size }, (_, k) => ({
        code: `${code}-b${String(k + 1).padStart(3, '0')}`,
        name: `凉山州第${g + 1}党(工)委第${k + 1}党支部`,
        level: 'branch' as const,
        domain: 'government_institution' as const,
        memberCount: 8 + ((g * 7 + k * 5) % 30),
      })),
    });
  }
  return root(committees);
}

/**
 * A user for every part of the list: the prefecture's head; the organisation
 * department's administrator (keeps the list, starts the year), reviewer and
 * head; each committee's reviewer (told of late items) and head (reads its
 * branches); each branch's responsible people (组织委员, who record the
 * items), its secretary and its party-group secretary (the two kinds of
 * responsible leader).
 */
export const liangshanDemoUsers = demoUsersByLevel({
  city_committee: [['head', '主要负责人', 'department_head']],
  org_department: [
    ['admin', '管理员', 'administrator'],
    ['reviewer', '组织科', 'reviewer'],
    ['head', '部长', 'department_head'],
  ],
  grassroots_committee: [
    ['reviewer', '组织委员', 'reviewer'],
    ['head', '书记', 'department_head'],
  ],
  branch: [
    ['staff', '组织委员', 'submitter'],
    ['secretary', '书记', 'reviewer'],
    ['leader', '党组书记', 'committee_member'],
  ],
});
