import type { DataSource } from 'typeorm';
import type { AttachmentKind } from '../../../../libs/domain/src';

export interface AttachmentSummary {
  id: string;
  filename: string;
  kind: AttachmentKind;
  contentType: string;
  sizeBytes: number;
  createdAt: Date;
}

/** The listing of a nomination's attachments, also shown in its detail. */
export async function listAttachments(ds: DataSource, nominationId: string): Promise<AttachmentSummary[]> {
  const rows: Array<AttachmentSummary & { sizeBytes: number | string }> = await ds.query(
    `SELECT id, filename, kind, content_type AS "contentType", size_bytes AS "sizeBytes", created_at AS "createdAt"
       FROM attachments WHERE nomination_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
    [nominationId],
  );
  return rows.map((r) => ({ ...r, sizeBytes: Number(r.sizeBytes) }));
}
