/** A year of 2027 for the simulation only: weekends and the statutory holidays, without the State Council's adjusted working days. */
export const SIMULATED_2027 = {
  source: '模拟数据：按《全国年节及纪念日放假办法》推算的法定节假日，不含调休（仅供模拟）',
  note: '模拟用日历，正式使用前须由管理员按国务院办公厅通知录入',
  days: [
    ['2027-01-01', '元旦'],
    ['2027-02-05', '春节'],
    ['2027-02-06', '春节'],
    ['2027-02-07', '春节'],
    ['2027-02-08', '春节'],
    ['2027-04-05', '清明节'],
    ['2027-05-01', '劳动节'],
    ['2027-05-02', '劳动节'],
    ['2027-06-09', '端午节'],
    ['2027-09-15', '中秋节'],
    ['2027-10-01', '国庆节'],
    ['2027-10-02', '国庆节'],
    ['2027-10-03', '国庆节'],
  ].map(([date, name]) => ({ date, kind: 'holiday', name })),
};

const simulatedYear = (days: Array<[string, string]>) => ({ ...SIMULATED_2027, days: days.map(([date, name]) => ({ date, kind: 'holiday', name })) });

/**
 * The years after 2027 a simulation may reach (Wujin's plan runs three
 * years), made the same way: statutory holidays on their solar dates (the
 * lunar ones converted), no adjusted working days. Simulation data only.
 */
export const SIMULATED_YEARS: Record<number, typeof SIMULATED_2027> = {
  2027: SIMULATED_2027,
  2028: simulatedYear([
    ['2028-01-01', '元旦'],
    ['2028-01-26', '春节'],
    ['2028-01-27', '春节'],
    ['2028-01-28', '春节'],
    ['2028-01-29', '春节'],
    ['2028-04-04', '清明节'],
    ['2028-05-01', '劳动节'],
    ['2028-05-02', '劳动节'],
    ['2028-05-28', '端午节'],
    ['2028-10-01', '国庆节'],
    ['2028-10-02', '国庆节'],
    ['2028-10-03', '国庆节'],
    ['2028-10-04', '中秋节（与国庆节重叠，顺延）'],
  ]),
  2029: simulatedYear([
    ['2029-01-01', '元旦'],
    ['2029-02-13', '春节'],
    ['2029-02-14', '春节'],
    ['2029-02-15', '春节'],
    ['2029-02-16', '春节'],
    ['2029-04-04', '清明节'],
    ['2029-05-01', '劳动节'],
    ['2029-05-02', '劳动节'],
    ['2029-06-16', '端午节'],
    ['2029-09-22', '中秋节'],
    ['2029-10-01', '国庆节'],
    ['2029-10-02', '国庆节'],
    ['2029-10-03', '国庆节'],
  ]),
};
