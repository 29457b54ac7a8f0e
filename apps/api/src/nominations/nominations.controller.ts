import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import type { AppConfig } from '../../../../libs/config/src';
import type { NominationForm } from '../../../../libs/contracts/src';
import { ATTACHMENT_KINDS, MAX_ATTACHMENTS_PER_NOMINATION } from '../../../../libs/domain/src';
import { APP_CONFIG } from '../tokens';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { uuidParam } from '../common/validation';
import { RequestId } from '../common/idempotency';
import {
  listNominationsQuery,
  resubmitNominationSchema,
  submitNominationSchema,
} from './nomination.schemas';
import { NominationsService } from './nominations.service';
import { Endpoint, WORKFLOW_UNAVAILABLE } from '../openapi/endpoint';
import { attachmentRulesExample, attachmentRulesSchema, nominationAcceptedExample, nominationAcceptedSchema, nominationDetailExample, nominationDetailSchema, nominationExample, nominationPageSchema, nominationProgressExample, nominationProgressSchema } from './nomination.responses';

@ApiTags('推荐申报')
@ApiBearerAuth()
@Controller('nominations')
export class NominationsController {
  constructor(
    private readonly nominations: NominationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Endpoint({
    summary: '党支部提交推荐申报（附件3），启动审核流程',
    description: 'campaignYear 省略时为当年；该年度有评选活动时，须在其申报阶段内提交（逾期须经管理员延期）。',
    ok: [
      {
        status: 201,
        description: '已登记并进入审核：推荐申报详情',
        schema: nominationDetailSchema,
        example: nominationDetailExample,
        headers: { Location: { description: '推荐申报的地址', required: true, schema: { type: 'string' } } },
      },
      { status: 202, description: '已受理，流程引擎尚未确认登记；稍后查看，或携带相同的 Idempotency-Key 重试', schema: nominationAcceptedSchema, example: nominationAcceptedExample },
    ],
    errors: ['FORBIDDEN', 'NOT_FOUND', 'DUPLICATE_NOMINATION', 'CAMPAIGN_NOT_STARTED', 'CAMPAIGN_FINISHED', 'NOT_A_BRANCH', 'NO_REVIEWER', 'DEADLINE_PASSED', 'APPLICATION_NOT_OPEN', 'BRANCH_INELIGIBLE', ...WORKFLOW_UNAVAILABLE],
  })
  async submit(
    @CurrentPrincipal() p: Principal,
    @Body({ schema: submitNominationSchema }) body: z.infer<typeof submitNominationSchema>,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { accepted, receipt } = await this.nominations.submit(p, body, requestId);
    if (accepted) {
      // Started but not yet confirmed by a worker: it will complete when one runs.
      res.status(HttpStatus.ACCEPTED);
      return { id: receipt.nominationId, status: 'registering', message: '申报已受理，正在登记，请稍后刷新查看' };
    }
    res.status(HttpStatus.CREATED).location(`/nominations/${receipt.nominationId}`);
    return this.nominations.detail(p, receipt.nominationId);
  }

  @Get()
  @Endpoint({
    summary: '本人可见范围内的推荐申报',
    ok: { status: 200, description: '按提交时间倒序的一页', schema: nominationPageSchema, example: { items: [nominationExample], total: 1 } },
  })
  list(@CurrentPrincipal() p: Principal, @Query({ schema: listNominationsQuery }) q: z.infer<typeof listNominationsQuery>) {
    return this.nominations.list(p, q);
  }

  // Before ':id', which would take the name as an id.
  @Get('attachment-rules')
  @Endpoint({
    summary: '附件的类型、大小和数量限制（申报表单上传前检查）',
    ok: { status: 200, description: '附件限制', schema: attachmentRulesSchema, example: attachmentRulesExample },
  })
  attachmentRules() {
    return {
      maxBytes: this.config.ATTACHMENT_MAX_BYTES,
      maxCount: MAX_ATTACHMENTS_PER_NOMINATION,
      kinds: Object.entries(ATTACHMENT_KINDS).map(([kind, k]) => ({ kind: kind as keyof typeof ATTACHMENT_KINDS, label: k.label, extensions: [...k.extensions], contentType: k.contentType })),
    };
  }

  @Get(':id')
  @Endpoint({
    summary: '推荐申报详情，含每一步的审核意见',
    ok: { status: 200, description: '推荐申报详情', schema: nominationDetailSchema, example: nominationDetailExample },
    errors: ['NOT_FOUND'],
  })
  get(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return this.nominations.detail(p, id);
  }

  @Get(':id/progress')
  @Endpoint({
    summary: '推荐申报的流程进度：所在评选活动各阶段及对本党支部的截止时间、当前持有人及期限、评选结果',
    ok: { status: 200, description: '流程进度（路径预览）', schema: nominationProgressSchema, example: nominationProgressExample },
    errors: ['NOT_FOUND'],
  })
  progress(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return this.nominations.progress(p, id);
  }

  @Post(':id/resubmission')
  @Endpoint({
    summary: '被退回后修改并重新提交',
    ok: { status: 201, description: '重新进入审核：推荐申报详情', schema: nominationDetailSchema, example: nominationDetailExample },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'NOT_RESUBMITTABLE', 'ALREADY_FINISHED', 'BRANCH_INELIGIBLE', ...WORKFLOW_UNAVAILABLE],
  })
  async resubmit(
    @CurrentPrincipal() p: Principal,
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: resubmitNominationSchema }) body: z.infer<typeof resubmitNominationSchema>,
    @RequestId() requestId: string,
  ) {
    await this.nominations.resubmit(p, id, body.form as NominationForm, requestId);
    return this.nominations.detail(p, id);
  }
}
