/**
 * How a database error should be treated by whoever retries: the same
 * statement can never succeed (the data or a constraint refuses it), or it
 * may succeed later (the server is restarting, unreachable, overloaded, or
 * the transaction lost a race), or nobody can tell.
 */
export type DatabaseErrorKind = 'permanent' | 'transient' | 'unknown';

/** SQLSTATE classes and codes, from PostgreSQL's Appendix A. */
const TRANSIENT_CLASSES = ['08', '53', '57', '58']; // connection, resources, operator intervention, system
const TRANSIENT_CODES = ['40001', '40P01', '55P03']; // serialization failure, deadlock, lock not available
// Data exceptions and integrity violations: the row itself is refused. A missing
// table or privilege (42) is left 'unknown', so work resumes once an operator fixes it.
const PERMANENT_CLASSES = ['22', '23'];

/** Node's socket errors when the server is not there or went away. */
const TRANSIENT_SOCKET_CODES = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'];
/** What pg and TypeORM say when a connection ends or cannot be had. */
const TRANSIENT_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)|terminating connection|Connection is not established|Cannot use a pool after calling end/i;

function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function databaseErrorKind(err: unknown): DatabaseErrorKind {
  const code = sqlState(err);
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    if (TRANSIENT_CODES.includes(code) || TRANSIENT_CLASSES.includes(code.slice(0, 2))) return 'transient';
    if (PERMANENT_CLASSES.includes(code.slice(0, 2))) return 'permanent';
    return 'unknown';
  }
  if (code && TRANSIENT_SOCKET_CODES.includes(code)) return 'transient';
  const message = err instanceof Error ? err.message : String(err);
  if (TRANSIENT_MESSAGES.test(message)) return 'transient';
  const cause = (err as { cause?: unknown } | null)?.cause;
  return cause && cause !== err ? databaseErrorKind(cause) : 'unknown';
}

/** The database cannot be reached right now: a retry later may succeed. */
export const isDatabaseUnavailable = (err: unknown): boolean => databaseErrorKind(err) === 'transient' && !TRANSIENT_CODES.includes(sqlState(err) ?? '');
