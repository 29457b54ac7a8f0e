/**
 * The workflow's time now, the time of everything it decides or records: every
 * activity that writes a time is handed this, never its own clock, so a
 * simulated year keeps its dates and a retried activity writes the same time.
 * (Inside a workflow Date.now() is Temporal's deterministic clock.)
 */
export const workflowTime = (): string => new Date(Date.now()).toISOString();
