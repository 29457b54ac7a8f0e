import {
  QuotaExceedsCap,
  allotQuota,
  allotmentCeiling,
  defaultQuotaFor,
  grassrootsPlaces,
  refuseTaskAction,
  type ScoresForm,
  type SelectionForm,
  supplementRules,
  type TaskForm,
  type TaskRules,
  type TaskState,
} from '../../../libs/domain/src';
import { TASK_FORMS } from '../../../libs/processes/src/forms';
import type { MentoringPlanForm } from '../../../libs/processes/src/taian';

const refuseFormData = (form: TaskForm, data: unknown) => TASK_FORMS.refuse(form, data);

describe('red-flag places: allotment, 1:2 and the 10% cap', () => {
  const units = [
    { id: 'a', governed: 60 },
    { id: 'b', governed: 60 },
    { id: 'c', governed: 30 },
  ];

  it('spreads the quota by branches governed, never above what 1:2 under the 10% cap allows', () => {
    expect(allotmentCeiling(60, 0.1, 2)).toBe(3);
    const allot = allotQuota(6, units, 0.1, 2);
    expect([...allot.values()].reduce((a, b) => a + b, 0)).toBe(6);
    expect(allot.get('a')).toBeLessThanOrEqual(3);
    expect(allot.get('c')).toBeLessThanOrEqual(1);
    // A full ceiling pushes the remainder to the others.
    const full = allotQuota(7, units, 0.1, 2);
    expect(full.get('a')! + full.get('b')! + full.get('c')!).toBe(7);
    expect(full.get('c')).toBe(1);
  });

  it('refuses a quota the tree cannot hold, naming the rule', () => {
    expect(() => allotQuota(8, units, 0.1, 2)).toThrow(QuotaExceedsCap);
    expect(() => allotQuota(8, units, 0.1, 2)).toThrow(/比例上限规则/);
  });

  it('defaults the quota to one in 25 branches, within what the committees can hold under the cap', () => {
    expect(defaultQuotaFor([60, 60, 60, 60, 60], 0.1, 2)).toBe(12);
    expect(defaultQuotaFor(Array.from({ length: 50 }, () => 50), 0.1, 2)).toBe(100);
    // 1,000 branches in 17 committees of 58–59: each holds 2 places, so 34, not 40.
    const seventeen = Array.from({ length: 17 }, (_, c) => Math.floor(((c + 1) * 1000) / 17) - Math.floor((c * 1000) / 17));
    expect(defaultQuotaFor(seventeen, 0.1, 2)).toBe(34);
    expect(() => allotQuota(defaultQuotaFor(seventeen, 0.1, 2), seventeen.map((governed, i) => ({ id: String(i), governed })), 0.1, 2)).not.toThrow();
  });

  it('gives a grassroots committee fewer places than applicants (差额), none for a single applicant', () => {
    expect(grassrootsPlaces(1, 10, 60, 6)).toBe(0);
    expect(grassrootsPlaces(2, 10, 60, 6)).toBe(1);
    expect(grassrootsPlaces(8, 10, 60, 6)).toBe(2);
    expect(supplementRules(1, 1)).toBeNull();
    expect(supplementRules(2, 2)).toEqual({ places: 1, minRatio: 1 });
  });
});

describe('task forms: what a decision must carry', () => {
  const selection: SelectionForm = {
    kind: 'selection',
    candidates: [
      { id: 'x', name: '甲党支部', score: 90, priority: true },
      { id: 'y', name: '乙党支部', score: 80 },
      { id: 'z', name: '丙党支部', score: 70, excludedBecause: '一票否决' },
      { id: 'w', name: '丁党支部', score: 60 },
      { id: 'v', name: '戊党支部', score: 50 },
    ],
    rules: { places: 2, minRatio: 2, cap: { share: 0.1, governed: 20 } },
    exact: true,
  };

  it('accepts a pick within the rules', () => {
    expect(refuseFormData(selection, { chosen: ['x', 'y'] })).toBeNull();
  });

  it('refuses a pick breaking 1:2, the cap, a veto or the exact count, naming each rule', () => {
    expect(refuseFormData(selection, { chosen: ['x', 'z'] })?.message).toContain('排除规则');
    expect(refuseFormData(selection, { chosen: ['x'] })?.message).toContain('名额规则');
    expect(refuseFormData(selection, { chosen: ['x', 'y', 'w'] })).toMatchObject({ type: 'SELECTION_RULE_VIOLATED' });
    const capped: SelectionForm = { ...selection, rules: { places: 2, minRatio: 1, cap: { share: 0.1, governed: 10 } }, exact: false };
    expect(refuseFormData(capped, { chosen: ['x', 'y'] })?.message).toContain('比例上限规则');
    const thin: SelectionForm = { ...selection, candidates: selection.candidates.slice(0, 3) };
    expect(refuseFormData(thin, { chosen: ['x', 'y'] })?.message).toContain('差额比例规则');
    expect(refuseFormData(selection, { chosen: ['y', 'w'] })?.message).toContain('优先推荐规则');
  });

  it('checks votes, and plans row by row', () => {
    const scores: ScoresForm = { kind: 'scores', candidates: [{ id: 'x', name: '甲' }, { id: 'y', name: '乙' }], min: 0, max: 100 };
    expect(refuseFormData(scores, { scores: { x: 90, y: 80 }, participants: 40 })).toBeNull();
    expect(refuseFormData(scores, { scores: { x: 90 }, participants: 40 })?.message).toContain('乙');
    expect(refuseFormData(scores, { scores: { x: 190, y: 80 }, participants: 40 })?.message).toContain('0到100');
    const mentoring: MentoringPlanForm = { kind: 'mentoring_plan', mentors: [{ id: 'm', name: '红旗党支部' }], minMenteesPerMentor: 2, lastDeadline: '2029-12-31' };
    const row = { mentorId: 'm', mentee: '某党支部', menteeGrade: '后进', goal: '晋位升级', measures: '结对共建', deadline: '2028-06-30' };
    expect(refuseFormData(mentoring, { rows: [row, row] })).toBeNull();
    expect(refuseFormData(mentoring, { rows: [row] })?.message).toContain('至少帮带2个');
    expect(refuseFormData(mentoring, { rows: [row, { ...row, deadline: '2030-01-01' }] })?.message).toContain('2029-12-31');
  });

  it('refuses work the document requires by a date once the date has passed, until an administrator extends it', () => {
    const rules: TaskRules = { policy: { mode: 'single' }, outcomes: ['completed'], positive: 'completed', opinionRequiredFor: [], returnTargets: [], submitterUserId: null, closesAtDue: true };
    const state: TaskState = {
      status: 'open',
      outcome: null,
      returnTo: null,
      slots: [{ id: 's', assignee: { organisationId: 'o', role: 'reviewer' }, state: 'open' }],
      dueAt: '2027-05-31T15:59:59.999Z',
      overdue: true,
      acted: false,
      urged: 0,
    };
    const actor = { userId: 'u', displayName: '审核人', role: 'reviewer' as const, organisationId: 'o' };
    const decide = { type: 'decide' as const, decision: 'completed', opinion: '同意' };
    expect(refuseTaskAction(state, rules, actor, decide, Date.parse('2027-06-01T02:00:00Z'))).toMatchObject({ type: 'DEADLINE_PASSED' });
    expect(refuseTaskAction(state, rules, actor, decide, Date.parse('2027-05-31T10:00:00Z'))).toBeNull();
    expect(refuseTaskAction({ ...state, dueAt: '2027-06-03T15:59:59.999Z' }, rules, actor, decide, Date.parse('2027-06-01T02:00:00Z'))).toBeNull();
  });
});
