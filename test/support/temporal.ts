import { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTimeSkippingEnvironment } from '../../apps/simulate/src/time-skipping';
import { readInfra } from './infra';

/** Temporal's time-skipping server, from the Java build global setup fetched. */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return startTimeSkippingEnvironment(readInfra().timeSkippingServer);
}

/** A Temporal CLI dev server on a free port, as in production but in memory. */
export function createDevServerEnv(): Promise<TestWorkflowEnvironment> {
  const cli = readInfra().temporalCli;
  return TestWorkflowEnvironment.createLocal({
    server: { ip: '127.0.0.1', ...(cli ? { executable: { type: 'existing-path' as const, path: cli } } : {}) },
  });
}
