/**
 * The retry policies of every activity, in one place (README "Retries").
 *
 * Activities are short, idempotent database transactions. A failure that can
 * never succeed is raised by the activity itself as non-retryable (a rule's
 * code, or DATA_REJECTED for data the database refuses) and ends the step at
 * once. Anything else — the database restarting, a lost connection, a defect
 * an operator fixes and redeploys — is retried without a limit, backing off
 * from 1 s to 1 min, so that an outage pauses a months-long process instead
 * of failing it; each attempt's failure is visible in the workflow's history
 * and the worker's log.
 */
const RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;

/** Writes and reads of one subject (a nomination, a task, a notice): a transaction of a few statements. */
export const SHORT_ACTIVITY = { startToCloseTimeout: '30 seconds', retry: RETRY } as const;

/** Work over a whole campaign or plan (counting, opening a stage's tasks): more rows per transaction. */
export const CAMPAIGN_ACTIVITY = { startToCloseTimeout: '1 minute', retry: RETRY } as const;
