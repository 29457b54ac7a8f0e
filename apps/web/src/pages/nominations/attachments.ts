import { useQuery } from '@tanstack/react-query';
import { api, idempotencyKey, unwrap } from '../../api/client';
import type { AttachmentRules } from './types';

export function useAttachmentRules() {
  return useQuery({ queryKey: ['nominations', 'attachment-rules'], queryFn: () => unwrap(api.GET('/nominations/attachment-rules')), staleTime: Infinity });
}

/** "1.5 MB", "820 KB" */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The kind's label a file's name gives (PDF, Word 文档…), or undefined when the server would refuse it. */
export function kindOf(rules: AttachmentRules, name: string) {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return rules.kinds.find((k) => k.extensions.includes(ext));
}

/** Why the server would refuse this file, checked before sending it; null when it may go. */
export function refusalOf(rules: AttachmentRules, file: { name: string; size: number }, count: number): string | null {
  if (!kindOf(rules, file.name)) return `不支持的附件类型，仅可上传：${rules.kinds.map((k) => k.label).join('、')}`;
  if (file.size === 0) return '文件是空的';
  if (file.size > rules.maxBytes) return `附件不能超过${formatSize(rules.maxBytes)}（此文件 ${formatSize(file.size)}）`;
  if (count >= rules.maxCount) return `每份申报最多${rules.maxCount}个附件`;
  return null;
}

/** Sends one file to a nomination (multipart, field `file`). */
export function uploadAttachment(nominationId: string, file: File) {
  const body = new FormData();
  body.append('file', file, file.name);
  return unwrap(
    api.POST('/nominations/{id}/attachments', {
      params: { path: { id: nominationId }, header: { 'Idempotency-Key': idempotencyKey() } },
      // openapi-fetch sends FormData as it is, with the browser's multipart boundary.
      body: body as unknown as { file: string },
      bodySerializer: (b) => b as unknown as FormData,
    }),
  );
}
