import type { BranchDomain } from '../../../../domain/src';
import { type DemoOrg, demoUsersByLevel } from '../demo-tree';

/**
 * Hefei's demo: the justice bureau of seed 003 (中共合肥市司法局委员会) as a
 * second root beside Tai'an's city, so Tai'an's figures do not change. The
 * bureau committee is a city-managed committee (市直部门党委); its political
 * department acts for it; the four grassroots committees the document is
 * addressed to each govern ten branches. The bar association's branches are
 * law firms (social organisations) and legal-service companies (private
 * enterprises): two with fewer than 3 members, one with none.
 */
type B = [suffix: string, name: string, domain: BranchDomain, members: number];

const COMMITTEES: Array<{ code: string; name: string; branches: B[] }> = [
  {
    code: 'hf-ycjy',
    name: '中共合肥市义城监狱委员会',
    branches: [
      ['jg1', '监狱机关第一党支部', 'government_institution', 14],
      ['jg2', '监狱机关第二党支部', 'government_institution', 11],
      ['jq1', '一监区党支部', 'government_institution', 18],
      ['jq2', '二监区党支部', 'government_institution', 16],
      ['jq3', '三监区党支部', 'government_institution', 17],
      ['jq4', '四监区党支部', 'government_institution', 15],
      ['jq5', '五监区党支部', 'government_institution', 13],
      ['jq6', '六监区党支部', 'government_institution', 12],
      ['yy', '监狱医院党支部', 'government_institution', 9],
      ['lt', '离退休干部党支部', 'other', 21],
    ],
  },
  {
    code: 'hf-jds',
    name: '中共合肥市强制隔离戒毒所委员会',
    branches: [
      ['jg1', '所机关第一党支部', 'government_institution', 12],
      ['jg2', '所机关第二党支部', 'government_institution', 10],
      ['dd1', '一大队党支部', 'government_institution', 15],
      ['dd2', '二大队党支部', 'government_institution', 14],
      ['dd3', '三大队党支部', 'government_institution', 13],
      ['dd4', '四大队党支部', 'government_institution', 12],
      ['dd5', '五大队党支部', 'government_institution', 11],
      ['yl', '戒毒医疗中心党支部', 'government_institution', 8],
      ['jy', '教育矫治中心党支部', 'government_institution', 9],
      ['hq', '后勤保障党支部', 'government_institution', 7],
    ],
  },
  {
    code: 'hf-jgdw',
    name: '中共合肥市司法局机关委员会',
    branches: [
      ['bgs', '办公室党支部', 'government_institution', 9],
      ['zzb', '政治部党支部', 'government_institution', 8],
      ['pf', '法治宣传处党支部', 'government_institution', 6],
      ['ls', '律师工作处党支部', 'government_institution', 6],
      ['gz', '公证工作处党支部', 'government_institution', 5],
      ['jc', '基层工作处党支部', 'government_institution', 7],
      ['sj', '社区矫正管理处党支部', 'government_institution', 8],
      ['fy', '法律援助中心党支部', 'government_institution', 10],
      ['gzc', '合肥市公证处党支部', 'government_institution', 19],
      ['lt', '局机关离退休干部党支部', 'other', 24],
    ],
  },
  {
    code: 'hf-lsxh',
    name: '中共合肥市律师协会委员会',
    branches: [
      ['ls01', '安徽明湖律师事务所党支部', 'social_organization', 26],
      ['ls02', '安徽淝水律师事务所党支部', 'social_organization', 18],
      ['ls03', '安徽知衡律师事务所党支部', 'social_organization', 12],
      ['ls04', '安徽徽诚律师事务所党支部', 'social_organization', 9],
      ['ls05', '安徽科学城律师事务所党支部', 'social_organization', 7],
      ['ls06', '安徽庐州正言律师事务所党支部', 'social_organization', 4],
      ['ls07', '安徽巢源律师事务所党支部', 'social_organization', 2],
      ['ls08', '安徽紫蓬律师事务所党支部', 'social_organization', 0],
      ['qy01', '合肥江淮法律咨询有限公司党支部', 'private_enterprise', 1],
      ['qy02', '合肥徽信司法鉴定有限公司党支部', 'private_enterprise', 5],
    ],
  },
];

export const HEFEI_ROOT_CODE = 'hf';

/** 合肥市司法局: its committee, political department, 4 grassroots committees and 40 branches. */
export function hefeiDemoTree(): DemoOrg {
  return {
    code: HEFEI_ROOT_CODE,
    name: '中共合肥市司法局委员会',
    level: 'city_managed_committee',
    children: [
      { code: 'hf-zzb', name: '合肥市司法局政治部', level: 'political_department' },
      ...COMMITTEES.map((c) => ({
        code: c.code,
        name: c.name,
        level: 'grassroots_committee' as const,
        children: c.branches.map(([suffix, name, domain, members]) => ({ code: `${c.code}-${suffix}`, name, level: 'branch' as const, domain, memberCount: members })),
      })),
    ],
  };
}

/**
 * A user for every role of Hefei's cycle, by level, for the demo and the
 * simulated tree alike: the bureau's head, inspector and committee member; the
 * political department's administrator, reviewer and head; each grassroots
 * committee's reviewer, staff (who drafts and files its standard and report)
 * and member; each branch's secretary.
 */
export const hefeiDemoUsers = demoUsersByLevel({
  city_managed_committee: [
    ['head', '主要负责人', 'department_head'],
    ['reviewer', '专项督查组', 'reviewer'],
    ['member', '委员', 'committee_member'],
  ],
  political_department: [
    ['admin', '管理员', 'administrator'],
    ['reviewer', '审核人', 'reviewer'],
    ['head', '主任', 'department_head'],
  ],
  grassroots_committee: [
    ['reviewer', '审核人', 'reviewer'],
    ['staff', '党务工作者', 'submitter'],
    ['member', '委员', 'committee_member'],
  ],
  branch: [['secretary', '书记', 'submitter']],
});
