import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** The bytes of a stored attachment are gone from ATTACHMENT_DIR (removed or moved by hand). */
export class AttachmentBytesMissing extends Error {
  override name = 'AttachmentBytesMissing';
}

/**
 * Where attachment bytes live: in the row itself (the default), or in
 * ATTACHMENT_DIR under their SHA-256.
 *
 * In directory mode the file is written completely under a temporary name,
 * flushed to disk and only then renamed to its hash, so a reader never sees a
 * partial file; this happens before the row is inserted. If the insert then
 * fails (refused, or the process dies), what remains is at most a file whose
 * name is the hash of its own content, which no row names: harmless, and
 * exactly the file a retry of the same upload would write. Files are never
 * removed when an attachment is deleted, since another row may name the same
 * content.
 */
export class AttachmentStore {
  constructor(private readonly dir: string | undefined) {}

  get storage(): 'database' | 'directory' {
    return this.dir ? 'directory' : 'database';
  }

  static sha256(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  /** Stores the bytes outside the database when configured; returns what the row keeps. */
  async put(bytes: Buffer): Promise<{ sha256: string; data: Buffer | null }> {
    const sha256 = AttachmentStore.sha256(bytes);
    if (!this.dir) return { sha256, data: bytes };
    const target = path.join(this.dir, sha256);
    const existing = await stat(target).catch(() => null);
    if (existing?.isFile() && existing.size === bytes.length) return { sha256, data: null };
    await mkdir(this.dir, { recursive: true });
    const tmp = path.join(this.dir, `.${sha256}.${randomUUID()}.tmp`);
    try {
      const handle = await open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return { sha256, data: null };
  }

  async get(row: { storage: string; data: Buffer | null; sha256: string }): Promise<Buffer> {
    if (row.storage === 'database') return row.data!;
    if (!this.dir) throw new AttachmentBytesMissing('ATTACHMENT_DIR is not configured, but an attachment is stored in a directory');
    try {
      return await readFile(path.join(this.dir, row.sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AttachmentBytesMissing(`attachment file ${row.sha256} is missing from ${this.dir}`);
      throw err;
    }
  }
}
