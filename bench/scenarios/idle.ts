import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { HUMAN_TASK_WORKFLOW, type HumanTaskInput, humanTaskWorkflowId } from '../../libs/contracts/src';
import { waitFor } from '../../libs/local-infra/src';
import { type BenchContext, ms } from '../harness/context';
import { Latencies } from '../harness/open-loop';
import type { People } from '../harness/people';
import { ENGINE_TASK_QUEUE } from '../harness/stack';
import { timeline } from '../harness/timeline';
import { topCpu } from '../harness/resources';

const TITLE = '基准测试：待办（长期等待）';
const DAY = 86_400_000;

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Math.round(Number(line.replace(/\D+/g, '')) / 102.4) / 10;
}

/** Sequential actions (an urge each) over the API, timed one by one; a failed one is counted and left out of the timings. */
async function urgeEach(ctx: BenchContext, token: string, taskIds: string[]): Promise<{ latency: Latencies; errors: number }> {
  const latency = new Latencies();
  let errors = 0;
  for (const id of taskIds) {
    const t0 = performance.now();
    try {
      await ctx.expect([200], 'POST', `/tasks/${id}/actions`, token, { type: 'urge', opinion: '请按期办理' });
      latency.record(performance.now() - t0);
    } catch (err) {
      errors++;
      ctx.say(`  idle: urge on ${id} failed (counted): ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { latency, errors };
}

/**
 * Many open campaign tasks at once, each a humanTask workflow waiting on its
 * reminder and deadline timers and on the people it names: what they cost the
 * worker's memory and the databases, and how long the first action on one
 * the worker has evicted from its cache takes.
 */
export async function idle(ctx: BenchContext, ds: DataSource, people: People): Promise<void> {
  const total = ctx.quick ? 3_000 : 50_000;
  const cacheSize = ctx.stack.worker.sizing.WORKER_MAX_CACHED_WORKFLOWS;
  ctx.say(`idle: ${total} open humanTask workflows (the worker caches ${cacheSize}, heap limit ${ctx.stack.worker.heapMiB} MiB)`);
  const client = new Client({ connection: ctx.stack.connection });
  const pgBefore = Number((await ds.query(`SELECT pg_database_size(current_database()) AS b`))[0].b);
  const temporalBefore = ctx.stack.temporalBytes();
  const ids: string[] = [];
  const now = Date.now();
  const sampler = ctx.sampler().start();
  const started = performance.now();
  let next = 0;
  const starter = async () => {
    while (next < total) {
      const i = next++;
      const committee = people.committees[i % people.committees.length]!;
      const taskId = randomUUID();
      ids[i] = taskId;
      const input: HumanTaskInput = {
        taskId,
        kind: 'evaluation_vote',
        title: TITLE,
        subject: { type: 'organisation', id: committee.id },
        assignees: [{ organisationId: committee.id, role: 'reviewer' }],
        policy: { mode: 'single' },
        outcomes: ['approve', 'reject'],
        opinionRequiredFor: ['reject'],
        dueAt: new Date(now + (30 + (i % 60)) * DAY).toISOString(),
        remindBeforeHours: [72, 24],
      };
      // Same workflow id on a retry: a start that did land the first time is refused as already started, which is what we wanted.
      await ctx.retrying('idle: starting workflows', () =>
        client.workflow.start(HUMAN_TASK_WORKFLOW, { workflowId: humanTaskWorkflowId(taskId), taskQueue: ENGINE_TASK_QUEUE, args: [input] }).catch((err: unknown) => {
          if (err instanceof WorkflowExecutionAlreadyStartedError) return undefined;
          throw err;
        }),
      );
      if ((i + 1) % 5000 === 0) ctx.say(`  idle: ${i + 1} of ${total} started`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, starter));
  // The starts outrun the worker (each new workflow's first task runs there): wait for it to catch up, saying how far it is.
  let lastSaid = performance.now();
  await waitFor(
    'every idle task in the read model',
    async () => {
      const n = Number((await ds.query(`SELECT count(*) AS n FROM tasks WHERE title = $1`, [TITLE]))[0].n);
      if (performance.now() - lastSaid > 60_000) {
        lastSaid = performance.now();
        ctx.say(`  idle: ${n} of ${total} in the read model`);
      }
      return n >= total;
    },
    120 * 60_000,
    1000,
  );
  const seconds = (performance.now() - started) / 1000;
  const startReading = sampler.stop();
  ctx.steps.push({ scenario: 'idle', label: `start ${total} workflows (16 at a time)`, sent: total, achievedRate: Math.round((total / seconds) * 10) / 10, resources: startReading });
  ctx.figure({ name: 'idle', metric: 'open workflows', value: total, unit: 'workflows' });
  ctx.figure({
    name: 'idle',
    metric: 'start rate (16 at a time, until in the read model)',
    value: Math.round((total / seconds) * 10) / 10,
    unit: 'workflows/s',
    limitedBy: `${topCpu(startReading, 3)} of a core`,
  });

  const events = await timeline(client, humanTaskWorkflowId(ids[0]!));
  ctx.timelines.push({ what: 'the first idle humanTask workflow, up to its wait', events });
  ctx.say(`  first idle workflow: ${events.map(([t, e]) => `${t} ${e}`).join(', ')}`);

  // Quiet: timers wait, nothing runs. What does holding them cost?
  await ds.query(`CHECKPOINT`);
  const idleReading = ctx.sampler().start();
  await new Promise((r) => setTimeout(r, 5000));
  const quiet = idleReading.stop();
  ctx.steps.push({ scenario: 'idle', label: 'quiet, 5 s', resources: quiet });
  const workerPid = ctx.stack.children.get('worker')!.process.pid!;
  ctx.figure({ name: 'idle', metric: 'worker resident memory', value: rssMiB(workerPid), unit: 'MiB', limitedBy: `workflow cache of ${cacheSize} (WORKER_MAX_CACHED_WORKFLOWS), heap limit ${ctx.stack.worker.heapMiB} MiB` });
  ctx.figure({ name: 'idle', metric: 'Temporal dev server resident memory', value: rssMiB(ctx.stack.children.get('temporal')!.process.pid!), unit: 'MiB' });
  ctx.figure({ name: 'idle', metric: 'CPU while idle (all processes)', value: Math.round(Object.values(quiet.cpuPercent).reduce((a, b) => a + b, 0) * 10) / 10, unit: '% of a core' });
  const pgAfter = Number((await ds.query(`SELECT pg_database_size(current_database()) AS b`))[0].b);
  ctx.figure({ name: 'idle', metric: 'PostgreSQL bytes per workflow', value: Math.round((pgAfter - pgBefore) / total), unit: 'bytes' });
  ctx.figure({ name: 'idle', metric: 'Temporal SQLite bytes per workflow', value: Math.round((ctx.stack.temporalBytes() - temporalBefore) / total), unit: 'bytes' });

  // The earliest started have long left the worker's cache (least recently used goes first).
  const sample = Math.min(30, Math.floor(total / 20));
  const rows: Array<{ id: string }> = await ds.query(`SELECT id FROM tasks WHERE group_id = ANY($1::uuid[])`, [ids.slice(0, sample)]);
  const head = await ctx.token(people.headId);
  const cold = await urgeEach(ctx, head, rows.map((r) => r.id));
  const warm = await urgeEach(ctx, head, rows.map((r) => r.id));
  const c = ms(cold.latency.summary());
  const w = ms(warm.latency.summary());
  ctx.steps.push({ scenario: 'idle', label: `first action on ${sample} evicted workflows, then again on the same (cached)`, sent: sample * 2, errors: cold.errors + warm.errors, latencyMs: c, marksMs: { cached: w }, resources: quiet });
  ctx.figure({ name: 'idle', metric: 'first action on an evicted workflow p50', value: c.p50, unit: 'ms' });
  ctx.figure({ name: 'idle', metric: 'first action on an evicted workflow max', value: c.max, unit: 'ms', limitedBy: 'history replay on the worker (full history fetched from the server)' });
  ctx.figure({ name: 'idle', metric: 'same action on a cached workflow p50', value: w.p50, unit: 'ms' });
}
