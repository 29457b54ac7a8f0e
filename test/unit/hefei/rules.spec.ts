import { readFileSync } from 'node:fs';
import { WorkingCalendar } from '../../../libs/domain/src';
import {
  type GradingStandard,
  HEFEI_DEFAULT_STANDARD,
  aGradeCap,
  filingTimeliness,
  gradeAssessment,
  gradeFor,
  isRefusal,
  privateSocialFlags,
  rectificationDueOn,
  rectificationStep,
  refuseAGrades,
  refuseFirstGrading,
  refuseGradeChoice,
  refuseReapplication,
  reportIsLate,
  standardStep,
  trainingDone,
} from '../../../libs/processes/src/hefei';

const thresholds = { A: 90, B: 80, C: 60 };

/** Every item of a standard scored at the same share of its points. */
const sheet = (s: GradingStandard, share: number) =>
  Object.fromEntries(s.areas.flatMap((a) => a.items.map((i) => [i.code, { score: Math.floor(i.points * share * 2) / 2, evidence: '会议记录' }])));

describe('Hefei grading: the A cap on first grading', () => {
  it('allows A to at most 10% of the branches a committee grades for the first time', () => {
    expect(aGradeCap(10)).toBe(1);
    expect(aGradeCap(9)).toBe(0);
    expect(aGradeCap(30)).toBe(3);
    expect(aGradeCap(25, 0.2)).toBe(5);
    expect(refuseAGrades({ committeeName: '中共合肥市义城监狱委员会', graded: 20, aGiven: 1 })).toBeNull();
  });

  it('refuses the A over the cap, naming the rule and the numbers in Chinese', () => {
    const refusal = refuseAGrades({ committeeName: '中共合肥市义城监狱委员会', graded: 20, aGiven: 2 });
    expect(refusal).toEqual({
      code: 'A_GRADE_CAP',
      message: 'A级比例上限规则：首次定级“A”的党支部数不超过总数的10%。中共合肥市义城监狱委员会首次定级的党支部共20个，A级至多2个，已评定2个，再评定1个将达3个',
    });
    expect(refuseAGrades({ committeeName: 'x', graded: 9, aGiven: 0 })?.message).toContain('A级至多0个');
    expect(refuseAGrades({ committeeName: 'x', graded: 20, aGiven: 0 }, 4, 0.15)?.message).toContain('不超过总数的15%。x首次定级的党支部共20个，A级至多3个');
    expect(refuseAGrades({ committeeName: 'x', graded: 20, aGiven: 0 }, 3, 0.15)).toBeNull();
  });

  it('checks a whole first grading at once', () => {
    expect(refuseFirstGrading('党委', ['A', 'B', 'B', 'C', 'D', 'B', 'B', 'C', 'B', 'B'])).toBeNull();
    expect(refuseFirstGrading('党委', ['A', 'A', 'B', 'C', 'D', 'B', 'B', 'C', 'B', 'B'])?.message).toContain('共10个，A级至多1个，已评定0个，再评定2个将达2个');
  });
});

describe('Hefei grading: grades from a rubric total and veto items', () => {
  it('grades a total by the thresholds, inclusive, and D below C', () => {
    expect(gradeFor(90, [], thresholds)).toBe('A');
    expect(gradeFor(89.5, [], thresholds)).toBe('B');
    expect(gradeFor(80, [], thresholds)).toBe('B');
    expect(gradeFor(79.5, [], thresholds)).toBe('C');
    expect(gradeFor(60, [], thresholds)).toBe('C');
    expect(gradeFor(59.5, [], thresholds)).toBe('D');
  });

  it('makes any veto item a D whatever the score', () => {
    expect(gradeFor(100, ['secretary_vacant'], thresholds)).toBe('D');
    const result = gradeAssessment(HEFEI_DEFAULT_STANDARD, sheet(HEFEI_DEFAULT_STANDARD, 1), sheet(HEFEI_DEFAULT_STANDARD, 1), ['secretary_vacant']);
    expect(result).toMatchObject({ assessorTotal: 100, earned: 'D', reasons: ['存在一票否决情形：党支部书记缺职，定为D级'] });
  });

  it("scores the assessor's sheet against the committee's standard, self scores beside it, and says what the grade lacks", () => {
    const full = gradeAssessment(HEFEI_DEFAULT_STANDARD, sheet(HEFEI_DEFAULT_STANDARD, 1), sheet(HEFEI_DEFAULT_STANDARD, 1), []);
    expect(full).toEqual({ selfTotal: 100, assessorTotal: 100, earned: 'A', reasons: [] });
    const b = gradeAssessment(HEFEI_DEFAULT_STANDARD, sheet(HEFEI_DEFAULT_STANDARD, 1), sheet(HEFEI_DEFAULT_STANDARD, 0.85), []);
    expect(b.selfTotal).toBe(100);
    expect(b.earned).toBe('B');
    expect(b.reasons).toEqual([`考核得分${b.assessorTotal}分，未达到A级分数线90分`]);
    const d = gradeAssessment(HEFEI_DEFAULT_STANDARD, sheet(HEFEI_DEFAULT_STANDARD, 0.9), sheet(HEFEI_DEFAULT_STANDARD, 0.5), []);
    expect(d.earned).toBe('D');
    expect(d.reasons[0]).toMatch(/未达到C级分数线60分$/);
    // A committee's own thresholds decide, not the default's.
    const strict: GradingStandard = { ...HEFEI_DEFAULT_STANDARD, gradeThresholds: { A: 95, B: 85, C: 70 }, passThreshold: 70 };
    expect(gradeAssessment(strict, {}, sheet(strict, 0.92), []).earned).toBe('B');
  });

  it('lets a committee grade below what the score earns, never above', () => {
    expect(refuseGradeChoice('A', 'B')).toBeNull();
    expect(refuseGradeChoice('B', 'B')).toBeNull();
    expect(refuseGradeChoice('B', 'A')).toEqual({ code: 'INVALID_FORM_DATA', message: '考核得分只够评定为B级（达标），不能评定为A级（先进）' });
  });
});

describe('Hefei: below standard, rectification, standards, deadlines', () => {
  it('lets a branch below standard apply again in the same year once its rectifications are accepted', () => {
    const base = { grade: 'D' as const, openRectifications: 0, today: '2026-09-20', regradingDueOn: '2026-11-30' };
    expect(refuseReapplication(base)).toBeNull();
    expect(refuseReapplication({ ...base, openRectifications: 2 })).toEqual({ code: 'INVALID_ACTION', message: '尚有2项整改未验收，整改验收后方可重新申报定级' });
    expect(refuseReapplication({ ...base, today: '2026-12-01' })?.code).toBe('DEADLINE_PASSED');
    expect(refuseReapplication({ ...base, grade: 'C' })?.message).toBe('该党支部已评定为C级（基本达标），无需重新申报定级');
  });

  it('takes a rectification through submit, return with an opinion, submit again, accept', () => {
    expect(rectificationStep('open', 'submit')).toBe('submitted');
    expect(rectificationStep('submitted', 'return', '整改措施不具体')).toBe('returned');
    expect(rectificationStep('submitted', 'return', '  ')).toEqual({ code: 'INVALID_FORM_DATA', message: '退回整改须写明意见' });
    expect(rectificationStep('returned', 'submit')).toBe('submitted');
    expect(rectificationStep('submitted', 'accept')).toBe('accepted');
    expect(isRefusal(rectificationStep('open', 'accept'))).toBe(true);
    expect(rectificationStep('accepted', 'submit')).toEqual({ code: 'TASK_NOT_OPEN', message: '整改已验收，不能再办理' });
  });

  it('takes a version of a standard through filing, return with an opinion or acceptance', () => {
    expect(standardStep('draft', 'file')).toBe('filed');
    expect(standardStep('filed', 'return', '分值设置不合理')).toBe('returned');
    expect(isRefusal(standardStep('filed', 'return'))).toBe(true);
    expect(standardStep('filed', 'accept')).toBe('accepted');
    expect(isRefusal(standardStep('returned', 'accept'))).toBe(true);
    expect(isRefusal(standardStep('accepted', 'file'))).toBe(true);
  });

  it('counts a self-inspection on time, late within the window, missed after it', () => {
    const q = { dueOn: '2026-03-31', closesOn: '2026-04-30' };
    expect(filingTimeliness({ ...q, filedOn: '2026-03-31', today: '2026-05-10' })).toBe('on_time');
    expect(filingTimeliness({ ...q, filedOn: '2026-04-30', today: '2026-05-10' })).toBe('late');
    expect(filingTimeliness({ ...q, filedOn: '2026-05-01', today: '2026-05-10' })).toBe('missed');
    expect(filingTimeliness({ ...q, filedOn: null, today: '2026-03-31' })).toBe('pending');
    expect(filingTimeliness({ ...q, filedOn: null, today: '2026-04-01' })).toBe('overdue');
    expect(filingTimeliness({ ...q, filedOn: null, today: '2026-05-01' })).toBe('missed');
    expect(reportIsLate('2026-08-10', '2026-08-10')).toBe(false);
    expect(reportIsLate('2026-08-10', '2026-08-11')).toBe(true);
  });

  it('counts a rectification deadline in working days', () => {
    const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/years/2026.json'), 'utf8')) as { holidays: Record<string, string>; workdays: Record<string, string> };
    const calendar = new WorkingCalendar({ years: [2026], holidays: Object.keys(data.holidays), adjustedWorkdays: Object.keys(data.workdays) });
    // Found on Friday 18 September 2026: the Mid-Autumn days 25–27 September do not count, Sunday 20 September (调休) does.
    expect(rectificationDueOn(calendar, '2026-09-18', { amount: 5, unit: 'working_days' })).toBe('2026-09-24');
    expect(rectificationDueOn(calendar, '2026-09-18', { amount: 10, unit: 'calendar_days' })).toBe('2026-09-28');
  });
});

describe('Hefei: private enterprises and social organisations (附件2)', () => {
  it('flags focused help under 3 members, cleanup with none, training for every such secretary', () => {
    expect(privateSocialFlags({ domain: 'private_enterprise', memberCount: 2 }, 3)).toEqual({ trainingRequired: true, focusedHelp: true, cleanup: false });
    expect(privateSocialFlags({ domain: 'social_organization', memberCount: 3 }, 3)).toEqual({ trainingRequired: true, focusedHelp: false, cleanup: false });
    expect(privateSocialFlags({ domain: 'social_organization', memberCount: 0 }, 3)).toEqual({ trainingRequired: true, focusedHelp: false, cleanup: true });
    expect(privateSocialFlags({ domain: 'social_organization', memberCount: null }, 3)).toEqual({ trainingRequired: true, focusedHelp: false, cleanup: false });
    expect(privateSocialFlags({ domain: 'government_institution', memberCount: 1 }, 3)).toEqual({ trainingRequired: false, focusedHelp: false, cleanup: false });
    expect(privateSocialFlags({ domain: 'private_enterprise', memberCount: 4 }, 5).focusedHelp).toBe(true);
    expect(trainingDone(0, 1)).toBe(false);
    expect(trainingDone(1, 1)).toBe(true);
  });
});
