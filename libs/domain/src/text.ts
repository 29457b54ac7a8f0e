/**
 * Text that PostgreSQL cannot store, or that no form field means: NUL (text
 * and jsonb refuse it), a lone UTF-16 surrogate (not encodable as UTF-8; jsonb
 * refuses it), and the other C0/C1 control characters except tab, line feed
 * and carriage return, which multi-line fields legitimately carry.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

export type UnstorableReason = 'control_character' | 'lone_surrogate';

export function unstorableReason(text: string): UnstorableReason | null {
  if (!text.isWellFormed()) return 'lone_surrogate';
  if (CONTROL.test(text)) return 'control_character';
  return null;
}

export interface UnstorableText {
  /** Where in the value: property names and indices. */
  path: Array<string | number>;
  reason: UnstorableReason;
}

/** Stands in a path for a property name that is itself unstorable. */
export const PROPERTY_NAME = '<属性名>';

/** Every string in a parsed request (values and property names alike) that cannot be stored. */
export function findUnstorableText(value: unknown, path: Array<string | number> = [], found: UnstorableText[] = []): UnstorableText[] {
  if (typeof value === 'string') {
    const reason = unstorableReason(value);
    if (reason) found.push({ path, reason });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findUnstorableText(v, [...path, i], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const reason = unstorableReason(k);
      // The name itself is not echoed back: the refusal points at its parent.
      if (reason) found.push({ path: [...path, PROPERTY_NAME], reason });
      findUnstorableText(v, [...path, reason ? PROPERTY_NAME : k], found);
    }
  }
  return found;
}

export const UNSTORABLE_TEXT_LABELS: Record<UnstorableReason, string> = {
  control_character: '含有不可见的控制字符（如 NUL），请删除后重新填写',
  lone_surrogate: '含有无效的 Unicode 字符（不成对的代理项），请删除后重新填写',
};
