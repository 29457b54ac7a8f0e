import { z } from 'zod';

/**
 * Files a form's answer points at: a task's form may hold a list of
 * attachment ids (pictures, scans) uploaded to that task beforehand
 * (POST /tasks/{id}/attachments). The field is marked in its JSON Schema, so
 * one mechanism serves every process: a client draws an upload widget for any
 * marked field, and the API checks, before a decision is sent, that every id
 * in any marked field is an attachment of the task being decided.
 */

/** The JSON Schema keyword marking a list of attachment ids. */
export const ATTACHMENT_IDS_MARK = 'x-attachments';

/** How many files one task may carry (and one field name). */
export const MAX_ATTACHMENTS_PER_TASK = 20;

/** A form field holding the ids of attachments uploaded to the task, each at most once. */
export const attachmentIds = (label: string) =>
  z
    .array(z.uuid({ error: `${label}须为附件编号` }), { error: `${label}须为附件编号的列表` })
    .max(MAX_ATTACHMENTS_PER_TASK, `${label}最多${MAX_ATTACHMENTS_PER_TASK}个`)
    .refine((ids) => new Set(ids).size === ids.length, `${label}中有重复的附件`)
    .meta({ [ATTACHMENT_IDS_MARK]: true, title: label, description: `${label}：先上传到本任务（POST /tasks/{id}/attachments），再填入返回的附件编号` });

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every attachment id `data` holds in a field its JSON Schema marks, in order of appearance, each once. */
export function attachmentIdsIn(schema: unknown, data: unknown): string[] {
  const found = new Set<string>();
  const root = isNode(schema) ? schema : {};
  const resolve = (s: Node): Node => {
    const ref = s.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return s;
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((n, key) => (isNode(n) ? n[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), root);
    return isNode(target) ? target : s;
  };
  const walk = (node: unknown, value: unknown, depth: number): void => {
    if (!isNode(node) || value === undefined || value === null || depth > 32) return;
    const s = resolve(node);
    if (s[ATTACHMENT_IDS_MARK] === true) {
      if (Array.isArray(value)) for (const id of value) if (typeof id === 'string') found.add(id);
      return;
    }
    if (isNode(value)) {
      const props = isNode(s.properties) ? s.properties : {};
      for (const [key, sub] of Object.entries(props)) walk(sub, value[key], depth + 1);
      if (isNode(s.additionalProperties)) for (const [key, v] of Object.entries(value)) if (!(key in props)) walk(s.additionalProperties, v, depth + 1);
    }
    if (Array.isArray(value)) {
      const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
      value.forEach((v, i) => walk(i < prefix.length ? prefix[i] : s.items, v, depth + 1));
    }
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const subs = s[key];
      if (Array.isArray(subs)) for (const sub of subs) walk(sub, value, depth + 1);
    }
  };
  walk(root, data, 0);
  return [...found];
}
