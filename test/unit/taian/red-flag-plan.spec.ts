import { readFileSync } from 'node:fs';
import { CalendarYearMissing, CampaignPlanInvalid, WorkingCalendar } from '../../../libs/domain/src';
import { defaultRedFlagParams, planRedFlagCampaign } from '../../../libs/processes/src/taian';

const calendar2026 = () => {
  const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/years/2026.json'), 'utf8')) as { holidays: Record<string, string>; workdays: Record<string, string> };
  return new WorkingCalendar({ years: [2026], holidays: Object.keys(data.holidays), adjustedWorkdays: Object.keys(data.workdays) });
};

describe("Tai'an red-flag campaign plan", () => {
  it('lays out every stage with the document\'s dates, computed on the 2026 calendar', () => {
    const plan = planRedFlagCampaign(defaultRedFlagParams(2026), calendar2026());
    expect(plan.map((s) => [s.stage, s.opensOn, s.dueOn])).toEqual([
      ['application', '2026-01-01', '2026-03-15'],
      ['grassroots_recommendation', '2026-03-16', '2026-03-31'],
      ['city_managed_selection', '2026-04-01', '2026-05-31'],
      ['city_review', '2026-06-01', '2026-06-30'],
      ['naming', '2026-07-01', '2026-07-01'],
      ['cultivation_plan', '2026-07-01', '2026-07-10'],
      ['mentoring_plan', '2026-07-01', '2026-07-31'],
    ]);
    expect(plan[2]!.dueAt).toBe('2026-05-31T16:00:00.000Z');
    // A 3-day unit notice must start by 28 May to have run by 31 May.
    expect(plan[2]!.notes).toContain('本级公示不少于3个自然日，最晚2026-05-28开始');
    // Five working days before 30 June 2026 (a Tuesday): the notice must start by 23 June.
    expect(plan[3]!.notes[0]).toBe('向社会公示5个工作日，最晚2026-06-23开始');
  });

  it('refuses deadlines out of order, and a year without calendar data', () => {
    const params = defaultRedFlagParams(2026);
    expect(() => planRedFlagCampaign({ ...params, deadlines: { ...params.deadlines, naming: '05-01' } }, calendar2026())).toThrow(CampaignPlanInvalid);
    expect(() => planRedFlagCampaign(defaultRedFlagParams(2027), calendar2026())).toThrow(CalendarYearMissing);
  });

  it('refuses a plan whose notice to society cannot fit before the naming', () => {
    const params = defaultRedFlagParams(2026);
    expect(() => planRedFlagCampaign({ ...params, publicNotice: { amount: 30, unit: 'working_days' } }, calendar2026())).toThrow(/不足以完成向社会公示/);
  });
});
