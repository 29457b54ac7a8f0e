/** The driver of a Tai'an year: starts the stack and the campaign, lets the actors act day by day, and reads back the summary. */
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { chinaDate, defaultQuotaFor } from '../../../../libs/domain/src';
import { type DemoOrg, demoUsers, seedTree, simulatedTree } from '../../../../libs/persistence/src';
import { actorWorld } from '../actor-world';
import { DAY, simulateDays, skipToWorkingHour, startSimulatedCampaign } from '../campaign-days';
import { type ApiBody, type Http, type SimulationStack, type StackOptions, startSimulationStack } from '../stack';
import { mulberry32 } from '../random';
import { type SimulationSummary, summarise } from '../summary';
import { defaultRedFlagParams, dynamicManagementWorkflowId } from '../../../../libs/processes/src/taian';
import type { ActorContext, Stats } from './actor-context';
import { answerConsultations } from './consultations';
import { objectToNotices, unreadNotices } from './public-objections';
import { scriptActors } from './script';
import { actOnTasks, openTasks } from './tasks';

export interface SimulationOptions extends StackOptions {
  branches: number;
  quota?: number;
  /** Called after the year, while Temporal still runs (tests fetch the workflows' histories here). */
  onFinished?: (run: { client: Client; campaignId: string; api: Http; tokenFor: (organisationId: string, role: string) => Promise<string> }) => Promise<void>;
}

export type { ApiBody, Http };

/**
 * A whole Tai'an campaign year against the time-skipping server, the real
 * worker, a real PostgreSQL and the real API: scripted actors act over HTTP as
 * every role would (some late, some agencies vetoing, some objections upheld),
 * and the clock moves a day at a time when nobody has anything left to do.
 * The actors find their work in the read model, as an inbox would show it
 * each morning, and take what they choose from a form by name: the same seed
 * makes the same year.
 */
export async function runTaianSimulation(o: SimulationOptions): Promise<SimulationSummary> {
  const started = Date.now();
  const progress = o.progress ?? (() => undefined);
  const rng = mulberry32(o.seed);
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    const tree = simulatedTree(o.branches);
    const stack = await startSimulationStack(o, (owner) => seedTree(owner, tree, demoUsers));
    cleanups.push(() => stack.stop());
    const { env, client, owner, api, tokenFor, orgId } = stack;
    const orgDept = await orgId('taian-zzb');
    const adminToken = await tokenFor(orgDept, 'administrator');

    await skipToWorkingHour(env, progress);
    // The campaign of the coming year, with the calendar an administrator enters for it.
    const year = new Date(await env.currentTimeMs()).getUTCFullYear() + 1;
    const defaults = defaultRedFlagParams(year);
    const quota = o.quota ?? defaultQuotaFor(governedByCityManaged(tree), defaults.advancedCap, defaults.recommendationRatio);
    const { campaignId, plan } = await startSimulatedCampaign(stack, { process: 'taian', admin: adminToken, years: 1, parameters: { quota } });
    const due = (stage: string) => plan.find((s) => s.stage === stage)!;
    progress(`campaign ${year}: quota ${quota}, started`);

    const script = await scriptActors(owner, rng, year, due('application').dueOn, o.seed);
    const stats: Stats = { lateApplicationsRefused: 0, extensions: 0, refusals: {} };
    // A secretary who applies before the window opens ("第一季度") is refused, with the opening date, and applies again once open.
    const eager = script.applications[0]!;
    const early = await api.call('POST', '/nominations', await tokenFor(eager.branchId, 'submitter'), { branchId: eager.branchId, campaignYear: year, form: eager.form });
    if (early.status !== 422 || early.body?.code !== 'APPLICATION_NOT_OPEN') throw new Error(`an application before the window opened was not refused: ${early.status} ${JSON.stringify(early.body)}`);
    stats.refusals.earlyApplication = early.body.message as string;
    const actors: ActorContext = { ...actorWorld(stack, { seed: o.seed, campaignId, script }), adminToken, today: '', waitedFor: new Set(), stats };

    await simulateDays(stack, {
      campaignId,
      // From today to the next year's campaign, through its year and the year after the naming.
      maxDays: 3 * 366,
      reportEvery: 7,
      work: async (now) => {
        actors.now = now;
        actors.today = chinaDate(new Date(now));
        // What everyone finds in the morning. What the day's own work brings (a review, a request, a notice) is found the
        // next morning, not as soon as the worker gets to it: its pace would decide what is done on which day.
        const open = await openTasks(actors);
        const notices = await unreadNotices(actors);
        await actOnScript(actors, stack, year);
        await actOnTasks(actors, open.filter((t) => t.kind !== 'consultation_request'));
        await answerConsultations(actors, open.filter((t) => t.kind === 'consultation_request'));
        await objectToNotices(actors, notices);
        // A day at a time until the naming; the year after it runs on until its last spot check, and nothing there is daily.
        const [c] = await owner.query(`SELECT status FROM campaigns WHERE id = $1`, [campaignId]);
        return c.status === 'completed' ? Infinity : now + DAY;
      },
      line: () => progressLine(owner, campaignId),
      progress,
      over: async (status) => status === 'cancelled' || (status === 'completed' && !(await stillRunning(client, dynamicManagementWorkflowId(campaignId)))),
    });
    await o.onFinished?.({ client, campaignId, api, tokenFor });
    return await summarise(owner, { campaignId, branches: o.branches, seed: o.seed, quota, stats, seconds: (Date.now() - started) / 1000 });
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

async function stillRunning(client: Client, workflowId: string): Promise<boolean> {
  try {
    return (await client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';
  } catch {
    return false;
  }
}

/**
 * What the script has people do on the day: branch secretaries apply on their
 * day (a few after the deadline, refused), a branch the ledger bars tries to
 * apply (refused), and committees regrade applicants after the applications
 * close.
 */
async function actOnScript(x: ActorContext, stack: SimulationStack, year: number): Promise<void> {
  const { api, tokenFor, expect } = stack;
  const { script, stats, today } = x;
  for (const a of script.applications.filter((y) => y.on === today)) {
    const res = await api.call('POST', '/nominations', await tokenFor(a.branchId, 'submitter'), { branchId: a.branchId, campaignYear: year, form: a.form });
    if (a.late) {
      if (res.status !== 422) throw new Error(`late application was not refused: ${res.status}`);
      stats.lateApplicationsRefused++;
      stats.refusals.lateApplication ??= res.body?.message as string;
    } else expect('nomination', res, 200, 201, 202);
  }
  // A branch graded lagging or weak and lax tries to apply: the rule refuses it and names itself.
  for (const a of script.ineligibleTries.filter((y) => y.on === today)) {
    const res = await api.call('POST', '/nominations', await tokenFor(a.branchId, 'submitter'), { branchId: a.branchId, campaignYear: year, form: script.applications[0]!.form });
    if (res.status !== 422 || res.body?.code !== 'BRANCH_INELIGIBLE') throw new Error(`an ineligible branch's application was not refused: ${res.status} ${JSON.stringify(res.body)}`);
    stats.refusals.ineligibleApplication ??= res.body?.message as string;
  }
  // After the applications close, a committee's review finds an applicant's organisation lax and regrades it in the ledger.
  for (const d of script.downgrades.filter((y) => y.on === today)) {
    const res = await api.call('PUT', `/ledger/${d.branchId}`, await tokenFor(d.committeeId, 'reviewer'), {
      grade: 'weak_and_lax',
      reason: '年度考评发现该党支部组织生活长期不能正常开展，经党委研究调整为软弱涣散，列入整顿',
    });
    expect('ledger downgrade', res, 200);
  }
}

async function progressLine(ds: DataSource, campaignId: string): Promise<string> {
  const [s] = await ds.query(
    `SELECT (SELECT stage FROM campaign_stages WHERE campaign_id = $1 AND status = 'open' ORDER BY seq LIMIT 1) AS stage,
            (SELECT count(*)::int FROM nominations WHERE campaign_id = $1) AS nominations,
            (SELECT count(*)::int FROM tasks WHERE campaign_id = $1 AND status = 'open') AS open,
            (SELECT count(*)::int FROM tasks WHERE campaign_id = $1 AND status = 'completed') AS done`,
    [campaignId],
  );
  return `stage=${s.stage ?? '-'} nominations=${s.nominations} tasks open=${s.open} done=${s.done}`;
}

/** Branches under each city-managed committee of a tree, as the campaign counts them when it allots the quota. */
function governedByCityManaged(city: DemoOrg): number[] {
  const branches = (o: DemoOrg): number => (o.level === 'branch' ? 1 : 0) + (o.children ?? []).reduce((a, c) => a + branches(c), 0);
  return (city.children ?? []).filter((c) => c.level === 'city_managed_committee').map(branches);
}
