import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ROLES, type TaskAction } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { RequestId } from '../common/idempotency';
import { uuidParam } from '../common/validation';
import { TasksService, presentTask } from './tasks.service';

const inboxQuery = z.strictObject({
  status: z.enum(['open', 'completed', 'cancelled']).default('open'),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const opinion = z.string({ error: '意见必须是文本' }).trim().max(2000, '意见不能超过2000个字');

/** The answer to the task's form (scores, a differential pick, plan rows); the task's own rules check its content. */
const formData = z.record(z.string(), z.unknown(), { error: '表单内容须为对象' }).optional();

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

const notificationsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

@ApiTags('任务')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: '待办箱：分配给本人所在组织和角色的任务' })
  inbox(@CurrentPrincipal() p: Principal, @Query({ schema: inboxQuery }) q: z.infer<typeof inboxQuery>) {
    return this.tasks.inbox(p, q);
  }

  @Get(':id')
  @ApiOperation({ summary: '任务详情' })
  async get(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return presentTask(await this.tasks.visible(p, id));
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: '办理任务：同意、退回修改或不同意，并填写意见' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一请求时携带相同的键，返回首次结果' })
  decide(
    @CurrentPrincipal() p: Principal,
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: decisionSchema }) body: z.infer<typeof decisionSchema>,
    @RequestId() requestId: string,
  ) {
    if (body.returnTo || body.data) {
      const action: TaskAction = { type: 'decide', decision: body.decision, opinion: body.opinion, ...(body.returnTo ? { returnTo: body.returnTo } : {}), ...(body.data ? { data: body.data } : {}) };
      return this.tasks.act(p, id, action, requestId);
    }
    return this.tasks.decide(p, id, body.decision, body.opinion, requestId);
  }

  @Post(':id/actions')
  @HttpCode(200)
  @ApiOperation({ summary: '任务操作：办理、转办、委托、受托回复、加签、撤回、催办、延期' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一请求时携带相同的键，返回首次结果' })
  act(
    @CurrentPrincipal() p: Principal,
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: actionSchema }) body: z.infer<typeof actionSchema>,
    @RequestId() requestId: string,
  ) {
    return this.tasks.act(p, id, body as TaskAction, requestId);
  }
}

@ApiTags('任务')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: '提醒、逾期、督办与催办通知' })
  list(@CurrentPrincipal() p: Principal, @Query({ schema: notificationsQuery }) q: z.infer<typeof notificationsQuery>) {
    return this.tasks.notifications(p, q.limit);
  }
}
