import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ATTACHMENT_KINDS, type AttachmentKind } from '../../../../libs/domain/src';
import { EXAMPLE, id } from '../openapi/schemas';

/** A task's attachment as a read side links it: what it is, and where whoever may read the task downloads it. */
export const attachmentLinkSchema = z.strictObject({
  id,
  filename: z.string(),
  kind: z.enum(Object.keys(ATTACHMENT_KINDS) as [AttachmentKind, ...AttachmentKind[]]),
  contentType: z.string(),
  sizeBytes: z.int().min(1),
  taskId: id.describe('所属任务'),
  downloadPath: z.string().describe('下载地址：GET /tasks/{taskId}/attachments/{id}（可查看该任务的人员）'),
});
export type AttachmentLink = z.infer<typeof attachmentLinkSchema>;

export const attachmentLinkExample: AttachmentLink = {
  id: EXAMPLE.attachmentId,
  filename: '支部活动照片.png',
  kind: 'png',
  contentType: 'image/png',
  sizeBytes: 48213,
  taskId: EXAMPLE.taskId,
  downloadPath: `/tasks/${EXAMPLE.taskId}/attachments/${EXAMPLE.attachmentId}`,
};

/**
 * The live attachments among `ids` that belong to tasks of the organisation
 * `organisationId`, by id. A record keeps the ids its form named; only files
 * of that organisation's own tasks are linked, so a reader of the record can
 * also read (and download from) the task each file belongs to.
 */
export async function attachmentLinks(ds: DataSource, ids: readonly string[], organisationId: string): Promise<Map<string, AttachmentLink>> {
  const wanted = [...new Set(ids)].filter((x) => /^[0-9a-f-]{36}$/i.test(x));
  if (!wanted.length) return new Map();
  const rows: Array<Omit<AttachmentLink, 'downloadPath' | 'sizeBytes'> & { sizeBytes: number | string }> = await ds.query(
    `SELECT a.id, a.filename, a.kind, a.content_type AS "contentType", a.size_bytes AS "sizeBytes", a.task_id AS "taskId"
       FROM attachments a JOIN tasks t ON t.id = a.task_id
      WHERE a.id = ANY($1::uuid[]) AND a.deleted_at IS NULL AND t.organisation_id = $2`,
    [wanted, organisationId],
  );
  return new Map(rows.map((r) => [r.id, { ...r, sizeBytes: Number(r.sizeBytes), downloadPath: `/tasks/${r.taskId}/attachments/${r.id}` }]));
}

/** The links for `ids` in their order, leaving out any not linked. */
export const linksOf = (links: ReadonlyMap<string, AttachmentLink>, ids: readonly string[] | null | undefined): AttachmentLink[] =>
  (ids ?? []).flatMap((x) => (links.has(x.toLowerCase()) ? [links.get(x.toLowerCase())!] : []));
