import { ApplicationFailure, type LocalActivityOptions, allHandlersFinished, condition, patched, proxyActivities, proxyLocalActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { HumanTaskActivities } from '../activities/human-task.activities';
import type { RoutingActivities } from '../activities/routing.activities';
import {
  type HumanTaskInput,
  type HumanTaskResult,
  type HumanTaskView,
  humanTaskQuery,
  humanTaskRulesQuery,
  taskActionUpdate,
  SHORT_ACTIVITY,
} from '../libs/contracts/src';
// The module itself, not libs/domain's index: every new humanTask evaluates what it imports (the SDK's reused V8 context; workflows/index.ts).
import { type TaskDecisionRules, type TaskRules, type TaskState, applyTaskAction, refuseTaskAction, reminderTimes } from '../libs/domain/src/human-task';
import type * as FormsIndex from '../libs/processes/src/forms';
import { workflowTime } from './steps/workflow-time';

const options: LocalActivityOptions = SHORT_ACTIVITY;
const activities = proxyActivities<HumanTaskActivities & RoutingActivities>(options);
// Mirroring the task and appending notifications are short, idempotent
// transactions: run in the worker that holds the workflow, an action is
// answered without two more trips through the server (bench/README.md).
const local = proxyLocalActivities<HumanTaskActivities>(options);

/** Marks histories whose writes run as local activities; older ones replay with the remote kind. */
const LOCAL_WRITES_PATCH = 'human-task-local-writes';

/**
 * humanTask: people decide something, alone or as a group, by a deadline.
 * Actions arrive as the `taskAction` update; its validator refuses the wrong
 * person, a decided task or an invalid form before anything changes. Reminders
 * go out before the deadline; once it passes the task shows as overdue and the
 * level above is told.
 */
/**
 * Every process's forms (and zod under them), required when an answer is first
 * checked: most tasks wait for weeks, and loading them for each new workflow
 * cost ~20 ms of the worker's CPU and most of its heap per cached workflow.
 */
const formsIndex: NonNullable<TaskRules['forms']> = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (above)
  refuse: (form, data) => (require('../libs/processes/src/forms') as typeof FormsIndex).TASK_FORMS.refuse(form, data),
};

export async function humanTask(input: HumanTaskInput): Promise<HumanTaskResult> {
  const rules: TaskRules = {
    policy: input.policy,
    outcomes: input.outcomes,
    positive: input.positive ?? input.outcomes[0]!,
    opinionRequiredFor: input.opinionRequiredFor,
    returnTargets: input.returnTargets ?? [],
    submitterUserId: input.submitter?.userId ?? null,
    form: input.form ?? null,
    forms: formsIndex,
    closesAtDue: input.closesAtDue ?? false,
  };
  const decisionRules: TaskDecisionRules = {
    policy: rules.policy,
    outcomes: rules.outcomes,
    positive: rules.positive,
    opinionRequiredFor: rules.opinionRequiredFor,
    returnTargets: rules.returnTargets,
    submitterUserId: rules.submitterUserId,
    closesAtDue: rules.closesAtDue ?? false,
  };
  const state: TaskState = {
    status: 'open',
    outcome: null,
    returnTo: null,
    slots: [],
    dueAt: input.dueAt,
    overdue: false,
    acted: false,
    urged: 0,
  };
  const { workflowId } = workflowInfo();
  const writes = patched(LOCAL_WRITES_PATCH) ? local : activities;
  const snapshot = (): TaskState => JSON.parse(JSON.stringify(state)) as TaskState;
  const view = (): HumanTaskView => ({ taskId: input.taskId, ...snapshot() });
  const sync = (action: Parameters<HumanTaskActivities['syncHumanTask']>[0]['action'], actionKey: string) =>
    writes.syncHumanTask({
      input: {
        taskId: input.taskId,
        kind: input.kind,
        title: input.title,
        subject: input.subject,
        ...(input.campaignId ? { campaignId: input.campaignId, stage: input.stage ?? null } : {}),
        ...(input.form ? { form: input.form } : {}),
      },
      rules: decisionRules,
      workflowId,
      state: snapshot(),
      action,
      actionKey,
      at: workflowTime(),
    });
  let actions = 0;

  setHandler(humanTaskQuery, view);
  setHandler(humanTaskRulesQuery, () => decisionRules);
  setHandler(
    taskActionUpdate,
    async (request) => {
      applyTaskAction(state, rules, request.actor, request.action, uuid4);
      const key = `${input.taskId}:action:${++actions}`;
      await sync(request, key);
      if (request.action.type === 'urge') {
        await writes.notifyTask({
          taskId: input.taskId,
          kind: 'urge',
          targets: openTargets(state),
          message: `${request.actor.displayName}催办：${input.title}${request.action.opinion ? `（${request.action.opinion}）` : ''}`,
          key,
          at: workflowTime(),
        });
      }
      return view();
    },
    {
      validator: (request) => {
        const refusal = refuseTaskAction(state, rules, request.actor, request.action, Date.now());
        if (refusal) throw ApplicationFailure.nonRetryable(refusal.message, refusal.type);
      },
    },
  );

  // "The committee above this branch", "every agency on the list": resolved by the tree when the task opens.
  const assignees = input.assignees.length === 0 && input.route ? await activities.resolveAssignees({ route: input.route }) : input.assignees;
  state.slots = assignees.map((assignee) => ({ id: uuid4(), assignee, state: 'open' }));
  await sync(null, `${input.taskId}:opened`);

  // Reminders, then overdue and escalation; an extension moves the deadline and starts over.
  const fired = new Set<string>();
  while (state.status === 'open') {
    const due = state.dueAt;
    if (!due) {
      await condition(() => state.status !== 'open' || state.dueAt !== due);
      continue;
    }
    const events = [
      ...reminderTimes(due, input.remindBeforeHours ?? [], Date.now()).map((at) => ({ at, kind: 'reminder' as const })),
      { at: Date.parse(due), kind: 'overdue' as const },
    ].filter((e) => !fired.has(`${due}:${e.at}`));
    const next = events[0];
    if (!next) {
      await condition(() => state.status !== 'open' || state.dueAt !== due);
      continue;
    }
    const interrupted = await condition(() => state.status !== 'open' || state.dueAt !== due, Math.max(next.at - Date.now(), 0));
    if (interrupted) continue;
    fired.add(`${due}:${next.at}`);
    const key = `${input.taskId}:${next.kind}:${due}:${next.at}`;
    if (next.kind === 'reminder') {
      await writes.notifyTask({ taskId: input.taskId, kind: 'reminder', targets: openTargets(state), message: `待办提醒：${input.title}，办理期限 ${due}`, key, at: workflowTime() });
    } else {
      state.overdue = true;
      state.missed = (state.missed ?? 0) + 1;
      await sync(null, `${key}:sync`);
      await writes.notifyTask({ taskId: input.taskId, kind: 'overdue', targets: openTargets(state), message: `已逾期：${input.title}`, key, at: workflowTime() });
      if (input.escalateTo) {
        await writes.notifyTask({
          taskId: input.taskId,
          kind: 'escalation',
          targets: [{ organisationId: input.escalateTo.organisationId, role: input.escalateTo.role }],
          message: `下级逾期未办：${input.title}（期限 ${due}）`,
          key: `${key}:escalation`,
          at: workflowTime(),
        });
      }
    }
  }

  await condition(allHandlersFinished);
  return {
    taskId: input.taskId,
    outcome: state.outcome!,
    returnTo: state.returnTo,
    decisions: state.slots
      .filter((s) => s.state === 'decided')
      .map((s) => ({
        slotId: s.id,
        decision: s.decision!,
        opinion: s.opinion ?? '',
        by: s.decidedBy!.userId,
        byName: s.decidedBy!.displayName,
        organisationId: s.assignee.organisationId,
        role: s.assignee.role,
        ...(s.data !== undefined ? { data: s.data } : {}),
      })),
    ...(state.missed ? { missed: state.missed } : {}),
  };
}

function openTargets(state: TaskState) {
  return state.slots
    .filter((s) => s.state === 'open' || s.state === 'delegated')
    .map((s) => ({ organisationId: s.assignee.organisationId, role: s.assignee.role, userId: s.state === 'delegated' ? s.delegatedTo!.userId : (s.assignee.userId ?? null) }));
}
