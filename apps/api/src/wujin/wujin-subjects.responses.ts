import { z } from 'zod';
import { BRANCH_DOMAINS } from '../../../../libs/domain/src';
import { MEMBER_CASE_KINDS } from '../../../../libs/processes/src/wujin';
import { EXAMPLE, day, id, page, timestamp } from '../openapi/schemas';
import { BRAND_STATUSES, RECTIFICATION_STATUSES } from './labels';
import { MODEL_BRANCH_STATUSES, PLAN_STATUSES, SHELL_STATUSES } from './subject-labels';
import { assessmentSchema, branchPageExample } from './wujin.responses';

const ref = z.strictObject({ id, name: z.string() });
const at = EXAMPLE.at;

export const planSchema = z.strictObject({
  id,
  committee: ref.describe('报送方案的党(工)委'),
  version: z.int().min(1).describe('第几版（退回后重新报送的版本递增）'),
  summary: z.string().describe('实施方案'),
  duties: z.array(z.strictObject({ duty: z.string().describe('职责任务'), owner: z.string().describe('责任人或责任部门'), dueOn: z.string().describe('完成时限') })),
  status: z.enum(PLAN_STATUSES),
  statusLabel: z.string(),
  opinion: z.string().nullable().describe('审核意见'),
  filedBy: z.string().nullable(),
  filedAt: timestamp,
  decidedBy: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  earlier: z
    .array(z.strictObject({ version: z.int().min(1), status: z.enum(PLAN_STATUSES), statusLabel: z.string(), opinion: z.string().nullable(), filedAt: timestamp, decidedAt: timestamp.nullable() }))
    .describe('此前各版本及其审核意见，先后为序'),
});

export const planExample: z.infer<typeof planSchema> = {
  id: EXAMPLE.noticeId,
  committee: { id: EXAMPLE.committeeId, name: '中共武进区湖塘镇委员会' },
  version: 2,
  summary: '全镇党支部对照考核细则逐项达标，镇党委组织委员牵头，按月督查。',
  duties: [{ duty: '组织各党支部对照考核细则开展自查', owner: '镇党委组织办', dueOn: '2016-12-15' }],
  status: 'filed',
  statusLabel: '已报送，待区委组织部审核',
  opinion: null,
  filedBy: '湖塘镇党委工作人员',
  filedAt: at,
  decidedBy: null,
  decidedAt: null,
  earlier: [{ version: 1, status: 'returned', statusLabel: '已退回修改', opinion: '职责任务须分解到各党支部，请补充。', filedAt: at, decidedAt: at }],
};

export const brandSchema = z.strictObject({
  id,
  branch: ref,
  committee: ref.describe('认定品牌的党(工)委'),
  version: z.int().min(1),
  name: z.string().describe('品牌名称'),
  description: z.string().describe('品牌内涵'),
  evidence: z.string().describe('佐证材料'),
  status: z.enum(BRAND_STATUSES),
  statusLabel: z.string(),
  opinion: z.string().nullable(),
  filedBy: z.string().nullable(),
  filedAt: timestamp,
  decidedBy: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  earlier: z
    .array(
      z.strictObject({
        version: z.int().min(1),
        name: z.string(),
        status: z.enum(BRAND_STATUSES),
        statusLabel: z.string(),
        opinion: z.string().nullable(),
        filedAt: timestamp,
        decidedAt: timestamp.nullable(),
      }),
    )
    .describe('此前各版本及其意见，先后为序'),
});

export const brandExample: z.infer<typeof brandSchema> = {
  id: EXAMPLE.noticeId,
  branch: { id: EXAMPLE.branchId, name: '湖塘镇马杭村党支部' },
  committee: { id: EXAMPLE.committeeId, name: '中共武进区湖塘镇委员会' },
  version: 1,
  name: '红色马杭',
  description: '党建引领乡村振兴',
  evidence: '活动照片',
  status: 'filed',
  statusLabel: '已报送，待党(工)委认定',
  opinion: null,
  filedBy: '马杭村党支部书记',
  filedAt: at,
  decidedBy: null,
  decidedAt: null,
  earlier: [],
};

export const shellReviewSchema = z.strictObject({
  id,
  branch: z.strictObject({
    id,
    name: z.string(),
    domain: z.enum(BRANCH_DOMAINS).nullable(),
    domainLabel: z.string().nullable(),
    memberCount: z.int().nullable().describe('党员人数'),
    termEndsOn: day.nullable().describe('支委会任期届满日期'),
  }),
  committee: ref.describe('审查的党(工)委'),
  status: z.enum(SHELL_STATUSES),
  statusLabel: z.string(),
  opinion: z.string().nullable().describe('撤销或保留的理由'),
  decidedBy: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  openedAt: timestamp,
});

export const shellReviewExample: z.infer<typeof shellReviewSchema> = {
  id: EXAMPLE.noticeId,
  branch: { id: EXAMPLE.branchId, name: '湖塘镇某纺织企业党支部', domain: 'private_enterprise', domainLabel: '非公有制经济组织', memberCount: 0, termEndsOn: null },
  committee: { id: EXAMPLE.committeeId, name: '中共武进区湖塘镇委员会' },
  status: 'open',
  statusLabel: '待党(工)委审查',
  opinion: null,
  decidedBy: null,
  decidedAt: null,
  openedAt: at,
};

export const rectificationSchema = z.strictObject({
  id,
  branch: ref,
  committee: ref.describe('审核整顿的党(工)委'),
  reasons: z.array(z.string()).describe('整顿原因'),
  dueAt: timestamp.describe('整顿期限'),
  overdue: z.boolean().describe('已过整顿期限仍未了结'),
  status: z.enum(RECTIFICATION_STATUSES),
  statusLabel: z.string(),
  submissions: z.int().min(0).describe('已报送次数'),
  measures: z.string().nullable().describe('整顿措施'),
  evidence: z.string().nullable().describe('佐证材料'),
  submittedAt: timestamp.nullable(),
  late: z.boolean().nullable().describe('逾期报送'),
  opinion: z.string().nullable().describe('党(工)委的意见'),
  decidedBy: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  openedAt: timestamp,
});

export const rectificationExample: z.infer<typeof rectificationSchema> = {
  id: EXAMPLE.noticeId,
  branch: { id: EXAMPLE.branchId, name: '湖塘镇机关党支部' },
  committee: { id: EXAMPLE.committeeId, name: '中共武进区湖塘镇委员会' },
  reasons: ['存在一票否决情形：未落实党建工作专项经费'],
  dueAt: at,
  overdue: false,
  status: 'submitted',
  statusLabel: '已报送整顿情况，待党(工)委审核',
  submissions: 1,
  measures: '已召开支委会研究整改，专项经费已落实',
  evidence: '会议记录、经费拨付凭证',
  submittedAt: at,
  late: false,
  opinion: null,
  decidedBy: null,
  decidedAt: null,
  openedAt: at,
};

export const assessmentRoundSchema = z.strictObject({
  branch: ref,
  committee: ref.nullable().describe('所属党(工)委'),
  passThreshold: z.number().describe('合格线'),
  assessment: assessmentSchema,
});

export const assessmentRoundExample: z.infer<typeof assessmentRoundSchema> = {
  branch: { id: EXAMPLE.branchId, name: '湖塘镇马杭村党支部' },
  committee: { id: EXAMPLE.committeeId, name: '中共武进区湖塘镇委员会' },
  passThreshold: 85,
  assessment: branchPageExample.assessments[0]!,
};

export const modelBranchesSchema = page(
  z.strictObject({
    branch: ref,
    committee: ref.describe('推荐的党(工)委'),
    status: z.enum(MODEL_BRANCH_STATUSES),
    statusLabel: z.string(),
    reason: z.string().nullable().describe('推荐理由（公示异议成立的，为异议理由）'),
    updatedAt: timestamp,
  }),
);

export const modelBranchesExample: z.infer<typeof modelBranchesSchema> = {
  items: [
    {
      branch: { id: EXAMPLE.branchId, name: '湖塘镇马杭村党支部' },
      committee: { id: EXAMPLE.committeeId, name: '中共武进区湖塘镇委员会' },
      status: 'recommended',
      statusLabel: '已推荐，待区委组织部评定',
      reason: '“三会一课”规范，党建引领乡村振兴成效明显',
      updatedAt: at,
    },
  ],
  total: 1,
};

export const memberCasesSchema = z.strictObject({
  committee: ref,
  cases: z.array(
    z.strictObject({ memberName: z.string(), kind: z.enum(MEMBER_CASE_KINDS), kindLabel: z.string(), finding: z.string().describe('排查情况'), outcome: z.string().describe('处理结果') }),
  ),
  filedBy: z.string().nullable(),
  filedAt: timestamp,
});

export const memberCasesExample: z.infer<typeof memberCasesSchema> = {
  committee: { id: EXAMPLE.committeeId, name: '中共武进区湖塘镇委员会' },
  cases: [{ memberName: '张某', kind: 'lost_contact', kindLabel: '“失联”党员', finding: '外出务工，两年未参加组织生活', outcome: '已恢复联系，编入流动党员党小组' }],
  filedBy: '湖塘镇党委工作人员',
  filedAt: at,
};
