import { GateRefused, HashingGate, type HashingGateOptions, type Priority } from '../../apps/api/src/auth/hashing-gate';

/** A piece of work that runs until the test lets it finish; `started` records when its turn came. */
function held(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  return {
    work: async () => {
      log.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

/** Lets every settled promise run its continuations. */
const settle = () => new Promise((r) => setImmediate(r));

const options: HashingGateOptions = { concurrency: 1, maxQueue: 10, maxWaitMs: 60_000, perAddress: 10 };

describe('the password hashing gate', () => {
  it('runs no more than its concurrency at once, and lets attempts without recent failures go before suspects', async () => {
    const gate = new HashingGate(options);
    const started: string[] = [];
    const order: Array<[string, Priority]> = [['first', 'normal'], ['suspect-1', 'suspect'], ['suspect-2', 'suspect'], ['real-user', 'normal']];
    const jobs = new Map(
      order.map(([name, priority], i) => {
        const h = held(started, name);
        return [name, { ...h, result: gate.run(`198.51.100.${i}`, priority, h.work) }] as const;
      }),
    );
    await settle();
    expect(started).toEqual(['first']);

    // Each time the running one finishes, the next turn goes to the real user before the suspects who came earlier.
    for (const next of ['real-user', 'suspect-1', 'suspect-2']) {
      jobs.get(started.at(-1)!)!.finish();
      await settle();
      expect(started.at(-1)).toBe(next);
    }
    jobs.get('suspect-2')!.finish();
    await expect(Promise.all([...jobs.values()].map((j) => j.result))).resolves.toEqual(['first', 'suspect-1', 'suspect-2', 'real-user']);
  });

  it('refuses at once an address that already has its share running or waiting, without running its work', async () => {
    const gate = new HashingGate({ ...options, concurrency: 4, perAddress: 2 });
    const started: string[] = [];
    const a = held(started, 'a1');
    const b = held(started, 'a2');
    const running = [gate.run('203.0.113.7', 'normal', a.work), gate.run('203.0.113.7', 'normal', b.work)];
    const third = gate.run('203.0.113.7', 'normal', async () => started.push('a3'));
    await expect(third).rejects.toEqual(new GateRefused('address_busy'));
    // Another address is not held up by it.
    await expect(gate.run('203.0.113.8', 'normal', async () => 'other')).resolves.toBe('other');

    a.finish();
    await running[0];
    await expect(gate.run('203.0.113.7', 'normal', async () => 'again')).resolves.toBe('again');
    b.finish();
    await Promise.all(running);
    expect(started).toEqual(['a1', 'a2']);
  });

  it('bounds the queue of each priority apart, so waiting suspects never take a real user’s place', async () => {
    const gate = new HashingGate({ ...options, maxQueue: 1 });
    const started: string[] = [];
    const first = held(started, 'first');
    const running = gate.run('192.0.2.1', 'normal', first.work);
    const queuedSuspect = gate.run('192.0.2.2', 'suspect', async () => 'suspect');
    await expect(gate.run('192.0.2.3', 'suspect', async () => 'never')).rejects.toEqual(new GateRefused('queue_full'));
    const queuedUser = gate.run('192.0.2.4', 'normal', async () => 'user');
    await expect(gate.run('192.0.2.5', 'normal', async () => 'never')).rejects.toEqual(new GateRefused('queue_full'));

    first.finish();
    await expect(Promise.all([running, queuedUser, queuedSuspect])).resolves.toEqual(['first', 'user', 'suspect']);
  });

  it('gives up on a turn that does not come within the longest wait, and never runs that work', async () => {
    jest.useFakeTimers();
    try {
      const gate = new HashingGate({ ...options, maxWaitMs: 2000 });
      const started: string[] = [];
      const first = held(started, 'first');
      const running = gate.run('192.0.2.1', 'normal', first.work);
      const waiting = gate.run('192.0.2.2', 'normal', async () => started.push('late'));
      const refused = expect(waiting).rejects.toEqual(new GateRefused('wait_exceeded'));
      await jest.advanceTimersByTimeAsync(2000);
      await refused;

      first.finish();
      await running;
      // The slot the late one gave up is free again.
      await expect(gate.run('192.0.2.2', 'normal', async () => 'next')).resolves.toBe('next');
      expect(started).toEqual(['first']);
    } finally {
      jest.useRealTimers();
    }
  });
});
