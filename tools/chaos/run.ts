import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, createDataSource } from '../../libs/persistence/src';
import { type ClientFigures, RetryingClient } from './client';
import { ChaosStack } from './stack';

export interface ChaosOptions {
  /** Nominations submitted and approved, each a pair of requests. */
  nominations: number;
  /** Requests in flight at once. */
  concurrency: number;
  workerKills: number;
  databaseRestarts: number;
  /** How long PostgreSQL stays down at each restart. */
  databaseDownMs: number;
  say: (m: string) => void;
}

export interface ChaosReport {
  nominations: number;
  requests: number;
  sends: number;
  retries: number;
  faults: { workerKills: number; databaseRestarts: number };
  accepted: number;
  refused: number;
  gaveUp: number;
  /** Accepted by the API but not in the database as answered. */
  lost: number;
  /** In the database more than once, or present without having been accepted. */
  duplicated: number;
  /** What `npm run audit:verify` said after the run. */
  audit: { ok: boolean; output: string };
  byStatus: Record<string, number>;
  refusals: string[];
  seconds: number;
  ok: boolean;
}

interface Item {
  branchId: string;
  branchCode: string;
  year: number;
  nominationId?: string;
  submitted?: boolean;
  approved?: boolean;
}

/**
 * Nominations submitted and approved over HTTP while the worker is killed
 * and PostgreSQL restarted under them; the client retries with its keys.
 * Afterwards the database must hold every accepted request exactly once,
 * nothing unasked for, and an intact audit chain.
 */
export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const stack = new ChaosStack(o.say);
  try {
    o.say('starting PostgreSQL, the Temporal dev server, the worker and the API…');
    await stack.start();
    const client = new RetryingClient(stack.apiBase);
    const run = randomUUID().slice(0, 8);

    const ds = createDataSource({ url: stack.databaseUrl, poolSize: 2 });
    await ds.initialize();
    let items: Item[];
    let reviewerOf: Map<string, string>;
    try {
      const branches: Array<{ id: string; code: string; reviewer: string }> = await ds.query(`
        SELECT b.id, b.code, (SELECT u.username FROM role_assignments r JOIN users u ON u.id = r.user_id JOIN organisations c ON c.id = r.organisation_id
                               WHERE r.role = 'reviewer' AND b.path LIKE c.path || '%' AND c.id <> b.id ORDER BY length(c.path) DESC LIMIT 1) AS reviewer
          FROM organisations b WHERE b.level = 'branch' AND b.path LIKE (SELECT path FROM organisations WHERE code = 'taian') || '%' ORDER BY b.code`);
      items = Array.from({ length: o.nominations }, (_, i) => {
        const b = branches[i % branches.length]!;
        return { branchId: b.id, branchCode: b.code, year: 2100 - Math.floor(i / branches.length) };
      });
      reviewerOf = new Map(branches.map((b) => [b.code, b.reviewer]));
    } finally {
      await ds.destroy();
    }

    const tokens = new Map<string, string>();
    const token = async (username: string) => {
      if (!tokens.has(username)) {
        const res = await fetch(`${stack.apiBase}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
        if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
        tokens.set(username, ((await res.json()) as { accessToken: string }).accessToken);
      }
      return tokens.get(username)!;
    };
    for (const item of items) await Promise.all([token(`${item.branchCode}.secretary`), token(reviewerOf.get(item.branchCode)!)]);

    // Faults at evenly spaced points of progress, one at a time, never overlapping.
    const order: Array<'worker' | 'database'> = [];
    for (let i = 0; i < Math.max(o.workerKills, o.databaseRestarts); i++) {
      if (i < o.workerKills) order.push('worker');
      if (i < o.databaseRestarts) order.push('database');
    }
    const at = order.map((_, i) => Math.round(((i + 1) / (order.length + 1)) * items.length * 2));
    const injected = { workerKills: 0, databaseRestarts: 0 };
    let done = 0;
    let faulting: Promise<void> = Promise.resolve();
    // Traffic past a fault's point waits until its outage has begun, so the fault is met rather than outrun.
    let gate: Promise<void> = Promise.resolve();
    const progressed = () => {
      done++;
      while (at.length && done >= at[0]!) {
        at.shift();
        const fault = order.shift()!;
        let begun!: () => void;
        const outage = new Promise<void>((r) => (begun = r));
        gate = Promise.all([gate, outage]).then(() => undefined);
        faulting = faulting.then(async () => {
          if (fault === 'worker') {
            o.say(`fault: worker killed (SIGKILL) after ${done} answers`);
            await stack.killWorker();
            begun();
            injected.workerKills++;
            await new Promise((r) => setTimeout(r, 2000)); // the worker stays dead a while, as after a crash
            await stack.startWorker();
            o.say('worker started again');
          } else {
            o.say(`fault: PostgreSQL stopped after ${done} answers`);
            await stack.restartPostgres(o.databaseDownMs, begun);
            injected.databaseRestarts++;
            o.say('PostgreSQL started again');
          }
        });
      }
    };

    const queue = [...items];
    const lane = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        await gate;
        const secretary = await token(`${item.branchCode}.secretary`);
        const submitted = await client.send('POST', '/nominations', secretary, `chaos-${run}-n-${item.branchCode}-${item.year}`, {
          branchId: item.branchId,
          campaignYear: item.year,
          form: { secretaryName: '张三', secretaryPhone: '13800000000', basicSituation: '党员32名', honours: [], mainDeeds: `混沌测试 ${item.branchCode} ${item.year}` },
        });
        progressed();
        if (submitted?.status !== 201) continue;
        item.submitted = true;
        item.nominationId = submitted.body.id as string;
        const taskId = (submitted.body.openTasks as Array<{ id: string }>)[0]!.id;
        await gate;
        const decided = await client.send('POST', `/tasks/${taskId}/decision`, await token(reviewerOf.get(item.branchCode)!), `chaos-${run}-d-${item.branchCode}-${item.year}`, {
          decision: 'approve',
          opinion: '同意推荐',
        });
        progressed();
        item.approved = decided?.status === 200;
      }
    };
    o.say(`sending ${items.length} nominations and their approvals, ${o.concurrency} at a time; faults: ${o.workerKills} worker kills, ${o.databaseRestarts} PostgreSQL restarts`);
    await Promise.all(Array.from({ length: o.concurrency }, lane));
    await faulting;

    o.say('checking the database against what the client was told…');
    return await verify(stack, items, client.figures, injected, started);
  } finally {
    await stack.stop();
  }
}

async function verify(stack: ChaosStack, items: Item[], figures: ClientFigures, faults: ChaosReport['faults'], started: number): Promise<ChaosReport> {
  const ds = createDataSource({ url: stack.databaseUrl, poolSize: 2 });
  await ds.initialize();
  try {
    const years = [...new Set(items.map((i) => i.year))];
    const rows: Array<{ id: string; branch_id: string; campaign_year: number; status: string; approvals: number }> = await ds.query(
      `SELECT n.id, n.branch_id, n.campaign_year, n.status,
              (SELECT count(*)::int FROM nomination_steps s WHERE s.nomination_id = n.id AND s.action = 'approve') AS approvals
         FROM nominations n WHERE n.campaign_year = ANY($1)`,
      [years],
    );
    let lost = 0;
    let duplicated = 0;
    for (const item of items) {
      const mine = rows.filter((r) => r.branch_id === item.branchId && r.campaign_year === item.year);
      if (mine.length > 1) duplicated += mine.length - 1;
      if (item.submitted && !mine.some((r) => r.id === item.nominationId)) lost++;
      if (!item.submitted && mine.length) duplicated += mine.length; // stored without the client being told
      const row = mine.find((r) => r.id === item.nominationId);
      if (item.approved && (!row || row.status !== 'approved' || row.approvals < 1)) lost++;
      if (row && row.approvals > 1) duplicated += row.approvals - 1;
    }
    const audit = await stack.verifyAudit();
    const report: ChaosReport = {
      nominations: items.length,
      requests: figures.requests,
      sends: figures.sends,
      retries: figures.retries,
      faults,
      accepted: figures.accepted,
      refused: figures.refused,
      gaveUp: figures.gaveUp,
      lost,
      duplicated,
      audit,
      byStatus: figures.byStatus,
      refusals: figures.refusals,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      ok: false,
    };
    report.ok = lost === 0 && duplicated === 0 && figures.gaveUp === 0 && figures.refused === 0 && report.audit.ok && figures.accepted === figures.requests;
    return report;
  } finally {
    await ds.destroy();
  }
}
