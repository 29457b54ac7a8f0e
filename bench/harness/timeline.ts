import type { Client } from '@temporalio/client';

// The event types a request's path goes through (temporal.api.enums.v1.EventType); others show as numbers.
const EVENT_NAMES: Record<number, string> = {
  1: 'WorkflowExecutionStarted',
  2: 'WorkflowExecutionCompleted',
  5: 'WorkflowTaskScheduled',
  6: 'WorkflowTaskStarted',
  7: 'WorkflowTaskCompleted',
  10: 'ActivityTaskScheduled',
  11: 'ActivityTaskStarted',
  12: 'ActivityTaskCompleted',
  17: 'TimerStarted',
  25: 'MarkerRecorded',
  26: 'WorkflowExecutionSignaled',
  40: 'UpsertWorkflowSearchAttributes',
  41: 'WorkflowExecutionUpdateAccepted',
  43: 'WorkflowExecutionUpdateCompleted',
  47: 'WorkflowExecutionUpdateAdmitted',
};

/** One workflow's history as (milliseconds since its first event, event type): where the time of a request went. */
export async function timeline(client: Client, workflowId: string): Promise<Array<[number, string]>> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const at = (e: (typeof events)[number]) => Number(e.eventTime?.seconds ?? 0) * 1000 + Math.round((e.eventTime?.nanos ?? 0) / 1e6);
  const t0 = events[0] ? at(events[0]) : 0;
  return events.map((e) => [at(e) - t0, EVENT_NAMES[Number(e.eventType)] ?? `event ${String(e.eventType)}`]);
}
