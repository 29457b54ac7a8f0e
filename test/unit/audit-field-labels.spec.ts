import ts from 'typescript';
import type { ZiboBranchRecord } from '../../activities/zibo/zibo.activities';
import type { AttachmentOwner } from '../../apps/api/src/attachments/attachment-owner';
import type { Stored } from '../../apps/api/src/ledger/ledger-entry';
import type { TaskSpec } from '../../libs/contracts/src';
import { AUDIT_FIELD_LABELS, AUDIT_SUBJECT_LABELS, auditChanges, auditFieldLabel, auditReferencedIds, auditSubjectLabel } from '../../libs/domain/src';
import { PROCESSES } from '../../libs/processes/src';
import type { BrandData, DeclarationData, RectificationData } from '../../libs/processes/src/wujin/forms';
import { appendAuditCalls, callersOf, parameterOf, property, where } from '../support/audit-source';

/**
 * Every key an appendAudit call writes into `before` or `after` has a Chinese
 * label. The keys are found in the source: object literals (with their spreads
 * and choices), local constants, and a helper's `before`/`after` passed in by
 * its callers. Any other expression is listed below with its type's keys,
 * checked by the compiler; an expression not listed fails.
 */

/** Every key of every member of the union T, checked by the compiler: a key added to T but not listed fails typecheck. */
type AllKeys<T> = T extends unknown ? keyof T & string : never;
const keys =
  <T>() =>
  <const L extends readonly AllKeys<T>[]>(values: L & ([Exclude<AllKeys<T>, L[number]>] extends [never] ? unknown : { missing: Exclude<AllKeys<T>, L[number]> })): readonly string[] =>
    values;

/** What the source writes that is not a literal, by the function that writes it and the expression. */
const SHAPES: Record<string, readonly string[]> = {
  'update: stored(before)': keys<Stored>()(['grade', 'goals', 'problems', 'measures', 'evaluation', 'contact', 'contactTitle', 'phone']),
  'recordZiboBranch: r': keys<ZiboBranchRecord>()([
    'what',
    'status',
    'plan',
    'opinion',
    'standard',
    'scores',
    'gaps',
    'report',
    'bureauRating',
    'membersRating',
    'membersParticipants',
  ]),
  'recordWujinDeclaration: a.data': keys<DeclarationData>()(['onSiteItems', 'note']),
  'submitWujinRectification: a.data': keys<RectificationData>()(['measures', 'evidence']),
  'fileWujinBrand: a.data': keys<BrandData>()(['name', 'description', 'evidence', 'evidenceAttachments']),
};

interface Found {
  keys: Array<{ key: string; at: string }>;
  shapes: string[];
  unresolved: Array<{ text: string; at: string }>;
}

const enclosingName = (n: ts.Node): string => {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if ((ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p)) && p.name) return p.name.getText();
  }
  return '';
};

/** The initializer of a constant declared in a block around `n` (the innermost). */
function localConstant(n: ts.Identifier): ts.Expression | undefined {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if (!ts.isBlock(p) && !ts.isSourceFile(p)) continue;
    for (const s of p.statements) {
      if (!ts.isVariableStatement(s)) continue;
      const d = s.declarationList.declarations.find((x) => ts.isIdentifier(x.name) && x.name.text === n.text);
      if (d?.initializer) return d.initializer;
    }
  }
  return undefined;
}

/** The keys the object expression `e` (a before or an after) can have. */
function keysOf(e: ts.Expression, found: Found, at: ts.Node): void {
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return keysOf(e.expression, found, at);
  if (e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined')) return;
  if (ts.isConditionalExpression(e)) return (keysOf(e.whenTrue, found, at), keysOf(e.whenFalse, found, at));
  const shape = `${enclosingName(at)}: ${e.getText()}`;
  if (shape in SHAPES) return void (found.shapes.push(shape), found.keys.push(...SHAPES[shape]!.map((key) => ({ key, at: where(e) }))));
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) return (keysOf(e.left, found, at), keysOf(e.right, found, at));
  if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      if (ts.isSpreadAssignment(p)) keysOf(p.expression, found, at);
      else if (p.name) found.keys.push({ key: p.name.getText(), at: where(p) });
    }
    return;
  }
  if (ts.isIdentifier(e)) {
    const initializer = localConstant(e);
    if (initializer) return keysOf(initializer, found, at);
  }
  found.unresolved.push({ text: shape, at: where(e) });
}

function scan(): Found {
  const found: Found = { keys: [], shapes: [], unresolved: [] };
  for (const c of appendAuditCalls()) {
    const entry = c.arguments[1];
    if (!entry || !ts.isObjectLiteralExpression(entry)) {
      found.unresolved.push({ text: c.getText().slice(0, 80), at: where(c) });
      continue;
    }
    for (const side of ['before', 'after']) {
      const value = property(entry, side);
      if (value) keysOf(value, found, c);
    }
    for (const p of entry.properties) {
      // A helper's `...change`: the before and after its callers pass (the actor spreads carry neither).
      if (!ts.isSpreadAssignment(p) || !ts.isIdentifier(p.expression)) continue;
      const param = parameterOf(p, p.expression.text);
      if (!param) continue;
      for (const caller of callersOf(param.fn)) {
        for (const side of ['before', 'after']) {
          const value = property(caller.arguments[param.index], side);
          if (value) keysOf(value, found, caller);
        }
      }
    }
  }
  return found;
}

describe('audit field labels', () => {
  const found = scan();

  it('finds the keys the system writes: literals, spreads, constants, the helpers’ callers and the listed shapes', () => {
    expect(found.unresolved).toEqual([]);
    const written = new Set(found.keys.map((k) => k.key));
    expect(written.size).toBeGreaterThanOrEqual(100);
    // One of each way a key reaches the trail.
    for (const key of ['grade', 'contactTitle', 'sha256', 'filename', 'data', 'onSiteItems', 'membersRating', 'vetoItems', 'postponedTo']) expect(written).toContain(key);
    // A shape listed here but no longer written would hide a stale enumeration.
    expect(Object.keys(SHAPES).filter((s) => !found.shapes.includes(s))).toEqual([]);
  });

  it('labels every key written in Chinese, not with the fallback', () => {
    expect(found.keys.filter((k) => auditFieldLabel(k.key).startsWith('其他（'))).toEqual([]);
    for (const k of found.keys) expect(auditFieldLabel(k.key)).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('names each field once: no two keys share a label', () => {
    const byLabel = new Map<string, string[]>();
    for (const [key, label] of Object.entries(AUDIT_FIELD_LABELS)) byLabel.set(label, [...(byLabel.get(label) ?? []), key]);
    // A nomination's candidate and a notice's candidates, an answer and the answers, are the same thing to a reader.
    const shared = [...byLabel.entries()].filter(([, ks]) => ks.length > 1).map(([label, ks]) => `${label}: ${ks.join(',')}`);
    expect(shared).toEqual(['党支部: ids,branchId', '候选党支部: candidates,candidateId', '答复: answers,answer']);
  });
});

/** Every value of the union T, checked by the compiler: a value added to T but not listed fails typecheck. */
const values =
  <T extends string>() =>
  <const L extends readonly T[]>(v: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): readonly T[] =>
    v;

/** The subject kinds written through a property of something passed in, with what that property can be. */
const SUBJECT_SHAPES: Record<string, readonly string[]> = {
  'owner.subjectType': values<AttachmentOwner['subjectType']>()(['nomination', 'task']),
  'task.subjectType': values<TaskSpec['subjectType']>()(['nomination']),
};

describe('audit subject labels', () => {
  const written = appendAuditCalls().map((c) => ({ e: property(c.arguments[1], 'subjectType'), at: where(c) }));

  it('finds the kind of subject of every appendAudit call, literal or listed', () => {
    expect(written.filter((w) => !w.e || (!ts.isStringLiteral(w.e) && !(w.e.getText() in SUBJECT_SHAPES))).map((w) => `${w.at}: ${w.e?.getText()}`)).toEqual([]);
    expect(written.length).toBeGreaterThanOrEqual(60);
  });

  it('names every kind written in Chinese, each kind by its own name', () => {
    const kinds = new Set(written.flatMap((w) => (ts.isStringLiteral(w.e!) ? [w.e.text] : SUBJECT_SHAPES[w.e!.getText()]!)));
    // And the migration's row that began signing (libs/persistence/src/migrations/1764610000000-…).
    kinds.add('audit_log');
    expect([...kinds].filter((k) => auditSubjectLabel(k).startsWith('其他（'))).toEqual([]);
    // A label no call writes any more is a stale entry.
    expect(Object.keys(AUDIT_SUBJECT_LABELS).filter((k) => !kinds.has(k))).toEqual([]);
    expect(new Set(Object.values(AUDIT_SUBJECT_LABELS)).size).toBe(Object.keys(AUDIT_SUBJECT_LABELS).length);
    expect(auditSubjectLabel('toString')).toBe('其他（toString）');
  });
});

describe('audit changes', () => {
  const codes = Object.assign({}, ...PROCESSES.map((p) => p.auditCodes ?? {}));

  it('maps codes through the label tables, by the action that wrote them', () => {
    expect(auditChanges({ action: 'ledger.entry.updated', before: { grade: 'average', phone: '1' }, after: { grade: 'advanced', phone: '1' } })).toEqual([
      { field: 'grade', label: '等次', before: '中间', after: '先进' },
    ]);
    expect(auditChanges({ action: 'nomination.review.approve', before: { status: 'under_review', taskId: 't1' }, after: { status: 'approved' } }, codes)).toEqual([
      { field: 'status', label: '状态', before: '审核中', after: '基层党委已同意推荐' },
      { field: 'taskId', label: '待办', before: 't1', after: null },
    ]);
    // The same key holds another process's codes: the longest action prefix with a table wins.
    expect(auditChanges({ action: 'hefei.grading.graded', before: null, after: { grade: 'A' } }, codes)[0]!.after).toBe('A级（先进）');
    expect(auditChanges({ action: 'wujin.re_election_delay.approved', before: { status: 'pending' }, after: { status: 'approved' } }, codes)[0]).toMatchObject({ before: '待党(工)委审批', after: '已批准延期' });
    expect(auditChanges({ action: 'zibo.hard_branch.withdrawn', before: { status: 'conferred' }, after: { status: 'withdrawn' } }, codes)[0]).toMatchObject({ before: '已授予过硬党支部称号', after: '撤销称号' });
    // A code no table has shows as written.
    expect(auditChanges({ action: 'task.opened', before: null, after: { kind: 'nomination_review' } })[0]!.after).toBe('nomination_review');
  });

  it('reads an id as the name of what it refers to, where the caller found one, and finds the ids it reads', () => {
    const branch = '0c8a7c1e-52a4-4d7e-9a43-6f1a4f0c2b11';
    const agency = '5b0e3f7d-1c2a-4b6e-8f9d-2a3b4c5d6e7f';
    const unknown = '9e8d7c6b-5a49-4838-a726-150493827160';
    const record = {
      action: 'consultation.requested',
      before: { taskId: unknown },
      after: { branchId: branch, ids: [branch, unknown], agencies: [{ id: agency, kind: 'court' }], note: 'x', nested: { deeper: { id: unknown } } },
    };
    expect(auditReferencedIds(record).sort()).toEqual([agency, branch, unknown].sort());
    const names = new Map([[branch, '朝阳街道第一党支部'], [agency, '市中级人民法院']]);
    const byField = Object.fromEntries(auditChanges(record, {}, names).map((c) => [c.field, c]));
    expect(byField.branchId!.after).toBe('朝阳街道第一党支部');
    expect(byField.ids!.after).toBe(`朝阳街道第一党支部、${unknown}`);
    expect(byField.agencies!.after).toBe('编号：市中级人民法院，类别：法院');
    // An id nobody named stays an id.
    expect(byField.taskId!.before).toBe(unknown);
  });

  it('shows booleans as 是/否, instants and dates as Beijing dates, lists joined with 、', () => {
    const [late, dueAt, dueDate, vetoes, empty] = auditChanges({
      action: 'obligation.recorded',
      before: null,
      after: { late: true, dueAt: '2025-03-01T16:30:00.000Z', dueDate: '2025-03-02', vetoes: ['甲', '乙'], note: '' },
    });
    expect(late).toMatchObject({ label: '是否逾期', after: '是' });
    expect(dueAt!.after).toBe('2025年3月2日 00:30');
    expect(dueDate!.after).toBe('2025年3月2日');
    expect(vetoes!.after).toBe('甲、乙');
    expect(empty).toEqual({ field: 'note', label: '说明', before: null, after: '' });
  });

  it('leaves out fields equal on both sides, shows absent ones as null', () => {
    const changes = auditChanges({ action: 'obligation.moved', before: { dueDate: '2025-05-01', late: false, goals: [{ year: 2025, grade: 'advanced' }] }, after: { dueDate: '2025-06-01', late: false, goals: [{ year: 2025, grade: 'advanced' }], hours: 4 } });
    expect(changes).toEqual([
      { field: 'dueDate', label: '完成期限', before: '2025年5月1日', after: '2025年6月1日' },
      { field: 'hours', label: '学时', before: null, after: '4' },
    ]);
    expect(auditChanges({ action: 'ledger.entry.updated', before: { grade: 'average' }, after: { grade: 'average' } })).toEqual([]);
  });

  it('shows every field of a record with one side: a creation, a deletion', () => {
    const created = auditChanges({ action: 'ledger.entry.created', before: null, after: { grade: 'average', phone: '', goals: [] } });
    expect(created.map((c) => [c.label, c.before, c.after])).toEqual([
      ['等次', null, '中间'],
      ['联系电话', null, ''],
      ['目标', null, ''],
    ]);
    const deleted = auditChanges({ action: 'attachment.deleted', before: { filename: '照片.jpg' }, after: undefined });
    expect(deleted).toEqual([{ field: 'filename', label: '文件名', before: '照片.jpg', after: null }]);
    expect(auditChanges({ action: 'campaign.start', before: null, after: null })).toEqual([]);
  });

  it('shows an unknown key as Chinese with the key, and no inherited property as a label', () => {
    expect(auditChanges({ action: 'something.new', before: null, after: { colour: 'red', constructor: 1 } })).toEqual([
      { field: 'colour', label: '其他（colour）', before: null, after: 'red' },
      { field: 'constructor', label: '其他（constructor）', before: null, after: '1' },
    ]);
  });

  it('reads a list of flat records with their labels, and falls back to compact JSON for that field only when nested deeper', () => {
    const [goals, params, form] = auditChanges({
      action: 'ledger.entry.updated',
      before: { goals: [], params: { year: 2025 }, form: { a: 1 } },
      after: { goals: [{ year: 2026, grade: 'advanced' }], params: { year: 2025, deadlines: { apply: '2025-05-01' } }, form: { a: 2 } },
    });
    expect(goals).toMatchObject({ label: '目标', before: '', after: '年度：2026，等次：先进' });
    expect(params).toMatchObject({ label: '活动参数', before: '年度：2025', after: '{"year":2025,"deadlines":{"apply":"2025-05-01"}}' });
    // An object with a key no label has is shown as written rather than half-translated.
    expect(form).toMatchObject({ before: '{"a":1}', after: '{"a":2}' });
  });

  it('treats a side that is not an object as one field', () => {
    expect(auditChanges({ action: 'x', before: null, after: ['a', 'b'] })).toEqual([{ field: 'value', label: '内容', before: null, after: 'a、b' }]);
  });
});
