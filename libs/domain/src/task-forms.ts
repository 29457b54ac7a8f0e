import { z } from 'zod';
import { attachmentIdsIn } from './form-attachments';

/**
 * What a task asks for besides a decision and an opinion: an evaluation vote's
 * scores, a differential pick, evidence, a plan's rows. A form is its kind and
 * the kind's parameters (the candidates, the years, the rubric); it travels in
 * the task's input, so the rules that check an answer are the rules the task
 * was opened with.
 */
export interface TaskForm {
  kind: string;
  [parameter: string]: unknown;
}

export interface FormRefusal {
  type: 'INVALID_FORM_DATA' | 'SELECTION_RULE_VIOLATED' | 'A_GRADE_CAP';
  message: string;
}

/**
 * One kind of form. The engine's generic kinds live in engine-forms.ts; each
 * process declares its own (libs/processes/src/<process>/forms.ts), and the
 * forms index (libs/processes/src/forms.ts) puts them all in one registry.
 */
export interface FormKind<F extends TaskForm = TaskForm, D = unknown> {
  kind: F['kind'];
  /** The form as its users call it. */
  label: string;
  /** The answer's shape under this form's parameters, with Chinese messages; its JSON Schema is what a client renders. */
  schema(form: F): z.ZodType<D>;
  /** Rules the shape cannot state (a pick under the selection rules, rows per year); null when the answer keeps them. */
  rules?(form: F, data: D): FormRefusal | null;
}

/** Declares a form kind with its own parameter and answer types; the registry holds it as a plain FormKind. */
export const formKind = <F extends TaskForm, D>(k: FormKind<F, D>): FormKind => k as unknown as FormKind;

export const invalidForm = (message: string): FormRefusal => ({ type: 'INVALID_FORM_DATA', message });

const MAX_ISSUES = 5;
const zhCN = z.locales.zhCN();

/** `rows[1].measures` for the issue's path, so a message says where. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** How many forms' schemas a registry keeps built: the forms of a day's open work, without growing for ever. */
const SCHEMAS_KEPT = 1000;

/**
 * Every registered form kind, looked up by the form a task carries. A form's
 * schema is built once and kept (building a zod schema, and its JSON Schema,
 * cost more than checking an answer against it; thousands of tasks share a
 * handful of forms); a form is plain JSON, so its text is its key.
 */
export class FormRegistry {
  private readonly byKind: ReadonlyMap<string, FormKind>;
  private readonly built = new Map<string, { schema: z.ZodType; json?: Record<string, unknown> }>();

  constructor(kinds: readonly FormKind[]) {
    const byKind = new Map<string, FormKind>();
    for (const k of kinds) {
      if (byKind.has(k.kind)) throw new Error(`form kind ${k.kind} registered twice`);
      byKind.set(k.kind, k);
    }
    this.byKind = byKind;
  }

  get kinds(): readonly FormKind[] {
    return [...this.byKind.values()];
  }

  get(kind: string): FormKind | undefined {
    return this.byKind.get(kind);
  }

  /** The answer's schema for this form, or undefined for a kind nobody registered. */
  schema(form: TaskForm): z.ZodType | undefined {
    return this.entry(form)?.schema;
  }

  /** The answer's JSON Schema (its input side) for this form: what a client renders and where attachments are named. */
  jsonSchema(form: TaskForm): Record<string, unknown> | undefined {
    const e = this.entry(form);
    if (!e) return undefined;
    e.json ??= z.toJSONSchema(e.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    return e.json;
  }

  private entry(form: TaskForm): { schema: z.ZodType; json?: Record<string, unknown> } | undefined {
    const kind = this.byKind.get(form.kind);
    if (!kind) return undefined;
    const key = JSON.stringify(form);
    let e = this.built.get(key);
    if (!e) {
      if (this.built.size >= SCHEMAS_KEPT) this.built.clear();
      e = { schema: kind.schema(form) };
      this.built.set(key, e);
    }
    return e;
  }

  /** The answer as its schema reads it (defaults filled in), or why it does not answer the form: the shape first, then the kind's own rules. */
  check(form: TaskForm, data: unknown): { data: unknown; refusal: null } | { data?: undefined; refusal: FormRefusal } {
    const kind = this.byKind.get(form.kind);
    if (!kind) return { refusal: invalidForm(`无法识别的表单类型：${form.kind}`) };
    if (data === undefined || data === null) return { refusal: invalidForm(`请填写“${kind.label}”`) };
    const parsed = this.schema(form)!.safeParse(data, { error: zhCN.localeError });
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((i) => (i.path.length ? `${pathText(i.path)}：${i.message}` : i.message));
      return { refusal: invalidForm(`“${kind.label}”填写有误：${[...new Set(issues)].join('；')}`) };
    }
    const refusal = kind.rules?.(form, parsed.data) ?? null;
    return refusal ? { refusal } : { data: parsed.data, refusal: null };
  }

  /** The attachment ids the answer names in fields its schema marks (form-attachments.ts); none for a kind nobody registered. */
  attachmentIds(form: TaskForm, data: unknown): string[] {
    const json = this.jsonSchema(form);
    return json ? attachmentIdsIn(json, data) : [];
  }

  /** Why the data does not answer the form, or null. */
  refuse(form: TaskForm, data: unknown): FormRefusal | null {
    return this.check(form, data).refusal;
  }
}
