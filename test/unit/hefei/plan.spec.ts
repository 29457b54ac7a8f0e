import { readFileSync } from 'node:fs';
import { CalendarYearMissing, CampaignPlanInvalid, WorkingCalendar } from '../../../libs/domain/src';
import { type HefeiCampaignParams, HEFEI_STAGES, defaultHefeiParams, planHefeiCampaign } from '../../../libs/processes/src/hefei';
import { hefei } from '../../../libs/processes/src/hefei/definition';

const calendar2026 = () => {
  const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/years/2026.json'), 'utf8')) as { holidays: Record<string, string>; workdays: Record<string, string> };
  return new WorkingCalendar({ years: [2026], holidays: Object.keys(data.holidays), adjustedWorkdays: Object.keys(data.workdays) });
};

const withDeadlines = (d: Partial<HefeiCampaignParams['deadlines']>): HefeiCampaignParams => {
  const p = defaultHefeiParams(2026);
  return { ...p, deadlines: { ...p.deadlines, ...d } };
};

describe("Hefei's improvement cycle: the year's plan", () => {
  it("lays out every stage with the document's dates (the report by 10 August) on the 2026 calendar", () => {
    const plan = planHefeiCampaign(defaultHefeiParams(2026), calendar2026());
    expect(plan.map((s) => [s.stage, s.opensOn, s.dueOn])).toEqual([
      ['standards', '2026-01-01', '2026-03-31'],
      ['self_inspection_q1', '2026-01-01', '2026-03-31'],
      ['self_inspection_q2', '2026-04-01', '2026-06-30'],
      ['self_inspection_q3', '2026-07-01', '2026-09-30'],
      ['self_inspection_q4', '2026-10-01', '2026-12-31'],
      ['special_inspection_h1', '2026-06-01', '2026-06-30'],
      ['special_inspection_h2', '2026-11-01', '2026-11-30'],
      ['self_assessment', '2026-07-01', '2026-07-10'],
      ['application', '2026-07-11', '2026-07-17'],
      ['acceptance', '2026-07-18', '2026-07-29'],
      ['grading', '2026-07-30', '2026-08-05'],
      ['report', '2026-08-06', '2026-08-10'],
      ['notification', '2026-08-11', '2026-08-20'],
      ['regrading', '2026-08-21', '2026-11-30'],
      ['secretary_training', '2026-01-01', '2026-11-30'],
      ['cleanup_review', '2026-01-01', '2026-06-30'],
    ]);
    expect(plan.map((s) => s.stage)).toEqual([...HEFEI_STAGES]);
    const byStage = Object.fromEntries(plan.map((s) => [s.stage, s]));
    // The end of 10 August in Beijing.
    expect(byStage.report!.dueAt).toBe('2026-08-10T16:00:00.000Z');
    expect(byStage.report!.notes).toContain('8月上旬报局政治部；逾期计为未按时报送');
    expect(byStage.grading!.notes).toContain('首次定级“A”的党支部数不超过总数的10%');
    // 30 calendar days to file late after the quarter ends; Q4's window runs into the next year.
    expect(byStage.self_inspection_q1!.notes[0]).toBe('逾期30个自然日内补报计为迟报，2026-04-30后仍未报送计为缺报');
    expect(byStage.self_inspection_q4!.notes[0]).toContain('2027-01-30后仍未报送计为缺报');
    // 15 working days after 30 June 2026 (the Dragon Boat holiday is before it): 21 July; after 30 November: 21 December.
    expect(byStage.special_inspection_h1!.notes[1]).toContain('最晚2026-07-21整改到期');
    expect(byStage.special_inspection_h2!.notes[1]).toContain('最晚2026-12-21整改到期');
  });

  it('notes a deadline that falls on a rest day, and a report outside early August', () => {
    const plan = planHefeiCampaign(withDeadlines({ report: '08-15' }), calendar2026());
    const report = plan.find((s) => s.stage === 'report')!;
    // 15 August 2026 is a Saturday.
    expect(report.notes).toEqual(['文件要求8月上旬报送，本次定于2026-08-15；逾期计为未按时报送', '截止日2026-08-15为休息日']);
  });

  it('refuses deadlines out of order: the report before the grading, the standards after the round opens', () => {
    expect(() => planHefeiCampaign(withDeadlines({ report: '08-01' }), calendar2026())).toThrow(
      new CampaignPlanInvalid('基层党委向局政治部报送分类定级情况的截止日期须晚于结果评定（分类定级）'),
    );
    expect(() => planHefeiCampaign(withDeadlines({ standards: '07-15' }), calendar2026())).toThrow(/定级工作开始日须晚于基层党委制定分类定级标准/);
    expect(() => planHefeiCampaign(withDeadlines({ selfAssessment: '06-20' }), calendar2026())).toThrow(/不能早于定级工作开始日/);
  });

  it('refuses a date the year does not have', () => {
    expect(() => planHefeiCampaign(withDeadlines({ cleanupReview: '02-30' }), calendar2026())).toThrow(/02-30不是2026年的有效日期/);
    expect(() => planHefeiCampaign(withDeadlines({ cleanupReview: '04-31' }), calendar2026())).toThrow(CampaignPlanInvalid);
  });

  it('refuses a stage window without a working day', () => {
    // Application squeezed into Saturday 11 July 2026 alone.
    expect(() => planHefeiCampaign(withDeadlines({ application: '07-11' }), calendar2026())).toThrow(
      new CampaignPlanInvalid('逐级申报（基层党委审核）的办理期限（2026-07-11至2026-07-11）内没有工作日'),
    );
  });

  it('refuses half-yearly inspections not one in each half, or whose rectifications would run past the year', () => {
    const p = defaultHefeiParams(2026);
    expect(() => planHefeiCampaign({ ...p, specialInspectionMonths: { firstHalf: 7, secondHalf: 11 } }, calendar2026())).toThrow(/上半年专项督查须安排在1至6月/);
    expect(() => planHefeiCampaign({ ...p, specialInspectionMonths: { firstHalf: 6, secondHalf: 5 } }, calendar2026())).toThrow(/下半年专项督查须安排在7至12月/);
    // December's problems cannot be rectified in 15 working days before 31 December — refused without reading 2027's calendar.
    expect(() => planHefeiCampaign({ ...p, specialInspectionMonths: { firstHalf: 6, secondHalf: 12 } }, calendar2026())).toThrow(/超出本年度/);
  });

  it('refuses a regrading deadline that leaves a branch below standard no time to rectify and apply again', () => {
    // Notified by 20 August, 15 working days of rectification run to 10 September.
    expect(() => planHefeiCampaign(withDeadlines({ regrading: '09-10' }), calendar2026())).toThrow(/来不及整改并重新申报/);
    expect(() => planHefeiCampaign(withDeadlines({ regrading: '09-11' }), calendar2026())).not.toThrow();
  });

  it('refuses a year without calendar data, and a working-day late window reaching into an unknown year', () => {
    expect(() => planHefeiCampaign(defaultHefeiParams(2027), calendar2026())).toThrow(CalendarYearMissing);
    const p = defaultHefeiParams(2026);
    expect(() => planHefeiCampaign({ ...p, selfInspection: { lateWindow: { amount: 10, unit: 'working_days' } } }, calendar2026())).toThrow(new CalendarYearMissing(2027));
  });

  it("merges overrides over the document's defaults and checks them as the definition requires", () => {
    const merged = hefei.parameters.merge(2026, { deadlines: { report: '08-08' }, specialInspectionMonths: { secondHalf: 10 }, aGradeCap: 0.15 });
    expect(merged.deadlines).toEqual({ ...defaultHefeiParams(2026).deadlines, report: '08-08' });
    expect(merged.specialInspectionMonths).toEqual({ firstHalf: 6, secondHalf: 10 });
    expect(merged.aGradeCap).toBe(0.15);
    expect(merged.minimumMembers).toBe(3);
    expect(hefei.parameters.schema.safeParse(merged).success).toBe(true);
    expect(hefei.parameters.overrides.safeParse({ specialInspectionMonths: { firstHalf: 8 } }).success).toBe(false);
    // Thresholds out of order are a rule across fields: the shape takes them, the plan refuses them (below).
    expect(hefei.parameters.overrides.safeParse({ gradeThresholds: { A: 80, B: 85, C: 60 } }).success).toBe(true);
    expect(hefei.parameters.overrides.safeParse({ deadlines: { report: '8-10' } }).success).toBe(false);
    expect(hefei.parameters.overrides.safeParse({ quota: 3 }).success).toBe(false);
    expect(defaultHefeiParams(2026)).toMatchObject({ aGradeCap: 0.1, minimumMembers: 3, trainingsPerYear: 1, deadlines: { report: '08-10' } });
  });

  it('hands the campaign its political department and bureau committee', () => {
    const plan = planHefeiCampaign(defaultHefeiParams(2026), calendar2026());
    const input = hefei.workflow.input({
      campaignId: 'c',
      title: 't',
      params: defaultHefeiParams(2026),
      plan,
      orgDepartment: { id: 'zzb', name: '局政治部' },
      cityCommittee: { id: 'hf', name: '局党委' },
      startedBy: { userId: 'u', displayName: 'a', role: 'administrator', organisationId: 'zzb' },
    });
    expect(input).toMatchObject({ politicalDepartment: { id: 'zzb' }, bureauCommittee: { id: 'hf' }, plan });
    expect(hefei.stages.map((s) => s.id)).toEqual([...HEFEI_STAGES]);
    expect(hefei.subjectStatuses['grade.A']).toBe('分类定级等次：A级（先进）');
    expect(hefei.subjectStatuses['rectification.returned']).toBe('问题整改：整改未通过，已退回');
  });
});

describe('grade thresholds out of order', () => {
  it('are refused by the plan (a rule across fields the schema cannot state), naming them', () => {
    const params = hefei.parameters.merge(2026, { gradeThresholds: { A: 80, B: 90, C: 60 } });
    const calendar = new WorkingCalendar({ years: [2026], days: [] } as never);
    expect(() => hefei.plan(params, calendar)).toThrow(CampaignPlanInvalid);
    expect(() => hefei.plan(params, calendar)).toThrow(/等次分数线须满足 0 < C < B < A（现为 A 80、B 90、C 60）/);
  });
});
