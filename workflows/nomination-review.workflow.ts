import {
  ActivityFailure,
  ApplicationFailure,
  type LocalActivityOptions,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { NominationActivities } from '../activities/nomination.activities';
import {
  type NominationReceipt,
  type NominationReviewInput,
  type NominationWorkflowState,
  type ResubmissionRequest,
  type TaskSpec,
  nominationStateQuery,
  resubmitNominationUpdate,
  reviewDecisionUpdate,
  submitNominationUpdate,
  SHORT_ACTIVITY,
} from '../libs/contracts/src';
// The domain's modules this workflow uses, not its index: the index brings every process's form schemas (zod),
// which each new workflow would evaluate for nothing (workflows/index.ts).
import { chinaDate } from '../libs/domain/src/calendar';
import { type NominationStatus, REVIEW_DECISIONS, opinionRequired, statusAfterDecision } from '../libs/domain/src/nomination';
import { refuseDecision } from '../libs/domain/src/tasks';
import { workflowTime } from './steps/workflow-time';

const options: LocalActivityOptions = SHORT_ACTIVITY;
const activities = proxyActivities<NominationActivities>(options);
// The read-model writes are short, idempotent transactions: run in the worker
// that holds the workflow, each saves a trip through the server's task queues
// (bench/README.md: a quiet submission went from ~250 ms to ~40 ms).
const local = proxyLocalActivities<NominationActivities>(options);

/** Marks histories whose writes run as local activities; older ones replay with the remote kind. */
const LOCAL_WRITES_PATCH = 'nomination-local-writes';

/**
 * A branch's nomination and its review by the nearest committee above it:
 * register → open a review task → approve / reject, or return for revision
 * and wait for the submitter's resubmission, then review again.
 */
export async function nominationReview(input: NominationReviewInput): Promise<NominationReceipt> {
  const writes = patched(LOCAL_WRITES_PATCH) ? local : activities;
  let status: NominationWorkflowState['status'] = 'registering';
  let openTask: TaskSpec | null = null;
  let rounds = 0;
  let registrationFailure: unknown;
  let resubmission: ResubmissionRequest | undefined;

  const currentStatus = () => status;
  const receipt = (): NominationReceipt => ({
    nominationId: input.nominationId,
    status: status as NominationStatus,
    taskId: openTask?.id ?? null,
  });

  setHandler(nominationStateQuery, () => ({ status, openTask, rounds }));

  // Answers the submitter once the nomination is stored and its first task is in an inbox.
  setHandler(submitNominationUpdate, async () => {
    await condition(() => registrationFailure !== undefined || rounds > 0);
    if (registrationFailure !== undefined) throw registrationFailure;
    return receipt();
  });

  setHandler(
    reviewDecisionUpdate,
    async (request) => {
      const task = openTask!;
      openTask = null; // closed at once: a concurrent second decision fails validation
      await writes.recordReviewDecision({ nominationId: input.nominationId, task, request, organisationName: input.reviewingCommittee.name, at: workflowTime() });
      status = statusAfterDecision(request.decision);
      return receipt();
    },
    {
      validator: (request) => {
        if (!REVIEW_DECISIONS.includes(request.decision)) throw ApplicationFailure.nonRetryable('审核结论必须是同意、退回修改或不同意', 'INVALID_DECISION');
        const refusal = refuseDecision(openTask, {
          taskId: request.taskId,
          actor: request.actor,
          opinionMissing: opinionRequired(request.decision) && request.opinion.trim() === '',
        });
        if (refusal) throw ApplicationFailure.nonRetryable(refusal.message, refusal.type);
      },
    },
  );

  setHandler(
    resubmitNominationUpdate,
    async (request) => {
      status = 'under_review'; // refuses a concurrent second resubmission
      await writes.recordResubmission({
        nominationId: input.nominationId,
        round: rounds,
        form: request.form,
        actor: request.actor,
        organisationName: input.branch.name,
        at: workflowTime(),
      });
      resubmission = request;
      await condition(() => openTask !== null);
      return receipt();
    },
    {
      validator: (_request: ResubmissionRequest) => {
        if (status !== 'returned') {
          throw ApplicationFailure.nonRetryable('只有被退回修改的推荐申报才能重新提交', 'NOT_RESUBMITTABLE');
        }
      },
    },
  );

  // The window's opening too: before it, nothing is registered ("第一季度，各市管党委组织基层党委推荐申报").
  if (input.applicationOpensAt && Date.now() < Date.parse(input.applicationOpensAt)) {
    const [y, m, d] = chinaDate(input.applicationOpensAt).split('-').map(Number);
    registrationFailure = ApplicationFailure.nonRetryable(`推荐申报自${y}年${m}月${d}日起受理，尚未开始`, 'APPLICATION_NOT_OPEN');
    await condition(allHandlersFinished);
    return { nominationId: input.nominationId, status: 'rejected', taskId: null };
  }

  // A campaign's application deadline is judged on the workflow's clock, the one every deadline of the process runs on.
  if (input.applicationDueAt && Date.now() > Date.parse(input.applicationDueAt)) {
    registrationFailure = ApplicationFailure.nonRetryable(`推荐申报已于${chinaDate(input.applicationDueAt)}截止，逾期申报须经管理员延期`, 'DEADLINE_PASSED');
    await condition(allHandlersFinished);
    return { nominationId: input.nominationId, status: 'rejected', taskId: null };
  }

  try {
    // Submitted when the workflow accepts it, on its clock (the API's is not the process's).
    await writes.registerNomination({ ...input, submittedAt: workflowTime() });
  } catch (err) {
    // Show the submitter the rule that refused it, not the activity wrapper around it.
    registrationFailure = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : err;
    await condition(allHandlersFinished);
    // A rule's refusal ends the nomination as rejected; data the database refused fails the workflow, for operators to see.
    if (registrationFailure instanceof ApplicationFailure && registrationFailure.type === 'DATA_REJECTED') throw registrationFailure;
    return { nominationId: input.nominationId, status: 'rejected', taskId: null };
  }

  for (;;) {
    const task: TaskSpec = {
      id: uuid4(),
      workflowId: workflowInfo().workflowId,
      kind: 'nomination_review',
      title: `审核推荐申报：${input.branch.name}`,
      subjectType: 'nomination',
      subjectId: input.nominationId,
      organisationId: input.reviewingCommittee.id,
      role: 'reviewer',
      dueAt: null,
    };
    await writes.openTask({ ...task, campaignId: input.campaignId ?? null, at: workflowTime() });
    status = 'under_review';
    openTask = task;
    rounds++;
    await condition(() => status !== 'under_review');
    // Handlers change `status` while this loop waits; read it afresh, not as narrowed above.
    if (currentStatus() !== 'returned') break;
    await condition(() => resubmission !== undefined);
    resubmission = undefined;
  }

  await condition(allHandlersFinished);
  return receipt();
}
