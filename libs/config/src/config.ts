import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
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

/** The text of a file named by a setting, or why it cannot be read. */
function readSettingFile(file: string): { text: string } | { problem: string } {
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (err) {
    return { problem: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** A file holding one or more PEM certificates (a CA bundle, or a client certificate with its chain). */
const pemCertificateFile = z
  .string()
  .min(1)
  .superRefine((file, ctx) => {
    const read = readSettingFile(file);
    if ('problem' in read) return void ctx.addIssue({ code: 'custom', message: read.problem });
    const blocks = read.text.match(PEM_CERTIFICATE) ?? [];
    if (blocks.length === 0) return void ctx.addIssue({ code: 'custom', message: `${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)` });
    for (const block of blocks) {
      try {
        new X509Certificate(block);
      } catch (err) {
        return void ctx.addIssue({ code: 'custom', message: `${file} holds a PEM block that is not a valid X.509 certificate (${(err as Error).message})` });
      }
    }
  });

/** A file holding an unencrypted PEM private key. */
const pemPrivateKeyFile = z
  .string()
  .min(1)
  .superRefine((file, ctx) => {
    const read = readSettingFile(file);
    if ('problem' in read) return void ctx.addIssue({ code: 'custom', message: read.problem });
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(read.text) || /ENCRYPTED/.test(read.text)) {
      return void ctx.addIssue({ code: 'custom', message: `${file} holds no unencrypted PEM private key (-----BEGIN PRIVATE KEY-----)` });
    }
    try {
      createPrivateKey(read.text);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `${file} holds no usable PEM private key (${(err as Error).message})` });
    }
  });

/**
 * How a process reaches its Temporal frontend (README, "Pointing Pennant at
 * Temporal Cloud or a self-hosted cluster"). TLS is on when TEMPORAL_TLS=on,
 * or, when TEMPORAL_TLS is not set, as soon as any other TLS setting or an API
 * key is given; TEMPORAL_TLS=off with any of them is refused as a contradiction.
 */
const temporalConnectionSettings = {
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TLS: z.enum(['on', 'off']).optional(),
  /** The server's CA (PEM); absent: the system's roots. */
  TEMPORAL_TLS_CA_FILE: pemCertificateFile.optional(),
  /** The client's certificate and key (PEM), for mTLS: both or neither. */
  TEMPORAL_TLS_CERT_FILE: pemCertificateFile.optional(),
  TEMPORAL_TLS_KEY_FILE: pemPrivateKeyFile.optional(),
  /** The name the server's certificate is checked against (and sent as SNI), when it is not the address's host. */
  TEMPORAL_TLS_SERVER_NAME: z.string().trim().min(1).optional(),
  /** A Temporal Cloud API key, sent as a bearer token; implies TLS. */
  TEMPORAL_API_KEY: z.string().trim().min(1).optional(),
};

export type TemporalConnectionConfig = z.infer<z.ZodObject<typeof temporalConnectionSettings>>;

/** The settings that only make sense over TLS. */
export const TEMPORAL_TLS_SETTINGS = ['TEMPORAL_TLS_CA_FILE', 'TEMPORAL_TLS_CERT_FILE', 'TEMPORAL_TLS_KEY_FILE', 'TEMPORAL_TLS_SERVER_NAME', 'TEMPORAL_API_KEY'] as const;

/** True when the connection to Temporal is to use TLS (see temporalConnectionSettings). */
export function temporalTlsOn(c: Pick<TemporalConnectionConfig, 'TEMPORAL_TLS' | (typeof TEMPORAL_TLS_SETTINGS)[number]>): boolean {
  return c.TEMPORAL_TLS === 'on' || (c.TEMPORAL_TLS === undefined && TEMPORAL_TLS_SETTINGS.some((k) => c[k] !== undefined));
}

/** Rules between the Temporal connection settings, each reported on the setting to change. */
function checkTemporalConnection(c: Partial<Record<keyof TemporalConnectionConfig, unknown>>, ctx: z.core.$RefinementCtx): void {
  const given = (k: keyof TemporalConnectionConfig) => typeof c[k] === 'string' && c[k] !== '';
  if (c.TEMPORAL_TLS === 'off') {
    for (const k of TEMPORAL_TLS_SETTINGS) {
      if (given(k)) ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS'], message: `is off, but ${k} is set (it needs TLS): remove one of them` });
    }
  }
  if (given('TEMPORAL_TLS_CERT_FILE') !== given('TEMPORAL_TLS_KEY_FILE')) {
    const missing = given('TEMPORAL_TLS_CERT_FILE') ? 'TEMPORAL_TLS_KEY_FILE' : 'TEMPORAL_TLS_CERT_FILE';
    const other = missing === 'TEMPORAL_TLS_KEY_FILE' ? 'TEMPORAL_TLS_CERT_FILE' : 'TEMPORAL_TLS_KEY_FILE';
    ctx.addIssue({ code: 'custom', path: [missing], message: `is required when ${other} is set (mTLS needs the client's certificate and its private key)` });
  } else if (given('TEMPORAL_TLS_CERT_FILE')) {
    // Both readable? Then the key must be the certificate's: a mismatch is otherwise found only at the first handshake.
    try {
      const cert = new X509Certificate(readFileSync(c.TEMPORAL_TLS_CERT_FILE as string));
      if (!cert.checkPrivateKey(createPrivateKey(readFileSync(c.TEMPORAL_TLS_KEY_FILE as string)))) {
        ctx.addIssue({ code: 'custom', path: ['TEMPORAL_TLS_KEY_FILE'], message: `is not the private key of the certificate in TEMPORAL_TLS_CERT_FILE` });
      }
    } catch {
      // Unreadable or malformed: already reported on the setting itself.
    }
  }
}

/**
 * Where a process serves its Prometheus metrics (README, "Metrics"): a listener of its own, apart from the API's port
 * and its authentication. The defaults are fixed ports so that `npm start` and a scrape configuration know them.
 */
export const METRICS_DEFAULTS = { API_METRICS_PORT: 9464, WORKER_METRICS_PORT: 9465, METRICS_HOST: '127.0.0.1' } as const;

/** A metrics port; 0: the process serves no metrics (and the worker does not have the Temporal SDK record any). */
const metricsPort = z.coerce.number().int().min(0, 'must be a port (1–65535), or 0 for no metrics').max(65535, 'must be a port (1–65535), or 0 for no metrics');
/** The address the metrics listener binds: 127.0.0.1 keeps it on the machine; 0.0.0.0 (containers) lets Prometheus reach it. */
const metricsHost = z
  .string()
  .trim()
  .min(1)
  .refine((h) => isIP(h) !== 0 || /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(h), 'must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name')
  .default(METRICS_DEFAULTS.METRICS_HOST);

/** What every Pennant process needs: its database and its Temporal server. */
const baseSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** The application's own login (role pennant_app), never the owner's. */
  DATABASE_URL: databaseUrl,
  DATABASE_ROLE: z.undefined({ error: 'is no longer used: DATABASE_URL must log in as the application role pennant_app itself (README, "Audit trail")' }).optional(),
  /** Signs every audit row the process appends (private half; the verifier holds the public one). */
  AUDIT_ROW_KEY: auditKey,
  ...temporalConnectionSettings,
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/**
 * What one worker process holds and runs at once (README, "Configuration" and
 * "Sizing workers"). The defaults keep a worker under 1 GiB resident however many
 * workflows wait (bench/README.md, idle), with the heap limited to
 * WORKER_HEAP_MIB by the command that starts it (apps/worker/src/sizing.ts).
 */
export const WORKER_SIZING_DEFAULTS = {
  WORKER_MAX_CACHED_WORKFLOWS: 200,
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: 40,
  WORKER_MAX_CONCURRENT_ACTIVITIES: 100,
  WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: 100,
} as const;

const workerSizingSettings = {
  /** Workflows kept in memory between their tasks (least recently used leaves first); 0: none, every task replays its history. */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce
    .number()
    .int()
    .min(0)
    .refine((n) => n !== 1, 'must be 0 (no cache) or at least 2')
    .default(WORKER_SIZING_DEFAULTS.WORKER_MAX_CACHED_WORKFLOWS),
  /** Workflow tasks (activations) run at once; at least 2 when the cache is on. */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).default(WORKER_SIZING_DEFAULTS.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS),
  /** Activities (remote) run at once. */
  WORKER_MAX_CONCURRENT_ACTIVITIES: positiveInt.default(WORKER_SIZING_DEFAULTS.WORKER_MAX_CONCURRENT_ACTIVITIES),
  /** Local activities (the read-model writes inside workflow tasks) run at once. */
  WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: positiveInt.default(WORKER_SIZING_DEFAULTS.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES),
};

const workerSchema = baseSchema
  .extend({
    WORKFLOW_BUNDLE_PATH: z.string().optional(),
    /**
     * How long one workflow activation may run before it is failed as a suspected deadlock; 0: no limit. The limit
     * costs a thread started and joined on every entry into the workflow sandbox (README, "Configuration").
     */
    WORKFLOW_ACTIVATION_TIMEOUT_MS: z.coerce.number().int().min(0).default(0),
    /** on: workflows answer the stack-trace query (Temporal UI's "Stack Trace"), at the cost of a stack trace per promise they create; read by our patch of the SDK. */
    WORKFLOW_STACK_TRACES: z.enum(['on', 'off']).default('off'),
    /** Where the worker appends the signed head of the audit chain; 0 seconds: this worker does not anchor. */
    AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
    AUDIT_ANCHOR_KEY: auditKey.optional(),
    AUDIT_ANCHOR_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
    ...notificationDeliverySettings,
    ...workerSizingSettings,
    /** Node's, the database pool's and the Temporal SDK's metrics, on one port (README, "Metrics"); 0: none. */
    WORKER_METRICS_PORT: metricsPort.default(METRICS_DEFAULTS.WORKER_METRICS_PORT),
    METRICS_HOST: metricsHost,
  })
  .superRefine(checkTemporalConnection, { when: () => true })
  .refine((c) => c.WORKER_MAX_CACHED_WORKFLOWS === 0 || c.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS <= c.WORKER_MAX_CACHED_WORKFLOWS, {
    path: ['WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'],
    message: 'must not exceed WORKER_MAX_CACHED_WORKFLOWS (a workflow task runs on a cached workflow) unless the cache is off (0)',
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
  /** Request latencies by route, the database pool and Node's own metrics (README, "Metrics"); 0: none. */
  API_METRICS_PORT: metricsPort.default(METRICS_DEFAULTS.API_METRICS_PORT),
  METRICS_HOST: metricsHost,
})
  .superRefine(checkTemporalConnection, { when: () => true })
  .refine((c) => c.API_METRICS_PORT === 0 || c.API_METRICS_PORT !== c.PORT, {
    path: ['API_METRICS_PORT'],
    message: 'must not be PORT: metrics are served on a listener of their own, never on the public API\'s port (0: no metrics)',
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
