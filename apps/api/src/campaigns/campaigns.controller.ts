import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  CalendarYearMissing,
  CampaignPlanInvalid,
  type OrgLevel,
  RED_FLAG_STAGES,
  type RedFlagCampaignParams,
  WorkingCalendar,
  defaultRedFlagParams,
  planRedFlagCampaign,
  scopePathOf,
} from '../../../../libs/domain/src';
import { appendAudit, deterministicUuid, isUniqueViolation, loadCalendarBundle } from '../../../../libs/persistence/src';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../auth/public.decorator';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { RequestId } from '../common/idempotency';
import { uuidParam } from '../common/validation';
import { CampaignDashboardService } from './campaign-dashboard.service';
import { CampaignRunService } from './campaign-run.service';

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 MM-DD');
const duration = z.strictObject({ amount: z.number().int().min(1).max(60), unit: z.enum(['calendar_days', 'working_days']) });

const paramsSchema = z.strictObject({
  quota: z.number().int().min(1).max(10_000).optional(),
  recommendationRatio: z.number().min(1).max(5).optional(),
  advancedCap: z.number().gt(0).max(1).optional(),
  unitNotice: duration.optional(),
  publicNotice: duration.optional(),
  consultation: duration.optional(),
  deadlines: z
    .strictObject({
      application: monthDay.optional(),
      grassrootsRecommendation: monthDay.optional(),
      cityManagedSelection: monthDay.optional(),
      naming: monthDay.optional(),
      cultivationPlan: monthDay.optional(),
      mentoringPlan: monthDay.optional(),
    })
    .optional(),
  menteesPerRedFlag: z.number().int().min(1).max(20).optional(),
});

const createSchema = z.strictObject({
  process: z.literal('red_flag', { error: '目前支持的评选活动：red_flag（“泰山先锋”红旗党支部评选）' }),
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(1).max(200).optional(),
  params: paramsSchema.default({}),
});

const controlSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.enum(['pause', 'resume', 'cancel']), reason: z.string().trim().min(1, '须说明理由').max(500) }),
    z.strictObject({
      action: z.literal('extend'),
      reason: z.string().trim().min(1, '须说明理由').max(500),
      stage: z.enum(RED_FLAG_STAGES, { error: `阶段须为：${RED_FLAG_STAGES.join('、')}` }),
      dueAt: z.iso.datetime({ offset: true, error: '截止时间须为 ISO 8601 时间' }),
      organisationId: z.uuid({ error: '组织编号格式不正确' }).optional(),
    }),
  ],
  { error: '操作须为 pause、resume、cancel 或 extend' },
);

const dashboardQuery = z.strictObject({ organisationId: z.uuid({ error: '组织编号格式不正确' }).optional() });

const previewQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

/** Campaigns: the organisation department sets one up for a year and sees its plan before starting it. */
@ApiTags('评选活动')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly ds: DataSource,
    private readonly run: CampaignRunService,
    private readonly dashboards: CampaignDashboardService,
  ) {}

  private async plan(params: RedFlagCampaignParams) {
    const calendar = new WorkingCalendar(await loadCalendarBundle(this.ds, params.year, params.year + 1));
    try {
      return planRedFlagCampaign(params, calendar);
    } catch (err) {
      if (err instanceof CalendarYearMissing) throw new ApiError('CALENDAR_YEAR_MISSING', err.message);
      if (err instanceof CampaignPlanInvalid) throw new ApiError('PLAN_INVALID', err.message);
      throw err;
    }
  }

  private merge(year: number, given: z.infer<typeof paramsSchema>): RedFlagCampaignParams {
    const base = defaultRedFlagParams(year);
    return { ...base, ...given, deadlines: { ...base.deadlines, ...(given.deadlines ?? {}) } } as RedFlagCampaignParams;
  }

  @Get('defaults')
  @ApiOperation({ summary: '某年评选活动的默认参数与日程（按工作日历计算）' })
  async defaults(@Query({ schema: previewQuery }) q: z.infer<typeof previewQuery>) {
    const params = defaultRedFlagParams(q.year);
    return { params, plan: await this.plan(params) };
  }

  @Post()
  @ApiOperation({ summary: '创建评选活动（草稿，管理员），返回按日历计算的日程' })
  async create(@CurrentPrincipal() p: Principal, @Body({ schema: createSchema }) body: z.infer<typeof createSchema>, @RequestId() requestId: string) {
    const grant = p.grants.find((g) => g.role === 'administrator' && g.level === 'org_department');
    if (!grant) throw forbidden('只有组织部管理员可以创建评选活动');
    const params = this.merge(body.year, body.params);
    const plan = await this.plan(params);
    // A retry with the same Idempotency-Key finds the draft its first attempt created.
    const id = deterministicUuid(`campaign:${requestId}`);
    const title = body.title ?? `${body.year}年度“泰山先锋”红旗党支部评选`;
    try {
      await this.ds.transaction(async (em) => {
        const inserted: unknown[] = await em.query(
          `INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8)
           ON CONFLICT (id) DO NOTHING RETURNING id`,
          [id, body.process, body.year, title, grant.organisationId, JSON.stringify(params), JSON.stringify(plan), p.userId],
        );
        if (!inserted.length) return;
        await appendAudit(em, {
          actorId: p.userId,
          actorName: p.displayName,
          actorRole: grant.role,
          organisationId: grant.organisationId,
          action: 'campaign.created',
          subjectType: 'campaign',
          subjectId: id,
          after: { title, params },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err, 'campaigns_one_per_year')) throw new ApiError('DUPLICATE_CAMPAIGN', `${body.year}年度已有该评选活动`);
      throw err;
    }
    return this.get(p, id);
  }

  /** A campaign run by the department concerns its whole city: everyone in the city may read it. */
  private async visibleCampaigns(p: Principal, id?: string) {
    const rows: Array<Record<string, unknown> & { path: string; level: OrgLevel }> = await this.ds.query(
      `SELECT c.id, c.process, c.year, c.title, c.status, c.params, c.plan, c.created_at AS "createdAt", o.path, o.level
         FROM campaigns c JOIN organisations o ON o.id = c.organisation_id
        WHERE $1::uuid IS NULL OR c.id = $1 ORDER BY c.year DESC`,
      [id ?? null],
    );
    return rows.filter((r) => p.grants.some((g) => g.path.startsWith(scopePathOf(r)))).map(({ path: _p, level: _l, ...campaign }) => campaign);
  }

  @Get()
  @ApiOperation({ summary: '本人可见的评选活动' })
  list(@CurrentPrincipal() p: Principal) {
    return this.visibleCampaigns(p);
  }

  @Get(':id')
  @ApiOperation({ summary: '评选活动详情与日程' })
  async get(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    const [campaign] = await this.visibleCampaigns(p, id);
    if (!campaign) throw notFound('评选活动');
    return campaign;
  }

  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({ summary: '启动评选活动（组织部管理员）' })
  start(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    return this.run.start(p, id);
  }

  @Post(':id/control')
  @HttpCode(200)
  @ApiOperation({ summary: '暂停、恢复、延期或撤销评选活动（组织部管理员，须说明理由）' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一请求时携带相同的键，返回首次结果' })
  control(
    @CurrentPrincipal() p: Principal,
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: controlSchema }) body: z.infer<typeof controlSchema>,
    @RequestId() requestId: string,
  ) {
    return this.run.control(p, id, body, requestId);
  }

  @Get(':id/dashboard')
  @ApiOperation({ summary: '评选活动看板：各阶段期限与办理情况、逾期与临期任务、候选对象状态、否决与异议、台账（限本级及下级）' })
  dashboard(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: dashboardQuery }) q: z.infer<typeof dashboardQuery>) {
    return this.dashboards.dashboard(p, id, q.organisationId);
  }
}
