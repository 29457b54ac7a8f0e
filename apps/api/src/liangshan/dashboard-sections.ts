import type { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  LIANGSHAN_DEFAULT_THRESHOLDS,
  LIANGSHAN_LEADER_LABELS,
  LIANGSHAN_THRESHOLD_KEYS,
  type LiangshanItem,
  type LiangshanThresholds,
  liangshanObligationCode,
} from '../../../../libs/processes/src/liangshan';
import { day, id } from '../openapi/schemas';
import { COUNTED_RECORDS_SQL, type CountedRecordRow, OCCURRENCE_COLUMNS, type OccurrenceRow, countsAsOf, listFigures, thresholdsOf } from './occurrence-figures';

const count = z.int().min(0);
const figures = z.strictObject({ due: count.describe('已完成或已逾期'), onTime: count, late: count.describe('逾期后完成'), missed: count.describe('逾期未完成'), open: count.describe('未到期、尚未完成') });

/** The sections' shape, as the OpenAPI document shows them. */
export const liangshanSectionsSchema = z.strictObject({
  list: z
    .strictObject({
      month: z.string().nullable().describe('已开始的最近一个月（YYYY-MM，按流程时钟）'),
      figures,
      committees: z.array(figures.extend({ committeeId: id, committeeName: z.string(), branches: count, behind: count.describe('有逾期未完成事项的党支部') })),
      behind: z
        .array(
          z.strictObject({
            branchId: id,
            branchName: z.string(),
            committeeName: z.string(),
            overdue: count.describe('逾期未完成的事项'),
            dueThisMonth: count.describe('本月到期、尚未完成的事项'),
            items: z.array(z.strictObject({ occurrenceId: id, title: z.string(), label: z.string(), dueDate: day, leaderLabel: z.string(), responsible: z.string() })),
          }),
        )
        .describe('落后的党支部：有逾期未完成事项的，逾期多的在前'),
    })
    .describe('责任清单完成情况'),
  thresholds: z
    .strictObject({
      targets: z.strictObject(Object.fromEntries(LIANGSHAN_THRESHOLD_KEYS.map((k) => [k, z.number()])) as Record<(typeof LIANGSHAN_THRESHOLD_KEYS)[number], z.ZodNumber>),
      met: z.strictObject(Object.fromEntries(LIANGSHAN_THRESHOLD_KEYS.map((k) => [k, count])) as Record<(typeof LIANGSHAN_THRESHOLD_KEYS)[number], typeof count>).describe('达到各项标准的党支部数'),
      branches: z.array(
        z.strictObject({
          branchId: id,
          branchName: z.string(),
          committeeName: z.string(),
          metAll: z.boolean(),
          figures: z.array(z.strictObject({ key: z.enum(LIANGSHAN_THRESHOLD_KEYS), figure: z.number().nullable(), met: z.boolean() })),
        }),
      ),
    })
    .describe('各党支部创建标准达标情况（由记录计算）'),
});
export type LiangshanSections = z.infer<typeof liangshanSectionsSchema>;

type Row = OccurrenceRow & { branch_name: string; committee_id: string; committee_name: string; schedule_id: string };

/** Liangshan's sections over one subtree (`under`): the list's figures by committee, who is behind, each branch's thresholds. */
export async function liangshanSections(ds: DataSource, campaignId: string, under: string): Promise<LiangshanSections> {
  const [year] = await ds.query(`SELECT items, thresholds FROM liangshan_years WHERE campaign_id = $1`, [campaignId]);
  const items: LiangshanItem[] = year?.items ?? [];
  const t: LiangshanThresholds = { ...LIANGSHAN_DEFAULT_THRESHOLDS, ...(year?.thresholds ?? {}) };
  const branches: Array<{ branch_id: string; branch_name: string; committee_id: string; committee_name: string }> = await ds.query(
    `SELECT y.branch_id, b.name AS branch_name, y.committee_id, c.name AS committee_name
       FROM liangshan_branch_years y JOIN organisations b ON b.id = y.branch_id JOIN organisations c ON c.id = y.committee_id
      WHERE y.campaign_id = $1 AND b.path LIKE $2`,
    [campaignId, under],
  );
  // By committee, then branch, as a reader looks them up: by name.
  branches.sort((a, b) => a.committee_name.localeCompare(b.committee_name, 'zh-CN') || a.branch_name.localeCompare(b.branch_name, 'zh-CN'));
  const rows: Row[] = await ds.query(
    `SELECT ${OCCURRENCE_COLUMNS}, y.schedule_id FROM liangshan_branch_years y JOIN organisations b ON b.id = y.branch_id
       JOIN obligation_occurrences x ON x.schedule_id = y.schedule_id
      WHERE y.campaign_id = $1 AND b.path LIKE $2`,
    [campaignId, under],
  );
  const counted: CountedRecordRow[] = await ds.query(COUNTED_RECORDS_SQL, [[...new Set(rows.map((r) => r.schedule_id))]]);
  const countedBy = new Map<string, CountedRecordRow[]>();
  for (const c of counted) countedBy.set(c.organisation_id, [...(countedBy.get(c.organisation_id) ?? []), c]);
  const countsAs = countsAsOf(items);
  const byBranch = new Map<string, Row[]>();
  for (const r of rows) byBranch.set(r.organisation_id, [...(byBranch.get(r.organisation_id) ?? []), r]);
  const month = rows.reduce<string | null>((m, r) => (m === null || r.period_start > m ? r.period_start : m), null)?.slice(0, 7) ?? null;
  const itemOf = new Map(items.map((i) => [liangshanObligationCode(i.code), i]));

  const behind = branches
    .map((b) => {
      const own = byBranch.get(b.branch_id) ?? [];
      const overdue = own.filter((r) => r.status === 'overdue').sort((a, c) => a.due_date.localeCompare(c.due_date));
      return {
        branchId: b.branch_id,
        branchName: b.branch_name,
        committeeName: b.committee_name,
        overdue: overdue.length,
        dueThisMonth: month ? own.filter((r) => r.status === 'open' && r.due_date.startsWith(month)).length : 0,
        items: overdue.map((r) => {
          const item = itemOf.get(r.obligation_code);
          return { occurrenceId: r.id, title: item?.title ?? r.obligation_code, label: r.period_label, dueDate: r.due_date, leaderLabel: item ? LIANGSHAN_LEADER_LABELS[item.leader] : '', responsible: item?.responsible ?? '' };
        }),
      };
    })
    .filter((b) => b.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || a.branchName.localeCompare(b.branchName, 'zh-CN'));

  const committees = [...new Map(branches.map((b) => [b.committee_id, b.committee_name])).entries()].map(([committeeId, committeeName]) => {
    const mine = branches.filter((b) => b.committee_id === committeeId);
    return {
      committeeId,
      committeeName,
      branches: mine.length,
      behind: behind.filter((x) => mine.some((b) => b.branch_id === x.branchId)).length,
      ...listFigures(mine.flatMap((b) => byBranch.get(b.branch_id) ?? [])),
    };
  });

  const perBranch = branches.map((b) => {
    const th = thresholdsOf(byBranch.get(b.branch_id) ?? [], t, countedBy.get(b.branch_id) ?? [], countsAs);
    return { branchId: b.branch_id, branchName: b.branch_name, committeeName: b.committee_name, metAll: th.every((x) => x.met), figures: th.map((x) => ({ key: x.key, figure: x.figure, met: x.met })) };
  });
  return {
    list: { month, figures: listFigures(rows), committees, behind },
    thresholds: {
      targets: t,
      met: Object.fromEntries(LIANGSHAN_THRESHOLD_KEYS.map((k) => [k, perBranch.filter((b) => b.figures.find((f) => f.key === k)!.met).length])) as LiangshanSections['thresholds']['met'],
      branches: perBranch,
    },
  };
}
