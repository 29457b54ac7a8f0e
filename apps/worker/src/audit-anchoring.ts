import type { DataSource } from 'typeorm';
import type { Logger } from '../../../libs/config/src';
import { type AuditHead, type AuditSigningKey, appendAnchor, auditHashAt, auditHead, signAnchor } from '../../../libs/persistence/src';

export interface AuditAnchoringOptions {
  dataSource: DataSource;
  file: string;
  key: AuditSigningKey;
  intervalMs: number;
  logger: Logger;
}

/**
 * The worker anchors the audit chain's head: once at start (a file it cannot
 * write stops the worker at once), every interval while the head moves, and
 * once more at stop. Before each anchor it checks that the head it anchored
 * last is still there unchanged, so tampering shows in the log within one
 * interval, not only when someone runs `audit:verify`.
 */
export class AuditAnchoring {
  private timer?: NodeJS.Timeout;
  private last?: AuditHead;
  /** Ticks run one after another, never overlapping a slow one. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly o: AuditAnchoringOptions) {}

  async start(): Promise<void> {
    await this.anchor();
    this.timer = setInterval(() => this.enqueue(), this.o.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.enqueue();
    await this.chain;
  }

  private enqueue(): void {
    this.chain = this.chain.then(() => this.anchor().catch((err: unknown) => this.o.logger.error({ err }, 'audit anchoring failed')));
  }

  private async anchor(): Promise<void> {
    const { dataSource: ds, logger } = this.o;
    const last = this.last;
    if (last && last.seq !== '0') {
      const hash = await auditHashAt(ds, last.seq);
      if (hash !== last.hash) logger.error({ seq: last.seq, anchoredHash: last.hash, hash }, 'audit trail tampered with: an anchored row is gone or changed');
    }
    const head = await auditHead(ds);
    if (last && head.seq === last.seq && head.hash === last.hash) return;
    await appendAnchor(this.o.file, signAnchor(head, new Date(), this.o.key));
    this.last = head;
    logger.debug({ seq: head.seq }, 'audit chain head anchored');
  }
}
