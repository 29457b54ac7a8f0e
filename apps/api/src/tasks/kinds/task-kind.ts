import { TASK_ACTION_LABELS, type TaskAction, type TaskDecisionRules, type TaskForm, outcomeLabel } from '../../../../../libs/domain/src';
import type { TaskEntity } from '../../../../../libs/persistence/src';
import type { NominationGateway, ProcessGateway } from '../../../../../libs/temporal-client/src';
import type { Principal, RoleGrant } from '../../auth/principal';

export type TaskActionType = TaskAction['type'];

/** An action the caller may take on a task now, with what it needs, for a client to offer. */
export interface AvailableAction {
  type: TaskActionType;
  label: string;
  /** For `decide`: each outcome, whether it needs an opinion, and whether it carries the task's form. */
  outcomes?: Array<{ value: string; label: string; opinionRequired: boolean; formRequired: boolean }>;
  /** For `decide` with a return: the earlier steps a return may name besides the submitter. */
  returnTargets?: string[];
  /** For actions other than `decide`: whether an opinion must be given. */
  opinionRequired?: boolean;
}

/** How a decision on a task is judged: its outcomes, which need an opinion, which carries the form. */
export interface DecisionSpec {
  outcomes: readonly string[];
  positive: string;
  opinionRequiredFor: readonly string[];
  /** Earlier steps a return may name; null when the kind takes no `returnTo`. */
  returnTargets: readonly string[] | null;
  form: TaskForm | null;
}

export interface Gateways {
  nominations: NominationGateway;
  processes: ProcessGateway;
}

export interface SendArgs<A extends TaskAction = TaskAction> {
  task: TaskEntity;
  p: Principal;
  grant: RoleGrant;
  action: A;
  /** The form's answer as its schema read it (defaults filled in); undefined without a form. */
  data: unknown;
  requestId: string;
  gateways: Gateways;
}

/**
 * One kind of task as the API sees it: which actions its workflow takes, who
 * may attempt each (the rest get 403), which are possible now, how a decision
 * is judged, and how an action reaches the workflow. The engine's primitives
 * each register one (kinds/index.ts); every humanTask, whatever its kind
 * string, is one of them.
 */
export interface TaskKind {
  /** The action types its workflow takes; any other is UNSUPPORTED_ACTION. */
  readonly actions: readonly TaskActionType[];
  /** A humanTask keeps a decision's data as the caller wrote it, form or not; the other kinds take only a form's answer, as its schema reads it. */
  readonly keepsDataAsGiven?: boolean;
  decision(task: TaskEntity, rules: TaskDecisionRules | null): DecisionSpec | null;
  /** The grant the caller acts in for this action, or a Chinese reason they may not (403). */
  actor(task: TaskEntity, p: Principal, type: TaskActionType): RoleGrant | { refused: string };
  /** Whether the action can be taken now by this caller (the task is open and authorisation has passed). */
  possibleNow(task: TaskEntity, p: Principal, type: TaskActionType, rules: TaskDecisionRules | null): boolean;
  send(args: SendArgs): Promise<unknown>;
}

export const isRefusal = (x: RoleGrant | { refused: string }): x is { refused: string } => 'refused' in x;

/** A grant the caller holds over the task's organisation, for actions any reader of the task may take. */
export const coveringGrant = (task: TaskEntity, p: Principal): RoleGrant | undefined => p.grants.find((g) => task.organisationPath.startsWith(g.scopePath));

/** The caller holds the task's slot: named to it, or holding its role at its organisation when it names nobody. */
export function holder(task: TaskEntity, p: Principal): RoleGrant | undefined {
  if (task.assigneeUserId) return task.assigneeUserId === p.userId ? (p.grantAt(task.role, task.organisationId) ?? coveringGrant(task, p) ?? p.grants[0]) : undefined;
  return p.grantAt(task.role, task.organisationId);
}

/** The actions open to the caller now, each described for a client. */
export function availableActions(kind: TaskKind, task: TaskEntity, p: Principal, rules: TaskDecisionRules | null): AvailableAction[] {
  if (task.status !== 'open') return [];
  const out: AvailableAction[] = [];
  for (const type of kind.actions) {
    if (isRefusal(kind.actor(task, p, type)) || !kind.possibleNow(task, p, type, rules)) continue;
    const action: AvailableAction = { type, label: TASK_ACTION_LABELS[type] };
    if (type === 'decide') {
      const spec = kind.decision(task, rules);
      if (spec) {
        action.outcomes = spec.outcomes.map((value) => ({
          value,
          label: outcomeLabel(value),
          opinionRequired: spec.opinionRequiredFor.includes(value),
          formRequired: spec.form !== null && value === spec.positive,
        }));
        if (spec.returnTargets && spec.outcomes.includes('return')) action.returnTargets = [...spec.returnTargets];
      }
    } else if (type === 'reply' || type === 'extend') {
      action.opinionRequired = true;
    }
    out.push(action);
  }
  return out;
}
