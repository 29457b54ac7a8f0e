import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { type GradingTableCommittee, type GradingTableRow, gradingTable, rectificationLedgerTable } from '../../../../libs/documents/src';
import { chinaDate } from '../../../../libs/domain/src';
import { GRADING_STATUS_LABELS, type GradingStatus, HEFEI_GRADE_LABELS, HEFEI_GRADES, type HefeiGrade, RECTIFICATION_STATUS_LABELS } from '../../../../libs/processes/src/hefei';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { CampaignDashboardService } from '../campaigns/campaign-dashboard.service';
import { uuidParam } from '../common/validation';
import { type NamedDocument, PRINTABLE_SCOPED_ERRORS, SCOPED_ERRORS, pdfDocument, printable, scopeQuery, spreadsheet, xlsxDocument } from '../documents/spreadsheet';
import { Endpoint } from '../openapi/endpoint';
import { aGradeCapFigures, noGrades } from './figures';
import { HefeiReadService } from './hefei-read.service';

interface GradingTableSource {
  committee_id: string;
  committee_name: string;
  branch_id: string;
  branch_name: string;
  attempt: number | null;
  first_grading: boolean | null;
  status: GradingStatus | null;
  self_total: string | null;
  assessor_total: string | null;
  grade: HefeiGrade | null;
  grade_reasons: string[] | null;
  graded_at: Date | null;
}

const num = (v: string | null) => (v === null ? null : Number(v));
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** The documents of Hefei's cycle (seed 003) as spreadsheets and printable PDFs (the same tables), each within the reader's subtree; who may read them is as for every campaign document. */
@ApiTags('文书')
@ApiBearerAuth()
@Controller('campaigns')
export class HefeiDocumentsController {
  constructor(
    private readonly ds: DataSource,
    private readonly hefei: HefeiReadService,
    private readonly dashboards: CampaignDashboardService,
  ) {}

  @Get(':id/grading-table.xlsx')
  @Endpoint({
    summary: '下载党支部分类定级情况表（合肥；按基层党委分表：是否首次定级、自评与考核得分、等次及理由、评定日期，表尾为各等次数及A级比例上限），限本级及下级',
    description: '部门负责人、审核人和管理员可下载；不是合肥流程的评选活动答复 404。',
    ok: spreadsheet,
    errors: SCOPED_ERRORS,
  })
  async gradingTable(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: scopeQuery }) q: z.infer<typeof scopeQuery>) {
    return xlsxDocument(await this.gradingTableDocument(p, id, q.organisationId));
  }

  @Get(':id/grading-table.pdf')
  @Endpoint({
    summary: '打印党支部分类定级情况表（合肥，PDF；与 .xlsx 同表，每个基层党委另起一页），限本级及下级',
    description: '部门负责人、审核人和管理员可下载；不是合肥流程的评选活动答复 404。',
    ok: printable,
    errors: PRINTABLE_SCOPED_ERRORS,
  })
  async gradingTablePdf(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: scopeQuery }) q: z.infer<typeof scopeQuery>) {
    return pdfDocument(await this.gradingTableDocument(p, id, q.organisationId));
  }

  @Get(':id/rectification-ledger.xlsx')
  @Endpoint({
    summary: '下载问题整改台账（合肥；问题、发现环节、所属方面、党支部、督查单位、整改期限、状态、每一步整改情况和意见、验收时间），限本级及下级',
    description: '部门负责人、审核人和管理员可下载；不是合肥流程的评选活动答复 404。',
    ok: spreadsheet,
    errors: SCOPED_ERRORS,
  })
  async rectificationLedger(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: scopeQuery }) q: z.infer<typeof scopeQuery>) {
    return xlsxDocument(await this.rectificationLedgerDocument(p, id, q.organisationId));
  }

  @Get(':id/rectification-ledger.pdf')
  @Endpoint({
    summary: '打印问题整改台账（合肥，PDF；与 .xlsx 同表），限本级及下级',
    description: '部门负责人、审核人和管理员可下载；不是合肥流程的评选活动答复 404。',
    ok: printable,
    errors: PRINTABLE_SCOPED_ERRORS,
  })
  async rectificationLedgerPdf(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: scopeQuery }) q: z.infer<typeof scopeQuery>) {
    return pdfDocument(await this.rectificationLedgerDocument(p, id, q.organisationId));
  }

  private async gradingTableDocument(p: Principal, id: string, organisationId: string | undefined): Promise<NamedDocument> {
    const campaign = await this.hefei.campaign(p, id);
    const scope = await this.dashboards.scope(p, organisationId);
    // Every branch in the subtree, under its committee, with each of its gradings this year (none: not applied yet).
    const rows: GradingTableSource[] = await this.ds.query(
      `SELECT c.id AS committee_id, c.name AS committee_name, b.id AS branch_id, b.name AS branch_name, g.attempt, g.first_grading, g.status,
              g.self_total, g.assessor_total, g.grade, g.grade_reasons, g.graded_at
         FROM organisations b JOIN organisations c ON c.id = b.parent_id
         LEFT JOIN hefei_gradings g ON g.branch_id = b.id AND g.campaign_id = $1
        WHERE b.level = 'branch' AND b.path LIKE $2
        ORDER BY c.path, b.path, g.attempt`,
      [id, `${scope.path}%`],
    );
    const committees = new Map<string, { name: string; rows: GradingTableSource[] }>();
    for (const r of rows) {
      const c = committees.get(r.committee_id) ?? { name: r.committee_name, rows: [] };
      c.rows.push(r);
      committees.set(r.committee_id, c);
    }
    const sheets: GradingTableCommittee[] = [...committees.values()].map((c) => ({
      committeeName: c.name,
      rows: c.rows.map(tableRow),
      summary: summary(c.rows, campaign.aGradeCap),
    }));
    return { doc: gradingTable({ year: campaign.year, committees: sheets }), name: `党支部分类定级情况表-${scope.name}` };
  }

  private async rectificationLedgerDocument(p: Principal, id: string, organisationId: string | undefined): Promise<NamedDocument> {
    const campaign = await this.hefei.campaign(p, id);
    const scope = await this.dashboards.scope(p, organisationId);
    const found = await this.hefei.rectifications(`r.campaign_id = $1 AND b.path LIKE $2`, [id, `${scope.path}%`]);
    const rows = found.map((r) => ({
      problem: r.problem,
      foundIn: r.source === 'special_inspection' && r.half ? `${campaign.year}年${r.half === 1 ? '上' : '下'}半年${r.sourceLabel}` : r.sourceLabel,
      dimension: r.dimensionLabel ?? '',
      branchName: r.branchName,
      inspector: r.inspector.name,
      dueOn: r.dueOn,
      status: `${RECTIFICATION_STATUS_LABELS[r.status]}${r.overdue ? '（已逾期）' : ''}`,
      steps: r.steps.map((s) => ({ on: chinaDate(s.at), action: s.actionLabel, by: `${s.organisationName} ${s.actorName}`, content: s.content })),
      acceptedOn: r.acceptedAt ? chinaDate(r.acceptedAt) : '',
    }));
    return { doc: rectificationLedgerTable({ year: campaign.year, organisationName: scope.name, rows }), name: `问题整改台账-${scope.name}` };
  }
}

function tableRow(r: GradingTableSource): GradingTableRow {
  if (r.attempt === null) {
    return { branchName: r.branch_name, firstGrading: '', attempt: '', selfTotal: null, assessorTotal: null, grade: '未申报', reasons: [], gradedOn: '' };
  }
  return {
    branchName: r.branch_name,
    firstGrading: r.first_grading ? '是' : '否',
    attempt: r.attempt === 1 ? '第1次' : `第${r.attempt}次（整改后重新申报）`,
    selfTotal: num(r.self_total),
    assessorTotal: num(r.assessor_total),
    grade: r.grade ? HEFEI_GRADE_LABELS[r.grade] : GRADING_STATUS_LABELS[r.status!],
    reasons: (r.grade_reasons ?? []).map(String),
    gradedOn: r.graded_at ? chinaDate(r.graded_at) : '',
  };
}

/** The foot of a committee's table: each branch's latest grade by grade, and the first grading's A cap. */
function summary(rows: GradingTableSource[], share: number): string {
  const latest = new Map<string, HefeiGrade>();
  for (const r of rows) if (r.grade) latest.set(r.branch_id, r.grade);
  const counts = noGrades();
  for (const g of latest.values()) counts[g]++;
  const first = rows.filter((r) => r.first_grading && r.attempt === 1);
  const cap = aGradeCapFigures(first.length, first.filter((r) => r.status === 'graded').length, first.filter((r) => r.grade === 'A').length, share);
  const byGrade = HEFEI_GRADES.map((g) => `${g}级${counts[g]}个`).join('、');
  return (
    `合计：${byGrade}。首次定级${cap.branches}个，A级${cap.aGiven}个，上限${cap.aCap}个（${percent(share)}）` + (cap.aCapRespected ? '，未超过上限。' : '，已超过上限！')
  );
}
