import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { LIANGSHAN_DEFAULT_LIST, LIANGSHAN_DEFAULT_THRESHOLDS, defaultLiangshanParams, liangshanObligationCode, liangshanScheduleId } from '../../../libs/processes/src/liangshan';

/** A year far ahead, so nothing turns late while a test runs. */
export const YEAR = 2093;

export interface LiangshanYearRows {
  campaignId: string;
  /** A campaign the prefecture does not reach, of another process. */
  wujinCampaignId: string;
  org: Record<string, string>;
}

/**
 * Liangshan's year as its workflows leave it at the start of February,
 * written straight into the database on the demo prefecture: the seed's list
 * taken, every branch keeping it, 州科协's and 州财政局's members' meetings
 * recorded on time and their committee meetings late and undone, 民族中学's
 * committee meeting late too.
 */
export async function writeLiangshanYear(ds: DataSource): Promise<LiangshanYearRows> {
  const q = (sql: string, params: unknown[] = []) => ds.query(sql, params);
  const org: Record<string, string> = {};
  for (const r of await q(`SELECT code, id FROM organisations WHERE code LIKE 'ls%' OR code = 'wj-zzb'`)) org[r.code] = r.id;

  const [admin] = await q(`SELECT id FROM users WHERE username = 'ls-zzb.admin'`);
  const campaign = async (process: string, organisation: string) => {
    const id = randomUUID();
    await q(`INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, $2, $3, $4, $5, $6, '[]', 'running', $7)`, [
      id,
      process,
      YEAR,
      `${YEAR}年度“五好党支部”创建责任清单`,
      organisation,
      JSON.stringify(defaultLiangshanParams(YEAR)),
      admin.id,
    ]);
    return id;
  };
  const campaignId = await campaign('liangshan', org['ls-zzb']!);
  const wujinCampaignId = await campaign('wujin', org['wj-zzb']!);
  await q(`INSERT INTO liangshan_years (campaign_id, year, items, thresholds, created_at) VALUES ($1, $2, $3, $4, now())`, [campaignId, YEAR, JSON.stringify(LIANGSHAN_DEFAULT_LIST), JSON.stringify(LIANGSHAN_DEFAULT_THRESHOLDS)]);
  for (const [branch, committee] of [['ls-zzgw-kx', 'ls-zzgw'], ['ls-zzgw-cz', 'ls-zzgw'], ['ls-zzgw-wj', 'ls-zzgw'], ['ls-jy-yz', 'ls-jy'], ['ls-jy-zz', 'ls-jy']] as const) {
    await q(`INSERT INTO liangshan_branch_years (campaign_id, branch_id, committee_id, schedule_id) VALUES ($1, $2, $3, $4)`, [campaignId, org[branch], org[committee], liangshanScheduleId(campaignId, org[branch]!, YEAR)]);
  }
  // 州科协's January as its schedule leaves it: the members' meeting recorded on time, the committee meeting late and undone;
  // 州财政局's members' meeting done, its committee meeting late too.
  const occurrence = async (branch: string, item: string, status: string, record?: Record<string, unknown>) => {
    const id = randomUUID();
    await q(
      `INSERT INTO obligation_occurrences (id, schedule_id, organisation_id, obligation_code, title, period_label, period_start, due_date, status, completed_at, completed_late, evidence,
                                           record_kind, record, leader_label, leader_organisation_id, leader_role, responsible_label)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, '支部书记', $3, 'reviewer', $15)`,
      [
        id,
        liangshanScheduleId(campaignId, org[branch]!, YEAR),
        org[branch],
        liangshanObligationCode(item),
        LIANGSHAN_DEFAULT_LIST.find((i) => i.code === item)!.title,
        `${YEAR}年1月`,
        `${YEAR}-01-01`,
        `${YEAR}-01-31`,
        status,
        status === 'completed' ? `${YEAR}-01-20T02:00:00Z` : null,
        status === 'completed' ? false : null,
        status === 'completed' ? '主题党日：集中学习党章，签到表和照片已上传' : null,
        record ? 'liangshan_session' : null,
        record ? JSON.stringify(record) : null,
        LIANGSHAN_DEFAULT_LIST.find((i) => i.code === item)!.responsible,
      ],
    );
  };
  const session = { evidence: '主题党日：集中学习党章', heldOn: `${YEAR}-01-20`, attendees: 16, collectiveStudy: true, leadingCadres: ['杨斌', '黄春莉'] };
  await occurrence('ls-zzgw-kx', 'L04', 'completed', session);
  await occurrence('ls-zzgw-kx', 'L03', 'overdue');
  await occurrence('ls-zzgw-cz', 'L04', 'completed', session);
  await occurrence('ls-zzgw-cz', 'L03', 'overdue');
  await occurrence('ls-jy-yz', 'L03', 'overdue');
  return { campaignId, wujinCampaignId, org };
}
