import type { DataSource } from 'typeorm';
import type { HumanTaskInput, TaskActionRequest } from '../libs/contracts/src';
import { TASK_ACTION_LABELS, type TaskDecisionRules, type TaskState } from '../libs/domain/src';
import { appendAudit, deadlineClause, notify, organisationPaths, SYSTEM_ACTOR } from '../libs/persistence/src';
import { copyByDefinition } from './task-copies';

export interface SyncHumanTaskArgs {
  input: Pick<HumanTaskInput, 'taskId' | 'kind' | 'title' | 'subject' | 'campaignId' | 'stage' | 'form'>;
  /** Who decides how, kept with the rows so the API can offer each caller the actions open to them (absent in histories recorded before). */
  rules?: TaskDecisionRules;
  workflowId: string;
  state: TaskState;
  /** The action that led to this state (none when the task opens); its key makes the audit append idempotent. */
  action: TaskActionRequest | null;
  actionKey: string;
  /** The workflow's time of this state: when the task opened, or when the action was taken. */
  at: string;
}

export interface NotifyArgs {
  taskId: string;
  kind: 'reminder' | 'overdue' | 'escalation' | 'urge';
  targets: Array<{ organisationId: string; role: string | null; userId?: string | null }>;
  message: string;
  key: string;
  /** The workflow's time of the notice. */
  at: string;
}

/**
 * Mirrors a human task into the read model: one `tasks` row per slot, written
 * from the workflow's whole state, so a retried or repeated write converges to
 * the same rows. Notifications and audit rows are keyed, so they append once.
 */
export function createHumanTaskActivities(ds: DataSource) {
  return {
    async syncHumanTask({ input, rules, workflowId, state, action, actionKey, at }: SyncHumanTaskArgs): Promise<void> {
      await ds.transaction(async (em) => {
        const paths = await organisationPaths(em, state.slots.map((s) => s.assignee.organisationId));
        // The task opens when none of its rows is written yet: then its process's default copies (抄送) are made, once.
        const opening = ((await em.query(`SELECT 1 FROM tasks WHERE group_id = $1 LIMIT 1`, [input.taskId])) as unknown[]).length === 0;
        for (const slot of state.slots) {
          const status = slot.state === 'decided' ? 'completed' : slot.state === 'cancelled' ? 'cancelled' : 'open';
          await em.query(
            `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, outcome,
                                due_at, group_id, assignee_user_id, delegated_to_user_id, overdue, opinion, urged_count, completed_at, completed_by,
                                campaign_id, stage, form, data, missed, rules, acted, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, CASE WHEN $10 = 'completed' THEN $27::timestamptz END, $19,
                     $20, $21, $22, $23, $24, $25, $26, $27)
             ON CONFLICT (id) DO UPDATE SET
               status = EXCLUDED.status, outcome = EXCLUDED.outcome, due_at = EXCLUDED.due_at, data = EXCLUDED.data, missed = EXCLUDED.missed,
               rules = coalesce(EXCLUDED.rules, tasks.rules), acted = EXCLUDED.acted,
               delegated_to_user_id = EXCLUDED.delegated_to_user_id, overdue = EXCLUDED.overdue, opinion = EXCLUDED.opinion,
               urged_count = EXCLUDED.urged_count, completed_by = EXCLUDED.completed_by,
               completed_at = CASE WHEN EXCLUDED.status = 'completed' THEN coalesce(tasks.completed_at, $27::timestamptz) END`,
            [
              slot.id,
              workflowId,
              input.kind,
              input.title,
              input.subject.type,
              input.subject.id,
              slot.assignee.organisationId,
              paths.get(slot.assignee.organisationId) ?? '/',
              slot.assignee.role,
              status,
              slot.decision ?? null,
              state.dueAt,
              input.taskId,
              slot.assignee.userId ?? null,
              slot.state === 'delegated' ? (slot.delegatedTo?.userId ?? null) : null,
              state.overdue && status === 'open',
              slot.opinion ?? slot.delegateOpinion ?? null,
              state.urged,
              slot.decidedBy?.userId ?? null,
              input.campaignId ?? null,
              input.stage ?? null,
              input.form ? JSON.stringify(input.form) : null,
              slot.data === undefined ? null : JSON.stringify(slot.data),
              state.missed ?? 0,
              rules ? JSON.stringify(rules) : null,
              state.acted,
              at,
            ],
          );
        }
        const first = state.slots[0];
        if (opening && first) {
          await copyByDefinition(em, {
            taskId: first.id,
            kind: input.kind,
            title: input.title,
            organisationId: first.assignee.organisationId,
            campaignId: input.campaignId ?? null,
            stage: input.stage ?? null,
            dueAt: state.dueAt,
            at,
          });
        }
        const a = action?.action;
        if (!action) {
          // The task's rows are first written: its assignees are told, in this transaction (keyed, so a retry writes nothing more).
          const open = state.slots.filter((s) => s.state === 'open');
          await notify(em, {
            kind: 'task_opened',
            targets: open.map((s) => ({ organisationId: s.assignee.organisationId, role: s.assignee.role, userId: s.assignee.userId ?? null })),
            taskId: input.taskId,
            message: `新待办：${input.title}${deadlineClause(state.dueAt)}`,
            key: `${input.taskId}:task-opened`,
            at,
          });
        } else if (a?.type === 'decide' && state.outcome === 'return' && rules?.submitterUserId) {
          // Returned: the submitter is told (a return to an earlier step reaches that step's assignees as a new task).
          await notify(em, {
            kind: 'returned',
            targets: [{ organisationId: action.actor.organisationId, role: null, userId: rules.submitterUserId }],
            taskId: input.taskId,
            message: `被退回：${input.title}（${action.actor.displayName}：${'opinion' in a ? a.opinion : ''}）`,
            key: `${actionKey}:returned`,
            at,
          });
        }
        await appendAudit(em, {
          actorId: action?.actor.userId ?? null,
          actorName: action?.actor.displayName ?? 'system',
          actorRole: action?.actor.role ?? 'system',
          organisationId: action?.actor.organisationId ?? state.slots[0]?.assignee.organisationId ?? null,
          action: a ? `task.${a.type}${a.type === 'decide' ? `.${a.decision}` : ''}` : 'task.opened',
          subjectType: 'task',
          subjectId: input.taskId,
          opinion: (a && 'opinion' in a ? a.opinion : '') ?? '',
          after: {
            label: a ? TASK_ACTION_LABELS[a.type] : '开启',
            status: state.status,
            outcome: state.outcome,
            dueAt: state.dueAt,
            slots: state.slots.map((s) => ({ id: s.id, organisationId: s.assignee.organisationId, role: s.assignee.role, userId: s.assignee.userId ?? null, state: s.state, decision: s.decision ?? null })),
            // What the decision carried (a pick with its reasons, scores, a plan): the complete record of what was decided.
            ...(a?.type === 'decide' && a.data !== undefined ? { data: a.data } : {}),
          },
          requestId: actionKey,
          at,
        });
      });
    },

    async notifyTask({ taskId, kind, targets, message, key, at }: NotifyArgs): Promise<void> {
      await ds.transaction(async (em) => {
        await notify(em, { kind, targets, taskId, message, key, at });
        if (kind === 'overdue' || kind === 'escalation') {
          await appendAudit(em, {
            ...SYSTEM_ACTOR,
            organisationId: targets[0]?.organisationId ?? null,
            action: `task.${kind}`,
            subjectType: 'task',
            subjectId: taskId,
            opinion: message,
            requestId: key,
            at,
          });
        }
      });
    },
  };
}

export type HumanTaskActivities = ReturnType<typeof createHumanTaskActivities>;
