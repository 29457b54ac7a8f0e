import type { BranchDomain } from '../../../../domain/src';
import { type DemoOrg, demoUsersByLevel } from '../demo-tree';

/**
 * Zibo's demo: the science and technology bureau of seed 000 (中共淄博市科学
 * 技术局委员会) as a root of its own. The bureau committee (局党委) is a
 * city-managed committee whose branches sit directly under it; its office
 * (局机关党委办公室) runs the year's campaign.
 */
type B = [suffix: string, name: string, domain: BranchDomain, members: number];

const BRANCHES: B[] = [
  ['bgs', '局办公室党支部', 'government_institution', 9],
  ['gxk', '高新技术发展科党支部', 'government_institution', 7],
  ['cgzx', '科技成果转化服务中心党支部', 'government_institution', 11],
  ['scl', '生产力促进中心党支部', 'government_institution', 8],
  ['lt', '离退休干部党支部', 'other', 14],
];

export const ZIBO_ROOT_CODE = 'zb';

const root = (branches: DemoOrg[]): DemoOrg => ({
  code: ZIBO_ROOT_CODE,
  name: '中共淄博市科学技术局委员会',
  level: 'city_managed_committee',
  children: [{ code: `${ZIBO_ROOT_CODE}-jgdw`, name: '淄博市科学技术局机关党委办公室', level: 'political_department' }, ...branches],
});

/** 淄博市科技局: its committee, its office and 5 branches. */
export function ziboDemoTree(): DemoOrg {
  return root(BRANCHES.map(([suffix, name, domain, members]) => ({ code: `${ZIBO_ROOT_CODE}-${suffix}`, name, level: 'branch' as const, domain, memberCount: members })));
}

/** A bureau of `branches` branches for the simulation, directly under its committee; deterministic, codes `zb-b001`… */
export function ziboSimulatedTree(branches: number): DemoOrg {
  return root(
    Array.from({ length: branches }, (_, i) => ({
      code: `${ZIBO_ROOT_CODE}-b${String(i + 1).padStart(3, '0')}`,
      name: `淄博市科技系统第${i + 1}党支部`,
      level: 'branch' as const,
      domain: 'government_institution' as const,
      memberCount: 5 + ((i * 7) % 30),
    })),
  );
}

/**
 * A user for every role of the year: the bureau committee's head, its
 * reviewer (who acknowledges plans, approves and accepts projects, assesses,
 * rates and selects) and a committee member; the office's administrator
 * (who runs the campaign) and head; each branch's secretary.
 */
export const ziboDemoUsers = demoUsersByLevel({
  city_managed_committee: [
    ['head', '书记', 'department_head'],
    ['reviewer', '考评组', 'reviewer'],
    ['member', '委员', 'committee_member'],
  ],
  political_department: [
    ['admin', '管理员', 'administrator'],
    ['head', '主任', 'department_head'],
  ],
  branch: [['secretary', '书记', 'submitter']],
});
