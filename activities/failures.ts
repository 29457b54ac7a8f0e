import { ApplicationFailure } from '@temporalio/activity';
import { databaseErrorKind } from '../libs/persistence/src';

type ActivityFunction = (...args: never[]) => Promise<unknown>;

/**
 * What an activity's failure tells Temporal: a rule's refusal (already an
 * ApplicationFailure) and data the database refuses (an encoding or a
 * constraint) can never succeed on a retry, so they end the retries at once
 * as DATA_REJECTED; everything else (the database restarting, a lost
 * connection, a bug an operator can fix) is retried by the workflow's policy.
 */
export function asActivityFailure(err: unknown): unknown {
  if (err instanceof ApplicationFailure) return err;
  if (databaseErrorKind(err) !== 'permanent') return err;
  const code = (err as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (err as { code?: string }).code;
  return ApplicationFailure.create({
    type: 'DATA_REJECTED',
    message: `提交的内容无法保存，请检查后重新填写（数据库拒绝该数据：SQLSTATE ${code}）`,
    nonRetryable: true,
    cause: err instanceof Error ? err : undefined,
  });
}

/** Wraps every activity of a set so that its failures are classified by `asActivityFailure`. */
export function classifyingFailures<T extends Record<string, ActivityFunction>>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [
      name,
      async (...args: never[]) => {
        try {
          return await fn(...args);
        } catch (err) {
          throw asActivityFailure(err);
        }
      },
    ]),
  ) as T;
}
