import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout, one object a line, named by process.
 * Written asynchronously: a synchronous write per line blocked the API's event loop for ~0.7 ms a request
 * (its request log). Lines written while one write is under way go out together in the next; pino flushes
 * what is left when the process exits, a fatal error's line included.
 */
export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: 1, sync: false }));
}
