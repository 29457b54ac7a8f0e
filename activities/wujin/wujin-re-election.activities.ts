import type { DataSource } from 'typeorm';
import { type Actor, obligationScheduleWorkflowId } from '../../libs/contracts/src';
import { appendAudit, changedRows } from '../../libs/persistence/src';
import { wujinSchedulesOf } from '../../libs/processes/src/wujin';
import { who } from './wujin-deploy.activities';

/** The open re-election occurrence a delay moves: the schedule holding it and its year. */
export interface ReElectionOccurrence {
  scheduleWorkflowId: string;
  occurrenceId: string;
  dueDate: string;
  year: number;
}

/** A delayed re-election's writes: the decision, the branch's new term end, both audited in one transaction. */
export function createWujinReElectionActivities(ds: DataSource) {
  return {
    /** The branch's re-election occurrence in the plan's schedules still to be done (open or overdue), if any. */
    async openReElection(a: { campaignId: string; branchId: string }): Promise<ReElectionOccurrence | null> {
      const [row] = await ds.query(
        `SELECT id, schedule_id, to_char(due_date, 'YYYY-MM-DD') AS due_date, extract(year FROM period_start)::int AS year
           FROM obligation_occurrences
          WHERE organisation_id = $1 AND schedule_id LIKE $2 AND obligation_code = 'wujin_re_election' AND status IN ('open', 'overdue')
          ORDER BY due_date LIMIT 1`,
        [a.branchId, wujinSchedulesOf(a.campaignId)],
      );
      return row ? { scheduleWorkflowId: obligationScheduleWorkflowId(row.schedule_id), occurrenceId: row.id, dueDate: row.due_date, year: row.year } : null;
    },

    /** The committee's decision; approved, the branch's term now ends on the new date. A retry changes nothing. */
    async decideReElectionDelay(a: { delayId: string; approved: boolean; opinion: string | null; occurrenceChange: 'moved' | 'postponed' | null; actor: Actor; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const rows = await changedRows<{ branch_id: string; term_ends_on: string; until: string }>(
          em,
          `UPDATE wujin_re_election_delays SET status = $2, opinion = $3, decided_by = $4, decided_at = $5, occurrence_change = $6
            WHERE id = $1 AND status = 'pending'
            RETURNING branch_id, to_char(term_ends_on, 'YYYY-MM-DD') AS term_ends_on, to_char(until, 'YYYY-MM-DD') AS until`,
          [a.delayId, a.approved ? 'approved' : 'refused', a.opinion, a.actor.userId, a.at, a.approved ? a.occurrenceChange : null],
        );
        const d = rows[0];
        if (!d) return;
        await appendAudit(em, {
          ...who(a.actor),
          action: `wujin.re_election_delay.${a.approved ? 'approved' : 'refused'}`,
          subjectType: 'wujin_re_election_delay',
          subjectId: a.delayId,
          opinion: a.opinion ?? undefined,
          before: { status: 'pending' },
          after: { status: a.approved ? 'approved' : 'refused', until: d.until, occurrenceChange: a.approved ? a.occurrenceChange : null },
          requestId: `${a.delayId}:decided`,
          at: a.at,
        });
        if (!a.approved) return;
        const [before] = await em.query(`SELECT to_char(term_ends_on, 'YYYY-MM-DD') AS term_ends_on FROM organisations WHERE id = $1 FOR UPDATE`, [d.branch_id]);
        await em.query(`UPDATE organisations SET term_ends_on = $2 WHERE id = $1`, [d.branch_id, d.until]);
        await appendAudit(em, {
          ...who(a.actor),
          action: 'organisation.term_extended',
          subjectType: 'organisation',
          subjectId: d.branch_id,
          opinion: a.opinion ?? undefined,
          before: { termEndsOn: before?.term_ends_on ?? null },
          after: { termEndsOn: d.until, delayId: a.delayId },
          requestId: `${a.delayId}:term`,
          at: a.at,
        });
      });
    },
  };
}

export type WujinReElectionActivities = ReturnType<typeof createWujinReElectionActivities>;
