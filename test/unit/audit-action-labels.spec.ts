import ts from 'typescript';
import type { CampaignActivities } from '../../activities/campaign.activities';
import type { HefeiActivities } from '../../activities/hefei/hefei.activities';
import type { NotifyArgs } from '../../activities/human-task.activities';
import type { NominationActivities } from '../../activities/nomination.activities';
import type { NoticeActivities } from '../../activities/notice.activities';
import type { WujinComplianceActivities } from '../../activities/wujin/wujin-compliance.activities';
import type { ZiboActivities, ZiboBranchRecord } from '../../activities/zibo/zibo.activities';
import type { CampaignControlAction } from '../../libs/contracts/src';
import { AUDIT_ACTION_LABELS, CANDIDATE_STATUSES, REVIEW_DECISIONS, type TaskAction, auditActionLabel } from '../../libs/domain/src';
import { SIGNATURES_REQUIRED_ACTION } from '../../libs/persistence/src/audit';
import { ZIBO_PROJECT_STATUSES } from '../../libs/processes/src/zibo';
import { appendAuditCalls, callersOf, files, parameterOf, property, where } from '../support/audit-source';

/**
 * Every action code the system writes to the audit trail has a Chinese label.
 * The codes are found in the source: the `action` of each appendAudit call (a
 * literal, a choice of literals, a constant, or a value passed in by the
 * function's callers), and each template's concrete codes, enumerated below
 * from the type of what it interpolates. A template not listed fails.
 */
const FALLBACK = /^其他操作（/;

/** Every value of the union T, checked by the compiler (`npm run typecheck`): a value added to T but not listed fails. */
const every =
  <T extends string>() =>
  <const L extends readonly T[]>(values: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): readonly T[] =>
    values;

type Arg<F> = F extends (a: infer A) => unknown ? A : never;

interface Found {
  codes: Array<{ code: string; at: string }>;
  templates: Array<{ text: string; at: string }>;
  unresolved: Array<{ text: string; at: string }>;
}

/** The literal codes an expression can be: a string, or a choice between strings; undefined when it is anything else. */
function literals(e: ts.Expression): string[] | undefined {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isParenthesizedExpression(e)) return literals(e.expression);
  if (ts.isConditionalExpression(e)) {
    const [a, b] = [literals(e.whenTrue), literals(e.whenFalse)];
    return a && b ? [...a, ...b] : undefined;
  }
  if (ts.isTemplateExpression(e)) {
    // A template of choices between literals (`wujin.phase.${met ? 'met' : 'missed'}`) is every combination.
    let out = [e.head.text];
    for (const span of e.templateSpans) {
      const values = literals(span.expression);
      if (!values) return undefined;
      out = out.flatMap((prefix) => values.map((v) => prefix + v + span.literal.text));
    }
    return out;
  }
  return undefined;
}

/** What codes the `action` expression `e` can write. */
function resolve(e: ts.Expression, found: Found): void {
  const values = literals(e);
  if (values) return void found.codes.push(...values.map((code) => ({ code, at: where(e) })));
  if (ts.isConditionalExpression(e)) return (resolve(e.whenTrue, found), resolve(e.whenFalse, found));
  if (ts.isTemplateExpression(e)) return void found.templates.push({ text: e.getText(), at: where(e) });
  if (ts.isIdentifier(e)) {
    // A constant of the file, or a parameter given by the function's callers.
    const constant = e.getSourceFile().statements.filter(ts.isVariableStatement).flatMap((s) => [...s.declarationList.declarations]).find((d) => ts.isIdentifier(d.name) && d.name.text === e.text);
    if (constant?.initializer) return resolve(constant.initializer, found);
    const param = parameterOf(e, e.text);
    if (param) {
      for (const c of callersOf(param.fn)) if (c.arguments[param.index]) resolve(c.arguments[param.index]!, found);
      return;
    }
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    // `a.action` of an activity's argument: the property its callers (the workflows) pass.
    const param = parameterOf(e, e.expression.text);
    if (param) {
      for (const c of callersOf(param.fn)) {
        const value = property(c.arguments[param.index], e.name.text);
        if (value) resolve(value, found);
        else found.unresolved.push({ text: c.getText().slice(0, 80), at: where(c) });
      }
      return;
    }
  }
  found.unresolved.push({ text: e.getText(), at: where(e) });
}

function scan(): Found {
  const found: Found = { codes: [], templates: [], unresolved: [] };
  for (const c of appendAuditCalls()) {
    const action = property(c.arguments[1], 'action');
    if (action) resolve(action, found);
    else found.unresolved.push({ text: c.getText().slice(0, 80), at: where(c) });
  }
  return found;
}

/** The decisions tasks declare (`outcomes: [...]`), the nomination review's, and campaignTask's default. */
function declaredOutcomes(): string[] {
  const out = new Set<string>(['completed', ...REVIEW_DECISIONS]);
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAssignment(n) && n.name.getText() === 'outcomes' && ts.isArrayLiteralExpression(n.initializer)) {
      for (const e of n.initializer.elements) if (ts.isStringLiteral(e)) out.add(e.text);
    }
    n.forEachChild(visit);
  };
  files.filter((f) => !f.fileName.endsWith('.responses.ts')).forEach(visit);
  return [...out];
}

/** Each template the system writes, by its source text, with every code it can produce. */
const TEMPLATES: Record<string, readonly string[]> = {
  '`task.${a.type}${a.type === \'decide\' ? `.${a.decision}` : \'\'}`': [
    ...every<TaskAction['type']>()(['decide', 'transfer', 'delegate', 'reply', 'add_cosigner', 'withdraw', 'urge', 'extend'])
      .filter((t) => t !== 'decide')
      .map((t) => `task.${t}`),
    ...declaredOutcomes().map((o) => `task.decide.${o}`),
  ],
  // Only these two kinds of notice are audited (notifyTask's `if`).
  '`task.${kind}`': (['overdue', 'escalation'] satisfies Array<NotifyArgs['kind']>).map((k) => `task.${k}`),
  '`notice.objection.${args.outcome}`': every<Arg<NoticeActivities['resolveObjection']>['outcome']>()(['upheld', 'dismissed']).map((o) => `notice.objection.${o}`),
  '`notice.${status}`': every<Arg<NoticeActivities['setNoticeStatus']>['status']>()(['closing', 'closed']).map((s) => `notice.${s}`),
  '`candidate.${status}`': every<Arg<CampaignActivities['setCandidates']>['status']>()(CANDIDATE_STATUSES).map((s) => `candidate.${s}`),
  '`campaign.${request.action}`': every<CampaignControlAction>()(['pause', 'resume', 'cancel', 'extend']).map((a) => `campaign.${a}`),
  '`campaign.${status}`': every<Arg<CampaignActivities['finishCampaign']>['status']>()(['completed', 'cancelled']).map((s) => `campaign.${s}`),
  '`nomination.review.${request.decision}`': every<Arg<NominationActivities['recordReviewDecision']>['request']['decision']>()(REVIEW_DECISIONS).map((d) => `nomination.review.${d}`),
  '`hefei.rectification.${a.action}`': every<Arg<HefeiActivities['recordRectificationStep']>['action']>()(['submitted', 'returned', 'accepted']).map((a) => `hefei.rectification.${a}`),
  '`wujin.rectification.${a.outcome}`': every<Arg<WujinComplianceActivities['decideWujinRectification']>['outcome']>()(['accepted', 'returned', 'dissolved', 'merged']).map(
    (o) => `wujin.rectification.${o}`,
  ),
  '`zibo.${r.what}`': every<ZiboBranchRecord['what']>()(['plan', 'standard', 'self_scores', 'bureau_scores', 'gaps', 'duty_report', 'ratings']).map((w) => `zibo.${w}`),
  '`zibo.project.${stepName}`': every<Arg<ZiboActivities['recordZiboScreening']>['meeting']>()(['committee', 'members']).map((m) => `zibo.project.${m}_screening`),
  '`zibo.project.${a.status}`': every<Arg<ZiboActivities['moveZiboProject']>['status']>()(ZIBO_PROJECT_STATUSES).map((s) => `zibo.project.${s}`),
};

describe('audit action labels', () => {
  const found = scan();

  it('finds the codes the system writes: the literals, the choices, the constants and the codes passed in', () => {
    const codes = new Set(found.codes.map((c) => c.code));
    expect(codes.size).toBeGreaterThanOrEqual(75);
    // One of each way a code reaches appendAudit.
    for (const code of ['ledger.entry.updated', 'ledger.entry.created', 'wujin.phase.missed', 'rubric.veto_item.added', 'attachment.uploaded', 'attachment.deleted']) expect(codes).toContain(code);
    expect(found.unresolved).toEqual([]);
  });

  it('labels every literal code in Chinese, not with the fallback', () => {
    const unlabelled = found.codes.filter((c) => FALLBACK.test(auditActionLabel(c.code)));
    expect(unlabelled).toEqual([]);
    for (const c of found.codes) expect(auditActionLabel(c.code)).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('knows every template it finds, and labels each code a template can write', () => {
    expect(found.templates.filter((t) => !(t.text in TEMPLATES))).toEqual([]);
    const codes = found.templates.flatMap((t) => TEMPLATES[t.text]!);
    expect(codes.length).toBeGreaterThanOrEqual(50);
    expect(codes.filter((code) => FALLBACK.test(auditActionLabel(code)))).toEqual([]);
    // A template listed here but no longer written would hide a stale enumeration.
    expect(Object.keys(TEMPLATES).filter((text) => !found.templates.some((t) => t.text === text))).toEqual([]);
  });

  it('labels the marker the migration wrote when signing began', () => {
    expect(auditActionLabel(SIGNATURES_REQUIRED_ACTION)).toBe('审计记录启用签名');
  });

  it('labels no code the system does not write (a misspelt code would never show)', () => {
    const written = new Set([...found.codes.map((c) => c.code), ...Object.values(TEMPLATES).flat(), SIGNATURES_REQUIRED_ACTION]);
    // The outcome table also names outcomes of other records (a consultation's answer): only the decisions need be written.
    const labelled = Object.keys(AUDIT_ACTION_LABELS).filter((code) => !code.startsWith('task.decide.'));
    expect(labelled.filter((code) => !written.has(code))).toEqual([]);
  });

  it('shows an unknown code as Chinese with the code, and no inherited property as a label', () => {
    expect(auditActionLabel('something.new')).toBe('其他操作（something.new）');
    expect(auditActionLabel('constructor')).toBe('其他操作（constructor）');
    expect(auditActionLabel('ledger.entry.updated')).toBe('修改台账');
    expect(auditActionLabel('nomination.review.approve')).toBe('审核推荐申报：同意');
    expect(auditActionLabel('task.decide.approve')).toBe('待办：办理（同意）');
  });
});
