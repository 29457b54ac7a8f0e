import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';

/** The bare-Temporal yardstick: one start, one signal, one activity, nothing of ours. */
export const goSignal = defineSignal('go');

const { touch } = proxyActivities<{ touch(): Promise<void> }>({ startToCloseTimeout: '10 seconds' });

export async function baselineWorkflow(): Promise<void> {
  let go = false;
  setHandler(goSignal, () => {
    go = true;
  });
  await condition(() => go);
  await touch();
}
