import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { type Actor, type CampaignControlRequest, campaignQuery, campaignWorkflowId, controlCampaignUpdate, humanTaskWorkflowId } from '../../../libs/contracts/src';
import type { PlannedStage } from '../../../libs/domain/src';
import {
  RED_FLAG_CAMPAIGN_WORKFLOW,
  RED_FLAG_STAGES,
  RED_FLAG_STAGE_LABELS,
  type RedFlagCampaignInput,
  type RedFlagStage,
  defaultRedFlagParams,
} from '../../../libs/processes/src/taian';
import { actorAt, orgByCode } from '../../support/fixtures';
import { type WorkflowHarness, eventually, startWorkflowHarness } from '../../support/workflow-harness';

const DAY = 86_400_000;
const chinaDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * redFlagCampaign under the organisation department's controls: a subtree's
 * extension of the applications moves the campaign's wait, a pause holds the
 * next stage, resume goes on, a cancel at the city committee's decision ends
 * the campaign with that task. Its history (`redFlagCampaign.controls.json`)
 * was recorded before the campaign machinery moved into CampaignRun, so its
 * replay proves the controls still issue the same commands.
 */
describe('redFlagCampaign under pause, extension and cancel', () => {
  let h: WorkflowHarness;
  let admin: Actor;

  beforeAll(async () => {
    h = await startWorkflowHarness('red-flag-controls-test');
    admin = await actorAt(h.db.dataSource, 'admin', 'administrator');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const control = (req: Omit<CampaignControlRequest, 'actor'>, campaignId: string) =>
    h.env.client.workflow.getHandle(campaignWorkflowId(campaignId)).executeUpdate(controlCampaignUpdate, { args: [{ ...req, actor: admin }] });
  const stageStatus = async (campaignId: string) =>
    Object.fromEntries(
      ((await h.db.dataSource.query(`SELECT stage, status FROM campaign_stages WHERE campaign_id = $1`, [campaignId])) as Array<{ stage: string; status: string }>).map((r) => [r.stage, r.status]),
    );

  it('an extension for a subtree, a pause, resume and a cancel with the decision open (records history)', async () => {
    const now = await h.env.currentTimeMs();
    const campaignId = randomUUID();
    // Each stage two days after the one before; no branch applies, so the campaign goes straight to the city committee's decision.
    const plan: Array<PlannedStage<RedFlagStage>> = RED_FLAG_STAGES.map((stage, i) => ({
      stage,
      label: RED_FLAG_STAGE_LABELS[stage],
      opensOn: chinaDay(now + 2 * i * DAY),
      dueOn: chinaDay(now + 2 * (i + 1) * DAY),
      dueAt: new Date(now + 2 * (i + 1) * DAY).toISOString(),
      notes: [],
    }));
    const department = await orgByCode(h.db.dataSource, 'taian-zzb');
    const city = await orgByCode(h.db.dataSource, 'taian');
    const district = await orgByCode(h.db.dataSource, 'tsq');
    const params = { ...defaultRedFlagParams(new Date(now).getUTCFullYear()), quota: 2 };
    await h.db.dataSource.query(
      `INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, 'taian', $2, '红旗党支部评选（控制测试）', $3, $4, $5, 'running', $6)`,
      [campaignId, params.year, department.id, JSON.stringify(params), JSON.stringify(plan), admin.userId],
    );
    const input: RedFlagCampaignInput = {
      campaignId,
      title: '红旗党支部评选（控制测试）',
      params,
      plan,
      orgDepartment: { id: department.id, name: department.name },
      cityCommittee: { id: city.id, name: city.name },
      startedBy: admin,
    };
    const handle = await h.env.client.workflow.start(RED_FLAG_CAMPAIGN_WORKFLOW, { workflowId: campaignWorkflowId(campaignId), taskQueue: h.taskQueue, args: [input] });
    await eventually(() => stageStatus(campaignId), (s) => s.application === 'open');

    // One district's applications run three days longer: the campaign waits for them.
    const extendedTo = new Date(now + 5 * DAY).toISOString();
    const view = await control({ action: 'extend', reason: '泰山区因防汛延后申报', stage: 'application', dueAt: extendedTo, organisationId: district.id, organisationPath: district.path }, campaignId);
    expect(view.dues.application).toBe(extendedTo);
    await h.env.sleep(3 * DAY);
    await control({ action: 'pause', reason: '等待上级通知' }, campaignId);
    await h.env.sleep(3 * DAY);
    expect(await handle.query(campaignQuery)).toMatchObject({ status: 'paused', stage: 'application' });
    await control({ action: 'resume', reason: '上级通知已到' }, campaignId);

    const [decision] = await eventually(
      (): Promise<Array<{ group_id: string }>> => h.db.dataSource.query(`SELECT group_id FROM tasks WHERE campaign_id = $1 AND kind = 'city_committee_decision'`, [campaignId]),
      (rows) => rows.length === 1,
    );
    await control({ action: 'cancel', reason: '上级通知本年度暂停评选' }, campaignId);
    await expect(handle.result()).resolves.toEqual({ campaignId, status: 'cancelled', named: [] });

    if (process.env.RECORD_HISTORIES) {
      mkdirSync(path.resolve(__dirname, '../../replay/histories'), { recursive: true });
      writeFileSync(path.resolve(__dirname, '../../replay/histories/redFlagCampaign.controls.json'), historyToJSON(await handle.fetchHistory()));
    }
    expect((await h.env.client.workflow.getHandle(humanTaskWorkflowId(decision!.group_id)).describe()).status.name).toBe('CANCELLED');
    expect(await h.db.dataSource.query(`SELECT status FROM tasks WHERE group_id = $1`, [decision!.group_id])).toEqual([{ status: 'cancelled' }]);
    expect(await stageStatus(campaignId)).toMatchObject({ city_review: 'cancelled', naming: 'cancelled', mentoring_plan: 'cancelled' });
    expect(await h.db.dataSource.query(`SELECT status FROM campaigns WHERE id = $1`, [campaignId])).toEqual([{ status: 'cancelled' }]);
  });
});
