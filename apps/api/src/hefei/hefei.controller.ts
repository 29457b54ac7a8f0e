import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { uuidParam } from '../common/validation';
import { Endpoint } from '../openapi/endpoint';
import { HefeiReadService } from './hefei-read.service';
import { branchPageExample, branchPageSchema, standardsExample, standardsSchema } from './hefei.responses';

const standardsQuery = z.strictObject({
  committeeId: z.uuid({ error: (issue) => (issue.input === undefined ? '请指定基层党委（committeeId）' : '基层党委编号格式不正确') }),
});

/** What Hefei's committees and branches read of a campaign (PROCESSES.md §2), each within the caller's subtree. */
@ApiTags('合肥：党支部建设提升行动')
@ApiBearerAuth()
@Controller('campaigns/:id/hefei')
export class HefeiController {
  constructor(private readonly hefei: HefeiReadService) {}

  @Get('branches/:branchId')
  @Endpoint({
    summary: '党支部页面：当前等次及历次定级、本年度问题整改（含每一步意见）、结对指导及帮扶记录、附件2提示（党员不足、无党员、书记未培训）',
    description: '本级及下级组织的人员均可查看；评选活动不是合肥流程、或党支部不在本人范围内的，答复 404。',
    ok: { status: 200, description: '党支部页面', schema: branchPageSchema, example: branchPageExample },
    errors: ['NOT_FOUND'],
  })
  branch(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('branchId', { schema: uuidParam }) branchId: string) {
    return this.hefei.branchPage(p, id, branchId);
  }

  @Get('standards')
  @Endpoint({
    summary: '基层党委的分类定级标准：各版本及其状态、退回意见，和现行（已备案）版本的条目、分值、一票否决情形与等次分数线',
    description: '基层党委须在本人范围内（否则 404）。',
    ok: { status: 200, description: '分类定级标准', schema: standardsSchema, example: standardsExample },
    errors: ['NOT_FOUND'],
  })
  standards(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: standardsQuery }) q: z.infer<typeof standardsQuery>) {
    return this.hefei.standards(p, id, q.committeeId);
  }
}
