import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { RequestId } from '../common/idempotency';
import { uuidParam } from '../common/validation';
import { Endpoint, WORKFLOW_UNAVAILABLE } from '../openapi/endpoint';
import { ReElectionDelaysService } from './re-election-delays.service';
import { reElectionDelayExample, reElectionDelaySchema } from './re-election-delays.responses';

const delaySchema = z.strictObject({
  branchId: z.uuid({ error: '党支部编号格式不正确' }),
  // format: date in the document, so a client (and Schemathesis) knows what is valid.
  until: z.iso.date({ error: '延期后的换届日期须为有效日期（YYYY-MM-DD）' }),
  reason: z.string({ error: '请填写延期理由' }).trim().min(5, '延期理由至少5个字').max(1000, '延期理由不能超过1000个字'),
});

/** A branch's request to delay its re-election (换届延期), decided by its committee in its inbox. */
@ApiTags('武进：党支部规范化建设三年行动')
@ApiBearerAuth()
@Controller('campaigns/:id/wujin')
export class ReElectionDelaysController {
  constructor(private readonly delays: ReElectionDelaysService) {}

  @Post('re-election-delays')
  @Endpoint({
    summary: '申请延期换届（党支部书记）：写明理由和延期后的换届日期，由所属党(工)委审批',
    description:
      '延期后的日期不得早于今天、须晚于本届任期届满日、且不超过届满日后一年（多次延期合计计算）。党(工)委审核人在“我的工作”中批准或不批准（均须填写意见）；' +
      '批准后党支部的任期届满日改为新日期，待办的换届任务随之改期，新日期在以后年度的转入该年度办理。' +
      '计划或党支部不在本人范围内的答复 404；不是该党支部书记的 403；计划不在进行中、本计划年度内没有待完成的换届、已有待审批的申请的 409；日期不符合要求的 422。',
    ok: { status: 201, description: '已提交，等待党(工)委审批', schema: reElectionDelaySchema, example: reElectionDelayExample },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'PLAN_NOT_RUNNING', 'RE_ELECTION_NOT_DUE', 'RE_ELECTION_DELAY_PENDING', 'RE_ELECTION_DATE_INVALID', ...WORKFLOW_UNAVAILABLE],
  })
  request(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Body({ schema: delaySchema }) body: z.infer<typeof delaySchema>, @RequestId() requestId: string) {
    return this.delays.request(p, id, body, requestId);
  }
}
