import { runTaianSimulation } from '../../apps/simulate/src/taian/simulation';
import { ensureTimeSkippingServer } from '../../libs/local-infra/src';
import type { BenchContext } from '../harness/context';
import { topCpu } from '../harness/resources';

/**
 * The Tai'an year at growing sizes: wall time and how it grows. The year
 * needs months of timers, so it runs on the time-skipping test server (the dev
 * server cannot skip time) with the same PostgreSQL, each size in a database of its own.
 */
export async function simulation(ctx: BenchContext): Promise<void> {
  const sizes = ctx.quick ? [300] : [300, 1000, 3000];
  const server = await ensureTimeSkippingServer(ctx.say);
  let previous: { branches: number; seconds: number } | undefined;
  for (const branches of sizes) {
    ctx.say(`simulation: Tai'an year with ${branches} branches`);
    const { url, appUrl } = await ctx.stack.newDatabase(`simulation_${branches}`);
    const sampler = ctx.sampler().start();
    const started = performance.now();
    const summary = await runTaianSimulation({ branches, seed: 1, databaseUrl: url, appDatabaseUrl: appUrl, timeSkippingServer: server, progress: (m) => ctx.say(`  ${m}`) });
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    const resources = sampler.stop();
    ctx.steps.push({ scenario: 'simulation', label: `${branches} branches`, resources });
    const top = topCpu(resources, 3);
    ctx.figure({ name: 'simulation', metric: `wall time, ${branches} branches`, value: seconds, unit: 's', limitedBy: `${top} of a core; named ${summary.named}, deadlines met ${summary.deadlines.met}` });
    if (previous) {
      const growth = Math.round(((seconds / previous.seconds) / (branches / previous.branches)) * 100) / 100;
      ctx.figure({ name: 'simulation', metric: `time growth ${previous.branches}→${branches} per unit of size`, value: growth, unit: '× (1 = linear)' });
    }
    previous = { branches, seconds };
  }
}
