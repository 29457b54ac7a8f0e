import { compliance } from '../../../libs/domain/src';
import { delayPostpones, oneYearAfter, originalTermEnd, reElectionDelayRefusal } from '../../../libs/processes/src/wujin';
import { obligationFigures } from '../../../apps/api/src/wujin/figures';

const CHINESE = /[\u4e00-\u9fa5]/;

describe("Wujin's delayed re-election (换届延期)", () => {
  const rule = (until: string, o: { termEndsOn?: string; originalTermEndsOn?: string; today?: string } = {}) =>
    reElectionDelayRefusal({ termEndsOn: o.termEndsOn ?? '2017-06-28', originalTermEndsOn: o.originalTermEndsOn ?? o.termEndsOn ?? '2017-06-28', until, today: o.today ?? '2017-05-10' });

  it('takes a new date after the term end, not before today, at most one year after the term end', () => {
    expect(rule('2017-06-29')).toBeNull();
    expect(rule('2018-06-28')).toBeNull();
    expect(rule('2017-05-10', { termEndsOn: '2017-05-01', today: '2017-05-10' })).toBeNull();
  });

  it('refuses, in Chinese, a date beyond a year, in the past, or not after the term end', () => {
    expect(rule('2018-06-29')).toBe('换届延期一般不超过一年：本届任期2017-06-28届满，最迟可延期至2018-06-28');
    expect(rule('2017-05-09', { termEndsOn: '2017-05-01' })).toBe('延期后的换届日期（2017-05-09）不能早于今天（2017-05-10）');
    expect(rule('2017-06-28')).toBe('延期后的换届日期（2017-06-28）须晚于本届任期届满日（2017-06-28）');
    expect(rule('2017-06-01')).toMatch(CHINESE);
  });

  it('counts the year from the term end before any delay, so delays cannot be chained past it', () => {
    const approved = [
      { termEndsOn: '2017-06-28', until: '2017-10-31' },
      { termEndsOn: '2017-10-31', until: '2018-03-31' },
    ];
    expect(originalTermEnd('2018-03-31', approved)).toBe('2017-06-28');
    expect(originalTermEnd('2019-06-28', approved)).toBe('2019-06-28');
    expect(rule('2018-07-01', { termEndsOn: '2018-03-31', originalTermEndsOn: originalTermEnd('2018-03-31', approved) })).toContain('最迟可延期至2018-06-28');
    expect(oneYearAfter('2016-02-29')).toBe('2017-02-28');
  });

  it("postpones to the next year's schedule only when the plan has yet to start it", () => {
    expect(delayPostpones({ occurrenceYear: 2017, until: '2018-03-31', lastScheduleYear: 2018, today: '2017-11-01' })).toBe(true);
    expect(delayPostpones({ occurrenceYear: 2017, until: '2017-12-20', lastScheduleYear: 2018, today: '2017-11-01' })).toBe(false);
    // Beyond the plan's last year no schedule would carry it; in the new year already, its schedule has started without it.
    expect(delayPostpones({ occurrenceYear: 2018, until: '2019-03-31', lastScheduleYear: 2018, today: '2018-11-01' })).toBe(false);
    expect(delayPostpones({ occurrenceYear: 2017, until: '2018-03-31', lastScheduleYear: 2018, today: '2018-01-05' })).toBe(false);
  });

  it('counts a postponed occurrence neither due, nor missed, nor late, in the figures and the compliance rate', () => {
    const f = obligationFigures([
      { code: 'wujin_re_election', status: 'postponed', late: false, n: 1 },
      { code: 'wujin_re_election', status: 'completed', late: false, n: 1 },
    ]);
    expect(f.wujin_re_election).toEqual({ due: 1, onTime: 1, late: 0, missed: 0, open: 0 });
    expect(
      compliance([
        { status: 'postponed', completedLate: null, due: true },
        { status: 'completed', completedLate: false, due: true },
      ]),
    ).toEqual({ due: 1, onTime: 1, late: 0, missing: 0, rate: 1 });
  });
});
