import type { DataSource, EntityManager } from 'typeorm';
import type { ObligationParties, ObligationScheduleInput, PhaseTarget, PlanPhase } from '../libs/contracts/src';
import type { ObligationRecordForm, Occurrence, TaskActor, TaskForm } from '../libs/domain/src';
import { appendAudit, changedRows, SYSTEM_ACTOR } from '../libs/persistence/src';

/** An occurrence the schedule opens: its id, its obligation and its period. */
export interface OpeningOccurrence {
  occurrenceId: string;
  obligationCode: string;
  title: string;
  occurrence: Occurrence;
  /** Its own form (a record the process reads back), else evidence alone. */
  form?: TaskForm;
  /** A responsibility list's leader and people, shown with the occurrence. */
  parties?: ObligationParties;
}

/** Recurring obligations and phased plans in the read model. */
/** One record of a counted occurrence as the schedule counted it: `at` is the workflow's time of the record. */
export interface OccurrenceRecordRow {
  recordId: string;
  occurrenceId: string;
  organisationId: string;
  date: string;
  attendees: string;
  minutes: string;
  hours: number | null;
  counted: number;
  overMax: boolean;
  completes: boolean;
  late: boolean;
  closeTask: boolean;
  actor: TaskActor;
  at: string;
}

export function createObligationActivities(ds: DataSource) {
  /** `at`: the workflow's time of opening the occurrences (their periods' start): each a row and its task, in one transaction. */
  const openOccurrences = async (args: { input: ObligationScheduleInput; workflowId: string; occurrences: OpeningOccurrence[]; at: string }): Promise<void> => {
    const { input } = args;
    await ds.transaction(async (em) => {
      const [org] = await em.query(`SELECT path FROM organisations WHERE id = $1`, [input.assignee.organisationId]);
      for (const o of args.occurrences) {
        const quota = input.obligations.find((spec) => spec.code === o.obligationCode)?.quota ?? null;
        const inserted = await em.query(
          `INSERT INTO obligation_occurrences (id, schedule_id, organisation_id, obligation_code, title, period_label, period_start, due_date, status, quota,
                                               record_kind, leader_label, leader_organisation_id, leader_role, responsible_label)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [
            o.occurrenceId,
            input.scheduleId,
            input.organisationId,
            o.obligationCode,
            o.title,
            o.occurrence.label,
            o.occurrence.periodStart,
            o.occurrence.dueDate,
            quota && JSON.stringify(quota),
            o.form && o.form.kind !== 'evidence' ? o.form.kind : null,
            o.parties?.leader.label ?? null,
            o.parties?.leader.organisationId ?? null,
            o.parties?.leader.role ?? null,
            o.parties?.responsible ?? null,
          ],
        );
        if (!inserted.length) continue;
        // A counted obligation's task takes records (form obligation_record); any other, its evidence once (on its own form, when it has one).
        const form: TaskForm = quota
          ? ({ kind: 'obligation_record', ...quota, periodStart: o.occurrence.periodStart, dueDate: o.occurrence.dueDate } satisfies ObligationRecordForm)
          : (o.form ?? { kind: 'evidence' });
        await em.query(
          `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, due_at, group_id, assignee_user_id, form, created_at)
           VALUES ($1, $2, 'obligation', $3, 'obligation_occurrence', $1, $4, $5, $6, 'open', ($7::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai', $1, $8, $10, $9)`,
          [o.occurrenceId, args.workflowId, `${o.title}（${o.occurrence.label}）`, input.assignee.organisationId, org?.path ?? '/', input.assignee.role, o.occurrence.dueDate, input.assignee.userId ?? null, args.at, JSON.stringify(form)],
        );
      }
    });
  };

  const markOccurrencesOverdue = async ({ occurrenceIds, at }: { occurrenceIds: string[]; at: string }): Promise<void> => {
    await ds.transaction(async (em) => {
      const updated = await changedRows<{ id: string; organisation_id: string }>(
        em,
        `UPDATE obligation_occurrences SET status = 'overdue' WHERE id = ANY($1::uuid[]) AND status = 'open' RETURNING id, organisation_id`,
        [occurrenceIds],
      );
      if (!updated.length) return;
      await em.query(`UPDATE tasks SET overdue = true WHERE id = ANY($1::uuid[])`, [updated.map((u) => u.id)]);
      for (const u of updated) {
        await appendAudit(em, {
          ...SYSTEM_ACTOR,
          organisationId: u.organisation_id,
          action: 'obligation.overdue',
          subjectType: 'obligation_occurrence',
          subjectId: u.id,
          requestId: `${u.id}:overdue`,
          at,
        });
      }
    });
  };

  return {
    openOccurrences,

    /** One occurrence: what schedules recorded before openOccurrences call. */
    async openOccurrence(args: { input: ObligationScheduleInput; workflowId: string; occurrenceId: string; obligationCode: string; title: string; occurrence: Occurrence; at: string }): Promise<void> {
      const { input, workflowId, at, ...o } = args;
      await openOccurrences({ input, workflowId, occurrences: [o], at });
    },

    /** `at`: the workflow's time of accepting the evidence. Done, the task no longer shows as overdue (lateness is kept as completed_late). */
    async completeOccurrence(args: { occurrenceId: string; evidence: string; late: boolean; actor: TaskActor; at: string; data?: Record<string, unknown> }): Promise<void> {
      await ds.transaction(async (em) => {
        const updated = await changedRows(
          em,
          `UPDATE obligation_occurrences SET status = 'completed', completed_at = $5, completed_late = $2, evidence = $3, completed_by = $4, record = $6
            WHERE id = $1 AND status <> 'completed' RETURNING id`,
          [args.occurrenceId, args.late, args.evidence, args.actor.userId, args.at, args.data ? JSON.stringify(args.data) : null],
        );
        if (!updated.length) return;
        await em.query(`UPDATE tasks SET status = 'completed', outcome = 'completed', completed_at = $3, completed_by = $2, overdue = false WHERE id = $1`, [args.occurrenceId, args.actor.userId, args.at]);
        await appendAudit(em, {
          actorId: args.actor.userId,
          actorName: args.actor.displayName,
          actorRole: args.actor.role,
          organisationId: args.actor.organisationId,
          action: 'obligation.completed',
          subjectType: 'obligation_occurrence',
          subjectId: args.occurrenceId,
          opinion: args.evidence,
          after: { status: 'completed', late: args.late },
          requestId: `${args.occurrenceId}:completed`,
          at: args.at,
        });
      });
    },

    markOccurrencesOverdue,

    /**
     * `at`: the workflow's time of the record. One record of a counted occurrence, its count after it, and — when
     * it reaches the minimum — the occurrence done (its task stays open for more records until the period ends,
     * unless the period is already over). Idempotent by the record's id.
     */
    async recordOccurrence(args: OccurrenceRecordRow): Promise<void> {
      await ds.transaction((em) => writeRecord(em, args));
    },

    /** Several records of one occurrence given at once, counted in order, in one transaction. Idempotent by each record's id. */
    async recordOccurrences({ records }: { records: OccurrenceRecordRow[] }): Promise<void> {
      await ds.transaction(async (em) => {
        for (const r of records) await writeRecord(em, r);
      });
    },

    /** `at`: the period's end. Counted occurrences done before it: their tasks stop taking records. */
    async closeCountedOccurrences({ occurrenceIds, at }: { occurrenceIds: string[]; at: string }): Promise<void> {
      await ds.query(`UPDATE tasks SET status = 'completed', outcome = 'completed', completed_at = $2, overdue = false WHERE id = ANY($1::uuid[]) AND status = 'open'`, [occurrenceIds, at]);
    },

    /** One occurrence: what schedules recorded before markOccurrencesOverdue call. */
    async markOccurrenceOverdue({ occurrenceId, at }: { occurrenceId: string; at: string }): Promise<void> {
      await markOccurrencesOverdue({ occurrenceIds: [occurrenceId], at });
    },

    /** `at`: the workflow's time of the move. An approved delay: the occurrence is due on `to` (an overdue one opens again), its task too. */
    async moveOccurrence(args: { occurrenceId: string; from: string; to: string; reason: string; actor: TaskActor; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const updated = await changedRows(
          em,
          `UPDATE obligation_occurrences SET due_date = $2, status = CASE WHEN status = 'overdue' THEN 'open' ELSE status END
            WHERE id = $1 AND status IN ('open', 'overdue') AND due_date <> $2::date RETURNING organisation_id`,
          [args.occurrenceId, args.to],
        );
        if (!updated.length) return;
        await em.query(`UPDATE tasks SET due_at = ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai', overdue = false WHERE id = $1 AND status = 'open'`, [args.occurrenceId, args.to]);
        await appendAudit(em, {
          actorId: args.actor.userId,
          actorName: args.actor.displayName,
          actorRole: args.actor.role,
          organisationId: args.actor.organisationId,
          action: 'obligation.moved',
          subjectType: 'obligation_occurrence',
          subjectId: args.occurrenceId,
          opinion: args.reason,
          before: { dueDate: args.from },
          after: { dueDate: args.to },
          requestId: `${args.occurrenceId}:moved:${args.to}`,
          at: args.at,
        });
      });
    },

    /** `at`: the workflow's time of the move. An approved delay into another year: this occurrence ends 'postponed', its task closes. */
    async postponeOccurrence(args: { occurrenceId: string; from: string; to: string; reason: string; actor: TaskActor; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const updated = await changedRows(
          em,
          `UPDATE obligation_occurrences SET status = 'postponed', postponed_to = $2 WHERE id = $1 AND status IN ('open', 'overdue') RETURNING organisation_id`,
          [args.occurrenceId, args.to],
        );
        if (!updated.length) return;
        await em.query(`UPDATE tasks SET status = 'cancelled', outcome = 'postponed', completed_at = $2, overdue = false WHERE id = $1 AND status = 'open'`, [args.occurrenceId, args.at]);
        await appendAudit(em, {
          actorId: args.actor.userId,
          actorName: args.actor.displayName,
          actorRole: args.actor.role,
          organisationId: args.actor.organisationId,
          action: 'obligation.postponed',
          subjectType: 'obligation_occurrence',
          subjectId: args.occurrenceId,
          opinion: args.reason,
          before: { dueDate: args.from },
          after: { status: 'postponed', postponedTo: args.to },
          requestId: `${args.occurrenceId}:postponed`,
          at: args.at,
        });
      });
    },

    async openMilestones({ planId, phases }: { planId: string; phases: PlanPhase[] }): Promise<void> {
      for (const p of phases) {
        await ds.query(
          `INSERT INTO plan_milestones (plan_id, phase_code, name, ends_on, target, status) VALUES ($1, $2, $3, $4, $5, 'pending') ON CONFLICT DO NOTHING`,
          [planId, p.code, p.name, p.endsOn, JSON.stringify(p.target)],
        );
      }
    },

    /** Measures a phase's target over the organisation's subtree and records met or missed. */
    async evaluateMilestone({ planId, phase, organisationId, asOf }: { planId: string; phase: PlanPhase; organisationId: string; asOf: string }): Promise<{ measured: number; met: boolean }> {
      const measured = await measure(ds, phase.target, organisationId, asOf);
      const met = measured >= phase.target.atLeast;
      await ds.transaction(async (em) => {
        const updated = await changedRows(
          em,
          `UPDATE plan_milestones SET status = $3, evaluated_at = $4 WHERE plan_id = $1 AND phase_code = $2 AND status = 'pending' RETURNING plan_id`,
          [planId, phase.code, met ? 'met' : 'missed', asOf],
        );
        if (!updated.length) return;
        await appendAudit(em, {
          ...SYSTEM_ACTOR,
          organisationId,
          action: `plan.phase.${met ? 'met' : 'missed'}`,
          subjectType: 'plan',
          subjectId: planId,
          after: { phase: phase.code, target: phase.target, measured },
          requestId: `${planId}:${phase.code}:evaluated`,
          at: asOf,
        });
      });
      return { measured, met };
    },
  };
}

/** The target's figure over the organisation's subtree, as of the workflow's own clock. */
async function measure(ds: DataSource, target: PhaseTarget, organisationId: string, asOf: string): Promise<number> {
  const [scope] = await ds.query(`SELECT path FROM organisations WHERE id = $1`, [organisationId]);
  const prefix = `${scope.path}%`;
  if (target.metric === 'assessment_pass_rate') {
    const [row] = await ds.query(
      `SELECT count(*)::int AS branches,
              count(*) FILTER (WHERE (SELECT (a.result->>'passed')::boolean FROM rubric_assessments a
                                        WHERE a.organisation_id = o.id AND a.rubric_code = $2 AND a.status = 'completed'
                                        ORDER BY a.updated_at DESC LIMIT 1))::int AS passed
         FROM organisations o WHERE o.level = 'branch' AND o.path LIKE $1`,
      [prefix, target.rubricCode],
    );
    return row.branches ? row.passed / row.branches : 1;
  }
  const [row] = await ds.query(
    `SELECT count(*)::int AS due, count(*) FILTER (WHERE x.status = 'completed' AND NOT x.completed_late)::int AS on_time
       FROM obligation_occurrences x JOIN organisations o ON o.id = x.organisation_id
      WHERE o.path LIKE $1 AND x.status <> 'postponed' AND x.due_date < ($2::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`,
    [prefix, asOf],
  );
  return row.due ? row.on_time / row.due : 1;
}

export type ObligationActivities = ReturnType<typeof createObligationActivities>;

/** One record of a counted occurrence, its count after it, and — when it reaches the minimum — the occurrence done. */
async function writeRecord(em: EntityManager, args: OccurrenceRecordRow): Promise<void> {
  const inserted = await changedRows(
    em,
    `INSERT INTO obligation_records (id, occurrence_id, organisation_id, record_date, attendees, minutes, hours, counted_after, over_max, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [args.recordId, args.occurrenceId, args.organisationId, args.date, args.attendees, args.minutes, args.hours, args.counted, args.overMax, args.actor.userId, args.at],
  );
  if (!inserted.length) return;
  await em.query(
    `UPDATE obligation_occurrences SET counted = $2, over_max = over_max OR $3,
            status = CASE WHEN $4 THEN 'completed' ELSE status END,
            completed_at = CASE WHEN $4 THEN $5::timestamptz ELSE completed_at END,
            completed_late = CASE WHEN $4 THEN $6 ELSE completed_late END,
            completed_by = CASE WHEN $4 THEN $7::uuid ELSE completed_by END
      WHERE id = $1`,
    [args.occurrenceId, args.counted, args.overMax, args.completes, args.at, args.late, args.actor.userId],
  );
  if (args.completes) await em.query(`UPDATE tasks SET overdue = false WHERE id = $1`, [args.occurrenceId]);
  if (args.closeTask) await em.query(`UPDATE tasks SET status = 'completed', outcome = 'completed', completed_at = $3, completed_by = $2, overdue = false WHERE id = $1 AND status = 'open'`, [args.occurrenceId, args.actor.userId, args.at]);
  await appendAudit(em, {
    actorId: args.actor.userId,
    actorName: args.actor.displayName,
    actorRole: args.actor.role,
    organisationId: args.actor.organisationId,
    action: 'obligation.recorded',
    subjectType: 'obligation_occurrence',
    subjectId: args.occurrenceId,
    opinion: args.minutes,
    after: { date: args.date, hours: args.hours, counted: args.counted, overMax: args.overMax, completed: args.completes, late: args.completes ? args.late : undefined },
    requestId: `${args.recordId}:recorded`,
    at: args.at,
  });
}
