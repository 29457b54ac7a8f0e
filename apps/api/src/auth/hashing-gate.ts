import { Semaphore, type SemaphoreInterface, withTimeout } from 'async-mutex';

/**
 * Password hashing costs CPU on this process, so it is rationed here: at most
 * `concurrency` hashes at once, a bounded queue with a bounded wait, and a few
 * at a time per client address. Attempts from accounts or addresses that
 * failed recently queue behind everyone else, so a flood of wrong passwords
 * cannot keep real users waiting.
 */
export interface HashingGateOptions {
  /** Hashes running at once. */
  concurrency: number;
  /**
   * Attempts of each priority waiting for a turn; beyond it they are refused
   * at once. Counted apart, so suspects never take a real user's place.
   */
  maxQueue: number;
  /** Longest wait for a turn. */
  maxWaitMs: number;
  /** Attempts from one address running or waiting at once. */
  perAddress: number;
}

export type GateRefusalReason = 'address_busy' | 'queue_full' | 'wait_exceeded';

export class GateRefused extends Error {
  override name = 'GateRefused';
  constructor(readonly reason: GateRefusalReason) {
    super(`password hashing refused: ${reason}`);
  }
}

export type Priority = 'normal' | 'suspect';
const PRIORITY: Record<Priority, number> = { normal: 1, suspect: 0 };

export class HashingGate {
  private readonly semaphore: SemaphoreInterface;
  private readonly waiting: Record<Priority, number> = { normal: 0, suspect: 0 };
  private readonly byAddress = new Map<string, number>();

  constructor(private readonly options: HashingGateOptions) {
    this.semaphore = withTimeout(new Semaphore(options.concurrency), options.maxWaitMs, new GateRefused('wait_exceeded'));
  }

  /** Runs `work` when a turn comes, or throws GateRefused without running it. */
  async run<T>(address: string, priority: Priority, work: () => Promise<T>): Promise<T> {
    const fromAddress = this.byAddress.get(address) ?? 0;
    if (fromAddress >= this.options.perAddress) throw new GateRefused('address_busy');
    const mustWait = this.semaphore.isLocked();
    if (mustWait && this.waiting[priority] >= this.options.maxQueue) throw new GateRefused('queue_full');

    this.byAddress.set(address, fromAddress + 1);
    if (mustWait) this.waiting[priority]++;
    try {
      const [, release] = await this.semaphore.acquire(1, PRIORITY[priority]).finally(() => {
        if (mustWait) this.waiting[priority]--;
      });
      try {
        return await work();
      } finally {
        release();
      }
    } finally {
      const left = (this.byAddress.get(address) ?? 1) - 1;
      if (left > 0) this.byAddress.set(address, left);
      else this.byAddress.delete(address);
    }
  }
}
