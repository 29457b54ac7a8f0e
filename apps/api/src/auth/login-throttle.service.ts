import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig, Logger } from '../../../../libs/config/src';
import {
  type ActiveLock,
  type ThrottleKeys,
  type ThrottlePolicies,
  checkLoginThrottle,
  recordLoginFailure,
  recordLoginSuccess,
} from '../../../../libs/persistence/src';
import { ApiError } from '../common/api-error';
import { APP_CONFIG, LOGGER } from '../tokens';
import { GateRefused, HashingGate, type Priority } from './hashing-gate';
import { retryAt, retryLater } from './retry-later';

/** Repeated lockouts within a day of each other double; after a quiet day they start again from the first. */
const LOCKOUT_MEMORY_SECONDS = 24 * 3600;

/**
 * Guards the login against password guessing and CPU exhaustion: locked
 * accounts and addresses are refused before any hashing, every failure is
 * counted in PostgreSQL (shared by all replicas), and hashing is rationed per
 * process. Unknown usernames are counted and answered exactly like real ones.
 */
@Injectable()
export class LoginThrottle {
  private readonly policies: ThrottlePolicies;
  private readonly gate: HashingGate;
  /** A refused login is told to come back after about one full wait. */
  private readonly busyRetrySeconds: number;

  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const common = {
      windowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
      lockSeconds: config.LOGIN_LOCKOUT_SECONDS,
      maxLockSeconds: config.LOGIN_LOCKOUT_MAX_SECONDS,
      lockoutMemorySeconds: LOCKOUT_MEMORY_SECONDS,
    };
    this.policies = {
      account: { ...common, maxFailures: config.LOGIN_ACCOUNT_MAX_FAILURES },
      address: { ...common, maxFailures: config.LOGIN_ADDRESS_MAX_FAILURES },
    };
    this.gate = new HashingGate({
      concurrency: config.LOGIN_HASH_CONCURRENCY,
      maxQueue: config.LOGIN_HASH_QUEUE,
      maxWaitMs: config.LOGIN_HASH_WAIT_MS,
      perAddress: config.LOGIN_ADDRESS_CONCURRENCY,
    });
    this.busyRetrySeconds = Math.max(1, Math.ceil(config.LOGIN_HASH_WAIT_MS / 1000));
  }

  /**
   * Runs the password check when the account and address may try, and its
   * turn comes; throws 429 (locked, or too many at once from the address) or
   * 503 (hashing saturated) without spending CPU otherwise.
   */
  async verify<T>(keys: ThrottleKeys, check: () => Promise<T>): Promise<T> {
    const { lock, suspect } = await checkLoginThrottle(this.ds, keys, this.policies);
    if (lock) throw lockedError(lock);
    const priority: Priority = suspect ? 'suspect' : 'normal';
    try {
      return await this.gate.run(keys.address, priority, check);
    } catch (err) {
      if (!(err instanceof GateRefused)) throw err;
      if (err.reason === 'address_busy') {
        throw retryLater('LOGIN_CONCURRENCY_LIMITED', '此网络地址同时进行的登录过多，请1秒后再试', 1);
      }
      const seconds = this.busyRetrySeconds;
      this.logger.warn({ reason: err.reason, address: keys.address }, 'login refused: password hashing saturated');
      throw retryLater('LOGIN_BUSY', `登录请求过多，服务器繁忙，请${seconds}秒后再试`, seconds);
    }
  }

  /** Counts the failure; throws 401, or 429 when this failure (or a concurrent one) locked the account or address. */
  async failed(keys: ThrottleKeys, user?: { id: string }): Promise<never> {
    const outcome = await recordLoginFailure(this.ds, keys, this.policies, user);
    if (outcome.account.lockedNow) {
      this.logger.warn({ username: keys.account, address: keys.address, until: outcome.account.lockedNow.until, exists: !!user }, 'login locked: account');
    }
    if (outcome.address.lockedNow) {
      this.logger.warn({ address: keys.address, until: outcome.address.lockedNow.until }, 'login locked: address');
    }
    if (outcome.lock) throw lockedError(outcome.lock);
    throw new ApiError('LOGIN_FAILED');
  }

  /** The right password: refused if a lockout began meanwhile, else the account's count starts over. */
  async succeeded(keys: ThrottleKeys): Promise<void> {
    const lock = await recordLoginSuccess(this.ds, keys);
    if (lock) throw lockedError(lock);
  }
}

function lockedError(lock: ActiveLock): ApiError {
  const when = retryAt(lock.until, lock.retryAfterSeconds);
  return lock.scope === 'account'
    ? retryLater('LOGIN_LOCKED', `登录失败次数过多，该账号已暂时锁定，${when}`, lock.retryAfterSeconds)
    : retryLater('LOGIN_ADDRESS_LOCKED', `此网络地址登录失败次数过多，已暂时限制登录，${when}`, lock.retryAfterSeconds);
}
