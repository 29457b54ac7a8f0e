import { z } from 'zod';
import { BRANCH_DOMAINS, BRANCH_GRADES, ORG_LEVELS } from '../../../../libs/domain/src';
import { EXAMPLE, id, timestamp } from '../openapi/schemas';

const grade = z.enum(BRANCH_GRADES);

export const ledgerEntrySchema = z.strictObject({
  branchId: id,
  branchCode: z.string(),
  branchName: z.string(),
  domain: z.enum(BRANCH_DOMAINS).nullable(),
  domainLabel: z.string().nullable(),
  committeeId: id,
  committeeName: z.string(),
  grade: grade.nullable().describe('尚未建立台账时为 null'),
  gradeLabel: z.string().nullable(),
  goals: z.array(z.strictObject({ year: z.int(), grade, gradeLabel: z.string() })),
  problems: z.string(),
  measures: z.string(),
  evaluation: z.string(),
  contact: z.string(),
  contactTitle: z.string(),
  phone: z.string(),
  updatedAt: timestamp.nullable(),
  updatedBy: z.strictObject({ id, displayName: z.string() }).nullable(),
});

/** One change of a branch's grade or yearly evaluation, oldest first: the ledger's history ("根据每年考评结果及时进行调整"). */
export const ledgerHistorySchema = z.strictObject({
  year: z.int().describe('所属考评年度'),
  grade,
  gradeLabel: z.string(),
  previousGrade: grade.nullable().describe('调整前的等次；首次登记为 null'),
  previousGradeLabel: z.string().nullable(),
  evaluation: z.string().describe('年度考评结果'),
  source: z.string().describe('initial 首次登记；review 上级党委调整；naming 市委命名“泰山先锋”红旗党支部'),
  sourceLabel: z.string(),
  reason: z.string().describe('调整理由或决定意见'),
  campaignId: id.nullable(),
  decidedBy: z.strictObject({ organisationId: id, organisationName: z.string() }).nullable().describe('作出决定的党委'),
  actorName: z.string(),
  recordedAt: timestamp,
});

export const ledgerEntryDetailSchema = ledgerEntrySchema.extend({ history: z.array(ledgerHistorySchema).describe('等次与年度考评结果的变化，按时间先后') });

export const ledgerPageSchema = z.strictObject({
  organisation: z.strictObject({ id, name: z.string(), level: z.enum(ORG_LEVELS), levelLabel: z.string() }),
  summary: z.strictObject({
    branches: z.int(),
    recorded: z.int(),
    byGrade: z.strictObject(Object.fromEntries(BRANCH_GRADES.map((g) => [g, z.int()])) as Record<(typeof BRANCH_GRADES)[number], z.ZodInt>),
    advancedCap: z.int().describe('先进党支部的上限（所辖党支部的10%）'),
  }),
  total: z.int(),
  limit: z.int(),
  offset: z.int(),
  items: z.array(ledgerEntrySchema),
});

export const ledgerEntryExample: z.infer<typeof ledgerEntrySchema> = {
  branchId: EXAMPLE.branchId,
  branchCode: 'tsq-cyjd-b01',
  branchName: '财源街道东岳社区党支部',
  domain: 'urban_community',
  domainLabel: '城市社区',
  committeeId: EXAMPLE.committeeId,
  committeeName: '中共泰山区财源街道工作委员会',
  grade: 'average',
  gradeLabel: '中间',
  goals: [{ year: 2027, grade: 'advanced', gradeLabel: '先进' }],
  problems: '党员教育管理不够规范',
  measures: '开展党员积分管理',
  evaluation: '良好',
  contact: '李四',
  contactTitle: '街道党工委委员',
  phone: '13900000000',
  updatedAt: EXAMPLE.at,
  updatedBy: { id: EXAMPLE.userId, displayName: '泰山区财源街道党工委审核人' },
};

export const ledgerPageExample: z.infer<typeof ledgerPageSchema> = {
  organisation: { id: EXAMPLE.committeeId, name: '中共泰山区财源街道工作委员会', level: 'grassroots_committee', levelLabel: '基层党委' },
  summary: { branches: 10, recorded: 10, byGrade: { advanced: 1, average: 7, lagging: 2, weak_and_lax: 0 }, advancedCap: 1 },
  total: 10,
  limit: 50,
  offset: 0,
  items: [ledgerEntryExample],
};

export const ledgerEntryDetailExample: z.infer<typeof ledgerEntryDetailSchema> = {
  ...ledgerEntryExample,
  grade: 'advanced',
  gradeLabel: '先进',
  evaluation: '2027年度“泰山先锋”红旗党支部',
  history: [
    {
      year: 2026,
      grade: 'average',
      gradeLabel: '中间',
      previousGrade: null,
      previousGradeLabel: null,
      evaluation: '良好',
      source: 'initial',
      sourceLabel: '首次登记',
      reason: '',
      campaignId: null,
      decidedBy: null,
      actorName: 'system',
      recordedAt: '2026-01-05T02:00:00.000Z',
    },
    {
      year: 2027,
      grade: 'advanced',
      gradeLabel: '先进',
      previousGrade: 'average',
      previousGradeLabel: '中间',
      evaluation: '2027年度“泰山先锋”红旗党支部',
      source: 'naming',
      sourceLabel: '市委命名',
      reason: '同意命名',
      campaignId: EXAMPLE.campaignId,
      decidedBy: { organisationId: EXAMPLE.cityManagedId, organisationName: '中共泰安市委' },
      actorName: '市委常委',
      recordedAt: '2027-06-30T16:00:00.000Z',
    },
  ],
};
