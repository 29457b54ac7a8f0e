import { Body, Controller, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import type { NominationForm } from '../../../../libs/contracts/src';
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

const idempotencyHeader = { name: 'Idempotency-Key', required: false, description: '重试同一请求时携带相同的键，返回首次结果' };

@ApiTags('推荐申报')
@ApiBearerAuth()
@Controller('nominations')
export class NominationsController {
  constructor(private readonly nominations: NominationsService) {}

  @Post()
  @ApiOperation({ summary: '党支部提交推荐申报（附件3），启动审核流程' })
  @ApiHeader(idempotencyHeader)
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
  @ApiOperation({ summary: '本人可见范围内的推荐申报' })
  list(@CurrentPrincipal() p: Principal, @Query({ schema: listNominationsQuery }) q: z.infer<typeof listNominationsQuery>) {
    return this.nominations.list(p, q);
  }

  @Get(':id')
  @ApiOperation({ summary: '推荐申报详情，含每一步的审核意见' })
  get(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return this.nominations.detail(p, id);
  }

  @Post(':id/resubmission')
  @ApiOperation({ summary: '被退回后修改并重新提交' })
  @ApiHeader(idempotencyHeader)
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
