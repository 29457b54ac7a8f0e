import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { type LedgerRow, type OpinionLevel, cultivationPlanTable, ledgerTable, mentoringPlanTable, recommendationFormTable } from '../../../../libs/documents/src';
import { BRANCH_DOMAIN_LABELS, BRANCH_GRADE_LABELS, type BranchDomain, HONOUR_LEVELS, chinaDate, isBranchGrade } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { notFound } from '../common/api-error';
import { uuidParam } from '../common/validation';
import { CampaignDashboardService } from '../campaigns/campaign-dashboard.service';
import { NominationsService } from '../nominations/nominations.service';
import { taian } from '../../../../libs/processes/src/taian/definition';
import { Endpoint } from '../openapi/endpoint';
import { type NamedDocument, PRINTABLE_SCOPED_ERRORS, SCOPED_ERRORS, pdfDocument as pdf, printable, scopeQuery, spreadsheet, xlsxDocument as xlsx } from './spreadsheet';

const STEP_LEVEL: Record<string, OpinionLevel> = {
  grassroots_opinion: 'grassroots',
  city_managed_opinion: 'city_managed',
  org_department_opinion: 'org_department',
  city_committee_opinion: 'city_committee',
};
const HONOUR_LABELS: Record<(typeof HONOUR_LEVELS)[number], string> = { national: '国家级', provincial: '省级', city: '市级', county: '县级', other: '其他' };

/** The attachments of Tai'an's document as spreadsheets and as printable PDFs (the same tables), each within the reader's subtree. */
@ApiTags('文书')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(
    private readonly ds: DataSource,
    private readonly nominations: NominationsService,
    private readonly dashboards: CampaignDashboardService,
  ) {}

  @Get('nominations/:id/form.xlsx')
  @Endpoint({ summary: '下载“泰山先锋”红旗党支部推荐审批表（附件3），含各级意见', ok: spreadsheet, errors: ['NOT_FOUND'] })
  async form(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return xlsx(await this.formDocument(p, id));
  }

  @Get('nominations/:id/form.pdf')
  @Endpoint({ summary: '打印“泰山先锋”红旗党支部推荐审批表（附件3，PDF），含各级意见', ok: printable, errors: ['NOT_FOUND', 'PRINTING_UNAVAILABLE'] })
  async formPdf(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return pdf(await this.formDocument(p, id));
  }

  @Get('campaigns/:id/ledger.xlsx')
  @Endpoint({ summary: '下载过硬党支部建设工作台账（附件1），限本级及下级', ok: spreadsheet, errors: SCOPED_ERRORS })
  async ledger(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: scopeQuery }) q: z.infer<typeof scopeQuery>) {
    return xlsx(await this.ledgerDocument(p, id, q.organisationId));
  }

  @Get('campaigns/:id/ledger.pdf')
  @Endpoint({ summary: '打印过硬党支部建设工作台账（附件1，PDF），限本级及下级', ok: printable, errors: PRINTABLE_SCOPED_ERRORS })
  async ledgerPdf(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: scopeQuery }) q: z.infer<typeof scopeQuery>) {
    return pdf(await this.ledgerDocument(p, id, q.organisationId));
  }

  @Get('campaigns/:id/cultivation-plan.xlsx')
  @Endpoint({ summary: '下载红旗党支部三年培树计划推进表（附件2），限本级及下级', ok: spreadsheet, errors: SCOPED_ERRORS })
  async cultivation(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: scopeQuery }) q: z.infer<typeof scopeQuery>) {
    return xlsx(await this.cultivationDocument(p, id, q.organisationId));
  }

  @Get('campaigns/:id/cultivation-plan.pdf')
  @Endpoint({ summary: '打印红旗党支部三年培树计划推进表（附件2，PDF），限本级及下级', ok: printable, errors: PRINTABLE_SCOPED_ERRORS })
  async cultivationPdf(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: scopeQuery }) q: z.infer<typeof scopeQuery>) {
    return pdf(await this.cultivationDocument(p, id, q.organisationId));
  }

  @Get('campaigns/:id/mentoring-plan.xlsx')
  @Endpoint({ summary: '下载“泰山先锋”红旗党支部帮带工作配档表（附件4），限本级及下级', ok: spreadsheet, errors: SCOPED_ERRORS })
  async mentoring(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: scopeQuery }) q: z.infer<typeof scopeQuery>) {
    return xlsx(await this.mentoringDocument(p, id, q.organisationId));
  }

  @Get('campaigns/:id/mentoring-plan.pdf')
  @Endpoint({ summary: '打印“泰山先锋”红旗党支部帮带工作配档表（附件4，PDF），限本级及下级', ok: printable, errors: PRINTABLE_SCOPED_ERRORS })
  async mentoringPdf(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: scopeQuery }) q: z.infer<typeof scopeQuery>) {
    return pdf(await this.mentoringDocument(p, id, q.organisationId));
  }

  private async formDocument(p: Principal, id: string): Promise<NamedDocument> {
    const n = await this.nominations.visible(p, id);
    const steps: Array<{ step: string; opinion: string; organisation_name: string; created_at: Date }> = await this.ds.query(
      `SELECT step, opinion, organisation_name, created_at FROM nomination_steps WHERE nomination_id = $1 AND step = ANY($2) ORDER BY created_at`,
      [id, Object.keys(STEP_LEVEL)],
    );
    const [evidence] = (await this.ds.query(
      `SELECT n.evaluation_score, n.evaluation_participants, i.inspectors, to_char(i.inspected_on, 'YYYY-MM-DD') AS inspected_on, i.findings
         FROM nominations n LEFT JOIN nomination_inspections i ON i.nomination_id = n.id WHERE n.id = $1`,
      [id],
    )) as Array<{ evaluation_score: string | null; evaluation_participants: number | null; inspectors: string | null; inspected_on: string | null; findings: string | null }>;
    const doc = recommendationFormTable({
      organisationName: n.cityManagedCommitteeName ?? n.grassrootsCommitteeName ?? '',
      branchName: n.branchName,
      grassrootsCommittee: n.grassrootsCommitteeName ?? '（直属市管党委）',
      cityManagedCommittee: n.cityManagedCommitteeName ?? '',
      secretaryName: n.secretaryName,
      secretaryPhone: n.secretaryPhone,
      basicSituation: n.basicSituation,
      honours: n.honours.map((h) => `${h.year}年 ${h.title}（${HONOUR_LABELS[h.level]}）`).join('\n'),
      mainDeeds: n.mainDeeds,
      evaluation: evidence?.evaluation_score == null ? null : { score: Number(evidence.evaluation_score), participants: evidence.evaluation_participants! },
      inspection: evidence?.inspectors == null ? null : { inspectors: evidence.inspectors, inspectedOn: evidence.inspected_on!, findings: evidence.findings! },
      opinions: Object.fromEntries(steps.map((s) => [STEP_LEVEL[s.step]!, { opinion: s.opinion, signer: s.organisation_name, date: chinaDate(s.created_at) }])),
    });
    return { doc, name: `推荐审批表-${n.branchName}` };
  }

  private async ledgerDocument(p: Principal, id: string, organisationId: string | undefined): Promise<NamedDocument> {
    const { campaign, scope } = await this.context(p, id, organisationId);
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const rows: Array<Record<string, unknown> & { domain: BranchDomain; name: string }> = await this.ds.query(
      `SELECT b.domain, b.name, l.* FROM organisations b LEFT JOIN ledger_entries l ON l.branch_id = b.id WHERE b.level = 'branch' AND b.path LIKE $1 ORDER BY b.domain, b.path`,
      [`${scope.path}%`],
    );
    // Each year's evaluation (年度考评结果) as the ledger's history last recorded it; the entry's own for a year without history.
    const history: Array<{ branch_id: string; year: number; evaluation: string }> = await this.ds.query(
      `SELECT DISTINCT ON (h.branch_id, h.year) h.branch_id, h.year, h.evaluation
         FROM ledger_history h JOIN organisations b ON b.id = h.branch_id
        WHERE b.path LIKE $1 AND h.evaluation <> '' ORDER BY h.branch_id, h.year, h.recorded_at DESC, h.id DESC`,
      [`${scope.path}%`],
    );
    const yearly = new Map<string, Array<{ year: number; result: string }>>();
    for (const h of history) yearly.set(h.branch_id, [...(yearly.get(h.branch_id) ?? []), { year: h.year, result: h.evaluation }]);
    const evaluations = (r: Record<string, unknown>) => {
      const kept = yearly.get(str(r.branch_id)) ?? [];
      return kept.some((e) => e.year === campaign.year) || !str(r.evaluation) ? kept : [...kept, { year: campaign.year, result: str(r.evaluation) }];
    };
    const label = (grade: unknown) => (isBranchGrade(grade) ? BRANCH_GRADE_LABELS[grade] : str(grade));
    const ledgerRows: LedgerRow[] = rows.map((r) => ({
      domain: BRANCH_DOMAIN_LABELS[r.domain],
      branchName: r.name,
      grade: label(r.grade),
      goals: Array.isArray(r.goals) ? (r.goals as Array<{ year: number; grade: string }>).map((g) => ({ year: g.year, grade: label(g.grade) })) : [],
      problems: str(r.problems),
      measures: str(r.measures),
      evaluations: evaluations(r),
      contact: str(r.contact),
      contactTitle: str(r.contact_title),
      phone: str(r.phone),
    }));
    return { doc: ledgerTable({ organisationName: scope.name, years: [campaign.year, campaign.year + 1, campaign.year + 2], rows: ledgerRows }), name: `过硬党支部建设工作台账-${scope.name}` };
  }

  private async cultivationDocument(p: Principal, id: string, organisationId: string | undefined): Promise<NamedDocument> {
    const { scope } = await this.context(p, id, organisationId);
    const plans = await this.plans(id, 'cultivation', scope.path);
    const rows = plans.flatMap((pl) => pl.rows as Array<{ year: number; branchName: string; measures: string }>);
    return { doc: cultivationPlanTable({ organisationName: scope.name, rows }), name: `红旗党支部三年培树计划推进表-${scope.name}` };
  }

  private async mentoringDocument(p: Principal, id: string, organisationId: string | undefined): Promise<NamedDocument> {
    const { scope } = await this.context(p, id, organisationId);
    const plans = await this.plans(id, 'mentoring', scope.path);
    const names = new Map<string, string>(
      ((await this.ds.query(`SELECT id::text, branch_name FROM nominations WHERE campaign_id = $1 AND campaign_status = 'named'`, [id])) as Array<{ id: string; branch_name: string }>).map((r) => [r.id, r.branch_name]),
    );
    const rows = plans.flatMap((pl) =>
      (pl.rows as Array<{ mentorId: string; mentee: string; menteeGrade: string; goal: string; measures: string; deadline: string }>).map((r) => ({ ...r, mentor: names.get(r.mentorId) ?? r.mentorId })),
    );
    return { doc: mentoringPlanTable({ organisationName: scope.name, rows }), name: `帮带工作配档表-${scope.name}` };
  }

  /** A campaign of Tai'an's process (these are its documents; another process's campaign has none of them). */
  private async context(p: Principal, campaignId: string, organisationId?: string) {
    const [campaign] = await this.ds.query(`SELECT id, year FROM campaigns WHERE id = $1 AND process = $2`, [campaignId, taian.id]);
    if (!campaign) throw notFound('评选活动');
    await this.dashboards.dashboardAccess(p, campaignId);
    return { campaign: campaign as { id: string; year: number }, scope: await this.dashboards.scope(p, organisationId) };
  }

  /** Plans filed by the committees within the subtree. */
  private plans(campaignId: string, kind: string, path: string): Promise<Array<{ rows: unknown[] }>> {
    return this.ds.query(
      `SELECT pl.rows FROM campaign_plans pl JOIN organisations o ON o.id = pl.organisation_id WHERE pl.campaign_id = $1 AND pl.kind = $2 AND o.path LIKE $3 ORDER BY o.path`,
      [campaignId, kind, `${path}%`],
    );
  }
}
