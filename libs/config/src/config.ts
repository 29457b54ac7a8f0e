import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '../../contracts/src/task-queues';

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const databaseUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL');

/** An Ed25519 key as configuration holds it: its 32 raw bytes in unpadded base64url. */
const auditKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'must be an Ed25519 key: 32 bytes in unpadded base64url, 43 characters (`npm run audit:keys` makes a pair)');
/** The public keys a verifier accepts, comma-separated: the current one first, then any retired ones. */
const auditPublicKeys = z
  .string()
  .transform((v) => v.split(',').map((k) => k.trim()).filter(Boolean))
  .pipe(z.array(auditKey).min(1, 'must name at least one public key'));

/** A rule between settings, checked even when other settings are wrong, so that every problem is listed at once. */
const requiredSetting = (key: string, why: string) => ({ path: [key], message: `is required ${why}`, when: () => true });
const UNLESS_NOT_ANCHORING = 'unless AUDIT_ANCHOR_INTERVAL_SECONDS=0 (this worker does not anchor)';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/**
 * Notifications leaving the application (README, "Notifications"): how the
 * worker delivers the outbox, and where each channel goes. A channel left
 * unconfigured fails its deliveries with the reason, visibly.
 */
const notificationDeliverySettings = {
  /** How often the worker looks for due deliveries; 0: this worker does not deliver. */
  NOTIFY_POLL_MS: z.coerce.number().int().min(0).default(2000),
  /** Attempts before a delivery is given up as failed. */
  NOTIFY_MAX_ATTEMPTS: positiveInt.max(50).default(6),
  /** The first retry's wait; each further one doubles it. */
  NOTIFY_BACKOFF_SECONDS: positiveInt.default(30),
  /** How long a claimed delivery is held by one worker; a worker killed mid-send leaves it to be claimed again after this. */
  NOTIFY_LEASE_SECONDS: positiveInt.default(120),
  NOTIFY_BATCH: positiveInt.max(500).default(20),
  /** Each request to a receiver is given up after this long. */
  NOTIFY_SEND_TIMEOUT_MS: positiveInt.default(15_000),
  /** Where the web application is reached, for the links in messages (its /app/ is appended). */
  PUBLIC_BASE_URL: httpUrl.default('http://localhost:3000'),
  /** SMTP: smtp://user:password@host:port (or smtps://); the sender's address. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  SMTP_FROM: z.string().min(3).default('Pennant <pennant@localhost>'),
  /** DingTalk group robot: its webhook (with access_token) and, for a signed robot, its secret (SEC…). */
  DINGTALK_WEBHOOK_URL: httpUrl.optional(),
  DINGTALK_SECRET: z.string().min(1).optional(),
  /** WeCom group robot: its webhook (with key). */
  WECOM_WEBHOOK_URL: httpUrl.optional(),
  /** A generic webhook and the shared secret its bodies are signed with. */
  WEBHOOK_URL: httpUrl.optional(),
  WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
};

/** What every Pennant process needs: its database and its Temporal server. */
const baseSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** The application's own login (role pennant_app), never the owner's. */
  DATABASE_URL: databaseUrl,
  DATABASE_ROLE: z.undefined({ error: 'is no longer used: DATABASE_URL must log in as the application role pennant_app itself (README, "Audit trail")' }).optional(),
  /** Signs every audit row the process appends (private half; the verifier holds the public one). */
  AUDIT_ROW_KEY: auditKey,
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const workerSchema = baseSchema
  .extend({
    WORKFLOW_BUNDLE_PATH: z.string().optional(),
    /**
     * How long one workflow activation may run before it is failed as a suspected deadlock; 0: no limit. The limit
     * costs a thread started and joined on every entry into the workflow sandbox (README, "Configuration").
     */
    WORKFLOW_ACTIVATION_TIMEOUT_MS: z.coerce.number().int().min(0).default(0),
    /** Where the worker appends the signed head of the audit chain; 0 seconds: this worker does not anchor. */
    AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
    AUDIT_ANCHOR_KEY: auditKey.optional(),
    AUDIT_ANCHOR_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
    ...notificationDeliverySettings,
  })
  .refine((c) => c.AUDIT_ANCHOR_INTERVAL_SECONDS === 0 || !!c.AUDIT_ANCHOR_FILE, requiredSetting('AUDIT_ANCHOR_FILE', UNLESS_NOT_ANCHORING))
  .refine((c) => c.AUDIT_ANCHOR_INTERVAL_SECONDS === 0 || !!c.AUDIT_ANCHOR_KEY, requiredSetting('AUDIT_ANCHOR_KEY', UNLESS_NOT_ANCHORING))
  .refine((c) => !c.WEBHOOK_URL || !!c.WEBHOOK_SECRET, requiredSetting('WEBHOOK_SECRET', 'when WEBHOOK_URL is set (the receiver checks each body\'s signature)'));

/** `npm run audit:anchor`: signs the chain's head now. */
const anchorToolSchema = z.object({
  DATABASE_URL: databaseUrl,
  AUDIT_ANCHOR_FILE: z.string().min(1),
  AUDIT_ANCHOR_KEY: auditKey,
});

/** `npm run audit:verify`: needs only public keys; a private key given instead stands for its public half. */
const verifyToolSchema = z
  .object({
    DATABASE_URL: databaseUrl,
    AUDIT_ANCHOR_FILE: z.string().min(1),
    AUDIT_ROW_PUBLIC_KEY: auditPublicKeys.optional(),
    AUDIT_ROW_KEY: auditKey.optional(),
    AUDIT_ANCHOR_PUBLIC_KEY: auditPublicKeys.optional(),
    AUDIT_ANCHOR_KEY: auditKey.optional(),
  })
  .refine((c) => !!(c.AUDIT_ROW_PUBLIC_KEY || c.AUDIT_ROW_KEY), requiredSetting('AUDIT_ROW_PUBLIC_KEY', '(the public key of AUDIT_ROW_KEY)'))
  .refine((c) => !!(c.AUDIT_ANCHOR_PUBLIC_KEY || c.AUDIT_ANCHOR_KEY), requiredSetting('AUDIT_ANCHOR_PUBLIC_KEY', '(the public key of AUDIT_ANCHOR_KEY)'));

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
  /** The built web application (`npm run build` writes dist/web), served under /app; unset serves none. */
  WEB_DIR: z.string().min(1).optional(),
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
export type NotificationDeliveryConfig = Pick<WorkerConfig, keyof typeof notificationDeliverySettings>;
export type AppConfig = z.infer<typeof apiSchema>;
export type AnchorToolConfig = z.infer<typeof anchorToolSchema>;
export type VerifyToolConfig = z.infer<typeof verifyToolSchema>;

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
export const loadAnchorToolConfig = (env: NodeJS.ProcessEnv = process.env): AnchorToolConfig => load(anchorToolSchema, env);
export const loadVerifyToolConfig = (env: NodeJS.ProcessEnv = process.env): VerifyToolConfig => load(verifyToolSchema, env);
