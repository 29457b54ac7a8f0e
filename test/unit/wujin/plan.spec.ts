import { readFileSync } from 'node:fs';
import { CalendarYearMissing, CampaignPlanInvalid, WorkingCalendar } from '../../../libs/domain/src';
import { type WujinPlanParams, WUJIN_STAGES, defaultWujinParams, planWujin } from '../../../libs/processes/src/wujin';
import { wujin } from '../../../libs/processes/src/wujin/definition';

/** The document's own years, from the published calendars. */
const calendar = (years: number[]) => {
  const holidays: string[] = [];
  const adjustedWorkdays: string[] = [];
  for (const y of years) {
    const data = JSON.parse(readFileSync(require.resolve(`chinese-days/dist/years/${y}.json`), 'utf8')) as { holidays: Record<string, string>; workdays: Record<string, string> };
    holidays.push(...Object.keys(data.holidays));
    adjustedWorkdays.push(...Object.keys(data.workdays));
  }
  return new WorkingCalendar({ years, holidays, adjustedWorkdays });
};
const cal = calendar([2016, 2017, 2018]);
const withDeadlines = (d: Partial<WujinPlanParams['deadlines']>): WujinPlanParams => {
  const p = defaultWujinParams(2016);
  return { ...p, deadlines: { ...p.deadlines, ...d } };
};

describe("Wujin's three-year plan: its stages over the document's years", () => {
  it('ends the three phases on 31 December 2016, 2017 and 2018, with every stage inside its phase', () => {
    const plan = planWujin(defaultWujinParams(2016), cal);
    expect(plan.map((s) => s.stage)).toEqual([...WUJIN_STAGES]);
    const by = Object.fromEntries(plan.map((s) => [s.stage, s]));
    expect([by.phase_deploy!.dueOn, by.phase_compliance!.dueOn, by.phase_brand!.dueOn]).toEqual(['2016-12-31', '2017-12-31', '2018-12-31']);
    expect(by.phase_compliance!.opensOn).toBe('2017-01-01');
    expect(by.self_assessment!.opensOn).toBe('2017-01-01');
    expect(by.rectification!.dueOn).toBe('2017-12-15');
    // The end of 31 December 2017 in Beijing.
    expect(by.phase_compliance!.dueAt).toBe('2017-12-31T16:00:00.000Z');
    expect(by.phase_compliance!.notes.join()).toContain('85分');
    // 31 December 2016 is a Saturday: said, not hidden.
    expect(by.phase_deploy!.notes).toContain('截止日2016-12-31为休息日');
  });

  it('is served by the definition with three calendar years, a title naming the years, and its own forms', () => {
    expect(wujin.calendarYears).toBe(3);
    expect(wujin.title(defaultWujinParams(2016))).toBe('2016—2018年党支部规范化建设三年行动');
    expect(wujin.forms?.map((f) => f.kind)).toEqual(expect.arrayContaining(['wujin_verification', 'wujin_declaration', 'wujin_brand']));
    expect(wujin.parameters.merge(2016, { phases: { compliance: { target: 0.95 } } }).phases).toEqual({ deploy: { endsOn: '2016-12-31' }, compliance: { endsOn: '2017-12-31', target: 0.95 }, brand: { endsOn: '2018-12-31', target: 1 } });
  });

  it('refuses a plan that cannot work, naming the rule in Chinese', () => {
    expect(() => planWujin(withDeadlines({ selfAssessment: '2018-02-01' }), cal)).toThrow(CampaignPlanInvalid);
    expect(() => planWujin(withDeadlines({ selfAssessment: '2018-02-01' }), cal)).toThrow(/须在第二阶段/);
    expect(() => planWujin(withDeadlines({ committeeAssessment: '2017-04-01' }), cal)).toThrow(/早于开始日期/);
    // A notice of 5 working days after a verification on 28 July cannot close by 31 July.
    expect(() => planWujin(withDeadlines({ districtVerification: '2017-07-28' }), cal)).toThrow(/公示5个工作日/);
    expect(() => planWujin(withDeadlines({ reassessment: '2017-08-15' }), cal)).toThrow(/来不及复核/);
    expect(() => planWujin(withDeadlines({ brands: '2018-02-30' }), cal)).toThrow(/不是有效日期/);
    expect(() => planWujin({ ...defaultWujinParams(2016), phases: { ...defaultWujinParams(2016).phases, deploy: { endsOn: '2018-01-01' } } }, cal)).toThrow(/依次在后/);
  });

  it('needs the calendars of all three years', () => {
    expect(() => planWujin(defaultWujinParams(2016), calendar([2016, 2017]))).toThrow(CalendarYearMissing);
  });
});
