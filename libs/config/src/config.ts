import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '../../contracts/src/task-queues';

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();

/** What every Pennant process needs: its database and its Temporal server. */
const baseSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  /** The role the processes assume on connect; empty to use the URL's user as it is. */
  DATABASE_ROLE: z.string().regex(/^[a-z_][a-z0-9_]*$|^$/, 'must be a plain role name').default('pennant_app'),
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const workerSchema = baseSchema.extend({
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
});

const apiSchema = baseSchema.extend({
  PORT: port.default(3000),
  HOST: z.string().default('127.0.0.1'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  JWT_TTL_SECONDS: z.coerce.number().int().positive().default(8 * 3600),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  /** Objections one address may lodge in PUBLIC_RATE_WINDOW_SECONDS. */
  PUBLIC_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  PUBLIC_RATE_WINDOW_SECONDS: z.coerce.number().int().positive().default(600),
  /** Largest attachment accepted (10 MiB). */
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().positive().max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Where attachments are kept, named by their SHA-256; unset keeps them in PostgreSQL. */
  ATTACHMENT_DIR: z.string().min(1).optional(),
  /**
   * Which proxies may name the client in X-Forwarded-For (Express's "trust proxy":
   * a hop count, or addresses and subnets such as `loopback, 10.0.0.0/8`).
   * Empty trusts none: the client is the connection's peer.
   */
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((v): false | number | string => (v.trim() === '' ? false : /^\d+$/.test(v.trim()) ? Number(v) : v)),
  /** Failed logins per username (existing or not) in the window before it is locked. */
  LOGIN_ACCOUNT_MAX_FAILURES: positiveInt.default(5),
  /** Failed logins per client address, across usernames, in the window before it is locked. */
  LOGIN_ADDRESS_MAX_FAILURES: positiveInt.default(50),
  LOGIN_FAILURE_WINDOW_SECONDS: positiveInt.default(15 * 60),
  /** The first lockout; each further one doubles it up to LOGIN_LOCKOUT_MAX_SECONDS. */
  LOGIN_LOCKOUT_SECONDS: positiveInt.default(5 * 60),
  LOGIN_LOCKOUT_MAX_SECONDS: positiveInt.default(60 * 60),
  /** Password hashes one API process runs at once (they cost CPU). */
  LOGIN_HASH_CONCURRENCY: positiveInt.default(2),
  /** Logins waiting for a hashing turn, and the longest wait; beyond either, 503. */
  LOGIN_HASH_QUEUE: positiveInt.default(32),
  LOGIN_HASH_WAIT_MS: positiveInt.default(2000),
  /** Logins from one address hashing or waiting at once; beyond it, 429. */
  LOGIN_ADDRESS_CONCURRENCY: positiveInt.default(4),
});

export type WorkerConfig = z.infer<typeof workerSchema>;
export type AppConfig = z.infer<typeof apiSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the environment once at start-up; a missing or malformed
 * setting stops the process with every problem listed, before anything connects.
 */
function load<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}

export const loadApiConfig = (env: NodeJS.ProcessEnv = process.env): AppConfig => load(apiSchema, env);
export const loadWorkerConfig = (env: NodeJS.ProcessEnv = process.env): WorkerConfig => load(workerSchema, env);
