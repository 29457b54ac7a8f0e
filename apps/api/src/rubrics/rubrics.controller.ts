import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { VETO_TEXT_MAX } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { RequestId } from '../common/idempotency';
import { Endpoint } from '../openapi/endpoint';
import { rubricDetailExample, rubricDetailSchema, rubricSummaryExample, rubricSummarySchema } from './rubrics.responses';
import { RubricsService } from './rubrics.service';

const codeParam = z.string().min(1).max(100);
const versionQuery = z.strictObject({ version: z.coerce.number({ error: '版本号必须是数字' }).int().min(1).max(1_000_000).optional() });

// Types only: the rules (code pattern, text length, duplicates) are the domain's and answer 422.
const vetoBody = z.strictObject({
  code: z.string().describe('编码：小写字母开头，2至50位小写字母、数字或下划线（否则 422 INVALID_VETO_ITEM）'),
  text: z.string().describe(`内容：1至${VETO_TEXT_MAX}字（否则 422 INVALID_VETO_ITEM）`),
});

/** 考核细则: the versioned rubrics assessments score against, and their open list of veto items. */
@ApiTags('考核细则')
@ApiBearerAuth()
@Controller('rubrics')
export class RubricsController {
  constructor(private readonly rubrics: RubricsService) {}

  @Get()
  @Endpoint({
    summary: '考核细则一览（各细则的最新版本）',
    ok: { status: 200, description: '按编码排列', schema: z.array(rubricSummarySchema), example: [rubricSummaryExample] },
  })
  list() {
    return this.rubrics.list();
  }

  @Get(':code')
  @Endpoint({
    summary: '一份考核细则：各部分与条目、分值核对、一票否决情形',
    description: '默认最新版本；?version= 取历史版本。discrepancies 列出所列条目合计与声明分值不一致的部分，计分按所列条目。',
    ok: { status: 200, description: '该版本的细则', schema: rubricDetailSchema, example: rubricDetailExample },
    errors: ['NOT_FOUND'],
  })
  detail(@Param('code', { schema: codeParam }) code: string, @Query({ schema: versionQuery }) q: z.infer<typeof versionQuery>) {
    return this.rubrics.detail(code, q.version);
  }

  @Post(':code/veto-items')
  @Endpoint({
    summary: '添加一票否决情形（组织部、政治部管理员）',
    description: '写入细则的新版本（版本号加一）；旧版本不变，进行中的考核仍按其开始时的版本。编码或内容与已有情形重复时 409 DUPLICATE_VETO_ITEM。',
    ok: { status: 201, description: '新版本的细则', schema: rubricDetailSchema, example: rubricDetailExample },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'DUPLICATE_VETO_ITEM', 'RUBRIC_VERSION_CONFLICT', 'INVALID_VETO_ITEM'],
  })
  addVetoItem(
    @CurrentPrincipal() p: Principal,
    @Param('code', { schema: codeParam }) code: string,
    @Body({ schema: vetoBody }) body: z.infer<typeof vetoBody>,
    @RequestId() requestId: string,
  ) {
    return this.rubrics.addVetoItem(p, code, body, requestId);
  }
}
