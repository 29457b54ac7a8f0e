import { readFileSync } from 'node:fs';
import { CalendarYearMissing, CampaignPlanInvalid, WorkingCalendar, countRecord, quotaLabel, recordAmount } from '../../../libs/domain/src';
import { TASK_FORMS } from '../../../libs/processes/src/forms';
import { ZIBO_CRITERIA, ZIBO_STAGES, type ZiboParams, defaultZiboParams, planZibo, ziboObligationSpecs } from '../../../libs/processes/src/zibo';
import { zibo } from '../../../libs/processes/src/zibo/definition';

const calendar = (year: number) => {
  const data = JSON.parse(readFileSync(require.resolve(`chinese-days/dist/years/${year}.json`), 'utf8')) as { holidays: Record<string, string>; workdays: Record<string, string> };
  return new WorkingCalendar({ years: [year], holidays: Object.keys(data.holidays), adjustedWorkdays: Object.keys(data.workdays) });
};
const cal = calendar(2026);
const params = (over: Partial<ZiboParams> = {}, deadlines: Partial<ZiboParams['deadlines']> = {}): ZiboParams => {
  const p = defaultZiboParams(2026);
  return { ...p, ...over, deadlines: { ...p.deadlines, ...deadlines } };
};

describe("Zibo's year: its stages, parameters and counted duties", () => {
  it('plans every stage within the year: the plan filed at its start, the evaluation and duty reports at its end, the pick after the assessments', () => {
    const plan = planZibo(params(), cal);
    expect(plan.map((s) => s.stage)).toEqual([...ZIBO_STAGES]);
    const by = Object.fromEntries(plan.map((s) => [s.stage, s]));
    expect(by.plan_filing).toMatchObject({ opensOn: '2026-01-01', dueOn: '2026-01-31' });
    expect(by.self_assessment).toMatchObject({ opensOn: '2026-11-01', dueOn: '2026-11-30' });
    expect(by.duty_reports).toMatchObject({ opensOn: '2026-12-01', dueOn: '2026-12-20' });
    expect(by.selection).toMatchObject({ opensOn: '2026-12-11', dueOn: '2026-12-31' });
  });

  it('refuses, in Chinese, a plan that cannot work', () => {
    expect(() => planZibo(params({}, { membersScreening: '02-01' }), cal)).toThrow(CampaignPlanInvalid);
    expect(() => planZibo(params({}, { proposals: '02-30' }), cal)).toThrow(/不是2026年的有效日期/);
    expect(() => planZibo(params({ projectApprovedBy: '03-01' }), cal)).toThrow(/党建项目审核通过的最迟日期/);
    expect(() => planZibo(params({ hardBranches: { min: 3, max: 2 } }), cal)).toThrow(/过硬支部评选名额/);
    expect(() => planZibo(params({ ratingScale: ['好'] }), cal)).toThrow(/评价等次/);
    expect(() => planZibo(params({}, { selection: '12-05' }), cal)).toThrow(CampaignPlanInvalid);
    expect(() => planZibo(defaultZiboParams(2030), cal)).toThrow(CalendarYearMissing);
  });

  it('takes overrides of one field and keeps the rest of the document’s figures', () => {
    const merged = zibo.parameters.merge(2026, { deadlines: { proposals: '03-01' }, ratingScale: ['优秀', '合格', '不合格'] });
    expect(merged.deadlines).toMatchObject({ proposals: '03-01', planFiling: '01-31' });
    expect(merged.hardBranches).toEqual({ min: 1, max: 2 });
    expect(() => zibo.parameters.merge(2026, { projectApprovedBy: '5-31' })).toThrow();
  });

  it('states the seed’s cadences as counted obligations: 1–2 group meetings, at least 2 activity days and talks a month, 24 hours of training a year', () => {
    const specs = Object.fromEntries(ziboObligationSpecs().map((s) => [s.code, s]));
    expect(quotaLabel(specs.group_meeting!.quota!)).toBe('1—2次');
    expect(quotaLabel(specs.activity_day!.quota!)).toBe('不少于2次');
    expect(quotaLabel(specs.secretary_training!.quota!)).toBe('不少于24学时');
    expect(specs.members_meeting!.cadence).toEqual({ kind: 'quarterly' });
    expect(specs.staff_talks!.quota).toEqual({ min: 2, unit: 'times' });
  });

  it('counts records toward the minimum, hours adding up, and flags the record past the maximum', () => {
    const group = { min: 1, max: 2, unit: 'times' as const };
    expect(countRecord(group, 0, recordAmount(group, undefined))).toEqual({ counted: 1, reached: true, overMax: false });
    expect(countRecord(group, 2, 1)).toEqual({ counted: 3, reached: true, overMax: true });
    const hours = { min: 24, unit: 'hours' as const };
    expect(countRecord(hours, 10.5, recordAmount(hours, 12))).toEqual({ counted: 22.5, reached: false, overMax: false });
    expect(countRecord(hours, 22.5, 1.5)).toEqual({ counted: 24, reached: true, overMax: false });
  });

  it('checks a branch’s standard, its scores and a meeting’s pick by the form’s rules, in Chinese', () => {
    const standard = { criteria: ZIBO_CRITERIA.map((criterion) => ({ criterion, requirements: '细化要求', points: 20 })) };
    expect(TASK_FORMS.refuse({ kind: 'zibo_standard', branchName: '甲' }, standard)).toBeNull();
    expect(TASK_FORMS.refuse({ kind: 'zibo_standard', branchName: '甲' }, { criteria: [...standard.criteria.slice(0, 4), standard.criteria[0]] })?.message).toContain('只能细化一次');
    const scoresForm = { kind: 'zibo_scores', branchName: '甲', criteria: standard.criteria };
    const scores = standard.criteria.map((c) => ({ criterion: c.criterion, score: 18, note: '逐项检查' }));
    expect(TASK_FORMS.refuse(scoresForm, { scores })).toBeNull();
    expect(TASK_FORMS.refuse(scoresForm, { scores: scores.slice(1) })?.message).toContain('逐一评分');
    expect(TASK_FORMS.refuse(scoresForm, { scores: [{ ...scores[0]!, score: 21 }, ...scores.slice(1)] })?.message).toContain('得分超过该项分值');
    const plan = { items: [{ month: 1, meeting: 'committee_meeting', topic: '研究计划', procedure: '书记主持' }] };
    expect(TASK_FORMS.refuse({ kind: 'zibo_annual_plan', branchName: '甲', year: 2026 }, plan)?.message).toContain('缺少：党员大会、党小组会、党课');
    const record = { kind: 'obligation_record', unit: 'times', min: 1, max: 2, periodStart: '2026-12-01', dueDate: '2026-12-31' };
    expect(TASK_FORMS.refuse(record, { date: '2026-11-30', attendees: '7人', minutes: '学习' })?.message).toContain('不能早于本期开始日期');
    expect(TASK_FORMS.refuse(record, { date: '2026-12-02', attendees: '7人', minutes: '学习', hours: 2 })?.type).toBe('INVALID_FORM_DATA');
  });
});
