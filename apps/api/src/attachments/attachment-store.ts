import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where attachment bytes live: in the row itself, or in a directory under
 * their SHA-256. A file is written (to a temporary name, then renamed) before
 * its row commits; if the row then fails, what remains is a file with the
 * same name and content a retry would write — harmless.
 */
export class AttachmentStore {
  constructor(private readonly dir: string | undefined) {}

  get storage(): 'database' | 'directory' {
    return this.dir ? 'directory' : 'database';
  }

  static sha256(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  /** Stores the bytes outside the database when configured; returns what the row keeps. */
  async put(bytes: Buffer): Promise<{ sha256: string; data: Buffer | null }> {
    const sha256 = AttachmentStore.sha256(bytes);
    if (!this.dir) return { sha256, data: bytes };
    await mkdir(this.dir, { recursive: true });
    const tmp = path.join(this.dir, `.${sha256}.${randomUUID()}.tmp`);
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, path.join(this.dir, sha256));
    return { sha256, data: null };
  }

  async get(row: { storage: string; data: Buffer | null; sha256: string }): Promise<Buffer> {
    if (row.storage === 'database') return row.data!;
    if (!this.dir) throw new Error('ATTACHMENT_DIR is not configured, but an attachment is stored in a directory');
    return readFile(path.join(this.dir, row.sha256));
  }
}
