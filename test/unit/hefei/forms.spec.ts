import { TASK_FORMS } from '../../../libs/processes/src';
import { type GradingForm, type GradingStandardForm, HEFEI_DEFAULT_STANDARD, type SpecialInspectionForm } from '../../../libs/processes/src/hefei';

describe("Hefei's forms", () => {
  const branches = Array.from({ length: 20 }, (_, i) => ({ id: `b${i}`, name: `第${i + 1}党支部`, earned: (i < 4 ? 'A' : 'B') as 'A' | 'B', assessorTotal: i < 4 ? 95 : 85, firstGrading: true }));
  const grading: GradingForm = { kind: 'hefei_grades', committeeName: '中共合肥市第1监狱委员会', aGradeCap: 0.1, branches };
  const earned = branches.map((b) => ({ branchId: b.id, grade: b.earned }));

  it('grading: refuses A over 10% on a first grading, naming the rule and the numbers in Chinese', () => {
    const refusal = TASK_FORMS.refuse(grading, { grades: earned });
    expect(refusal).toEqual({ type: 'A_GRADE_CAP', message: expect.stringMatching(/A级比例上限规则：首次定级“A”的党支部数不超过总数的10%。.*共20个，A级至多2个.*将达4个/) });
  });

  it('grading: takes two A with the other two lowered, with a reason; never a grade above the score, every branch once', () => {
    const lowered = earned.map((g, i) => (i === 2 || i === 3 ? { ...g, grade: 'B' as const, reason: '受A级比例限制' } : g));
    expect(TASK_FORMS.refuse(grading, { grades: lowered })).toBeNull();
    expect(TASK_FORMS.refuse(grading, { grades: lowered.map((g, i) => (i === 2 ? { branchId: g.branchId, grade: 'B' as const } : g)) })?.message).toContain('须说明理由');
    expect(TASK_FORMS.refuse(grading, { grades: earned.map((g, i) => (i === 5 ? { ...g, grade: 'A' as const } : g)) })?.message).toContain('不能高于考核得分所对应的等次');
    expect(TASK_FORMS.refuse(grading, { grades: earned.slice(1) })?.message).toContain('须对每个党支部评定一次等次');
    // A regrading (not first) is not held to the cap.
    expect(TASK_FORMS.refuse({ ...grading, branches: branches.map((b) => ({ ...b, firstGrading: false })) }, { grades: earned })).toBeNull();
  });

  it('standard: files the default when it covers the five basics; refuses one missing a basic', () => {
    const form: GradingStandardForm = { kind: 'hefei_standard', committeeName: '某党委', draft: HEFEI_DEFAULT_STANDARD };
    expect(TASK_FORMS.refuse(form, { standard: HEFEI_DEFAULT_STANDARD })).toBeNull();
    const missing = { ...HEFEI_DEFAULT_STANDARD, areas: HEFEI_DEFAULT_STANDARD.areas.slice(1) };
    expect(TASK_FORMS.refuse(form, { standard: missing })?.message).toMatch(/不能备案：.*缺少/);
  });

  it('special inspection: problems only of the committee’s own branches, in one of the five basics', () => {
    const form: SpecialInspectionForm = { kind: 'hefei_special_inspection', committeeName: '某党委', branches: [{ id: 'b1', name: '甲' }], half: 1 };
    const ok = { summary: '督查情况', meeting: { heldOn: '2027-06-20', notes: '推进会' }, problems: [{ branchId: 'b1', dimension: 'rules', problem: '记录不全' }] };
    expect(TASK_FORMS.refuse(form, ok)).toBeNull();
    expect(TASK_FORMS.refuse(form, { ...ok, problems: [{ ...ok.problems[0], branchId: 'other' }] })?.message).toContain('所属党支部');
    expect(TASK_FORMS.refuse(form, { ...ok, problems: [{ ...ok.problems[0], dimension: 'morale' }] })?.message).toContain('问题所属方面须为');
  });
});
