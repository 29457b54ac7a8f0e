import type { Role } from './roles';
import type * as EngineForms from './engine-forms';
import type { FormRefusal, TaskForm } from './task-forms';

/**
 * The engine's forms, required when a form is first checked rather than when
 * this module loads: the humanTask workflow evaluates its modules afresh for
 * every new workflow (the SDK's reused V8 context), and the forms bring zod
 * with them, while most tasks wait for weeks before anyone answers one.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (above)
const engineForms = (): typeof EngineForms.ENGINE_FORM_REGISTRY => (require('./engine-forms') as typeof EngineForms).ENGINE_FORM_REGISTRY;

/**
 * The human task: one or more slots (assignees) that decide together under a
 * group policy, with transfer, delegation, co-signers, withdrawal, urging and
 * deadline extension. Pure state and rules; the workflow applies them and the
 * activities mirror the state into the read model.
 */
export interface Assignee {
  organisationId: string;
  role: Role;
  /** A named person; without one, anybody holding `role` at the organisation may act. */
  userId?: string | null;
  displayName?: string | null;
}

/** single: one assignee; all: countersign (会签); any: or-sign (或签); ratio: at least this share must approve. */
export type GroupPolicy = { mode: 'single' } | { mode: 'all' } | { mode: 'any' } | { mode: 'ratio'; ratio: number };

export interface TaskActor {
  userId: string;
  displayName: string;
  role: Role;
  organisationId: string;
}

export type TaskAction =
  | { type: 'decide'; decision: string; opinion: string; returnTo?: string; data?: unknown }
  | { type: 'transfer'; to: Assignee; opinion?: string }
  | { type: 'delegate'; to: { userId: string; displayName: string }; opinion?: string }
  | { type: 'reply'; opinion: string }
  | { type: 'add_cosigner'; assignee: Assignee; opinion?: string }
  | { type: 'withdraw'; opinion?: string }
  | { type: 'urge'; opinion?: string }
  | { type: 'extend'; dueAt: string; opinion: string };

export const TASK_ACTION_LABELS: Record<TaskAction['type'], string> = {
  decide: '办理',
  transfer: '转办',
  delegate: '委托',
  reply: '受托人回复',
  add_cosigner: '加签',
  withdraw: '撤回',
  urge: '催办',
  extend: '延期',
};

export interface SlotState {
  id: string;
  assignee: Assignee;
  state: 'open' | 'delegated' | 'decided' | 'cancelled';
  decision?: string;
  opinion?: string;
  decidedBy?: { userId: string; displayName: string };
  delegatedTo?: { userId: string; displayName: string };
  delegateOpinion?: string;
  /** The form's answer given with the decision. */
  data?: unknown;
}

export interface TaskState {
  status: 'open' | 'completed' | 'withdrawn';
  outcome: string | null;
  returnTo: string | null;
  slots: SlotState[];
  dueAt: string | null;
  overdue: boolean;
  /** Has any assignee done anything yet? Withdrawal is allowed only before. */
  acted: boolean;
  urged: number;
  /** Deadlines that passed with the task undone (an extension does not undo it). */
  missed?: number;
}

export const TASK_STATUS_LABELS: Record<TaskState['status'], string> = { open: '办理中', completed: '已办结', withdrawn: '已撤回' };

export interface TaskRules {
  policy: GroupPolicy;
  outcomes: readonly string[];
  /** The decision that counts as approval in group policies. */
  positive: string;
  opinionRequiredFor: readonly string[];
  /** Earlier steps a return may name; 'submitter' is always allowed. */
  returnTargets: readonly string[];
  submitterUserId: string | null;
  /** What the positive decision must carry. */
  form?: TaskForm | null;
  /** Checks the form's answer: the forms index (libs/processes/src/forms.ts) with every process's kinds; the engine's own kinds when absent. */
  forms?: { refuse(form: TaskForm, data: unknown): FormRefusal | null };
  /** Work the document requires by a date: refused after it unless an administrator extends the deadline. */
  closesAtDue?: boolean;
}

/** The rules a task's read model keeps, so the API can tell who may do what without asking the workflow. */
export type TaskDecisionRules = Pick<TaskRules, 'policy' | 'outcomes' | 'positive' | 'opinionRequiredFor' | 'returnTargets' | 'submitterUserId' | 'closesAtDue'>;

/** Chinese labels of the outcomes the engine's and the processes' tasks use; any other shows as itself. */
export const TASK_OUTCOME_LABELS: Readonly<Record<string, string>> = {
  approve: '同意',
  approved: '同意',
  return: '退回修改',
  reject: '不同意',
  rejected: '不同意',
  completed: '办结',
  upheld: '异议成立',
  dismissed: '异议不成立',
  answered: '提交答复',
  submitted: '提交',
  accepted: '验收通过',
  returned: '退回',
  accept: '同意',
  declared: '申报',
  pass: '评定合格',
  fail: '评定不合格',
  dissolve: '撤销',
  merge: '撤并',
  retain: '保留',
  recorded: '登记',
  acknowledge: '同意备案',
  withdraw: '撤销称号',
  not_rectified: '未整改到位',
  rectified: '整改到位',
  filed: '报送',
  graded: '评定等次',
  assigned: '确定',
  strike: '剔除',
  refuse: '不同意',
  wait: '继续等待答复',
  proceed: '记录缺项后继续',
};

export const outcomeLabel = (outcome: string): string => TASK_OUTCOME_LABELS[outcome] ?? outcome;

export type TaskRefusalType =
  | 'TASK_NOT_OPEN'
  | 'NOT_ASSIGNEE'
  | 'INVALID_DECISION'
  | 'NOT_SUBMITTER'
  | 'ALREADY_ACTED'
  | 'INVALID_ACTION'
  | 'DEADLINE_PASSED'
  | 'INVALID_FORM_DATA'
  | 'SELECTION_RULE_VIOLATED'
  | 'A_GRADE_CAP';

export interface TaskActionRefusal {
  type: TaskRefusalType;
  message: string;
}

const matches = (a: Assignee, actor: TaskActor) =>
  a.userId ? a.userId === actor.userId : a.organisationId === actor.organisationId && a.role === actor.role;

/** The slot the actor may act on now: an open slot of theirs, or a slot delegated to them (to reply). */
export function actorSlot(state: TaskState, actor: TaskActor, action: TaskAction['type']): SlotState | undefined {
  if (action === 'reply') return state.slots.find((s) => s.state === 'delegated' && s.delegatedTo?.userId === actor.userId);
  return state.slots.find((s) => s.state === 'open' && matches(s.assignee, actor));
}

const refuse = (type: TaskRefusalType, message: string): TaskActionRefusal => ({ type, message });

/** Why an action may not happen, or null; checked before anything changes. */
export function refuseTaskAction(state: TaskState, rules: TaskRules, actor: TaskActor, action: TaskAction, now: number): TaskActionRefusal | null {
  if (state.status !== 'open') return refuse('TASK_NOT_OPEN', state.status === 'withdrawn' ? '该事项已撤回' : '该任务已办结，无法再操作');
  switch (action.type) {
    case 'withdraw':
      if (!rules.submitterUserId || actor.userId !== rules.submitterUserId) return refuse('NOT_SUBMITTER', '只有提交人可以撤回');
      if (state.acted) return refuse('ALREADY_ACTED', '已有办理人处理，不能撤回');
      return null;
    case 'urge':
      return null; // anyone who can see the task may urge; the API decides who can see it
    case 'extend':
      if (actor.role !== 'administrator') return refuse('NOT_ASSIGNEE', '只有管理员可以延长办理期限');
      if (!action.opinion.trim()) return refuse('INVALID_ACTION', '延期须说明理由');
      if (Number.isNaN(Date.parse(action.dueAt)) || Date.parse(action.dueAt) <= now) return refuse('INVALID_ACTION', '新的办理期限必须晚于当前时间');
      if (state.dueAt && Date.parse(action.dueAt) <= Date.parse(state.dueAt)) return refuse('INVALID_ACTION', '新的办理期限必须晚于原期限');
      return null;
    default:
      break;
  }
  const slot = actorSlot(state, actor, action.type);
  if (!slot) {
    const decided = state.slots.some((s) => s.state === 'decided' && matches(s.assignee, actor));
    return decided ? refuse('TASK_NOT_OPEN', '您已办理过该任务，不能重复办理') : refuse('NOT_ASSIGNEE', '您不是该任务的办理人');
  }
  switch (action.type) {
    case 'decide':
      if (!rules.outcomes.includes(action.decision)) return refuse('INVALID_DECISION', `办理结论必须是：${rules.outcomes.join('、')}`);
      if (rules.opinionRequiredFor.includes(action.decision) && !action.opinion.trim()) return refuse('INVALID_DECISION', '该办理结论必须填写意见');
      if (action.decision === 'return' && action.returnTo && action.returnTo !== 'submitter' && !rules.returnTargets.includes(action.returnTo)) {
        return refuse('INVALID_DECISION', `只能退回给提交人或以下环节：${rules.returnTargets.join('、') || '（无）'}`);
      }
      if (rules.closesAtDue && state.dueAt && now > Date.parse(state.dueAt)) {
        return refuse('DEADLINE_PASSED', `办理期限（${state.dueAt}）已过，逾期提交须经管理员延期`);
      }
      if (rules.form && action.decision === rules.positive) return (rules.forms ?? engineForms()).refuse(rules.form, action.data);
      return null;
    case 'transfer':
      if (action.to.organisationId === slot.assignee.organisationId && action.to.role === slot.assignee.role && (action.to.userId ?? null) === (slot.assignee.userId ?? null)) {
        return refuse('INVALID_ACTION', '不能转办给当前办理人');
      }
      return null;
    case 'delegate':
      if (action.to.userId === actor.userId) return refuse('INVALID_ACTION', '不能委托给自己');
      return null;
    case 'reply':
      if (!action.opinion.trim()) return refuse('INVALID_ACTION', '受托人回复须填写意见');
      return null;
    case 'add_cosigner':
      if (state.slots.some((s) => s.state !== 'cancelled' && s.assignee.organisationId === action.assignee.organisationId && s.assignee.role === action.assignee.role && (s.assignee.userId ?? null) === (action.assignee.userId ?? null))) {
        return refuse('INVALID_ACTION', '该会签人已在办理人之列');
      }
      return null;
  }
}

/** The outcome of the group so far, or null while it is still undecided. */
export function groupOutcome(rules: TaskRules, slots: readonly SlotState[]): string | null {
  const live = slots.filter((s) => s.state !== 'cancelled');
  const decided = live.filter((s) => s.state === 'decided');
  const positive = decided.filter((s) => s.decision === rules.positive).length;
  const negative = decided.find((s) => s.decision !== rules.positive);
  // A single task that gained a co-signer is decided by both, as a countersign.
  const mode = rules.policy.mode === 'single' && live.length > 1 ? 'all' : rules.policy.mode;
  switch (mode) {
    case 'single':
      return decided[0]?.decision ?? null;
    case 'all':
      if (negative) return negative.decision!;
      return decided.length === live.length ? rules.positive : null;
    case 'any':
      if (positive > 0) return rules.positive;
      return decided.length === live.length ? (decided.at(-1)?.decision ?? null) : null;
    case 'ratio': {
      const ratio = rules.policy.mode === 'ratio' ? rules.policy.ratio : 1;
      const needed = Math.ceil(ratio * live.length - 1e-9);
      if (positive >= needed) return rules.positive;
      const open = live.length - decided.length;
      return positive + open < needed ? (negative?.decision ?? 'reject') : null;
    }
  }
}

/** Applies an action that passed `refuseTaskAction`; `newId` names a slot the action creates. */
export function applyTaskAction(state: TaskState, rules: TaskRules, actor: TaskActor, action: TaskAction, newId: () => string): void {
  switch (action.type) {
    case 'withdraw':
      state.status = 'withdrawn';
      state.outcome = 'withdrawn';
      for (const s of state.slots) if (s.state === 'open' || s.state === 'delegated') s.state = 'cancelled';
      return;
    case 'urge':
      state.urged++;
      return;
    case 'extend':
      state.dueAt = action.dueAt;
      state.overdue = false;
      return;
    default:
      break;
  }
  const slot = actorSlot(state, actor, action.type)!;
  state.acted = true;
  switch (action.type) {
    case 'decide': {
      slot.state = 'decided';
      slot.decision = action.decision;
      slot.opinion = action.opinion;
      if (action.data !== undefined) slot.data = action.data;
      slot.decidedBy = { userId: actor.userId, displayName: actor.displayName };
      const outcome = groupOutcome(rules, state.slots);
      if (outcome !== null) {
        state.status = 'completed';
        state.outcome = outcome;
        state.returnTo = outcome === 'return' ? (action.returnTo ?? 'submitter') : null;
        for (const s of state.slots) if (s.state === 'open' || s.state === 'delegated') s.state = 'cancelled';
      }
      return;
    }
    case 'transfer':
      slot.state = 'cancelled';
      state.slots.push({ id: newId(), assignee: action.to, state: 'open' });
      return;
    case 'delegate':
      slot.state = 'delegated';
      slot.delegatedTo = action.to;
      return;
    case 'reply':
      slot.state = 'open';
      slot.delegateOpinion = action.opinion;
      return;
    case 'add_cosigner':
      state.slots.push({ id: newId(), assignee: action.assignee, state: 'open' });
      return;
  }
}

/** Reminder instants before a deadline, latest last, skipping those already past. */
export function reminderTimes(dueAt: string, remindBeforeHours: readonly number[], now: number): number[] {
  const due = Date.parse(dueAt);
  return [...new Set(remindBeforeHours)]
    .map((h) => due - h * 3_600_000)
    .filter((t) => t > now)
    .sort((a, b) => a - b);
}
