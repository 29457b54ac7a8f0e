import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { projectLedgerTable } from '../../../../libs/documents/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { CampaignDashboardService } from '../campaigns/campaign-dashboard.service';
import { RequestId } from '../common/idempotency';
import { uuidParam } from '../common/validation';
import { type NamedDocument, PRINTABLE_SCOPED_ERRORS, SCOPED_ERRORS, pdfDocument, printable, scopeQuery, spreadsheet, xlsxDocument } from '../documents/spreadsheet';
import { Endpoint, WORKFLOW_UNAVAILABLE } from '../openapi/endpoint';
import { ZiboReadService } from './zibo-read.service';
import { helpCaseExample, helpCaseSchema, ziboBranchPageExample, ziboBranchPageSchema } from './zibo.responses';

// Texts keep the document's one pattern (storable text); a blank one is refused by the service (422), after it is trimmed.
const name = (label: string) => z.string({ error: `请填写${label}` }).min(1, `请填写${label}`).max(50, `${label}不能超过50个字`);
const helpCaseBody = z.strictObject({
  branchId: z.uuid({ error: '党支部编号格式不正确' }),
  memberName: name('帮教对象姓名'),
  helperName: name('帮教人'),
  reason: z.string({ error: '请填写排查出的问题' }).min(1, '请填写排查出的问题').max(1000, '排查出的问题不能超过1000个字'),
  deadline: z.iso.date({ error: '整改期限须为有效日期（YYYY-MM-DD）' }),
});

/** Zibo's hard-branch building (PROCESSES.md §4): a branch's year, the project ledger, one-to-one help — each within the caller's subtree. */
@ApiTags('淄博：过硬支部建设')
@ApiBearerAuth()
@Controller('campaigns/:id/zibo')
export class ZiboController {
  constructor(
    private readonly zibo: ZiboReadService,
    private readonly dashboards: CampaignDashboardService,
  ) {}

  @Get('branches/:branchId')
  @Endpoint({
    summary: '党支部的年度过硬支部建设：“三会一课”年度计划备案、细化标准、自评和局党委考评得分、对标差距和措施、“双述双评”、党建项目建议和各步骤、历年过硬支部称号、结对帮教',
    description: '党支部本身和局党委等上级可查看；活动不是淄博流程、或党支部不在本人范围内的，答复 404。',
    ok: { status: 200, description: '党支部的年度记录', schema: ziboBranchPageSchema, example: ziboBranchPageExample },
    errors: ['NOT_FOUND'],
  })
  branch(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('branchId', { schema: uuidParam }) branchId: string) {
    return this.zibo.branchPage(p, id, branchId);
  }

  @Get('project-ledger.xlsx')
  @Endpoint({
    summary: '下载党建项目台账（淄博；每个党支部的项目、提出人、状态、退回次数、审核通过日期、实施进展及佐证、局党委意见；另一表为未按期确定项目的党支部），限本级及下级',
    description: '部门负责人、审核人和管理员可下载；活动不是淄博流程的答复 404。',
    ok: spreadsheet,
    errors: SCOPED_ERRORS,
  })
  async ledger(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: scopeQuery }) q: z.infer<typeof scopeQuery>) {
    return xlsxDocument(await this.ledgerDocument(p, id, q.organisationId));
  }

  @Get('project-ledger.pdf')
  @Endpoint({
    summary: '打印党建项目台账（淄博，PDF；与 .xlsx 同表，未按期确定项目的党支部另起一页），限本级及下级',
    description: '部门负责人、审核人和管理员可下载；活动不是淄博流程的答复 404。',
    ok: printable,
    errors: PRINTABLE_SCOPED_ERRORS,
  })
  async ledgerPdf(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: scopeQuery }) q: z.infer<typeof scopeQuery>) {
    return pdfDocument(await this.ledgerDocument(p, id, q.organisationId));
  }

  private async ledgerDocument(p: Principal, id: string, organisationId: string | undefined): Promise<NamedDocument> {
    const campaign = await this.zibo.campaign(p, id);
    const scope = await this.dashboards.scope(p, organisationId);
    const { projects, flagged } = await this.zibo.ledger(id, `${scope.path}%`);
    const approved = projects.filter((r) => r.approvedOn).length;
    return {
      doc: projectLedgerTable({ organisationName: scope.name, year: campaign.year, projects, flagged, summary: `党建项目${projects.length}个，审核通过${approved}个；未按期确定项目的党支部${flagged.length}个。` }),
      name: `党建项目台账-${scope.name}`,
    };
  }

  @Post('help-cases')
  @Endpoint({
    summary: '确定一对一结对帮教（党支部书记）：落后党员、帮教人、排查出的问题和整改期限；到期前由党支部结案并说明整改结果',
    description:
      '结案在“我的工作”中办理（整改到位或未整改到位，均须说明结果），逾期告知局党委。活动或党支部不在本人范围内的答复 404；不是该党支部书记的 403；' +
      '活动不在进行中的 409；姓名空白、问题不足5个字、整改期限早于今天或不在活动年度内的 422。',
    ok: { status: 201, description: '已确定，结案任务已交给党支部', schema: helpCaseSchema, example: helpCaseExample },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'PLAN_NOT_RUNNING', 'INVALID_FORM_DATA', ...WORKFLOW_UNAVAILABLE],
  })
  helpCase(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Body({ schema: helpCaseBody }) body: z.infer<typeof helpCaseBody>, @RequestId() requestId: string) {
    return this.zibo.openHelpCase(p, id, { ...body, memberName: body.memberName.trim(), helperName: body.helperName.trim(), reason: body.reason.trim() }, requestId);
  }
}
