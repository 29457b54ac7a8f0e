import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { type BranchScoreSheet, complianceListTable, scoreSheetTable } from '../../../../libs/documents/src';
import { chinaDate } from '../../../../libs/domain/src';
import { WUJIN_SUBJECT_STATUS_LABELS, type WujinStanding, share } from '../../../../libs/processes/src/wujin';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { CampaignDashboardService } from '../campaigns/campaign-dashboard.service';
import { uuidParam } from '../common/validation';
import { type NamedDocument, PRINTABLE_SCOPED_ERRORS, SCOPED_ERRORS, pdfDocument, printable, scopeQuery, spreadsheet, xlsxDocument } from '../documents/spreadsheet';
import { Endpoint } from '../openapi/endpoint';
import { areaSubtotals, obligationLine, obligationOfItem, pointsNotes } from './figures';
import { WujinReadService } from './wujin-read.service';

const roundLabel = (round: number) => (round <= 1 ? '第1轮' : `第${round}轮（整顿后复核）`);
const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

interface ListRow {
  committee_name: string;
  branch_name: string;
  standing: WujinStanding;
  score: string | null;
  round: number;
  reasons: unknown[];
  compliant_at: Date | null;
}

/** Wujin's documents (seed 004) as spreadsheets and printable PDFs (the same tables): a branch's score sheet, and the compliant list of the reader's subtree. */
@ApiTags('文书')
@ApiBearerAuth()
@Controller('campaigns')
export class WujinDocumentsController {
  constructor(
    private readonly ds: DataSource,
    private readonly wujin: WujinReadService,
    private readonly dashboards: CampaignDashboardService,
  ) {}

  @Get(':id/wujin/branches/:branchId/score-sheet.xlsx')
  @Endpoint({
    summary: '下载党支部规范化建设考核评分表（武进；最近一轮：考核项目、考核要求、考核标准、分值、自评分、考核分、履职情况，各项目小计（规定分值与条目合计并列）、合计和一票否决情形）',
    description: '党支部本身、所属党(工)委和区委组织部等可下载；计划不是武进流程、或党支部不在本人范围内的，答复 404。尚未考核的党支部得到空白评分表。',
    ok: spreadsheet,
    errors: ['NOT_FOUND'],
  })
  async scoreSheet(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('branchId', { schema: uuidParam }) branchId: string) {
    return xlsxDocument(await this.scoreSheetDocument(p, id, branchId));
  }

  @Get(':id/wujin/branches/:branchId/score-sheet.pdf')
  @Endpoint({
    summary: '打印党支部规范化建设考核评分表（武进，PDF；与 .xlsx 同表）',
    description: '党支部本身、所属党(工)委和区委组织部等可下载；计划不是武进流程、或党支部不在本人范围内的，答复 404。尚未考核的党支部得到空白评分表。',
    ok: printable,
    errors: ['NOT_FOUND', 'PRINTING_UNAVAILABLE'],
  })
  async scoreSheetPdf(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Param('branchId', { schema: uuidParam }) branchId: string) {
    return pdfDocument(await this.scoreSheetDocument(p, id, branchId));
  }

  @Get(':id/compliance-list.xlsx')
  @Endpoint({
    summary: '下载党支部规范化建设合格支部名单（武进；按党(工)委：党支部、考核得分、合格时间、考核轮次；另一表为未达标党支部及原因），限本级及下级',
    description: '部门负责人、审核人和管理员可下载；不是武进流程的计划答复 404。',
    ok: spreadsheet,
    errors: SCOPED_ERRORS,
  })
  async complianceList(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: scopeQuery }) q: z.infer<typeof scopeQuery>) {
    return xlsxDocument(await this.complianceListDocument(p, id, q.organisationId));
  }

  @Get(':id/compliance-list.pdf')
  @Endpoint({
    summary: '打印党支部规范化建设合格支部名单（武进，PDF；与 .xlsx 同表，未达标党支部另起一页），限本级及下级',
    description: '部门负责人、审核人和管理员可下载；不是武进流程的计划答复 404。',
    ok: printable,
    errors: PRINTABLE_SCOPED_ERRORS,
  })
  async complianceListPdf(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: scopeQuery }) q: z.infer<typeof scopeQuery>) {
    return pdfDocument(await this.complianceListDocument(p, id, q.organisationId));
  }

  private async scoreSheetDocument(p: Principal, id: string, branchId: string): Promise<NamedDocument> {
    const campaign = await this.wujin.campaign(p, id);
    const branch = await this.wujin.branch(p, id, branchId);
    const [assessments, obligations] = await Promise.all([this.wujin.assessments(id, branchId), this.wujin.obligations(id, branchId)]);
    const latest = assessments.at(-1);
    const rubric = latest?.definition ?? (await this.wujin.latestRubric(campaign.rubricCode));
    const self = latest?.self_scores ?? null;
    const assessor = latest?.assessor_scores ?? null;
    const areas = areaSubtotals(rubric, self, assessor);
    const total = (k: 'self' | 'assessor') => (areas.some((a) => a[k] !== null) ? Math.round(areas.reduce((n, a) => n + (a[k] ?? 0), 0) * 10) / 10 : null);
    const sheet: BranchScoreSheet = {
      branchName: branch.name,
      round: latest ? `${roundLabel(latest.round)}考核` : '尚未考核',
      areas: rubric.areas.map((a, i) => ({
        ...areas[i]!,
        items: a.items.map((item) => {
          const o = obligationOfItem(item.code);
          return { requirement: item.requirement, standard: item.standard, points: item.points, self: self?.[item.code]?.score ?? null, assessor: assessor?.[item.code]?.score ?? null, duty: o ? obligationLine(obligations[o]) : '' };
        }),
      })),
      notes: pointsNotes(areas),
      total: { declared: areas.reduce((n, a) => n + a.declaredPoints, 0), items: areas.reduce((n, a) => n + a.itemsPoints, 0), self: total('self'), assessor: total('assessor') },
      vetoes: (latest?.vetoes ?? []).map((code) => rubric.vetoItems.find((v) => v.code === code)?.text ?? code),
      verdict: latest?.verdict
        ? `区委组织部验收结论：${latest.verdict === 'pass' ? '验收通过' : '验收未通过'}（${chinaDate(latest.verified_at!)}）${latest.verdict_opinion ? `，${latest.verdict_opinion}` : ''}`
        : '',
    };
    return { doc: scoreSheetTable(sheet), name: `党支部规范化建设考核评分表-${branch.name}` };
  }

  private async complianceListDocument(p: Principal, id: string, organisationId: string | undefined): Promise<NamedDocument> {
    await this.wujin.campaign(p, id);
    const scope = await this.dashboards.scope(p, organisationId);
    const rows: ListRow[] = await this.ds.query(
      `SELECT c.name AS committee_name, b.name AS branch_name, s.standing, s.score, s.round, s.reasons, s.compliant_at
         FROM wujin_branch_standing s JOIN organisations b ON b.id = s.branch_id JOIN organisations c ON c.id = s.committee_id
        WHERE s.campaign_id = $1 AND b.path LIKE $2 ORDER BY c.path, b.path`,
      [id, `${scope.path}%`],
    );
    const compliant = rows.filter((r) => r.standing === 'compliant');
    const active = rows.filter((r) => r.standing !== 'dissolved' && r.standing !== 'merged').length;
    return {
      doc: complianceListTable({
        organisationName: scope.name,
        compliant: compliant.map((r) => ({ committeeName: r.committee_name, branchName: r.branch_name, score: r.score === null ? null : Number(r.score), compliantOn: chinaDate(r.compliant_at!), round: roundLabel(r.round) })),
        others: rows
          .filter((r) => r.standing !== 'compliant')
          .map((r) => ({ committeeName: r.committee_name, branchName: r.branch_name, standing: WUJIN_SUBJECT_STATUS_LABELS[r.standing], score: r.score === null ? null : Number(r.score), reasons: r.reasons.map(String) })),
        summary: `合格支部${compliant.length}个，未撤销、撤并的党支部${active}个，达标率${percent(share(compliant.length, active))}。`,
      }),
      name: `党支部规范化建设合格支部名单-${scope.name}`,
    };
  }
}
