import { Principal, type RoleGrant } from '../../apps/api/src/auth/principal';
import { type TaskKind, availableActions, isRefusal, taskKindOf } from '../../apps/api/src/tasks/kinds';
import { checkDecision } from '../../apps/api/src/tasks/tasks.service';
import { humanTaskWorkflowId } from '../../libs/contracts/src';
import type { Role, TaskDecisionRules } from '../../libs/domain/src';
import type { TaskEntity } from '../../libs/persistence/src';

// A committee (/c/) with a branch (/c/b/) below it, and a sibling committee (/d/).
const grant = (role: Role, organisationId: string, path: string): RoleGrant => ({ role, organisationId, organisationName: organisationId, level: 'grassroots_committee', path, scopePath: path });
const person = (userId: string, ...grants: RoleGrant[]) => new Principal(userId, userId, userId, grants);
const reviewer = person('u-reviewer', grant('reviewer', 'c', '/c/'));
const member = person('u-member', grant('committee_member', 'c', '/c/'));
const submitter = person('u-submitter', grant('reviewer', 'top', '/'));
const admin = person('u-admin', grant('administrator', 'top', '/'));
const secretary = person('u-secretary', grant('submitter', 'b', '/c/b/'));

const rules: TaskDecisionRules = {
  policy: { mode: 'single' },
  outcomes: ['completed', 'return'],
  positive: 'completed',
  opinionRequiredFor: ['return'],
  returnTargets: ['secretary_report'],
  submitterUserId: 'u-submitter',
  closesAtDue: false,
};

function row(over: Partial<TaskEntity> = {}): TaskEntity {
  return {
    id: 't1',
    workflowId: humanTaskWorkflowId('g1'),
    groupId: 'g1',
    kind: 'evaluation_vote',
    subjectId: 's1',
    organisationId: 'c',
    organisationPath: '/c/',
    role: 'reviewer',
    status: 'open',
    assigneeUserId: null,
    delegatedToUserId: null,
    acted: false,
    form: null,
    rules,
    ...over,
  } as TaskEntity;
}

const types = (kind: TaskKind, task: TaskEntity, p: Principal, r: TaskDecisionRules | null = rules) => availableActions(kind, task, p, r).map((a) => a.type);

describe('what each caller may do with a task now', () => {
  it('knows a humanTask by its workflow, whatever its kind is called, and the other primitives by kind', () => {
    expect(taskKindOf(row({ kind: 'obligation' }))).toBe(taskKindOf(row()));
    expect(taskKindOf({ kind: 'obligation', groupId: 'o1', workflowId: 'obligations-x' })).not.toBe(taskKindOf(row()));
    const unknown = taskKindOf({ kind: 'something', groupId: null, workflowId: 'other-x' });
    expect(unknown.actions).toEqual([]);
    expect(types(unknown, row({ groupId: null, workflowId: 'other-x' }), reviewer)).toEqual([]);
  });

  it('humanTask: the assignee decides, transfers, delegates and adds co-signers; the decision lists its outcomes', () => {
    const kind = taskKindOf(row());
    expect(types(kind, row(), reviewer)).toEqual(['decide', 'transfer', 'delegate', 'add_cosigner']);
    expect(availableActions(kind, row({ form: { kind: 'scores' } }), reviewer, rules)[0]).toEqual({
      type: 'decide',
      label: '办理',
      outcomes: [
        { value: 'completed', label: '办结', opinionRequired: false, formRequired: true },
        { value: 'return', label: '退回修改', opinionRequired: true, formRequired: false },
      ],
      returnTargets: ['secretary_report'],
    });
    // Unknown rules: decide is still offered, its outcomes left to the workflow.
    expect(availableActions(kind, row(), reviewer, null)[0]).toEqual({ type: 'decide', label: '办理' });
  });

  it('humanTask: a named assignee alone holds the slot, not everyone with the role', () => {
    const kind = taskKindOf(row());
    const named = row({ assigneeUserId: 'u-someone-else' });
    expect(types(kind, named, reviewer)).toEqual(['urge']);
    expect(isRefusal(kind.actor(named, reviewer, 'decide'))).toBe(true);
    const mine = row({ assigneeUserId: 'u-member', role: 'reviewer' });
    expect(types(kind, mine, member)).toEqual(['decide', 'transfer', 'delegate', 'add_cosigner']);
  });

  it('humanTask: delegated, the delegate replies and the assignee waits; the submitter withdraws only before anyone acted', () => {
    const kind = taskKindOf(row());
    const delegated = row({ delegatedToUserId: 'u-member', acted: true });
    expect(types(kind, delegated, member)).toEqual(['reply']);
    expect(availableActions(kind, delegated, member, rules)[0]).toEqual({ type: 'reply', label: '受托人回复', opinionRequired: true });
    expect(types(kind, delegated, reviewer)).toEqual([]);
    expect(types(kind, row(), submitter)).toEqual(['withdraw', 'urge']);
    expect(types(kind, row({ acted: true }), submitter)).toEqual(['urge']);
    expect(types(kind, row(), submitter, null)).toEqual(['urge']);
  });

  it('humanTask: administrators over the task extend it (with a reason) and urge; nobody acts on a closed task', () => {
    const kind = taskKindOf(row());
    expect(availableActions(kind, row(), admin, rules)).toEqual([
      { type: 'urge', label: '催办' },
      { type: 'extend', label: '延期', opinionRequired: true },
    ]);
    expect(kind.actor(row(), reviewer, 'extend')).toEqual({ refused: '只有管理员可以延长办理期限' });
    for (const status of ['completed', 'cancelled'] as const) for (const p of [reviewer, admin, submitter]) expect(types(kind, row({ status }), p)).toEqual([]);
  });

  it('nomination review, consultation, obligation and rubric tasks: their assignee decides, nobody does anything else', () => {
    const nomination = row({ kind: 'nomination_review', groupId: null, workflowId: 'nomination-n1', rules: null });
    const kind = taskKindOf(nomination);
    expect(availableActions(kind, nomination, reviewer, null)).toEqual([
      {
        type: 'decide',
        label: '办理',
        outcomes: [
          { value: 'approve', label: '同意', opinionRequired: false, formRequired: false },
          { value: 'return', label: '退回修改', opinionRequired: true, formRequired: false },
          { value: 'reject', label: '不同意', opinionRequired: true, formRequired: false },
        ],
      },
    ]);
    expect(types(kind, nomination, admin, null)).toEqual([]);

    const consultation = row({ kind: 'consultation_request', workflowId: 'consultation-c1', groupId: 'c1', role: 'agency_consultee', organisationId: 'a', organisationPath: '/c/a/', form: { kind: 'consultation', candidates: [] } });
    const contact = person('u-contact', grant('agency_consultee', 'a', '/c/a/'));
    expect(types(taskKindOf(consultation), consultation, contact, null)).toEqual(['decide']);
    expect(types(taskKindOf(consultation), consultation, reviewer, null)).toEqual([]);

    const obligation = row({ kind: 'obligation', workflowId: 'obligations-o1', groupId: 't1', role: 'submitter', organisationId: 'b', organisationPath: '/c/b/' });
    expect(taskKindOf(obligation).decision(obligation, null)?.form).toEqual({ kind: 'evidence' });
    expect(types(taskKindOf(obligation), obligation, secretary, null)).toEqual(['decide']);
    expect(types(taskKindOf(obligation), obligation, reviewer, null)).toEqual([]);

    const rubric = row({ kind: 'rubric_assessment', workflowId: 'assessment-r1', groupId: 'r1', form: { kind: 'rubric_scores' } });
    expect(types(taskKindOf(rubric), rubric, reviewer, null)).toEqual(['decide']);
    expect(types(taskKindOf(rubric), rubric, secretary, null)).toEqual([]);
  });

  it('judges a decision as its kind does before anything is sent', () => {
    const kind = taskKindOf(row());
    const task = row({ form: { kind: 'evidence' } });
    const decide = (over: object) => checkDecision(kind, task, rules, { type: 'decide', decision: 'completed', opinion: '', ...over });
    expect(decide({ data: { evidence: '会议记录' } })).toEqual({ data: { evidence: '会议记录' } });
    expect(decide({ decision: 'maybe' })).toMatchObject({ code: 'INVALID_DECISION' });
    expect(decide({ decision: 'return' })).toMatchObject({ code: 'INVALID_DECISION', message: '“退回修改”必须填写意见' });
    expect(decide({ decision: 'return', opinion: '退回', returnTo: 'naming' })).toMatchObject({ code: 'INVALID_DECISION' });
    expect(decide({ decision: 'return', opinion: '退回', returnTo: 'secretary_report' })).toEqual({ data: undefined });
    expect(decide({ data: { evidence: ' ' } })).toMatchObject({ code: 'INVALID_FORM_DATA' });
    // A humanTask keeps its answer as written; the other kinds take it as the form's schema reads it.
    const obligation = row({ kind: 'obligation', workflowId: 'obligations-o1', groupId: 't1', role: 'submitter', organisationId: 'b', organisationPath: '/c/b/' });
    expect(checkDecision(taskKindOf(obligation), obligation, null, { type: 'decide', decision: 'completed', opinion: '', data: { evidence: ' 记录 ' } })).toEqual({ data: { evidence: '记录' } });
    const nomination = row({ kind: 'nomination_review', groupId: null, workflowId: 'nomination-n1' });
    expect(checkDecision(taskKindOf(nomination), nomination, null, { type: 'decide', decision: 'approve', opinion: '', data: {} })).toMatchObject({ code: 'INVALID_FORM_DATA' });
    // Rules not known here: the workflow judges.
    expect(checkDecision(kind, task, null, { type: 'decide', decision: 'maybe', opinion: '' })).toEqual({ data: undefined });
  });
});
