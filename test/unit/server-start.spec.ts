import { SERVER_START_ATTEMPTS, startPatiently } from '../../apps/simulate/src/time-skipping';

describe('starting the time-skipping server', () => {
  const timedOut = () => new Error('Failed to start ephemeral server: ephemeral server at 127.0.0.1:43797 did not start within 5s.');

  it('tries again when the SDK gave up waiting for the port, and answers with the first start that works', async () => {
    let calls = 0;
    const env = await startPatiently(async () => {
      calls++;
      if (calls < SERVER_START_ATTEMPTS) throw timedOut();
      return 'env';
    });
    expect(env).toBe('env');
    expect(calls).toBe(SERVER_START_ATTEMPTS);
  });

  it('gives up after its attempts, and at once on any other failure', async () => {
    let calls = 0;
    await expect(
      startPatiently(async () => {
        calls++;
        throw timedOut();
      }),
    ).rejects.toThrow('did not start within 5s');
    expect(calls).toBe(SERVER_START_ATTEMPTS);

    calls = 0;
    await expect(
      startPatiently(async () => {
        calls++;
        throw new Error('no such file: temporal-test-server');
      }),
    ).rejects.toThrow('no such file');
    expect(calls).toBe(1);
  });
});
