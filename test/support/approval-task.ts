import { randomUUID } from 'node:crypto';
import { HUMAN_TASK_WORKFLOW, humanTaskWorkflowId } from '../../libs/contracts/src';
import type { TestSystem } from './system';
import { eventually } from './workflow-harness';

/**
 * Starts a plain single-assignee approval task (approve, or reject with an
 * opinion) for a committee's reviewer, and returns its row as the reviewer's
 * inbox shows it, once it is there.
 */
export async function startApprovalTask(sys: TestSystem, o: { organisationId: string; title: string; inboxAuth: { authorization: string } }): Promise<{ id: string; title: string }> {
  const taskId = randomUUID();
  await sys.temporal.client.workflow.start(HUMAN_TASK_WORKFLOW, {
    workflowId: humanTaskWorkflowId(taskId),
    taskQueue: 'pennant-e2e',
    args: [
      {
        taskId,
        kind: 'approval',
        title: o.title,
        subject: { type: 'report', id: randomUUID() },
        assignees: [{ organisationId: o.organisationId, role: 'reviewer' }],
        policy: { mode: 'single' },
        outcomes: ['approve', 'reject'],
        opinionRequiredFor: ['reject'],
        dueAt: null,
      },
    ],
  });
  const inbox = await eventually(() => sys.http.get('/tasks').set(o.inboxAuth), (r) => r.body.items.some((t: { title: string }) => t.title === o.title));
  return inbox.body.items.find((t: { title: string }) => t.title === o.title);
}
