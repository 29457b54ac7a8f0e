/** The driver of a Zibo year: starts the stack and the campaign, lets every role work day by day, and reads back the summary. */
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { addTree, ziboDemoUsers, ziboSimulatedTree } from '../../../../libs/persistence/src';
import { actorWorld, scriptedBranches } from '../actor-world';
import { DAY, simulateDays, startSimulatedCampaign } from '../campaign-days';
import { type Http, type StackOptions, startSimulationStack } from '../stack';
import { skipTime } from '../time-skipping';
import { type ZiboSimulationSummary, summarise } from './summary';
import { actOnTasks } from './tasks';
import type { Script, World } from './world';

export type { Script, ZiboSimulationSummary };

export interface ZiboSimulationOptions extends StackOptions {
  branches: number;
  /** Reads what a test needs while Temporal still runs (recorded histories, pages over HTTP). */
  onFinished?: (run: { client: Client; campaignId: string; api: Http; tokenFor: (organisationId: string, role: string) => Promise<string>; script: Script }) => Promise<void>;
}

/**
 * A year of Zibo's hard-branch building (PROCESSES.md §4) against the
 * time-skipping server, the real worker, PostgreSQL and the API, every role
 * acting over HTTP from its inbox: plans filed (one returned), standards,
 * self-assessment, the bureau's assessment and benchmarking; a project per
 * branch from the members' proposals to acceptance (one returned at approval,
 * one rejected and so flagged, one failing acceptance); duty reports and both
 * ratings; the counted standing duties (a few late, a few missed, a few group
 * meetings past the maximum); the year-end pick of hard branches on notice.
 */
export async function runZiboSimulation(o: ZiboSimulationOptions): Promise<ZiboSimulationSummary> {
  const started = Date.now();
  const progress = o.progress ?? (() => undefined);
  const stack = await startSimulationStack(o, (owner) => addTree(owner, ziboSimulatedTree(o.branches), ziboDemoUsers));
  try {
    const { client, owner, api, tokenFor, orgId, env } = stack;
    const admin = await tokenFor(await orgId('zb-jgdw'), 'administrator');
    const { campaignId, year } = await startSimulatedCampaign(stack, { process: 'zibo', admin, years: 1 });
    progress(`Zibo year ${year} started over ${o.branches} branches`);
    const branches: Array<{ id: string }> = await owner.query(`SELECT id FROM organisations WHERE level = 'branch' AND code LIKE 'zb-%' ORDER BY code`);
    const at = scriptedBranches(branches, o.seed, 4);
    const world: World = { ...actorWorld(stack, { seed: o.seed, campaignId, script: { returned: at(0), rejected: at(1), failing: at(2), planReturned: at(3) } }), records: new Map(), busy: 0 };
    await simulateDays(stack, {
      campaignId,
      maxDays: 366 + 40,
      reportEvery: 30,
      work: async (now) => {
        world.now = now;
        return actOnTasks(world);
      },
      line: async () => `${await progressLine(owner, campaignId)} busy=${world.busy}`,
      progress,
    });
    // The year's last duties fall due on 31 December: a day past it, every occurrence is counted done, late or missed.
    await skipTime(env, 2 * DAY, progress);
    await o.onFinished?.({ client, campaignId, api, tokenFor, script: world.script });
    return await summarise(owner, { campaignId, branches: o.branches, seed: o.seed, year, seconds: (Date.now() - started) / 1000 });
  } catch (err) {
    // Said before the stack stops: a failure while stopping would hide it.
    progress(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    throw err;
  } finally {
    await stack.stop();
  }
}

async function progressLine(ds: DataSource, campaignId: string): Promise<string> {
  const [s] = await ds.query(
    `SELECT (SELECT string_agg(stage, ',' ORDER BY seq) FROM campaign_stages WHERE campaign_id = $1 AND status = 'open') AS stages,
            (SELECT count(*)::int FROM tasks WHERE campaign_id = $1 AND status = 'open') AS open,
            (SELECT count(*)::int FROM zibo_projects WHERE campaign_id = $1 AND status IN ('approved', 'in_progress', 'accepted', 'failed')) AS approved`,
    [campaignId],
  );
  return `stages=${s.stages ?? '-'} open=${s.open} approved=${s.approved}`;
}
