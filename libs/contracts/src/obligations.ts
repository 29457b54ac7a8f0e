import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Assignee, Cadence, Quota, TaskActor, TaskForm } from '../../domain/src';

export const OBLIGATION_SCHEDULE_WORKFLOW = 'obligationSchedule';
export const obligationScheduleWorkflowId = (scheduleId: string) => `obligations-${scheduleId}`;

export interface ObligationSpec {
  code: string;
  title: string;
  cadence: Cadence;
  /** A counted obligation: its occurrences take records toward this quota (see recordObligationUpdate). */
  quota?: Quota;
  /**
   * The two parties of a responsibility list's item (责任清单): the leader who
   * oversees it (责任领导: shown on the item, told when it is late) and the
   * people who do it (责任人: shown; the schedule's assignee holds the task).
   */
  parties?: ObligationParties;
  /** What completing an occurrence takes besides the evidence (a form of the forms index); `formsByMonth` by the month its period starts. */
  form?: TaskForm;
  formsByMonth?: Record<string, TaskForm>;
}

export interface ObligationParties {
  leader: { label: string; organisationId: string; role: Assignee['role'] };
  responsible: string;
}

/** An organisation's recurring obligations for a year; each occurrence becomes a task with a deadline. */
export interface ObligationScheduleInput {
  scheduleId: string;
  organisationId: string;
  year: number;
  obligations: ObligationSpec[];
  assignee: Assignee;
  escalateTo?: { organisationId: string; role: Assignee['role'] } | null;
  /** The assignee is reminded this many days before each occurrence's due date (none when absent). */
  reminderDays?: number;
}

export interface CompleteObligationRequest {
  occurrenceId: string;
  evidence: string;
  actor: TaskActor;
  /** The whole answer of an occurrence's own form (a record the list's thresholds read), kept with the occurrence. */
  data?: Record<string, unknown>;
}

export interface OccurrenceView {
  id: string;
  obligationCode: string;
  label: string;
  periodStart: string;
  dueDate: string;
  /** postponed: moved to another year's schedule (a delay approved); counted neither missed nor late. */
  status: 'scheduled' | 'open' | 'completed' | 'overdue' | 'postponed';
  completedLate: boolean | null;
  /** A counted obligation's count so far (times, or hours added up); absent on others. */
  counted?: number;
}

/** One record of a counted obligation's occurrence: when, who attended, the minutes or evidence, and hours when it counts hours. */
export interface RecordObligationRequest {
  occurrenceId: string;
  date: string;
  attendees: string;
  minutes: string;
  hours?: number;
  /** The period's other records given with this one, counted after it in order. */
  more?: Array<{ date: string; attendees: string; minutes: string; hours?: number }>;
  actor: TaskActor;
}

/**
 * Moves one occurrence's due date (a delay someone approved). `postpone`: the
 * occurrence leaves this schedule ('postponed') because another year's
 * schedule carries it; otherwise it stays here, due on the new date (an
 * overdue one opens again). A completed or postponed occurrence is left alone.
 */
export interface MoveOccurrenceRequest {
  occurrenceId: string;
  dueDate: string;
  postpone: boolean;
  reason: string;
  actor: TaskActor;
}

export const completeObligationUpdate = defineUpdate<OccurrenceView, [CompleteObligationRequest]>('completeObligation');
export const recordObligationUpdate = defineUpdate<OccurrenceView, [RecordObligationRequest]>('recordObligation');
export const obligationScheduleQuery = defineQuery<OccurrenceView[]>('obligationScheduleState');
export const moveOccurrenceSignal = defineSignal<[MoveOccurrenceRequest]>('moveOccurrence');

export const PHASED_PLAN_WORKFLOW = 'phasedPlan';
export const phasedPlanWorkflowId = (planId: string) => `plan-${planId}`;

/** A measurable target checked when a phase ends. */
export type PhaseTarget =
  | { metric: 'assessment_pass_rate'; rubricCode: string; atLeast: number }
  | { metric: 'obligation_compliance'; atLeast: number };

export interface PlanPhase {
  code: string;
  name: string;
  endsOn: string;
  target: PhaseTarget;
}

/** A plan of phases with end dates and targets (Wujin's three phases). */
export interface PhasedPlanInput {
  planId: string;
  /** The organisation whose subtree the targets are measured over. */
  organisationId: string;
  phases: PlanPhase[];
}

export interface PhaseOutcome {
  code: string;
  status: 'met' | 'missed';
  measured: number;
}
