import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CampaignControlAction } from '../../../../libs/contracts/src';
import { type PlannedStage, stageOpensAt } from '../../../../libs/domain/src';
import { appendAudit, loadConsultationList } from '../../../../libs/persistence/src';
import { type CommitteeSize, type ProcessDefinition, PROCESSES, findProcess, stageLabel } from '../../../../libs/processes/src';
import type { ProcessGateway } from '../../../../libs/temporal-client/src';
import type { Principal, RoleGrant } from '../auth/principal';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { translateWorkflowError } from '../common/workflow-errors';
import { PROCESS_GATEWAY } from '../tokens';

interface CampaignRow {
  id: string;
  process: string;
  title: string;
  status: string;
  params: { year: number };
  plan: PlannedStage[];
  organisation_id: string;
  organisation_name: string;
  city_id: string;
  city_name: string;
  city_path: string;
}

export interface ControlBody {
  action: CampaignControlAction;
  reason: string;
  stage?: string;
  dueAt?: string;
  organisationId?: string;
}

/** Starting a campaign and steering it (pause, resume, extend, cancel): the organisation department's administrators only. */
@Injectable()
export class CampaignRunService {
  constructor(
    private readonly ds: DataSource,
    @Inject(PROCESS_GATEWAY) private readonly processes: ProcessGateway,
  ) {}

  private async campaign(id: string): Promise<CampaignRow> {
    const [row] = await this.ds.query(
      `SELECT c.id, c.process, c.title, c.status, c.params, c.plan, c.organisation_id, d.name AS organisation_name, city.id AS city_id, city.name AS city_name, city.path AS city_path
         FROM campaigns c JOIN organisations d ON d.id = c.organisation_id JOIN organisations city ON city.id = d.parent_id WHERE c.id = $1`,
      [id],
    );
    if (!row) throw notFound('评选活动');
    return row;
  }

  /** The definition of the campaign's process; a campaign of a process no longer registered is a defect. */
  private definition(c: CampaignRow): ProcessDefinition {
    const d = findProcess(c.process);
    if (!d) throw new Error(`campaign ${c.id} belongs to the unregistered process ${c.process}`);
    return d;
  }

  private administrator(p: Principal, c: CampaignRow): RoleGrant {
    const grant = p.grantAt('administrator', c.organisation_id);
    if (!grant) {
      // Everyone in the city may read the campaign, so a refusal to act on it is a 403, not a 404.
      if (!p.grants.some((g) => g.path.startsWith(c.city_path))) throw notFound('评选活动');
      throw forbidden('只有组织部管理员可以启动或调整评选活动');
    }
    return grant;
  }

  async start(p: Principal, id: string, reason?: string) {
    const c = await this.campaign(id);
    const grant = this.administrator(p, c);
    if (c.status !== 'draft' && c.status !== 'running') throw new ApiError('CAMPAIGN_NOT_DRAFT', '只有草稿状态的评选活动可以启动');
    const definition = this.definition(c);
    const committees: CommitteeSize[] = await this.ds.query(
      `SELECT c.id, c.level, count(b.id)::int AS governed FROM organisations c JOIN organisations b ON b.level = 'branch' AND b.path LIKE c.path || '%'
        WHERE c.level IN ('city_managed_committee', 'grassroots_committee') AND c.path LIKE $1 GROUP BY c.id, c.level`,
      [`${c.city_path}%`],
    );
    const refusal = definition.checkStart?.(c.params, committees);
    if (refusal) throw new ApiError('QUOTA_EXCEEDS_CAP', refusal);
    // The agencies consulted are the year's list as it stands now, kept with the campaign: a later edit does not reach a running year.
    const list = await loadConsultationList(this.ds, c.params.year);
    await this.ds.query(`UPDATE campaigns SET consultation_rules = coalesce(consultation_rules, $2) WHERE id = $1`, [c.id, JSON.stringify(list.rules)]);
    const [{ consultation_rules: consultationRules }] = await this.ds.query(`SELECT consultation_rules FROM campaigns WHERE id = $1`, [c.id]);
    const input = definition.workflow.input({
      campaignId: c.id,
      title: c.title,
      params: c.params,
      plan: c.plan,
      orgDepartment: { id: c.organisation_id, name: c.organisation_name },
      cityCommittee: { id: c.city_id, name: c.city_name },
      startedBy: p.actorAs(grant),
      consultationRules,
    });
    await this.processes.startCampaign(definition.workflow.type, c.id, input);
    await this.ds.transaction(async (em) => {
      // As a SELECT, so the answer is the rows moved (an UPDATE answers with its affected count beside them).
      const started: unknown[] = await em.query(
        `WITH moved AS (UPDATE campaigns SET status = 'running', updated_at = now() WHERE id = $1 AND status = 'draft' RETURNING id) SELECT id FROM moved`,
        [c.id],
      );
      // Only the start that moved the draft is recorded: a repeated start changes nothing.
      if (started.length) {
        await appendAudit(em, { actorId: p.userId, actorName: p.displayName, actorRole: grant.role, organisationId: grant.organisationId, action: 'campaign.start', subjectType: 'campaign', subjectId: c.id, opinion: reason });
      }
    });
    return { id: c.id, status: 'running' };
  }

  async control(p: Principal, id: string, body: ControlBody, requestId: string) {
    const c = await this.campaign(id);
    const grant = this.administrator(p, c);
    if (c.status === 'draft') throw new ApiError('CAMPAIGN_NOT_STARTED', '评选活动尚未启动');
    const definition = this.definition(c);
    if (body.stage !== undefined && !definition.stages.some((s) => s.id === body.stage)) {
      throw new ApiError('STAGE_UNKNOWN', `${definition.name}没有“${body.stage}”阶段；阶段须为：${definition.stages.map((s) => s.id).join('、')}`);
    }
    let organisationPath: string | null = null;
    if (body.organisationId) {
      const [org] = await this.ds.query(`SELECT path FROM organisations WHERE id = $1 AND path LIKE $2`, [body.organisationId, `${c.city_path}%`]);
      if (!org) throw notFound('延期适用的组织');
      organisationPath = org.path;
    }
    try {
      const view = await this.processes.controlCampaign(
        c.id,
        { action: body.action, reason: body.reason, stage: body.stage, dueAt: body.dueAt, organisationId: body.organisationId ?? null, organisationPath, actor: p.actorAs(grant) },
        requestId,
      );
      if (body.action === 'extend') await this.extendOpenTasks(p, grant, c.id, stageLabel(definition, body.stage!), body, organisationPath, requestId);
      return view;
    } catch (err) {
      throw translateWorkflowError(err);
    }
  }

  /** A stage's extension reaches the work already open in it (in the subtree it is for); each task keeps its own record of it. */
  private async extendOpenTasks(p: Principal, grant: RoleGrant, campaignId: string, label: string, body: ControlBody, path: string | null, requestId: string) {
    const open: Array<{ group_id: string }> = await this.ds.query(
      `SELECT DISTINCT group_id FROM tasks WHERE campaign_id = $1 AND stage = $2 AND status = 'open' AND due_at < $3 AND ($4::text IS NULL OR organisation_path LIKE $4 || '%')`,
      [campaignId, body.stage, body.dueAt, path],
    );
    for (const t of open) {
      await this.processes
        .actOnTask(t.group_id, { action: { type: 'extend', dueAt: body.dueAt!, opinion: `${label}阶段延期：${body.reason}` }, actor: p.actorAs(grant) }, `${requestId}:${t.group_id}`)
        .catch(() => undefined); // a task that closed meanwhile needs no extension
    }
  }

  /** The deadline a branch's application must meet: the stage's, or a later extension for its subtree. */
  async applicationWindow(year: number, branchPath: string): Promise<{ campaignId: string; dueAt: string; opensAt: string | null } | null> {
    const taking = PROCESSES.filter((d) => d.applicationStage);
    const [c] = await this.ds.query(`SELECT id, process, status, params, plan FROM campaigns WHERE process = ANY($1) AND year = $2 AND status <> 'cancelled'`, [
      taking.map((d) => d.id),
      year,
    ]);
    if (!c) return null;
    if (c.status === 'draft') throw new ApiError('CAMPAIGN_NOT_STARTED', `${year}年度评选活动尚未启动，暂不受理推荐申报`);
    if (c.status === 'completed') throw new ApiError('CAMPAIGN_FINISHED', `${year}年度评选活动已结束`);
    const applicationStage = taking.find((d) => d.id === c.process)!.applicationStage!;
    const [stage] = await this.ds.query(
      `SELECT s.status, greatest(s.due_at, (SELECT max(e.due_at) FROM campaign_extensions e WHERE e.campaign_id = s.campaign_id AND e.stage = s.stage AND $2 LIKE e.organisation_path || '%')) AS due_at
         FROM campaign_stages s WHERE s.campaign_id = $1 AND s.stage = $3`,
      [c.id, branchPath, applicationStage],
    );
    if (stage && stage.status !== 'open' && stage.status !== 'pending') {
      throw new ApiError('DEADLINE_PASSED', '推荐申报已截止，本年度申报阶段已结束；逾期申报须经管理员延期');
    }
    const planned = (c.plan as PlannedStage[]).find((s) => s.stage === applicationStage)!;
    // A window with a planned opening (campaigns since the window opened on its day) refuses applications before it.
    const opensAt = (c.params as { applicationOpens?: string }).applicationOpens ? stageOpensAt(planned) : null;
    return { campaignId: c.id, dueAt: new Date(stage?.due_at ?? planned.dueAt).toISOString(), opensAt };
  }
}
