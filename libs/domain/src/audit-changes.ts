import { chinaDate } from './calendar';
import { AUDIT_FIELD_CODES, AUDIT_FIELD_LABELS, type AuditFieldCodes, type CodeLabels, auditFieldLabel } from './audit-fields';

// An audit record's before and after as the audit screen reads them: the fields that changed, labelled in Chinese,
// their codes, dates and ids shown as names. The tables it reads by are audit-fields.ts's.

/** One field of a record as the audit screen shows it. */
export interface AuditChange {
  field: string;
  /** The field in Chinese; a key without a label reads `其他（key）`. */
  label: string;
  /** The value before and after as Chinese display text; null where the field was absent or null. */
  before: string | null;
  after: string | null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** "2025年3月2日" for a date, "2025年3月2日 16:05" (Beijing time) for an instant: as the web application shows them. */
function displayDate(text: string): string | undefined {
  const instant = ISO_INSTANT.test(text) ? Date.parse(text) : NaN;
  const date = Number.isNaN(instant) ? ISO_DATE.exec(text) : ISO_DATE.exec(chinaDate(text));
  if (!date) return undefined;
  const day = `${date[1]}年${Number(date[2])}月${Number(date[3])}日`;
  return Number.isNaN(instant) ? day : `${day} ${new Date(instant + CHINA_OFFSET_MS).toISOString().slice(11, 16)}`;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** How a record's values read: the codes of each field, and the names of the things its ids refer to. */
interface Reading {
  codesOf: (field: string) => CodeLabels | undefined;
  names: ReadonlyMap<string, string>;
}

function scalar(v: unknown, codes: CodeLabels | undefined, names: ReadonlyMap<string, string>): string {
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v !== 'string') return v === null ? '—' : String(v);
  if (codes && Object.hasOwn(codes, v)) return codes[v];
  return names.get(v) ?? displayDate(v) ?? v;
}

/** An object of labelled scalars as "年度：2025，等次：先进"; undefined when any key is unknown or any value nested. */
function flatObject(o: Record<string, unknown>, r: Reading): string | undefined {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined);
  if (!entries.every(([k, v]) => Object.hasOwn(AUDIT_FIELD_LABELS, k) && isScalar(v))) return undefined;
  return entries.map(([k, v]) => `${AUDIT_FIELD_LABELS[k]}：${scalar(v, r.codesOf(k), r.names)}`).join('，');
}

function display(field: string, v: unknown, r: Reading): string | null {
  if (v === null || v === undefined) return null;
  if (isScalar(v)) return scalar(v, r.codesOf(field), r.names);
  if (Array.isArray(v)) {
    if (v.every(isScalar)) return v.map((x) => scalar(x, r.codesOf(field), r.names)).join('、');
    if (v.every(isPlainObject)) {
      const rows = v.map((o) => flatObject(o, r));
      if (rows.every((row) => row !== undefined)) return rows.join('；');
    }
  } else if (isPlainObject(v)) {
    const flat = flatObject(v, r);
    if (flat !== undefined && flat !== '') return flat;
  }
  // Nested deeper than a list of flat records: no flat reading does it justice, so this field alone stays JSON.
  return JSON.stringify(v);
}

/** The code table for `field` in a record of `action`: the longest matching action prefix that has one. */
function codesFor(action: string, tables: readonly AuditFieldCodes[]): (field: string) => CodeLabels | undefined {
  const segments = action.split('.');
  const prefixes = segments.map((_, i) => segments.slice(0, segments.length - i).join('.')).concat('');
  return (field) => {
    for (const prefix of prefixes) {
      for (const t of tables) {
        const codes = t[prefix]?.[field];
        if (codes) return codes;
      }
    }
    return undefined;
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The ids a record's before and after hold where auditChanges reads values (a
 * field, a list's items, a flat record's fields), for the caller to look up
 * the names of the organisations, people and tasks they refer to.
 */
export function auditReferencedIds(record: { before: unknown; after: unknown }): string[] {
  const ids = new Set<string>();
  const take = (v: unknown) => typeof v === 'string' && UUID.test(v) && ids.add(v);
  for (const side of [record.before, record.after]) {
    for (const v of isPlainObject(side) ? Object.values(side) : [side]) {
      for (const item of Array.isArray(v) ? v : [v]) {
        if (isPlainObject(item)) Object.values(item).forEach(take);
        else take(item);
      }
    }
  }
  return [...ids];
}

/**
 * A record's before and after as the fields that changed, in Chinese. A record
 * with one side only (a creation, a deletion, an event) shows every field of
 * that side; otherwise fields equal on both sides are left out. `codes` adds
 * code tables (the processes') to the engine's, and wins over them; `names`
 * reads an id as the name of what it refers to (see auditReferencedIds).
 */
export function auditChanges(
  record: { action: string; before: unknown; after: unknown },
  codes: AuditFieldCodes = {},
  names: ReadonlyMap<string, string> = new Map(),
): AuditChange[] {
  const reading: Reading = { codesOf: codesFor(record.action, [codes, AUDIT_FIELD_CODES]), names };
  // A side that is not an object (never written so far, but the column takes any JSON) is one field of its own.
  const fields = (v: unknown): Record<string, unknown> | undefined => (v === null || v === undefined ? undefined : isPlainObject(v) ? v : { value: v });
  const before = fields(record.before);
  const after = fields(record.after);
  const oneSided = !before || !after;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .filter((k) => oneSided || JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((field) => ({ field, label: auditFieldLabel(field), before: display(field, before?.[field], reading), after: display(field, after?.[field], reading) }));
}
