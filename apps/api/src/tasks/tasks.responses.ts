import { z } from 'zod';
import { NOMINATION_STATUSES, ROLES } from '../../../../libs/domain/src';
import { TASK_STATUSES } from '../../../../libs/contracts/src';
import { EXAMPLE, id, page, timestamp } from '../openapi/schemas';
import { INBOX_COUNT_LIMIT } from './inbox.query';

/** What a task's positive decision must carry: a form kind and its parameters (libs/domain engine-forms.ts, each process's forms.ts). */
const taskFormSchema = z
  .looseObject({ kind: z.string().describe('表单类型：scores（测评）、selection（差额遴选）、evidence（完成佐证）、consultation（征求意见答复）、rubric_scores（考核评分），或流程登记的表单（如 cultivation_plan、mentoring_plan）') })
  .nullable()
  .describe('办理时须填写的表单及其参数；无表单时为 null');

/** A task as the inbox and its detail show it. */
export const taskSchema = z.strictObject({
  id,
  kind: z.string().describe('任务类型，如 nomination_review（推荐申报审核）'),
  title: z.string(),
  subjectType: z.string(),
  subjectId: id,
  organisationId: id,
  role: z.enum(ROLES),
  status: z.enum(TASK_STATUSES),
  outcome: z.string().nullable(),
  dueAt: timestamp.nullable(),
  createdAt: timestamp,
  completedAt: timestamp.nullable(),
  overdue: z.boolean(),
  assigneeUserId: id.nullable(),
  delegatedToUserId: id.nullable(),
  opinion: z.string().nullable(),
  campaignId: id.nullable(),
  stage: z.string().nullable(),
  form: taskFormSchema,
  data: z.unknown().describe('办理时提交的表单内容，结构随表单类型而定；未提交时为 null'),
  missed: z.int().min(0).describe('已错过的期限次数'),
});

export const taskExample: z.infer<typeof taskSchema> = {
  id: EXAMPLE.taskId,
  kind: 'nomination_review',
  title: '审核推荐申报：财源街道东岳社区党支部',
  subjectType: 'nomination',
  subjectId: EXAMPLE.nominationId,
  organisationId: EXAMPLE.committeeId,
  role: 'reviewer',
  status: 'open',
  outcome: null,
  dueAt: null,
  createdAt: EXAMPLE.at,
  completedAt: null,
  overdue: false,
  assigneeUserId: null,
  delegatedToUserId: null,
  opinion: null,
  campaignId: null,
  stage: null,
  form: null,
  data: null,
  missed: 0,
};

/** An inbox row: the task with what the list shows beside it, so the list needs no further calls. */
export const inboxItemSchema = taskSchema.extend({
  dueSoon: z.boolean().describe('未逾期且在72小时内到期'),
  kindLabel: z.string().describe('任务类型名称'),
  organisationName: z.string().describe('任务所在组织'),
  branchName: z.string().nullable().describe('推荐申报审核任务的党支部；其他任务为 null'),
  process: z.string().nullable().describe('所属评选活动的流程（如 taian）；不属于活动时为 null'),
  processLabel: z.string().nullable().describe('流程名称'),
  stageLabel: z.string().nullable().describe('所属环节名称'),
});

export const taskPageSchema = page(inboxItemSchema).extend({
  total: z.int().min(0).max(INBOX_COUNT_LIMIT).describe(`符合条件的任务数，最多计到 ${INBOX_COUNT_LIMIT}`),
  totalCapped: z.boolean().describe(`为 true 时符合条件的任务多于 ${INBOX_COUNT_LIMIT} 项，total 只计到 ${INBOX_COUNT_LIMIT}；可用筛选条件缩小范围`),
});

export const taskPageExample: z.infer<typeof taskPageSchema> = {
  items: [
    {
      ...taskExample,
      dueSoon: false,
      kindLabel: '推荐申报审核',
      organisationName: '财源街道党工委',
      branchName: '财源街道东岳社区党支部',
      process: null,
      processLabel: null,
      stageLabel: null,
    },
  ],
  total: 1,
  totalCapped: false,
};

const option = z.strictObject({ value: z.string(), label: z.string() });

/** What the inbox's filters offer, from the caller's open tasks. */
export const inboxFiltersSchema = z.strictObject({
  processes: z.array(option).describe('流程'),
  stages: z.array(option.extend({ process: z.string().nullable() })).describe('环节（及其流程）'),
  kinds: z.array(option).describe('任务类型'),
  organisations: z.array(option).describe('任务所在组织'),
});

export const inboxFiltersExample: z.infer<typeof inboxFiltersSchema> = {
  processes: [{ value: 'taian', label: '“泰山先锋”红旗党支部评选' }],
  stages: [{ value: 'consultation', label: '征求意见', process: 'taian' }],
  kinds: [{ value: 'nomination_review', label: '推荐申报审核' }],
  organisations: [{ value: EXAMPLE.committeeId, label: '财源街道党工委' }],
};

/** Would the decision be accepted as it stands (before the workflow's own check)? */
export const decisionCheckSchema = z.strictObject({
  acceptable: z.boolean().describe('按现有内容提交是否会被受理（流程仍会最终校验）'),
  code: z.string().nullable().describe('不会受理时的错误码，如 SELECTION_RULE_VIOLATED'),
  message: z.string().nullable().describe('不会受理时的中文原因'),
});

const ACTION_TYPES = ['decide', 'transfer', 'delegate', 'reply', 'add_cosigner', 'withdraw', 'urge', 'extend'] as const;

/** An action the caller may take now (apps/api tasks/kinds AvailableAction). */
export const availableActionSchema = z.strictObject({
  type: z.enum(ACTION_TYPES).describe('POST /tasks/{id}/actions 的 type'),
  label: z.string().describe('操作名称'),
  outcomes: z
    .array(
      z.strictObject({
        value: z.string().describe('decision 的取值'),
        label: z.string(),
        opinionRequired: z.boolean().describe('是否必须填写意见'),
        formRequired: z.boolean().describe('是否须按 formSchema 填写 data'),
      }),
    )
    .optional()
    .describe('办理（decide）可选的结论'),
  returnTargets: z.array(z.string()).optional().describe('退回时除提交人外可指定的环节（returnTo）'),
  opinionRequired: z.boolean().optional().describe('该操作是否必须填写意见'),
});

/** Who has opened a task and when (已读): each user's first open, as the role of theirs nearest the task. */
export const taskReceiptSchema = z.strictObject({
  userId: id,
  name: z.string().describe('姓名'),
  organisationId: id,
  organisationName: z.string().describe('阅读人所在组织'),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  openedAt: timestamp.describe('首次打开的时间'),
});

export const taskReceiptExample: z.infer<typeof taskReceiptSchema> = {
  userId: EXAMPLE.userId,
  name: '泰山区财源街道党工委审核人',
  organisationId: EXAMPLE.committeeId,
  organisationName: '财源街道党工委',
  role: 'reviewer',
  roleLabel: '审核人',
  openedAt: EXAMPLE.at,
};

/** A task with what the caller may do with it now. */
/** A copy (抄送) of a task: to a role at an organisation, or to one user there; from the process definition or ad hoc. */
export const taskCopySchema = z.strictObject({
  id,
  organisationId: id,
  organisationName: z.string().describe('抄送的组织'),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  userId: id.nullable().describe('抄送给本人时的用户；抄送给该组织该角色的所有人时为 null'),
  userName: z.string().nullable(),
  source: z.enum(['definition', 'ad_hoc']).describe('definition：流程定义的默认抄送（任务开启时）；ad_hoc：办理人抄送'),
  copiedBy: z.strictObject({ userId: id, name: z.string() }).nullable().describe('抄送人；流程默认抄送为 null'),
  copiedAt: timestamp,
});

export const taskCopyExample: z.infer<typeof taskCopySchema> = {
  id: 'b1d3f5a7-c9e1-4b3d-8f5a-7c9e1b3d5f7a',
  organisationId: EXAMPLE.cityManagedId,
  organisationName: '中共泰安市泰山区委员会',
  role: 'reviewer',
  roleLabel: '审核人',
  userId: null,
  userName: null,
  source: 'definition',
  copiedBy: null,
  copiedAt: EXAMPLE.at,
};

export const taskDetailSchema = taskSchema.extend({
  availableActions: z.array(availableActionSchema).describe('调用者现在可以执行的操作；任务已办结或调用者无权办理时为空'),
  formSchema: z.record(z.string(), z.unknown()).nullable().describe('办理结论须携带的表单内容（data）的 JSON Schema，供界面渲染；无表单时为 null'),
  readBy: z.array(taskReceiptSchema).describe('已读：打开过该任务的人（每人只记首次打开，按时间先后）；调用者本次打开后即在其中'),
  copiedToMe: z.boolean().describe('该任务抄送给了调用者'),
  readOnly: z.boolean().describe('调用者仅因抄送可以查看：只读，没有可执行的操作'),
  copies: z.array(taskCopySchema).describe('抄送：按抄送时间先后'),
});

export const taskDetailExample: z.infer<typeof taskDetailSchema> = {
  ...taskExample,
  availableActions: [
    {
      type: 'decide',
      label: '办理',
      outcomes: [
        { value: 'approve', label: '同意', opinionRequired: false, formRequired: false },
        { value: 'return', label: '退回修改', opinionRequired: true, formRequired: false },
        { value: 'reject', label: '不同意', opinionRequired: true, formRequired: false },
      ],
    },
  ],
  formSchema: null,
  readBy: [taskReceiptExample],
  copiedToMe: false,
  readOnly: false,
  copies: [taskCopyExample],
};

/** An item of "copied to me" (抄送我的): the task as the inbox shows it, with the copy. */
export const copiedItemSchema = inboxItemSchema.extend({
  copySource: z.enum(['definition', 'ad_hoc']).describe('definition：流程定义的默认抄送；ad_hoc：办理人抄送'),
  copiedAt: timestamp.describe('抄送时间'),
  copiedByName: z.string().nullable().describe('抄送人；流程默认抄送为 null'),
  readAt: timestamp.nullable().describe('本人首次打开的时间；未读为 null'),
});

export const copiedPageSchema = page(copiedItemSchema);

export const copiedPageExample: z.infer<typeof copiedPageSchema> = {
  items: [
    {
      ...taskExample,
      kind: 'grassroots_report',
      title: '填写基层党委意见并逐级上报（中共泰安市泰山区财源街道工作委员会）',
      subjectType: 'unit',
      campaignId: EXAMPLE.campaignId,
      stage: 'grassroots_recommendation',
      dueSoon: false,
      kindLabel: '基层党委意见上报',
      organisationName: '中共泰安市泰山区财源街道工作委员会',
      branchName: null,
      process: 'taian',
      processLabel: '“泰山先锋”红旗党支部评选',
      stageLabel: '基层党委差额推荐',
      copySource: 'definition',
      copiedAt: EXAMPLE.at,
      copiedByName: null,
      readAt: null,
    },
  ],
  total: 1,
};

/** What POST /tasks/{id}/copies answers: the task's copies after it. */
export const taskCopiesSchema = z.strictObject({ copies: z.array(taskCopySchema).describe('该任务的全部抄送，按抄送时间先后') });

export const taskCopiesExample: z.infer<typeof taskCopiesSchema> = {
  copies: [
    taskCopyExample,
    {
      ...taskCopyExample,
      id: 'c2e4a6b8-d0f2-4c4e-9a6b-8d0f2c4e6a8b',
      organisationId: EXAMPLE.branchId,
      organisationName: '财源街道东岳社区党支部',
      role: 'submitter',
      roleLabel: '申报人（支部书记或党委工作人员）',
      source: 'ad_hoc',
      copiedBy: { userId: EXAMPLE.userId, name: '泰山区财源街道党工委审核人' },
    },
  ],
};

export const delegateCandidatesSchema = z.strictObject({
  candidates: z
    .array(
      z.strictObject({
        userId: id,
        displayName: z.string(),
        organisationName: z.string().describe('其担任角色的组织（离任务所在组织最近的一个）'),
        role: z.enum(ROLES),
        roleLabel: z.string(),
      }),
    )
    .describe('可委托的人：本人管辖范围内的在职用户（不含本人），任务所在组织的在前，其余按姓名'),
});

export const delegateCandidatesExample: z.infer<typeof delegateCandidatesSchema> = {
  candidates: [{ userId: EXAMPLE.userId, displayName: '张敏', organisationName: '泰山区财源街道党工委', role: 'committee_member', roleLabel: '党委委员' }],
};

const person = z.strictObject({ userId: z.string(), displayName: z.string() });

/** A human task's state after an action (libs/contracts HumanTaskView). */
export const humanTaskViewSchema = z.strictObject({
  taskId: id,
  status: z.enum(['open', 'completed', 'withdrawn']),
  outcome: z.string().nullable(),
  returnTo: z.string().nullable(),
  slots: z.array(
    z.strictObject({
      id: z.string(),
      assignee: z.strictObject({ organisationId: id, role: z.enum(ROLES), userId: z.string().nullish(), displayName: z.string().nullish() }),
      state: z.enum(['open', 'delegated', 'decided', 'cancelled']),
      decision: z.string().optional(),
      opinion: z.string().optional(),
      decidedBy: person.optional(),
      delegatedTo: person.optional(),
      delegateOpinion: z.string().optional(),
      data: z.unknown().optional(),
    }),
  ),
  dueAt: timestamp.nullable(),
  overdue: z.boolean(),
  acted: z.boolean(),
  urged: z.int().min(0),
  missed: z.int().min(0).optional(),
});

export const humanTaskViewExample: z.infer<typeof humanTaskViewSchema> = {
  taskId: EXAMPLE.taskId,
  status: 'completed',
  outcome: 'approve',
  returnTo: null,
  slots: [
    {
      id: '5c7e9a1b-3d5f-4c7e-9a1b-3d5f7c9e1a3b',
      assignee: { organisationId: EXAMPLE.committeeId, role: 'reviewer' },
      state: 'decided',
      decision: 'approve',
      opinion: '同意推荐',
      decidedBy: { userId: EXAMPLE.userId, displayName: '泰山区财源街道党工委审核人' },
    },
  ],
  dueAt: null,
  overdue: false,
  acted: true,
  urged: 0,
};

/** A nomination review's answer to a decision (libs/contracts NominationReceipt). */
export const nominationReceiptSchema = z.strictObject({
  nominationId: id,
  status: z.enum(NOMINATION_STATUSES),
  taskId: id.nullable().describe('下一步的任务（如退回后由申报人修改）；无则为 null'),
});

export const nominationReceiptExample: z.infer<typeof nominationReceiptSchema> = { nominationId: EXAMPLE.nominationId, status: 'approved', taskId: null };

/** An obligation occurrence after it is completed (libs/contracts OccurrenceView). */
export const occurrenceViewSchema = z.strictObject({
  id,
  obligationCode: z.string(),
  label: z.string(),
  periodStart: z.string(),
  dueDate: z.string(),
  status: z.enum(['scheduled', 'open', 'completed', 'overdue']),
  completedLate: z.boolean().nullable(),
  counted: z.number().optional().describe('按次或学时计数的任务：本期已登记的次数或学时（达到最低要求即完成，本期结束前仍可登记）'),
});

/** A rubric assessment after a score sheet (libs/contracts RubricAssessmentView). */
export const rubricAssessmentViewSchema = z.strictObject({
  assessmentId: id,
  status: z.enum(['self_assessment', 'assessing', 'completed']),
  result: z
    .strictObject({
      selfTotal: z.number(),
      assessorTotal: z.number(),
      areas: z.array(z.strictObject({ code: z.string(), name: z.string(), self: z.number(), assessor: z.number(), max: z.number() })),
      passed: z.boolean(),
      reasons: z.array(z.string()),
    })
    .nullable(),
});
