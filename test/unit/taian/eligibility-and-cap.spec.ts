import { type SelectionForm, effectivePlaces, proposeSelection, recommendationBar, remainingPool } from '../../../libs/domain/src';
import { TASK_FORMS } from '../../../libs/processes/src/forms';
import { grassrootsCapPlaces } from '../../../libs/processes/src/taian';
import { taian } from '../../../libs/processes/src/taian/definition';

/**
 * Seed 001's rules on who may be recommended and how many a level reports:
 * a branch graded 后进 or 软弱涣散 only after its rectification is accepted
 * (regraded), and "原则上不超过所辖党支部总数的10%" at every reporting level,
 * exceeded only with a stated reason when the administrator allows exceptions.
 */
describe('eligibility by the ledger grade (评选资格规则)', () => {
  it('bars a lagging or weak-and-lax branch, naming the rule and the grade; the others (and an ungraded one) may apply', () => {
    expect(recommendationBar('甲村党支部', 'weak_and_lax')).toMatch(/^评选资格规则：甲村党支部在台账中为软弱涣散党支部/);
    expect(recommendationBar('乙村党支部', 'lagging')).toContain('后进');
    expect(recommendationBar('丙村党支部', 'average')).toBeNull();
    expect(recommendationBar('丁村党支部', 'advanced')).toBeNull();
    expect(recommendationBar('戊村党支部', null)).toBeNull();
  });

  const form: SelectionForm = {
    kind: 'selection',
    candidates: [
      { id: 'a', name: '甲党支部', score: 95, ledgerGrade: 'weak_and_lax', ineligibleBecause: recommendationBar('甲党支部', 'weak_and_lax')! },
      { id: 'b', name: '乙党支部', score: 80, ledgerGrade: 'average' },
      { id: 'c', name: '丙党支部', score: 70, ledgerGrade: 'advanced' },
      { id: 'd', name: '丁党支部', score: 60, ledgerGrade: 'average' },
    ],
    rules: { places: 1, minRatio: 1 },
    exact: false,
  };

  it('refuses a pick of an ineligible candidate with the rule named, and never proposes or refills with one', () => {
    const refusal = TASK_FORMS.refuse(form, { chosen: ['a'] });
    expect(refusal).toMatchObject({ type: 'SELECTION_RULE_VIOLATED' });
    expect(refusal?.message).toContain('评选资格规则');
    expect(refusal?.message).toContain('软弱涣散');
    expect(TASK_FORMS.refuse(form, { chosen: ['b'] })).toBeNull();
    expect(proposeSelection(form.candidates, form.rules).selected).toEqual(['b']);
    expect(remainingPool(form.candidates, new Set()).map((c) => c.id)).toEqual(['b', 'c', 'd']);
  });

  it('does not count an ineligible candidate towards the differential ratio', () => {
    const thin: SelectionForm = { ...form, candidates: form.candidates.slice(0, 2), rules: { places: 1, minRatio: 1 } };
    expect(TASK_FORMS.refuse(thin, { chosen: ['b'] })?.message).toContain('差额比例规则');
  });
});

describe('the 10% cap at every reporting level, "原则上"', () => {
  const candidates = Array.from({ length: 6 }, (_, i) => ({ id: `n${i}`, name: `第${i + 1}党支部`, score: 90 - i }));
  const withReason: SelectionForm = { kind: 'selection', candidates, rules: { places: 3, minRatio: 1, cap: { share: 0.1, governed: 10, exceptions: 'with_reason' } }, exact: false };
  const hard: SelectionForm = { ...withReason, rules: { places: 3, minRatio: 1, cap: { share: 0.1, governed: 10 } } };

  it('with exceptions allowed: up to the cap needs nothing, beyond it a stated reason', () => {
    expect(TASK_FORMS.refuse(withReason, { chosen: ['n0'] })).toBeNull();
    const refused = TASK_FORMS.refuse(withReason, { chosen: ['n0', 'n1'] });
    expect(refused?.message).toContain('比例上限规则');
    expect(refused?.message).toContain('说明理由');
    expect(TASK_FORMS.refuse(withReason, { chosen: ['n0', 'n1'], capException: '   ' })?.message).toContain('比例上限规则');
    expect(TASK_FORMS.refuse(withReason, { chosen: ['n0', 'n1'], capException: '本单位10个党支部中2个成绩突出，经党委会研究确需差额推荐2个' })).toBeNull();
    expect(effectivePlaces(withReason.rules)).toBe(3);
  });

  it('as a hard rule: never beyond the cap, whatever the reason', () => {
    expect(effectivePlaces(hard.rules)).toBe(1);
    expect(TASK_FORMS.refuse(hard, { chosen: ['n0', 'n1'], capException: '确需超出' })?.message).toContain('比例上限规则');
  });

  it("is a plan parameter, exceptions with a reason by default; a hard cap lowers a grassroots committee's places to it", () => {
    expect(taian.parameters.defaults(2027)).toMatchObject({ capExceptions: 'with_reason' });
    expect(taian.parameters.merge(2027, { capExceptions: 'never' })).toMatchObject({ capExceptions: 'never' });
    expect(() => taian.parameters.merge(2027, { capExceptions: 'sometimes' })).toThrow();
    expect(grassrootsCapPlaces(2, { share: 0.1, governed: 10, mode: 'never' })).toBe(1);
    expect(grassrootsCapPlaces(2, { share: 0.1, governed: 10, mode: 'with_reason' })).toBe(2);
    expect(grassrootsCapPlaces(2, undefined)).toBe(2);
  });
});
