import { randomUUID } from 'node:crypto';
import { HUMAN_TASK_WORKFLOW, type HumanTaskInput, humanTaskWorkflowId } from '../../libs/contracts/src';
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

/**
 * Starts a campaign-less human task with a form (a differential pick, scores…)
 * for a unit's reviewer, as a process's step would open it, and returns its
 * id once the read model has it. For screens and checks of one step without
 * driving a whole campaign there.
 */
export async function startFormTask(
  sys: TestSystem,
  o: { organisationId: string; kind: string; title: string; form: NonNullable<HumanTaskInput['form']>; dueAt?: string | null; outcomes?: string[] },
): Promise<string> {
  const taskId = randomUUID();
  const input: HumanTaskInput = {
    taskId,
    kind: o.kind,
    title: o.title,
    subject: { type: 'selection', id: randomUUID() },
    assignees: [{ organisationId: o.organisationId, role: 'reviewer' }],
    policy: { mode: 'single' },
    outcomes: o.outcomes ?? ['approve', 'return'],
    opinionRequiredFor: ['return'],
    dueAt: o.dueAt ?? null,
    form: o.form,
  };
  await sys.temporal.client.workflow.start(HUMAN_TASK_WORKFLOW, { workflowId: humanTaskWorkflowId(taskId), taskQueue: 'pennant-e2e', args: [input] });
  const [{ id }] = await eventually(
    () => sys.db.dataSource.query(`SELECT id FROM tasks WHERE group_id = $1`, [taskId]) as Promise<Array<{ id: string }>>,
    (rows) => rows.length > 0,
  );
  return id;
}
