import { type ChildWorkflowHandle, ParentClosePolicy, executeChild, patched, proxyActivities, startChild, uuid4 } from '@temporalio/workflow';
import type { CampaignActivities } from '../../activities/campaign.activities';
import type { NoticeActivities } from '../../activities/notice.activities';
import {
  type CampaignCandidate,
  type ConsultationInput,
  type HumanTaskInput,
  type HumanTaskResult,
  type PublicNoticeInput,
  type UnansweredConsultation,
  type Unit,
  consultationWorkflowId,
  humanTaskWorkflowId,
  publicNoticeWorkflowId,
  CAMPAIGN_ACTIVITY,
} from '../../libs/contracts/src';
import {
  type Assignee,
  type CandidateStatus,
  type Duration,
  type GroupPolicy,
  type SelectionCandidate,
  type SelectionRules,
  type ConsultationRules,
  WorkingCalendar,
  agenciesFor,
  effectivePlaces,
  isEligible,
  periodEnd,
  remainingPool,
  supplementRules,
} from '../../libs/domain/src/core';
// Types only: the form schemas themselves stay out of the sandbox (libs/domain/src/core.ts).
import type { SelectionData, TaskForm } from '../../libs/domain/src';
import { workflowTime } from './workflow-time';
import type { consultation } from '../consultation.workflow';
import type { humanTask } from '../human-task.workflow';
import type { publicNotice } from '../public-notice.workflow';

/**
 * Steps any process's campaign is made of, as child workflows: a piece of
 * work as a human task, a consultation round, a differential pick put on
 * notice. Nothing here knows a process; a process's own steps live in workflows/<process>/.
 */
export const campaignActivities = proxyActivities<CampaignActivities & Pick<NoticeActivities, 'loadCalendar'>>(CAMPAIGN_ACTIVITY);

export interface TaskSpec {
  kind: string;
  title: string;
  /** Who decides: one assignee, or several deciding together under `policy`. */
  assignee: Assignee | Assignee[];
  /** Single unless said: countersign ('all'), or-sign ('any') or a ratio, for several assignees. */
  policy?: GroupPolicy;
  dueAt: string;
  escalateTo: Assignee | null;
  outcomes?: string[];
  /** The outcome that must answer the form; by default the first. */
  positive?: string;
  /** Outcomes that need an opinion; by default every one. */
  opinionRequiredFor?: string[];
  form?: TaskForm;
  closesAtDue?: boolean;
  subject: { type: string; id: string };
}

/** One piece of a campaign's work as a humanTask child, reminded before its deadline; returns when it is done. */
export function campaignTask(campaignId: string, stage: string, spec: TaskSpec): Promise<HumanTaskResult> {
  return executeChild<typeof humanTask>('humanTask', taskOptions(campaignId, stage, spec));
}

/**
 * The same task, answering once it has started: a campaign opening work for
 * hundreds of units starts them one after another, so that no single
 * workflow task carries hundreds of child starts at once.
 */
export function startCampaignTask(campaignId: string, stage: string, spec: TaskSpec): Promise<ChildWorkflowHandle<typeof humanTask>> {
  return startChild<typeof humanTask>('humanTask', taskOptions(campaignId, stage, spec));
}

function taskOptions(campaignId: string, stage: string, spec: TaskSpec) {
  const taskId = uuid4();
  const outcomes = spec.outcomes ?? ['completed'];
  return {
    workflowId: humanTaskWorkflowId(taskId),
    args: [
      {
        taskId,
        kind: spec.kind,
        title: spec.title,
        subject: spec.subject,
        assignees: Array.isArray(spec.assignee) ? spec.assignee : [spec.assignee],
        policy: spec.policy ?? { mode: 'single' },
        outcomes,
        ...(spec.positive ? { positive: spec.positive } : {}),
        opinionRequiredFor: spec.opinionRequiredFor ?? outcomes,
        dueAt: spec.dueAt,
        remindBeforeHours: [72, 24],
        escalateTo: spec.escalateTo ? { organisationId: spec.escalateTo.organisationId, role: spec.escalateTo.role } : null,
        form: spec.form ?? null,
        closesAtDue: spec.closesAtDue ?? false,
        campaignId,
        stage,
      } satisfies HumanTaskInput,
    ] as [HumanTaskInput],
  };
}

export async function calendarFor(year: number): Promise<WorkingCalendar> {
  return new WorkingCalendar(await campaignActivities.loadCalendar({ fromYear: year, toYear: year }));
}

/** What the agencies said of each candidate, for the committee's pick: vetoes remove; objections and gaps are shown beside the candidate. */
export interface ConsultationOutcome {
  vetoed: Map<string, string>;
  /** Objections (not vetoes), and agencies that never answered, by candidate. */
  notes: Map<string, string[]>;
}

/** Marks campaigns that record, at each level, the kinds of agency it lacks; older histories replay without it. */
const LEVEL_GAPS_PATCH = 'consultation-level-gaps';

/**
 * The agencies at the committee's level are asked about every candidate in
 * parallel before its meeting ("各级党委在召开党委会研究推荐名单前，征求同级…单位意见");
 * a kind of agency the candidates need that this level does not have is put
 * on the record, not skipped silently. Returns the vetoes, and the objections
 * and unanswered requests to show the deciders.
 */
export async function consultAgencies(o: {
  campaignId: string;
  year: number;
  /** What the agencies are asked about, as their inbox shows it. */
  title: string;
  /** The consulting committee: it decides on late answers and meets on the list. */
  committee: Unit;
  /** Whose agencies are asked, when not the committee's own (the city's agencies for the organisation department). */
  agenciesOf?: Unit;
  candidates: CampaignCandidate[];
  duration: Duration;
  /** A late answer: the committee decides (ask), or, for campaigns started before that rule, it counts as no objection. */
  onTimeout?: UnansweredConsultation;
  /** The kinds of agency asked, by domain: the campaign's year's list as it stood at the start (absent: the document's, as older campaigns ran). */
  rules?: ConsultationRules;
}): Promise<ConsultationOutcome> {
  // Nobody to ask about (a level every candidate skipped): nothing to consult on.
  if (!o.candidates.length) return { vetoed: new Map(), notes: new Map() };
  const calendar = await calendarFor(o.year);
  const dueAt = periodEnd(calendar, new Date(Date.now()).toISOString(), o.duration).endsAt;
  const owner = o.agenciesOf ?? o.committee;
  const agencies = await campaignActivities.consultationAgencies({
    organisationId: owner.id,
    candidates: o.candidates.map((c) => ({ id: c.nominationId, domain: c.domain })),
    dueAt,
    ...(o.rules ? { rules: o.rules } : {}),
  });
  const outcome: ConsultationOutcome = { vetoed: new Map(), notes: new Map() };
  if (patched(LEVEL_GAPS_PATCH)) {
    const present = new Set(agencies.map((a) => a.kind));
    const missing = [...new Set(o.candidates.flatMap((c) => agenciesFor(c.domain, o.rules)))].filter((k) => !present.has(k));
    if (missing.length) {
      await campaignActivities.recordLevelGaps({ campaignId: o.campaignId, organisationId: owner.id, kinds: missing, candidateIds: o.candidates.map((c) => c.nominationId), key: `${o.campaignId}:${owner.id}:${o.title}:gaps`, at: workflowTime() });
    }
  }
  if (!agencies.length) return outcome;
  const consultationId = uuid4();
  const result = await executeChild<typeof consultation>('consultation', {
    workflowId: consultationWorkflowId(consultationId),
    args: [
      {
        consultationId,
        title: o.title,
        organisationId: o.committee.id,
        candidates: o.candidates.map((c) => ({ id: c.nominationId, name: c.name, domain: c.domain })),
        agencies,
        onTimeout: o.onTimeout ?? 'no_objection',
        escalateTo: { organisationId: o.committee.id, role: 'reviewer' },
        campaignId: o.campaignId,
      } satisfies ConsultationInput,
    ],
  });
  for (const c of result.candidates) {
    if (c.verdict === 'vetoed') outcome.vetoed.set(c.id, c.reasons.join('；'));
    const notes = [...(c.verdict === 'objected' ? c.reasons.map((r) => `有异议：${r}`) : []), ...(c.gaps ?? []).map((g) => `${g}逾期未复，经党委决定记录缺项`)];
    if (notes.length) outcome.notes.set(c.id, notes);
  }
  return outcome;
}

export interface PickOutcome {
  kept: string[];
  removed: Array<{ itemId: string; reason: string }>;
  /** The committee's opinion at its meeting and who recorded it, for the form. */
  meetingOpinion: string;
  decidedBy: { userId: string; displayName: string } | null;
}

/**
 * A committee's differential pick put on notice; an upheld objection takes the
 * candidate off the list and the committee fills the place from the rest of
 * its pool, on a supplementary notice, while the pool allows.
 */
export async function pickWithNotice(o: {
  campaignId: string;
  year: number;
  stage: string;
  kind: string;
  title: string;
  decider: Assignee;
  escalateTo: Assignee | null;
  dueAt: string;
  pool: SelectionCandidate[];
  /** Where the places an upheld objection frees are filled from once the pool runs short (the candidates the pool was drawn from). */
  widenTo?: SelectionCandidate[];
  rules: SelectionRules;
  exact: boolean;
  /** At least this many must be chosen in the first round when it is not exact (the document's "1–2": 1). */
  atLeast?: number;
  /** What a chosen candidate becomes while on notice. */
  chosenStatus: CandidateStatus;
  /** Reads the remaining pool's standing again before a supplementary pick (a process's eligibility rules); absent: the pool as it was. */
  recheck?: (pool: SelectionCandidate[]) => Promise<SelectionCandidate[]>;
  notice: { organisationId: string; title: string; duration: Duration; scope: 'unit' | 'society' };
  subject: { type: string; id: string };
}): Promise<PickOutcome> {
  const target = effectivePlaces(o.rules);
  const taken = new Set<string>();
  const kept: string[] = [];
  const removed: PickOutcome['removed'] = [];
  let rules: SelectionRules | null = o.rules;
  let candidates = o.pool;
  let meetingOpinion = '';
  let decidedBy: PickOutcome['decidedBy'] = null;
  for (let round = 0; rules; round++) {
    const decision = await campaignTask(o.campaignId, o.stage, {
      kind: o.kind,
      title: round === 0 ? o.title : `${o.title}（递补）`,
      assignee: o.decider,
      dueAt: o.dueAt,
      escalateTo: o.escalateTo,
      form: { kind: 'selection', candidates, rules, exact: round === 0 ? o.exact : true, ...(round === 0 && !o.exact && o.atLeast ? { atLeast: o.atLeast } : {}) },
      subject: o.subject,
    });
    const chosen = (decision.decisions[0]!.data as SelectionData).chosen;
    meetingOpinion ||= decision.decisions[0]!.opinion;
    decidedBy ??= { userId: decision.decisions[0]!.by, displayName: decision.decisions[0]!.byName };
    for (const id of chosen) taken.add(id);
    await campaignActivities.setCandidates({ campaignId: o.campaignId, ids: chosen, status: o.chosenStatus, reason: null, key: `${o.subject.id}:${o.kind}:${round}`, at: workflowTime() });
    if (!chosen.length) break;
    const noticeId = uuid4();
    const byId = new Map(candidates.map((c) => [c.id, c]));
    const notice = await executeChild<typeof publicNotice>('publicNotice', {
      workflowId: publicNoticeWorkflowId(noticeId),
      parentClosePolicy: ParentClosePolicy.TERMINATE,
      args: [
        {
          noticeId,
          title: round === 0 ? o.notice.title : `${o.notice.title}（递补）`,
          organisationId: o.notice.organisationId,
          investigator: o.decider,
          escalateTo: o.escalateTo ? { organisationId: o.escalateTo.organisationId, role: o.escalateTo.role } : null,
          items: chosen.map((id) => ({ id, name: byId.get(id)?.name ?? id })),
          duration: o.notice.duration,
          publishedAt: new Date(Date.now()).toISOString(),
          campaignId: o.campaignId,
          scope: o.notice.scope,
        } satisfies PublicNoticeInput,
      ],
    });
    kept.push(...notice.kept);
    removed.push(...notice.removed);
    if (notice.removed.length) {
      await campaignActivities.setCandidates({
        campaignId: o.campaignId,
        ids: notice.removed.map((r) => r.itemId),
        status: 'removed',
        reason: `公示异议成立：${notice.removed.map((r) => r.reason).join('；')}`,
        key: `${noticeId}:removed`,
        at: workflowTime(),
      });
    }
    candidates = remainingPool(o.pool, taken);
    // A pool drawn from a wider one (a committee's own list) widens when it cannot fill a place differentially any more.
    if (o.widenTo && candidates.filter(isEligible).length < 2) candidates = remainingPool(o.widenTo, taken);
    if (notice.removed.length && o.recheck) candidates = await o.recheck(candidates);
    rules = notice.removed.length ? supplementRules(target - kept.length, candidates.filter(isEligible).length) : null;
  }
  return { kept, removed, meetingOpinion, decidedBy };
}
