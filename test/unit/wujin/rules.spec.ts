import { TASK_FORMS } from '../../../libs/processes/src';
import { WUJIN_OBLIGATIONS, type WujinBranch, deployMeasured, phaseMet, wujinObligationSpecs } from '../../../libs/processes/src/wujin';
import { WUJIN_RUBRIC } from '../../../libs/persistence/src/seed/wujin-rubric';

const branch = (o: Partial<WujinBranch>): WujinBranch => ({ id: 'b', name: '某党支部', domain: 'rural', memberCount: 20, termEndsOn: null, ...o });

describe("Wujin's rules", () => {
  it("schedules the rubric's standing obligations, the funds for government branches and the re-election in the year the term ends", () => {
    const rural = wujinObligationSpecs(branch({}), 2017, 600);
    expect(rural.map((s) => [s.code, s.cadence.kind])).toEqual([
      ['wujin_members_meeting', 'quarterly'],
      ['wujin_committee_meeting', 'monthly'],
      ['wujin_group_meeting', 'monthly'],
      ['wujin_party_lesson', 'quarterly'],
      ['wujin_organisation_life', 'half_yearly'],
      ['wujin_democratic_evaluation', 'by_date'],
    ]);
    const government = wujinObligationSpecs(branch({ domain: 'government_institution', termEndsOn: '2017-06-30' }), 2017, 600);
    expect(government.find((s) => s.code === 'wujin_funds')?.title).toContain('600元');
    expect(government.find((s) => s.code === 'wujin_re_election')?.cadence).toEqual({ kind: 'by_date', month: 6, day: 30 });
    expect(wujinObligationSpecs(branch({ termEndsOn: '2018-06-30' }), 2017, 600).some((s) => s.code === 'wujin_re_election')).toBe(false);
  });

  it('maps every obligation to an item of the printed rubric', () => {
    const items = new Set(WUJIN_RUBRIC.areas.flatMap((a) => a.items.map((i) => i.code)));
    for (const o of Object.values(WUJIN_OBLIGATIONS)) expect(items.has(o.rubricItem)).toBe(true);
  });

  it('measures the first phase by its least-done part and compares rates to the target', () => {
    const done = { committees: 4, plansAccepted: 4, shellCases: 2, shellCasesDecided: 2, caseListsFiled: 4, modelBranchesCommended: 3 };
    expect(deployMeasured(done)).toBe(1);
    expect(deployMeasured({ ...done, plansAccepted: 3 })).toBe(0.75);
    expect(deployMeasured({ ...done, shellCases: 0, shellCasesDecided: 0 })).toBe(1);
    expect(deployMeasured({ ...done, modelBranchesCommended: 0 })).toBe(0);
    expect(phaseMet(1, 1)).toBe(true);
    expect(phaseMet(0.9737, 1)).toBe(false);
  });

  it('refuses, in Chinese, a pass for a branch under 85 or with a veto, and an on-site item left unchecked', () => {
    const form = { kind: 'wujin_verification', branchName: '马杭村党支部', assessorTotal: 90, passThreshold: 85, vetoes: [] as string[], onSiteItems: [{ code: 'D1', standard: '固定的活动阵地' }] };
    const check = { itemCode: 'D1', checkedBy: '组织科张某', checkedOn: '2017-06-10', finding: '阵地整洁，标识醒目' };
    expect(TASK_FORMS.refuse(form, { onSiteChecks: [check] })).toBeNull();
    expect(TASK_FORMS.refuse(form, { onSiteChecks: [] })?.message).toBe('以下条目须实地查看并记录查看人和日期：D1');
    expect(TASK_FORMS.refuse({ ...form, assessorTotal: 84.5 }, { onSiteChecks: [check] })?.message).toBe('马杭村党支部考核得分84.5分，低于85分，不能评定为合格');
    expect(TASK_FORMS.refuse({ ...form, vetoes: ['党支部书记缺职'] }, { onSiteChecks: [check] })?.message).toContain('一票否决');
    expect(TASK_FORMS.refuse(form, { onSiteChecks: [{ ...check, checkedOn: '6月10日' }] })?.message).toContain('查看日期格式应为 YYYY-MM-DD');
  });
});
