import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { nominationWorkflowId } from '../../libs/contracts/src';
import { OrganisationEntity } from '../../libs/persistence/src';
import { waitFor } from '../../libs/local-infra/src';
import { type ClusterSystem, CLUSTER_NAMESPACE, startClusterSystem } from '../support/cluster';
import { ensureCalendarYear, sampleForm } from '../support/fixtures';
import { WorkerProcess } from '../support/system';
import { eventually } from '../support/workflow-harness';

/**
 * Pennant on the production topology: a Temporal cluster of separate processes
 * on PostgreSQL (two history nodes sharing the shards), two workers and two API
 * replicas. Requests go to either replica; nodes and workers are killed and the
 * whole Temporal cluster restarted in the middle of open flows, and nothing is lost.
 */
describe('Pennant on a Temporal cluster', () => {
  let sys: ClusterSystem;
  let year = 2100;
  let branchId: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    sys = await startClusterSystem();
    branchId = (await sys.db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code: 'tsq-cyjd-b01' })).id;
    // The first build of the Temporal server takes 5–15 minutes (`.ci/run` does it ahead; cached under $HOME).
  }, 30 * 60_000);
  afterAll(async () => {
    await sys?.stop();
  });

  /** A nomination submitted through one replica; its open review task. */
  async function submit(replica: number): Promise<{ id: string; taskId: string }> {
    const secretary = await sys.login('tsq-cyjd-b01.secretary', replica);
    const res = await sys.apis[replica]!.http.post('/nominations').set(auth(secretary)).send({ branchId, campaignYear: ++year, form: sampleForm() }).expect(201);
    expect(res.body.openTasks).toHaveLength(1);
    return { id: res.body.id, taskId: res.body.openTasks[0].id };
  }

  /** The committee approves through one replica; the other replica shows the result. */
  async function approve(n: { id: string; taskId: string }, replica: number): Promise<void> {
    const reviewer = await sys.login('tsq-cyjd.reviewer', replica);
    const decided = await sys.apis[replica]!.http.post(`/tasks/${n.taskId}/decision`).set(auth(reviewer)).send({ decision: 'approve', opinion: '同意推荐' }).expect(200);
    expect(decided.body.status).toBe('approved');
    const other = 1 - replica;
    const shown = await sys.apis[other]!.http.get(`/nominations/${n.id}`).set(auth(await sys.login('tsq-cyjd-b01.secretary', other))).expect(200);
    expect(shown.body.status).toBe('approved');
    expect(shown.body.steps.map((s: { action: string }) => s.action)).toEqual(['submitted', 'approve']);
  }

  async function withClient<T>(use: (client: Client) => Promise<T>): Promise<T> {
    const connection = await Connection.connect({ address: sys.temporal.address });
    try {
      return await use(new Client({ connection, namespace: CLUSTER_NAMESPACE }));
    } finally {
      await connection.close();
    }
  }

  /** Who completed each workflow task of these nominations' workflows (the workers' identities). */
  async function completedBy(ids: string[]): Promise<Set<string>> {
    return withClient(async (client) => {
      const who = new Set<string>();
      for (const id of ids) {
        const history = await client.workflow.getHandle(nominationWorkflowId(id)).fetchHistory();
        for (const e of history.events ?? []) if (e.workflowTaskCompletedEventAttributes?.identity) who.add(e.workflowTaskCompletedEventAttributes.identity);
      }
      return who;
    });
  }

  it('takes submissions and decisions through either API replica, served by both workers', async () => {
    // Enough workflows that both workers' pollers take some: a new workflow's first task goes to whichever polls first.
    const nominations = [];
    for (let i = 0; i < 16; i++) nominations.push(await submit(i % 2));
    for (const [i, n] of nominations.entries()) await approve(n, (i + 1) % 2);
    const who = await completedBy(nominations.map((n) => n.id));
    expect([...who].sort()).toEqual(sys.workers.map((w) => w.identity!).sort());
  });

  it('starts and steers a campaign through both replicas: stages opened by a worker, pause and resume on the other replica', async () => {
    await ensureCalendarYear(sys.db.dataSource, 2101);
    const admin1 = await sys.login('admin', 0);
    const admin2 = await sys.login('admin', 1);
    const created = await sys.apis[0]!.http.post('/campaigns').set(auth(admin1)).send({ process: 'taian', year: 2101, parameters: { quota: 3 } }).expect(201);
    const id = created.body.id as string;
    await sys.apis[1]!.http.post(`/campaigns/${id}/start`).set(auth(admin2)).expect(200);
    const stages = await eventually(
      () => sys.db.dataSource.query(`SELECT stage, status FROM campaign_stages WHERE campaign_id = $1 ORDER BY seq`, [id]),
      (rows: unknown[]) => rows.length === 7,
    );
    expect(stages[0]).toEqual({ stage: 'application', status: 'pending' });
    await sys.apis[0]!.http.post(`/campaigns/${id}/control`).set(auth(admin1)).send({ action: 'pause', reason: '集群测试：暂停' }).expect(200);
    expect((await sys.apis[1]!.http.get(`/campaigns/${id}`).set(auth(admin2)).expect(200)).body.status).toBe('paused');
    await sys.apis[1]!.http.post(`/campaigns/${id}/control`).set(auth(admin2)).send({ action: 'resume', reason: '集群测试：恢复' }).expect(200);
    expect((await sys.apis[0]!.http.get(`/campaigns/${id}`).set(auth(admin1)).expect(200)).body.status).toBe('running');
  });

  it('loses nothing when a history node is killed mid-flow: its shards move to the other node and the flows complete', async () => {
    const open = [];
    for (let i = 0; i < 6; i++) open.push(await submit(i % 2));
    await sys.temporal.stopNode('history-1', 'SIGKILL');
    // The membership ring drops the dead node; the surviving one takes its shards over.
    await waitFor('one history node left', async () => (await sys.temporal.members()).history === 1, 60_000, 500);
    for (const [i, n] of open.entries()) await approve(n, i % 2);
    // New work too, while only one history node serves every shard.
    await approve(await submit(0), 1);
    sys.temporal.startNode('history-1');
    await sys.temporal.waitHealthy();
    await approve(await submit(1), 0);
  });

  it('loses nothing when a worker is killed: the other takes its workflows over', async () => {
    const open = [];
    for (let i = 0; i < 4; i++) open.push(await submit(i % 2));
    const [dead, alive] = sys.workers as [WorkerProcess, WorkerProcess];
    await dead.kill();
    for (const [i, n] of open.entries()) await approve(n, i % 2);
    await approve(await submit(0), 1);
    expect(alive.running).toBe(true);
    await dead.start();
  });

  it('rides out a restart of the whole Temporal cluster: workers and APIs reconnect by themselves', async () => {
    const open = [await submit(0), await submit(1)];
    await sys.temporal.stop();
    // While Temporal is away the APIs say so, and stay up.
    for (const api of sys.apis) {
      const health = await api.http.get('/health').expect(503);
      expect(health.body.checks).toMatchObject({ database: 'up', temporal: 'down' });
    }
    await sys.temporal.start();
    for (const api of sys.apis) await waitFor(`${api.name} healthy again`, async () => (await fetch(`${api.baseUrl}/health`)).ok, 60_000, 300);
    for (const [i, n] of open.entries()) await approve(n, 1 - i);
    await approve(await submit(1), 0);
    // Nobody restarted the workers or the APIs.
    expect(sys.workers.map((w) => w.running)).toEqual([true, true]);
    expect(sys.apis.map((a) => a.running)).toEqual([true, true]);
  });

  it('rolls a new worker version out while nominations are under review: those started on the old code finish on the new', async () => {
    // The next version of the code: nominationReview records a memo on new executions, behind patched().
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pennant-next-version-'));
    const nextBundle = path.join(dir, 'workflow-bundle.js');
    const silent = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
    const { code } = await bundleWorkflowCode({
      workflowsPath: path.resolve(__dirname, '../../workflows/index.ts'),
      logger: silent,
      webpackConfigHook: (config) => {
        config.module!.rules!.push({ test: /nomination-review\.workflow\.ts$/, enforce: 'pre', use: [{ loader: path.resolve(__dirname, 'upgrade/next-version-loader.js') }] });
        return config;
      },
    });
    writeFileSync(nextBundle, code);
    try {
      const before = [];
      for (let i = 0; i < 4; i++) before.push(await submit(i % 2));
      // One worker at a time, as a rolling update does: the old one drains (SIGTERM), the new one starts.
      const during = [];
      for (const i of [0, 1]) {
        await sys.workers[i]!.stop();
        const next = new WorkerProcess({ ...sys.workerEnv, WORKFLOW_BUNDLE_PATH: nextBundle });
        await next.start();
        sys.workers[i] = next;
        during.push(await submit(i));
      }
      const after = await submit(0);
      // Every nomination finishes, whichever code started it; only the new code's executions carry its memo.
      for (const [i, n] of [...before, ...during, after].entries()) await approve(n, i % 2);
      const memo = (id: string) => withClient(async (c) => (await c.workflow.getHandle(nominationWorkflowId(id)).describe()).memo ?? {});
      for (const n of before) expect(await memo(n.id)).toEqual({});
      expect(await memo(during[1]!.id)).toEqual({ codeVersion: 2 });
      expect(await memo(after.id)).toEqual({ codeVersion: 2 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start a worker pointed at a namespace the cluster does not have, and says which', async () => {
    const stray = new WorkerProcess({ ...sys.workerEnv, TEMPORAL_NAMESPACE: 'no-such-namespace' });
    const error = await stray.start().then(
      () => undefined,
      (err: Error) => err,
    );
    await stray.stop();
    expect(error?.message).toMatch(/no-such-namespace/);
  });
});
