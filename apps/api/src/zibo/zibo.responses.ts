import { z } from 'zod';
import { ZIBO_CRITERIA, ZIBO_PROJECT_STATUSES } from '../../../../libs/processes/src/zibo';
import { EXAMPLE, day, id, timestamp } from '../openapi/schemas';

const criterion = z.enum(ZIBO_CRITERIA).describe('“五个过硬”标准项');
const scores = z
  .array(z.strictObject({ criterion, label: z.string(), score: z.number(), note: z.string() }))
  .nullable()
  .describe('对照本支部备案标准的逐项得分；尚未评分为 null');

/** A one-to-one help case (一对一结对帮教). */
export const helpCaseSchema = z.strictObject({
  id,
  branchId: id.optional(),
  memberName: z.string().describe('帮教对象（落后党员）'),
  helperName: z.string().describe('帮教人'),
  reason: z.string().describe('排查出的问题'),
  deadline: day.describe('整改期限'),
  status: z.enum(['open', 'rectified', 'not_rectified']).describe('open 帮教中、rectified 整改到位、not_rectified 未整改到位'),
  statusLabel: z.string(),
  outcome: z.string().nullable().describe('结案时说明的整改结果'),
});

/** A branch's year of hard-branch building, as its page shows it. */
export const ziboBranchPageSchema = z.strictObject({
  campaign: z.strictObject({ id, year: z.int(), title: z.string() }),
  branch: z.strictObject({ id, name: z.string() }),
  plan: z.strictObject({ status: z.enum(['pending', 'filed', 'acknowledged', 'returned']), statusLabel: z.string(), opinion: z.string().nullable() }).describe('“三会一课”年度计划的备案情况'),
  standard: z.array(z.strictObject({ criterion, label: z.string(), requirements: z.string(), points: z.number() })).nullable().describe('本支部细化的过硬支部标准；尚未备案为 null'),
  selfScores: scores,
  selfTotal: z.number().nullable(),
  bureauScores: scores,
  bureauTotal: z.number().nullable(),
  gaps: z.array(z.strictObject({ criterion, gap: z.string(), measure: z.string(), dueOn: z.string() })).nullable().describe('对标建设查找的差距和措施'),
  dutyReport: z.strictObject({ report: z.string().nullable(), bureauRating: z.string().nullable(), membersRating: z.string().nullable(), membersParticipants: z.int().nullable() }).describe('“双述双评”：述职报告和两项评价'),
  flaggedNoProject: z.boolean().describe('到规定日期仍没有审核通过的党建项目'),
  proposals: z.array(z.strictObject({ id, proposer: z.string(), title: z.string(), committeeChosen: z.boolean(), membersChosen: z.boolean() })).describe('征集的党建项目建议和筛选结果'),
  projects: z.array(
    z.strictObject({
      id,
      title: z.string(),
      content: z.string(),
      proposer: z.string(),
      status: z.enum(ZIBO_PROJECT_STATUSES),
      statusLabel: z.string(),
      version: z.int(),
      returns: z.int().describe('审核退回次数'),
      opinion: z.string().nullable().describe('局党委最近的意见'),
      approvedAt: timestamp.nullable(),
    }),
  ),
  steps: z.array(z.strictObject({ projectId: id.nullable(), step: z.string(), outcome: z.string(), opinion: z.string().nullable(), by: z.string().nullable(), at: timestamp })).describe('年度计划、标准、评分和党建项目的每一步，按时间顺序'),
  hardBranch: z.array(z.strictObject({ year: z.int(), status: z.enum(['conferred', 'retained', 'withdrawn']), opinion: z.string().nullable(), reviewedAt: timestamp.nullable() })).describe('历年过硬支部称号及动态管理复核（撤销的保留记录和理由）'),
  helpCases: z.array(helpCaseSchema).describe('一对一结对帮教'),
});

export const helpCaseExample: z.infer<typeof helpCaseSchema> = {
  id: EXAMPLE.nominationId,
  branchId: EXAMPLE.branchId,
  memberName: '赵某',
  helperName: '支部组织委员 钱某',
  reason: '民主评议中排查为落后党员：连续3个月未参加组织生活',
  deadline: '2026-09-30',
  status: 'open',
  statusLabel: '帮教中',
  outcome: null,
};

export const ziboBranchPageExample: z.infer<typeof ziboBranchPageSchema> = {
  campaign: { id: EXAMPLE.campaignId, year: 2026, title: '2026年度过硬支部建设' },
  branch: { id: EXAMPLE.branchId, name: '局办公室党支部' },
  plan: { status: 'acknowledged', statusLabel: '已备案', opinion: null },
  standard: [{ criterion: 'leadership', label: '领导班子过硬', requirements: '支部委员职数健全，书记末位发言', points: 20 }],
  selfScores: [{ criterion: 'leadership', label: '领导班子过硬', score: 18, note: '委员齐全' }],
  selfTotal: 18,
  bureauScores: null,
  bureauTotal: null,
  gaps: null,
  dutyReport: { report: null, bureauRating: null, membersRating: null, membersParticipants: null },
  flaggedNoProject: false,
  proposals: [{ id: EXAMPLE.nominationId, proposer: '张明', title: '科技服务进企业', committeeChosen: true, membersChosen: true }],
  projects: [
    { id: EXAMPLE.taskId, title: '科技服务进企业', content: '走访科技型中小企业30家', proposer: '张明', status: 'approved', statusLabel: '审核通过', version: 2, returns: 1, opinion: '同意实施', approvedAt: EXAMPLE.at },
  ],
  steps: [{ projectId: EXAMPLE.taskId, step: 'approval', outcome: 'approved', opinion: '同意实施', by: '中共淄博市科学技术局委员会考评组', at: EXAMPLE.at }],
  hardBranch: [{ year: 2025, status: 'retained', opinion: null, reviewedAt: EXAMPLE.at }],
  helpCases: [helpCaseExample],
};
