import { createHmac } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deterministicUuid, notify } from '../../libs/persistence/src';
import { orgByCode } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';
import { eventually } from '../support/workflow-harness';

const SECRET = 'webhook-secret-0123456789';

/**
 * The worker process is SIGKILLed while a delivery is in flight (the receiver has the request and has not answered):
 * the row stays leased, the restarted worker claims it again once the lease expires and sends it again under the same
 * delivery id, so the receiver, deduplicating on X-Pennant-Delivery, counts one message.
 */
describe('a worker killed mid-delivery', () => {
  const requests: Array<{ id: string; signed: boolean }> = [];
  let holdFirst: (() => void) | undefined;
  const firstArrived = new Promise<void>((r) => (holdFirst = r));
  let receiver: Server;
  const workerEnv: Record<string, string> = { WEBHOOK_SECRET: SECRET, NOTIFY_POLL_MS: '100', NOTIFY_LEASE_SECONDS: '2', NOTIFY_SEND_TIMEOUT_MS: '600000' };
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const id = String(req.headers['x-pennant-delivery']);
        requests.push({ id, signed: req.headers['x-pennant-signature'] === createHmac('sha256', SECRET).update(body).digest('hex') });
        if (requests.length === 1) {
          holdFirst?.(); // never answered: the worker dies waiting
          return;
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    workerEnv.WEBHOOK_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/pennant`;
  });
  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
  });
  const system = useSystem({ workerEnv });
  let sys: TestSystem;
  beforeAll(() => {
    sys = system.sys();
  });

  it('is sent again with the same delivery id after the lease, and the receiver counts one message', async () => {
    const reviewer = await system.auth('tsq-cyjd.reviewer');
    await sys.http.put('/me/notification-settings').set(reviewer).send({ email: null, quietHours: null, channels: { urge: ['webhook'] } }).expect(200);
    const committee = await orgByCode(sys.db.dataSource, 'tsq-cyjd');
    await sys.db.dataSource.transaction((em) =>
      notify(em, { kind: 'urge', targets: [{ organisationId: committee.id, role: 'reviewer' }], message: '请尽快办理：审核推荐材料', key: 'e2e:kill', at: new Date() }),
    );
    await firstArrived;
    await sys.worker.kill();
    const [leased] = await sys.db.dataSource.query(`SELECT id, status, attempts FROM notification_deliveries WHERE notification_id = $1`, [deterministicUuid('e2e:kill:0')]);
    expect(leased).toMatchObject({ status: 'pending', attempts: 1 });

    await sys.worker.start();
    const mine = await eventually(
      async () => (await sys.http.get('/me/notification-deliveries').set(reviewer).expect(200)).body as Array<{ id: string; status: string; attempts: number }>,
      (ds) => ds[0]?.status === 'sent',
    );
    expect(mine).toMatchObject([{ id: leased.id, status: 'sent', attempts: 2, lastError: null }]);
    expect(requests).toEqual([
      { id: leased.id, signed: true },
      { id: leased.id, signed: true },
    ]);
    expect(new Set(requests.map((r) => r.id)).size).toBe(1);
  });
});
