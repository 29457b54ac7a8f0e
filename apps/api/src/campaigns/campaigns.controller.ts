import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  CalendarYearMissing,
  CampaignPlanInvalid,
  type OrgLevel,
  WorkingCalendar,
  isDepartment,
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
import { Endpoint, WORKFLOW_UNAVAILABLE } from '../openapi/endpoint';
import {
  campaignDashboardExample,
  campaignDashboardSchema,
  campaignDefaultsExample,
  campaignDefaultsSchema,
  campaignExample,
  campaignSchema,
  campaignStartedExample,
  campaignStartedSchema,
  campaignViewExample,
  campaignViewSchema,
} from './campaigns.responses';
import { PROCESS_IDS, type ProcessDefinition, findProcess, PROCESSES } from '../../../../libs/processes/src';

const year = z.number().int().min(2000).max(2100);

/** One shape per registered process: its own parameters, checked as its document requires. */
const createSchema = (() => {
  const options = PROCESSES.map((d) =>
    z.strictObject({
      process: z.literal(d.id),
      year,
      title: z.string().trim().min(1).max(200).optional(),
      reason: z.string().trim().min(1, '理由不能为空').max(500).optional().describe('设立的理由（记入审计）'),
      parameters: (d.parameters.overrides as z.ZodObject).default({}),
    }),
  );
  return options.length === 1 ? options[0]! : z.discriminatedUnion('process', options as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]]);
})();
type CreateBody = { process: string; year: number; title?: string; reason?: string; parameters: Record<string, unknown> };

const startSchema = z.strictObject({ reason: z.string().trim().min(1, '理由不能为空').max(500).optional().describe('启动的理由（记入审计）') }).optional();

const controlSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.enum(['pause', 'resume', 'cancel']), reason: z.string().trim().min(1, '须说明理由').max(500) }),
    z.strictObject({
      action: z.literal('extend'),
      reason: z.string().trim().min(1, '须说明理由').max(500),
      stage: z.string().min(1).max(60).describe('阶段编号（见 GET /processes）'),
      dueAt: z.iso.datetime({ offset: true, error: '截止时间须为 ISO 8601 时间' }),
      organisationId: z.uuid({ error: '组织编号格式不正确' }).optional(),
    }),
  ],
  { error: '操作须为 pause、resume、cancel 或 extend' },
);

const dashboardQuery = z.strictObject({ organisationId: z.uuid({ error: '组织编号格式不正确' }).optional() });

const previewQuery = z.strictObject({
  process: z.enum(PROCESS_IDS, { error: `流程须为：${PROCESS_IDS.join('、')}` }),
  year: z.coerce.number().int().min(2000).max(2100),
});

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

  private definition(id: string): ProcessDefinition {
    const d = findProcess(id);
    if (!d) throw new ApiError('VALIDATION_FAILED', `流程须为：${PROCESS_IDS.join('、')}`);
    return d;
  }

  private async plan(d: ProcessDefinition, params: { year: number }) {
    const calendar = new WorkingCalendar(await loadCalendarBundle(this.ds, params.year, params.year + (d.calendarYears ?? 2) - 1));
    try {
      return d.plan(params, calendar);
    } catch (err) {
      if (err instanceof CalendarYearMissing) throw new ApiError('CALENDAR_YEAR_MISSING', err.message);
      if (err instanceof CampaignPlanInvalid) throw new ApiError('PLAN_INVALID', err.message);
      throw err;
    }
  }

  @Get('defaults')
  @Endpoint({
    summary: '某流程某年的默认参数与日程（按工作日历计算；流程见 GET /processes）',
    description: '该年及次年须已录入节假日安排（否则 422 CALENDAR_YEAR_MISSING，见 GET /calendar/years）。',
    ok: { status: 200, description: '默认参数与各阶段日程', schema: campaignDefaultsSchema, example: campaignDefaultsExample },
    errors: ['CALENDAR_YEAR_MISSING', 'PLAN_INVALID'],
  })
  async defaults(@Query({ schema: previewQuery }) q: z.infer<typeof previewQuery>) {
    const d = this.definition(q.process);
    const parameters = d.parameters.defaults(q.year);
    return { process: d.id, parameters, plan: await this.plan(d, parameters) };
  }

  // Under /defaults: a path of its own beside GET /campaigns/{id}, which would otherwise answer it too.
  @Post('defaults/preview')
  @HttpCode(200)
  @Endpoint({
    summary: '按给定参数预览某流程某年的日程（不保存；参数同 POST /campaigns）',
    description: '参数按该流程文件的规则检查（如各阶段截止日期的先后），不符合时 422 PLAN_INVALID，说明违反的规则。',
    ok: { status: 200, description: '合并后的参数与各阶段日程', schema: campaignDefaultsSchema, example: campaignDefaultsExample },
    errors: ['CALENDAR_YEAR_MISSING', 'PLAN_INVALID'],
  })
  async preview(@Body({ schema: createSchema }) body: CreateBody) {
    const d = this.definition(body.process);
    const parameters = d.parameters.merge(body.year, body.parameters);
    return { process: d.id, parameters, plan: await this.plan(d, parameters) };
  }

  @Post()
  @Endpoint({
    summary: '创建某流程的评选活动（草稿，管理员；parameters 覆盖该流程的默认参数），返回按日历计算的日程',
    description: '该年及次年须已录入节假日安排（否则 422 CALENDAR_YEAR_MISSING）；每年每项评选只有一个未撤销的活动。',
    ok: { status: 201, description: '创建的评选活动', schema: campaignSchema, example: campaignExample },
    errors: ['FORBIDDEN', 'CALENDAR_YEAR_MISSING', 'PLAN_INVALID', 'DUPLICATE_CAMPAIGN'],
  })
  async create(@CurrentPrincipal() p: Principal, @Body({ schema: createSchema }) body: CreateBody, @RequestId() requestId: string) {
    const grant = p.grants.find((g) => g.role === 'administrator' && isDepartment(g.level));
    if (!grant) throw forbidden('只有组织部管理员可以创建评选活动');
    const d = this.definition(body.process);
    const params = d.parameters.merge(body.year, body.parameters);
    const plan = await this.plan(d, params);
    // A retry with the same Idempotency-Key finds the draft its first attempt created.
    const id = deterministicUuid(`campaign:${requestId}`);
    const title = body.title ?? d.title(params);
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
          opinion: body.reason,
          after: { title, params },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err, 'campaigns_one_per_year')) throw new ApiError('DUPLICATE_CAMPAIGN', `${body.year}年度已有${d.name}活动`);
      throw err;
    }
    return this.get(p, id);
  }

  /** A campaign run by the department concerns its whole city: everyone in the city may read it. */
  private async visibleCampaigns(p: Principal, id?: string) {
    const rows: Array<Record<string, unknown> & { path: string; level: OrgLevel }> = await this.ds.query(
      `SELECT c.id, c.process, c.year, c.title, c.status, c.params AS parameters, c.plan, c.consultation_rules AS "consultationRules", c.created_at AS "createdAt", o.path, o.level
         FROM campaigns c JOIN organisations o ON o.id = c.organisation_id
        WHERE $1::uuid IS NULL OR c.id = $1 ORDER BY c.year DESC`,
      [id ?? null],
    );
    return rows.filter((r) => p.grants.some((g) => g.path.startsWith(scopePathOf(r)))).map(({ path: _p, level: _l, ...campaign }) => campaign);
  }

  @Get()
  @Endpoint({
    summary: '本人可见的评选活动',
    ok: { status: 200, description: '按年度倒序', schema: z.array(campaignSchema), example: [campaignExample] },
  })
  list(@CurrentPrincipal() p: Principal) {
    return this.visibleCampaigns(p);
  }

  @Get(':id')
  @Endpoint({ summary: '评选活动详情与日程', ok: { status: 200, description: '评选活动', schema: campaignSchema, example: campaignExample }, errors: ['NOT_FOUND'] })
  async get(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string) {
    const [campaign] = await this.visibleCampaigns(p, id);
    if (!campaign) throw notFound('评选活动');
    return campaign;
  }

  @Post(':id/start')
  @HttpCode(200)
  @Endpoint({
    summary: '启动评选活动（组织部管理员）',
    description: '流程可在启动前检查参数能否在组织树内实现（如泰安：名额须能在各市管党委10%的比例上限内按1:2差额推荐，否则 422 QUOTA_EXCEEDS_CAP）；重复启动运行中的活动无副作用。',
    ok: { status: 200, description: '已启动', schema: campaignStartedSchema, example: campaignStartedExample },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'CAMPAIGN_NOT_DRAFT', 'QUOTA_EXCEEDS_CAP', 'SERVICE_UNAVAILABLE'],
  })
  start(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Body({ schema: startSchema }) body: z.infer<typeof startSchema>) {
    return this.run.start(p, id, body?.reason);
  }

  @Post(':id/control')
  @HttpCode(200)
  @Endpoint({
    summary: '暂停、恢复、延期或撤销评选活动（组织部管理员，须说明理由）',
    ok: { status: 200, description: '评选活动的新状态', schema: campaignViewSchema, example: campaignViewExample },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'CAMPAIGN_NOT_STARTED', 'STAGE_UNKNOWN', 'TASK_NOT_OPEN', 'ALREADY_FINISHED', 'INVALID_ACTION', ...WORKFLOW_UNAVAILABLE],
  })
  control(
    @CurrentPrincipal() p: Principal,
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: controlSchema }) body: z.infer<typeof controlSchema>,
    @RequestId() requestId: string,
  ) {
    return this.run.control(p, id, body, requestId);
  }

  @Get(':id/dashboard')
  @Endpoint({
    summary: '评选活动看板：各阶段期限与办理情况、逾期与临期任务、候选对象状态、否决与异议、台账（限本级及下级）',
    ok: { status: 200, description: '看板', schema: campaignDashboardSchema, example: campaignDashboardExample },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  })
  dashboard(@CurrentPrincipal() p: Principal, @Param('id', { schema: uuidParam }) id: string, @Query({ schema: dashboardQuery }) q: z.infer<typeof dashboardQuery>) {
    return this.dashboards.dashboard(p, id, q.organisationId);
  }
}
