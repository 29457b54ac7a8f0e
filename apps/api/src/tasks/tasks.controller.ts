import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { REVIEW_DECISIONS } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { idempotencyKey } from '../common/idempotency';
import { uuidParam } from '../common/validation';
import { TasksService, presentTask } from './tasks.service';

const inboxQuery = z.strictObject({
  status: z.enum(['open', 'completed', 'cancelled']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const decisionSchema = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS, { error: '审核结论必须是 approve（同意）、return（退回修改）或 reject（不同意）' }),
  opinion: z.string({ error: '意见必须是文本' }).trim().max(2000, '意见不能超过2000个字').default(''),
});

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
    @Headers('idempotency-key') rawKey: string | undefined,
  ) {
    return this.tasks.decide(p, id, body.decision, body.opinion, idempotencyKey(rawKey) ?? randomUUID());
  }
}
