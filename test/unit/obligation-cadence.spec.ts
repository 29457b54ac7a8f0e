import { compliance, occurrences } from '../../libs/domain/src';

describe('obligation cadences', () => {
  it('obligation: monthly gives twelve periods, each due on its last day (leap years too)', () => {
    const months = occurrences({ kind: 'monthly' }, 2028);
    expect(months).toHaveLength(12);
    expect(months[1]).toEqual({ key: '2028-02', label: '2028年2月', periodStart: '2028-02-01', dueDate: '2028-02-29' });
    expect(months[11]!.dueDate).toBe('2028-12-31');
  });

  it('obligation: quarterly, half-yearly and yearly periods', () => {
    expect(occurrences({ kind: 'quarterly' }, 2026).map((o) => [o.periodStart, o.dueDate])).toEqual([
      ['2026-01-01', '2026-03-31'],
      ['2026-04-01', '2026-06-30'],
      ['2026-07-01', '2026-09-30'],
      ['2026-10-01', '2026-12-31'],
    ]);
    expect(occurrences({ kind: 'half_yearly' }, 2026).map((o) => o.label)).toEqual(['2026年上半年', '2026年下半年']);
    expect(occurrences({ kind: 'yearly' }, 2026)).toEqual([{ key: '2026', label: '2026年', periodStart: '2026-01-01', dueDate: '2026-12-31' }]);
  });

  it('obligation: given months and a deadline date (责任清单 "3月、12月", "11月底以前")', () => {
    expect(occurrences({ kind: 'months', months: [12, 3, 3] }, 2026).map((o) => o.key)).toEqual(['2026-03', '2026-12']);
    expect(occurrences({ kind: 'by_date', month: 11, day: 30 }, 2026)).toEqual([
      { key: '2026-by-11-30', label: '2026年11月30日前', periodStart: '2026-01-01', dueDate: '2026-11-30' },
    ]);
  });

  it('obligation: "12月或次年1月" is one period from 1 December to 31 January of the next year', () => {
    expect(occurrences({ kind: 'december_or_january' }, 2026)).toEqual([
      { key: '2026-12-or-01', label: '2026年12月或2027年1月', periodStart: '2026-12-01', dueDate: '2027-01-31' },
    ]);
  });

  it('obligation: given months name what each month does ("4月（设定积分标准）、12月（积分评比）")', () => {
    expect(occurrences({ kind: 'months', months: [12, 4], labels: { '4': '设定积分标准', '12': '积分评比' } }, 2026).map((o) => [o.label, o.dueDate])).toEqual([
      ['2026年4月：设定积分标准', '2026-04-30'],
      ['2026年12月：积分评比', '2026-12-31'],
    ]);
  });

  it('obligation: compliance counts on-time, late and missing among what is due', () => {
    expect(
      compliance([
        { status: 'completed', completedLate: false, due: true },
        { status: 'completed', completedLate: true, due: true },
        { status: 'overdue', completedLate: null, due: true },
        { status: 'open', completedLate: null, due: false },
      ]),
    ).toEqual({ due: 3, onTime: 1, late: 1, missing: 1, rate: 1 / 3 });
    expect(compliance([]).rate).toBe(1);
  });
});
