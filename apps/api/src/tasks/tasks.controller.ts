import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ROLES, type TaskAction } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { RequestId } from '../common/idempotency';
import { uuidParam } from '../common/validation';
import { TasksService } from './tasks.service';
import { Endpoint, WORKFLOW_UNAVAILABLE } from '../openapi/endpoint';
import { consultationViewSchema } from '../consultations/consultations.responses';
import {
  humanTaskViewExample,
  humanTaskViewSchema,
  nominationReceiptExample,
  nominationReceiptSchema,
  occurrenceViewSchema,
  rubricAssessmentViewSchema,
  taskDetailExample,
  taskDetailSchema,
  decisionCheckSchema,
  inboxFiltersExample,
  inboxFiltersSchema,
  taskPageExample,
  taskPageSchema,
  copiedPageExample,
  copiedPageSchema,
  taskCopiesExample,
  taskCopiesSchema,
  delegateCandidatesExample,
  delegateCandidatesSchema,
} from './tasks.responses';

const inboxQuery = z.strictObject({
  status: z.enum(['open', 'completed', 'cancelled']).default('open'),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  process: z.string().max(40).optional(),
  stage: z.string().max(60).optional(),
  kind: z.string().max(60).optional(),
  organisationId: z.uuid({ error: '组织编号格式不正确' }).optional(),
  q: z.string().max(100, '搜索内容不能超过100个字').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const delegatesQuery = z.strictObject({
  q: z.string().trim().max(50, '搜索词不能超过50个字').optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const opinion = z.string({ error: '意见必须是文本' }).trim().max(2000, '意见不能超过2000个字');

/** The answer to the task's form (GET /tasks/{id} gives its JSON Schema); the form's kind checks its content. */
const formData = z.record(z.string(), z.unknown(), { error: '表单内容须为对象' }).optional();

/** What acting on a task answers: the state of the workflow that holds it, by the task's kind. */
const actionResultSchema = z.union([humanTaskViewSchema, nominationReceiptSchema, consultationViewSchema, occurrenceViewSchema, rubricAssessmentViewSchema]);

/** What any action on any task can be refused with. */
const ACTION_ERRORS = [
  'NOT_FOUND',
  'FORBIDDEN',
  'UNSUPPORTED_ACTION',
  'ALREADY_FINISHED',
  'TASK_NOT_OPEN',
  'NOT_ASSIGNEE',
  'NOT_SUBMITTER',
  'ALREADY_ACTED',
  'INVALID_DECISION',
  'INVALID_ACTION',
  'INVALID_FORM_DATA',
  'INVALID_SCORES',
  'INVALID_EVIDENCE',
  'SELECTION_RULE_VIOLATED',
  'DEADLINE_PASSED',
  'CONSULTATION_CLOSED',
  'ROUTE_UNRESOLVABLE',
  ...WORKFLOW_UNAVAILABLE,
] as const;

const ACTIONS_BY_KIND =
  '推荐申报审核（nomination_review）、征求意见答复（consultation_request）、履职任务（obligation）、考核自评与评分（rubric_self_assessment、rubric_assessment）只能办理（decide）；' +
  '其余任务（评选各环节、异议核查等）还可转办、委托、受托回复、加签、撤回、催办、延期。GET /tasks/{id} 的 availableActions 列出调用者现在可执行的操作，formSchema 给出 data 的 JSON Schema。';

const decisionSchema = z.strictObject({
  decision: z.string({ error: '办理结论必须是文本' }).min(1).max(40),
  opinion: opinion.default(''),
  returnTo: z.string().max(60).optional(),
  data: formData,
});

const assignee = z.strictObject({
  organisationId: z.uuid({ error: '组织编号格式不正确' }),
  role: z.enum(ROLES, { error: '角色不正确' }),
  userId: z.uuid().nullish(),
  displayName: z.string().max(50).nullish(),
});

/** Every action on a human task, one shape each. */
const actionSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('decide'), decision: z.string().min(1).max(40), opinion: opinion.default(''), returnTo: z.string().max(60).optional(), data: formData }),
    z.strictObject({ type: z.literal('transfer'), to: assignee, opinion: opinion.optional() }),
    z.strictObject({ type: z.literal('delegate'), to: z.strictObject({ userId: z.uuid(), displayName: z.string().min(1).max(50) }), opinion: opinion.optional() }),
    z.strictObject({ type: z.literal('reply'), opinion }),
    z.strictObject({ type: z.literal('add_cosigner'), assignee, opinion: opinion.optional() }),
    z.strictObject({ type: z.literal('withdraw'), opinion: opinion.optional() }),
    z.strictObject({ type: z.literal('urge'), opinion: opinion.optional() }),
    z.strictObject({ type: z.literal('extend'), dueAt: z.iso.datetime({ error: '期限须为 ISO 8601 时间' }), opinion }),
  ],
  { error: '操作类型必须是 decide、transfer、delegate、reply、add_cosigner、withdraw、urge 或 extend' },
);


const copyTarget = z.union([
  z.strictObject({ organisationId: z.uuid({ error: '组织编号格式不正确' }), role: z.enum(ROLES, { error: '角色不正确' }) }),
  z.strictObject({ userId: z.uuid({ error: '用户编号格式不正确' }) }),
]);

const copySchema = z.strictObject({
  targets: z.array(copyTarget, { error: '抄送对象须为数组' }).min(1, '请至少选择一个抄送对象').max(20, '一次最多抄送20个对象'),
});

const copiedQuery = z.strictObject({
  status: z.enum(['open', 'completed', 'cancelled']).optional(),
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

@ApiTags('任务')
@ApiBearerAuth()
@Controller('me/copies')
export class CopiedToMeController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Endpoint({
    summary: '抄送我的：抄送给本人（或本人所在组织的角色）的任务，只读',
    description:
      '按抄送时间从新到旧排列；可按任务状态（status）和是否未读（unread）筛选。抄送的任务可以通过 GET /tasks/{id} 查看（readOnly 为 true 时没有可执行的操作），打开即记为已读。抄送不影响流程的进行。',
    ok: { status: 200, description: '一页抄送', schema: copiedPageSchema, example: copiedPageExample },
  })
  list(@CurrentPrincipal() p: Principal, @Query({ schema: copiedQuery }) q: z.infer<typeof copiedQuery>) {
    return this.tasks.copied(p, q);
  }
}

@ApiTags('任务')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Endpoint({
    summary: '待办箱：分配给本人所在组织和角色的任务',
    description:
      '可按流程（process，所属评选活动的流程）、环节（stage）、任务类型（kind）、组织（organisationId，含其下级，须在本人范围内）筛选，' +
      '按党支部名称或任务标题搜索（q）。按期限从近到远排列，无期限的在后；dueSoon 表示未逾期且72小时内到期。可选值见 GET /tasks/filters。',
    ok: { status: 200, description: '一页待办', schema: taskPageSchema, example: taskPageExample },
    errors: ['NOT_FOUND'],
  })
  inbox(@CurrentPrincipal() p: Principal, @Query({ schema: inboxQuery }) q: z.infer<typeof inboxQuery>) {
    return this.tasks.inbox(p, q);
  }

  @Get('filters')
  @Endpoint({
    summary: '待办箱筛选项：本人未办结任务涉及的流程、环节、任务类型和组织',
    ok: { status: 200, description: '筛选项', schema: inboxFiltersSchema, example: inboxFiltersExample },
  })
  filters(@CurrentPrincipal() p: Principal) {
    return this.tasks.inboxFilters(p);
  }

  @Get(':id')
  @Endpoint({
    summary: '任务详情：调用者现在可执行的操作（availableActions）与办理须填写的表单（formSchema，JSON Schema）',
    description:
      '打开即记为已读（每人只记首次打开）；readBy 列出打开过该任务的人及时间。能查看该任务的人（任务所在组织及其上级）都能看到已读情况。' +
      '抄送给调用者的任务（copiedToMe）调用者也能查看；仅因抄送而能查看时只读（readOnly 为 true，availableActions 为空，办理、抄送等操作返回 403）。copies 列出该任务的抄送。',
    ok: { status: 200, description: '任务', schema: taskDetailSchema, example: taskDetailExample },
    errors: ['NOT_FOUND'],
  })
  get(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return this.tasks.detail(p, id);
  }

  @Get(':id/delegates')
  @Endpoint({
    summary: '委托的候选人：本人现在可以委托该任务时，可选的受托人',
    description:
      '受托人须是本人管辖范围内的在职用户（POST /tasks/{id}/actions 的 delegate 只接受这些人）。可按姓名或用户名搜索（q），最多返回 limit 人。' +
      '本人现在不能委托该任务时返回 403，任务已办结时返回 409。',
    ok: { status: 200, description: '候选人', schema: delegateCandidatesSchema, example: delegateCandidatesExample },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'TASK_NOT_OPEN'],
  })
  delegates(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: delegatesQuery }) q: z.infer<typeof delegatesQuery>) {
    return this.tasks.delegates(p, id, q);
  }

  @Post(':id/copies')
  @HttpCode(201)
  @Endpoint({
    summary: '抄送：把任务抄送给本人管辖范围内的组织角色或用户，只读、不影响流程',
    description:
      '只有现在可以办理该任务的人可以抄送，任务须未办结。抄送对象为组织和角色（organisationId + role，该组织该角色的所有人）或用户（userId，按其在本人管辖范围内的角色），须在本人管辖范围内。' +
      '被抄送的人收到“抄送”通知，在“抄送我的”（GET /me/copies）中看到该任务。任一对象不存在、不在管辖范围内或无人担任该角色（422），或已抄送、请求中重复（409）时，全部不抄送。',
    ok: { status: 201, description: '抄送后该任务的全部抄送', schema: taskCopiesSchema, example: taskCopiesExample },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'TASK_NOT_OPEN', 'DUPLICATE_COPY', 'INVALID_COPY_TARGET'],
  })
  copy(
    @CurrentPrincipal() p: Principal,
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: copySchema }) body: z.infer<typeof copySchema>,
    @RequestId() requestId: string,
  ) {
    return this.tasks.copy(p, id, body.targets, requestId);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Endpoint({
    summary: '办理任务：选择结论、填写意见，有表单时填写 data（即 actions 的 decide）',
    description: `结论取自 GET /tasks/{id} 的 availableActions。推荐申报审核任务返回申报的新状态，其他任务返回其流程的新状态。${ACTIONS_BY_KIND}`,
    ok: {
      status: 200,
      description: '办理结果：推荐申报审核任务返回申报状态，征求意见返回征求意见状态，履职任务返回该期任务，考核返回考核状态，其他任务返回任务状态',
      schema: actionResultSchema,
      example: nominationReceiptExample,
    },
    errors: ACTION_ERRORS,
  })
  decide(
    @CurrentPrincipal() p: Principal,
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: decisionSchema }) body: z.infer<typeof decisionSchema>,
    @RequestId() requestId: string,
  ) {
    const action: TaskAction = { type: 'decide', decision: body.decision, opinion: body.opinion, ...(body.returnTo ? { returnTo: body.returnTo } : {}), ...(body.data ? { data: body.data } : {}) };
    return this.tasks.act(p, id, action, requestId);
  }

  @Post(':id/decision/check')
  @HttpCode(200)
  @Endpoint({
    summary: '预检办理结论：按提交时的规则检查结论、意见和表单（如差额遴选的比例、名额、一票否决），不提交、不保存',
    description: '供界面在用户填写时提示违反的规则；acceptable 为 false 时 message 是提交时会收到的中文拒绝原因。',
    ok: { status: 200, description: '检查结果', schema: decisionCheckSchema, example: { acceptable: false, code: 'SELECTION_RULE_VIOLATED', message: '名额规则：最多推荐2名，实际选择3名' } },
    errors: ['NOT_FOUND'],
  })
  check(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Body({ schema: decisionSchema }) body: z.infer<typeof decisionSchema>) {
    return this.tasks.check(p, id, { type: 'decide', decision: body.decision, opinion: body.opinion, ...(body.returnTo ? { returnTo: body.returnTo } : {}), ...(body.data ? { data: body.data } : {}) });
  }

  @Post(':id/actions')
  @HttpCode(200)
  @Endpoint({
    summary: '任务操作：办理、转办、委托、受托回复、加签、撤回、催办、延期',
    description: ACTIONS_BY_KIND,
    ok: { status: 200, description: '操作后的流程状态（形状同 /decision）', schema: actionResultSchema, example: humanTaskViewExample },
    errors: ACTION_ERRORS,
  })
  act(
    @CurrentPrincipal() p: Principal,
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: actionSchema }) body: z.infer<typeof actionSchema>,
    @RequestId() requestId: string,
  ) {
    return this.tasks.act(p, id, body as TaskAction, requestId);
  }
}
