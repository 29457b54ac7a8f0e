import { LIANGSHAN_LEADERS, LIANGSHAN_RECORDS, type LiangshanItem } from './list';

/** The most items a year's list may hold (the seed's has 25). */
export const LIANGSHAN_LIST_MAX = 60;
const CODE = /^[A-Za-z][A-Za-z0-9_-]{0,19}$/;

const validDay = (month: number, day: number) => {
  const d = new Date(Date.UTC(2024, month - 1, day)); // a leap year: 2月29日 is a deadline some year has
  return Number.isInteger(month) && Number.isInteger(day) && month >= 1 && month <= 12 && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
};

/** The months an item's occurrences start in: what `recordsByMonth` may name. */
function startMonths(item: LiangshanItem): number[] {
  switch (item.deadline.kind) {
    case 'monthly':
      return Array.from({ length: 12 }, (_, i) => i + 1);
    case 'months':
      return item.deadline.months;
    case 'december_or_january':
      return [12];
    default:
      return [1];
  }
}

/**
 * Why a year's list cannot be kept, each problem in Chinese naming the item;
 * empty when it can. The list's shape is checked before (the API's schema);
 * these are the rules the shape cannot state.
 */
export function liangshanListProblems(items: readonly LiangshanItem[]): string[] {
  const problems: string[] = [];
  if (!items.length) problems.push('责任清单至少要有一项重点工作');
  if (items.length > LIANGSHAN_LIST_MAX) problems.push(`责任清单最多${LIANGSHAN_LIST_MAX}项`);
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const at = `第${i + 1}项（${item.code}）`;
    if (!CODE.test(item.code)) problems.push(`${at}：编号须以字母开头，1至20位字母、数字、下划线或连字符`);
    if (seen.has(item.code)) problems.push(`${at}：编号与前面的事项重复`);
    seen.add(item.code);
    if (!item.title.trim() || item.title.length > 200) problems.push(`${at}：重点工作须为1至200字`);
    if (!item.responsible.trim() || item.responsible.length > 100) problems.push(`${at}：责任人须为1至100字`);
    if (!item.deadlineText.trim() || item.deadlineText.length > 200) problems.push(`${at}：完成时限须为1至200字`);
    if (!LIANGSHAN_LEADERS.includes(item.leader)) problems.push(`${at}：责任领导须为党组书记（party_group_secretary）或支部书记（branch_secretary）`);
    const d = item.deadline;
    if (d.kind === 'months') {
      if (!d.months.length || d.months.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) problems.push(`${at}：指定月份须为1至12月，至少一个`);
      if (new Set(d.months).size !== d.months.length) problems.push(`${at}：指定月份不能重复`);
      for (const m of Object.keys(d.labels ?? {})) if (!d.months.includes(Number(m))) problems.push(`${at}：${m}月的说明不在指定月份之内`);
    }
    if (d.kind === 'by_date' && !validDay(d.month, d.day)) problems.push(`${at}：限期日期${d.month}月${d.day}日不存在`);
    if (item.record && !LIANGSHAN_RECORDS.includes(item.record)) problems.push(`${at}：记录类型“${item.record}”无法识别`);
    if (item.quota) {
      const q = item.quota;
      if (!Number.isInteger(q.min) || q.min < 1 || (q.max !== undefined && (!Number.isInteger(q.max) || q.max < q.min))) problems.push(`${at}：按次登记的次数须为正整数，上限不小于下限`);
      if (item.record || item.recordsByMonth) problems.push(`${at}：按次登记的事项逐次填写活动记录，不另设记录类型`);
    }
    if (item.countsAs && !item.quota) problems.push(`${at}：计入集中学习的事项须按次登记（quota）`);
    for (const [m, r] of Object.entries(item.recordsByMonth ?? {})) {
      if (!LIANGSHAN_RECORDS.includes(r)) problems.push(`${at}：${m}月的记录类型“${r}”无法识别`);
      if (!startMonths(item).includes(Number(m))) problems.push(`${at}：${m}月不是该事项开展的月份`);
    }
  });
  return problems;
}
