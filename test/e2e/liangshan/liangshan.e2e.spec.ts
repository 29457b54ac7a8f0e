import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { LIANGSHAN_DEFAULT_LIST, LIANGSHAN_DEFAULT_THRESHOLDS, liangshanScheduleId } from '../../../libs/processes/src/liangshan';
import { YEAR, writeLiangshanYear } from './liangshan-rows';
import { type TestSystem, useSystem } from '../../support/system';

const CHINESE = /[\u4e00-\u9fa5]/;
const ADMIN = 'ls-zzb.admin';
const HEAD = 'ls-zzb.head'; // the organisation department's head: the whole prefecture
const ZZGW_HEAD = 'ls-zzgw.head'; // the organs' working committee: its three branches
const JY_HEAD = 'ls-jy.head'; // the education committee: not 州科协
const KX_STAFF = 'ls-zzgw-kx.staff'; // 州科协's responsible people
const KX_LEADER = 'ls-zzgw-kx.leader';
const CZ_STAFF = 'ls-zzgw-cz.staff';
const OTHER_ADMIN = 'wj-zzb.admin'; // another tree's department administrator
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked against the OpenAPI document by the harness
type Json = any;

/**
 * Liangshan's endpoints over HTTP against the whole system: the year's list
 * (read by anyone signed in, kept by an organisation department's
 * administrator), a branch's year of it, its .xlsx and the dashboard's
 * sections, on rows written as the workflows write them (a year far ahead, so
 * nothing turns late while the test runs) — each refusal in Chinese, leaving
 * everything as it was, and every answer checked against the OpenAPI document.
 */
describe("Liangshan's responsibility list over HTTP", () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  let campaignId: string;
  let wujinCampaignId: string;
  const org: Record<string, string> = {};
  const q = (sql: string, params: unknown[] = []) => sys.db.dataSource.query(sql, params);
  const fingerprint = async () =>
    JSON.stringify(
      await q(
        `SELECT (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM liangshan_lists t) AS lists,
                (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM obligation_occurrences t) AS occurrences,
                (SELECT count(*) FROM audit_log) AS audit`,
      ),
    );
  const put = async (user: string, year: number | string, body: unknown, status: number, key = randomUUID()) =>
    sys.http.put(`/liangshan/lists/${year}`).set(await auth(user)).set('Idempotency-Key', key).send(body as object).expect(status);
  const get = async (path: string, user: string, status = 200) => sys.http.get(path).set(await auth(user)).expect(status);

  beforeAll(async () => {
    sys = system.sys();
    const year = await writeLiangshanYear(sys.db.dataSource);
    ({ campaignId, wujinCampaignId } = year);
    Object.assign(org, year.org);
  });

  describe('the year’s list', () => {
    it("gives anyone signed in the seed's 25 items, each with its leader, responsible people and deadline", async () => {
      const res = await get(`/liangshan/lists/${YEAR}`, KX_STAFF, 200);
      expect(res.body).toMatchObject({ year: YEAR, source: 'seed', version: 0, updatedAt: null, updatedBy: null });
      expect(res.body.items).toHaveLength(25);
      expect(res.body.items[15]).toMatchObject({ code: 'L16', leaderLabel: '支部书记', responsible: '宣传委员、全体党员', deadline: { kind: 'december_or_january' }, deadlineKindLabel: '12月或次年1月' });
      await sys.http.get(`/liangshan/lists/${YEAR}`).expect(401);
    });

    it('refuses a year that is not one, in Chinese', async () => {
      for (const year of ['abc', '1990', '2093.5']) {
        const res = await get(`/liangshan/lists/${year}`, KX_STAFF, 400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.message).toMatch(CHINESE);
      }
    });

    it('lets only an organisation department’s administrator keep a list; every other role is refused and nothing changes', async () => {
      const before = await fingerprint();
      const items = LIANGSHAN_DEFAULT_LIST.slice(0, 3);
      for (const user of [KX_STAFF, KX_LEADER, HEAD, ZZGW_HEAD]) {
        const res = await put(user, YEAR, { items }, 403);
        expect(res.body).toMatchObject({ code: 'FORBIDDEN', message: '只有组织部的管理员可以维护责任清单' });
      }
      await sys.http.put(`/liangshan/lists/${YEAR}`).set('Idempotency-Key', randomUUID()).send({ items }).expect(401);
      expect(await fingerprint()).toBe(before);
    });

    it('refuses a list that breaks its rules (422, each problem named) or its shape (400), and nothing changes', async () => {
      const before = await fingerprint();
      const base = LIANGSHAN_DEFAULT_LIST[2]!;
      const broken = await put(ADMIN, YEAR + 1, { items: [base, { ...base, deadline: { kind: 'months', months: [13] } }, { ...base, code: 'L99', deadline: { kind: 'by_date', month: 2, day: 30 } }] }, 422);
      expect(broken.body.code).toBe('INVALID_LIANGSHAN_LIST');
      expect(broken.body.details).toEqual(['第2项（L03）：编号与前面的事项重复', '第2项（L03）：指定月份须为1至12月，至少一个', '第3项（L99）：限期日期2月30日不存在']);
      const empty = await put(ADMIN, YEAR + 1, { items: [] }, 422);
      expect(empty.body.message).toBe('责任清单至少要有一项重点工作');
      for (const body of [{}, { items: [{ ...base, leader: 'boss' }] }, { items: [{ ...base, deadline: { kind: 'weekly' } }] }, { items: [{ ...base, extra: 1 }] }, { items: 'L01' }]) {
        const res = await put(ADMIN, YEAR + 1, body, 400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.message).toMatch(CHINESE);
      }
      expect(await fingerprint()).toBe(before);
    });

    it('keeps an administrator’s list for the year, audited; a retry with the same key changes nothing more; running years keep theirs', async () => {
      const items = LIANGSHAN_DEFAULT_LIST.filter((i) => i.code !== 'L25').map((i) =>
        i.code === 'L03'
          ? { ...i, deadline: { kind: 'months' as const, months: [3, 6, 9, 12] }, deadlineText: '每季度1次' }
          : i.code === 'L10'
            ? { ...i, quota: { min: 12, unit: 'times' as const }, countsAs: 'study_session' as const }
            : i,
      );
      const key = randomUUID();
      const saved = await put(ADMIN, YEAR + 1, { items }, 200, key);
      expect(saved.body).toMatchObject({ year: YEAR + 1, source: 'administrator', version: 1, updatedBy: '中共凉山州委组织部管理员' });
      expect(saved.body.items).toHaveLength(24);
      expect(saved.body.items[2]).toMatchObject({ code: 'L03', deadlineText: '每季度1次', deadline: { kind: 'months', months: [3, 6, 9, 12] } });
      expect(saved.body.items[9]).toMatchObject({ code: 'L10', quota: { min: 12, unit: 'times' }, countsAs: 'study_session' });
      const replay = await put(ADMIN, YEAR + 1, { items }, 200, key);
      expect(replay.body).toEqual(saved.body);
      const audits = await q(`SELECT a.actor_role, a.subject_id, a.after, o.code FROM audit_log a JOIN organisations o ON o.id = a.organisation_id WHERE a.action = 'liangshan.list.saved'`);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actor_role: 'administrator', subject_id: String(YEAR + 1), code: 'ls-zzb' });
      expect((await get(`/liangshan/lists/${YEAR + 1}`, CZ_STAFF, 200)).body).toEqual(saved.body);
      // Another tree's department administrator keeps lists too (the process's list, like the rubrics), and the year's campaign keeps its own.
      expect((await put(OTHER_ADMIN, YEAR + 2, { items: items.slice(0, 1) }, 200)).body.version).toBe(1);
      expect((await get(`/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw-kx']}`, KX_STAFF, 200)).body.items).toHaveLength(25);
    });
  });

  describe("a branch's year", () => {
    it('shows the branch and everyone above it every item with both parties, its occurrences with evidence and records, the figures and thresholds', async () => {
      for (const user of [KX_STAFF, KX_LEADER, ZZGW_HEAD, HEAD, 'ls-zzgw.reviewer']) {
        const res = await get(`/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw-kx']}`, user, 200);
        expect(res.body.branch).toEqual({ id: org['ls-zzgw-kx'], name: '凉山州科学技术协会党支部', committeeName: '中共凉山州直属机关工作委员会' });
      }
      const page: Json = (await get(`/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw-kx']}`, KX_STAFF)).body;
      expect(page.figures).toEqual({ due: 2, onTime: 1, late: 0, missed: 1, open: 0 });
      expect(page.items.map((i: Json) => [i.code, i.leaderLabel, i.responsible]).slice(0, 4)).toEqual([
        ['L01', '党组书记', '支部书记'],
        ['L02', '支部书记', '组织委员'],
        ['L03', '支部书记', '支委委员'],
        ['L04', '支部书记', '宣传委员、全体党员'],
      ]);
      expect(page.items[2].occurrences[0]).toMatchObject({ status: 'overdue', statusLabel: '已逾期', completedLate: null });
      expect(page.items[3].occurrences[0]).toMatchObject({ status: 'completed', recordKind: 'liangshan_session', record: { attendees: 16, leadingCadres: ['杨斌', '黄春莉'] } });
      expect(page.thresholds.map((t: Json) => [t.key, t.figure, t.met])).toEqual([
        ['satisfaction', null, false],
        ['excellentShare', null, false],
        ['studySessions', 1, false],
        ['organisationLife', 1, false],
        ['lessons', 0, false],
        ['talks', 0, false],
      ]);
      expect(page.pointsRanking).toEqual([]);
      expect(page.starRating).toBeNull();
    });

    it("is not found outside the reader's subtree, for another process's campaign, or for what does not exist; malformed ids are 400", async () => {
      const before = await fingerprint();
      for (const [path, user] of [
        [`/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw-kx']}`, CZ_STAFF],
        [`/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw-kx']}`, JY_HEAD],
        [`/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw-kx']}`, OTHER_ADMIN],
        [`/campaigns/${wujinCampaignId}/liangshan/branches/${org['ls-zzgw-kx']}`, HEAD],
        [`/campaigns/${UNKNOWN}/liangshan/branches/${org['ls-zzgw-kx']}`, HEAD],
        [`/campaigns/${campaignId}/liangshan/branches/${UNKNOWN}`, HEAD],
        [`/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw']}`, HEAD],
        [`/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw-kx']}/responsibility-list.xlsx`, CZ_STAFF],
      ] as const) {
        const res = await get(path, user, 404);
        expect(res.body.code).toBe('NOT_FOUND');
        expect(res.body.message).toMatch(CHINESE);
      }
      for (const path of [`/campaigns/nope/liangshan/branches/${org['ls-zzgw-kx']}`, `/campaigns/${campaignId}/liangshan/branches/nope`, `/campaigns/${campaignId}/liangshan/branches/nope/responsibility-list.xlsx`]) {
        expect((await get(path, HEAD, 400)).body.code).toBe('VALIDATION_FAILED');
      }
      await sys.http.get(`/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw-kx']}`).expect(401);
      expect(await fingerprint()).toBe(before);
    });

    it('downloads the responsibility list with each item’s status and the thresholds as .xlsx', async () => {
      const res = await sys.http
        .get(`/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw-kx']}/responsibility-list.xlsx`)
        .set(await auth(ZZGW_HEAD))
        .buffer(true)
        .parse(asBytes)
        .expect(200);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('凉山州科学技术协会党支部2093年责任清单'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      const [list, thresholds] = wb.worksheets;
      expect(list!.getCell(1, 1).value).toBe(`${YEAR}年“五好党支部”创建工作责任清单`);
      expect([4, 5, 6, 7].map((r) => String(list!.getCell(r, 6).value))).toEqual(['尚未开始', '尚未开始', `${YEAR}年1月：已逾期`, `${YEAR}年1月：已完成（按时）`]);
      expect([4, 5, 6].map((r) => String(thresholds!.getCell(r, 5).value))).toEqual(['未达到', '未达到', '未达到']);
    });

    it('prints the same list and thresholds as a PDF, each table from a new page; refused where the .xlsx is', async () => {
      const path = `/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw-kx']}/responsibility-list.pdf`;
      const res = await sys.http.get(path).set(await auth(ZZGW_HEAD)).buffer(true).parse(asBytes).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(`${encodeURIComponent('凉山州科学技术协会党支部2093年责任清单')}.pdf`);
      const pages = execFileSync('pdftotext', ['-raw', '-', '-'], { input: res.body as Buffer, encoding: 'utf8' }).split('\f').map((p) => p.replace(/\s+/g, ''));
      expect(pages[0]).toMatch(new RegExp(`^${YEAR}年“五好党支部”创建工作责任清单填报单位：凉山州科学技术协会党支部`));
      expect(pages[0]).toContain(`${YEAR}年1月：已完成（按时）`);
      expect(pages.some((p) => p.startsWith('“五好党支部”创建标准达标情况填报单位：凉山州科学技术协会党支部'))).toBe(true);
      expect((await get(path, CZ_STAFF, 404)).body.code).toBe('NOT_FOUND');
    });
  });

  describe("an item's occurrence (the task's subject)", () => {
    it('shows the branch and those above it the occurrence with its leader and people; 404 outside the subtree or unknown, 400 malformed', async () => {
      const [x] = await q(`SELECT id FROM obligation_occurrences WHERE organisation_id = $1 AND obligation_code = 'liangshan_L03'`, [org['ls-zzgw-kx']]);
      for (const user of [KX_STAFF, KX_LEADER, ZZGW_HEAD, HEAD]) {
        const res = await get(`/obligations/occurrences/${x.id}`, user, 200);
        expect(res.body).toMatchObject({ id: x.id, organisationName: '凉山州科学技术协会党支部', title: '支委会', periodLabel: `${YEAR}年1月`, dueDate: `${YEAR}-01-31`, status: 'overdue', statusLabel: '已逾期', leader: '支部书记', responsible: '支委委员' });
      }
      for (const [id, user] of [[x.id, CZ_STAFF], [x.id, JY_HEAD], [x.id, OTHER_ADMIN], [UNKNOWN, HEAD]] as const) {
        const res = await get(`/obligations/occurrences/${id}`, user, 404);
        expect(res.body.message).toMatch(CHINESE);
      }
      expect((await get('/obligations/occurrences/nope', HEAD, 400)).body.code).toBe('VALIDATION_FAILED');
      await sys.http.get(`/obligations/occurrences/${x.id}`).expect(401);
    });
  });

  describe('the dashboard', () => {
    it('shows the department head who is behind, most behind first, with each late item’s leader and people, and each branch’s thresholds', async () => {
      const d: Json = (await get(`/campaigns/${campaignId}/dashboard`, HEAD, 200)).body;
      expect(d.list.month).toBe(`${YEAR}-01`);
      expect(d.list.figures).toEqual({ due: 5, onTime: 2, late: 0, missed: 3, open: 0 });
      expect(d.list.behind.map((b: Json) => [b.branchName, b.overdue])).toEqual([
        ['凉山州财政局机关党支部', 1],
        ['凉山州科学技术协会党支部', 1],
        ['凉山州民族中学党支部', 1],
      ]);
      expect(d.list.behind[1].items).toEqual([{ occurrenceId: expect.any(String), title: '支委会', label: `${YEAR}年1月`, dueDate: `${YEAR}-01-31`, leaderLabel: '支部书记', responsible: '支委委员' }]);
      expect(d.list.committees.map((c: Json) => [c.committeeName, c.branches, c.behind])).toEqual([
        ['中共凉山州教育系统委员会', 2, 1],
        ['中共凉山州直属机关工作委员会', 3, 2],
      ]);
      expect(d.thresholds.targets).toEqual(LIANGSHAN_DEFAULT_THRESHOLDS);
      expect(d.thresholds.branches).toHaveLength(5);
      expect(d.thresholds.met.studySessions).toBe(0);
    });

    it("shows a committee's head its own branches only", async () => {
      const d: Json = (await get(`/campaigns/${campaignId}/dashboard`, JY_HEAD, 200)).body;
      expect(d.list.behind.map((b: Json) => b.branchName)).toEqual(['凉山州民族中学党支部']);
      expect(d.thresholds.branches.map((b: Json) => b.branchName)).toEqual(['凉山州民族中学党支部', '凉山州职业技术学校党支部']);
    });
  });

  describe("a counted item's records", () => {
    it('count toward the collective study sessions when the year’s list says its item counts as one', async () => {
      // The year's list with 党员学习 counted (≥ 12 a year, each a study session), and one record of it as the engine keeps it.
      const items = LIANGSHAN_DEFAULT_LIST.map((i) => (i.code === 'L10' ? { ...i, quota: { min: 12, unit: 'times' }, countsAs: 'study_session' } : i));
      await q(`UPDATE liangshan_years SET items = $2 WHERE campaign_id = $1`, [campaignId, JSON.stringify(items)]);
      const [staff] = await q(`SELECT id FROM users WHERE username = $1`, [KX_STAFF]);
      const [x] = await q(
        `INSERT INTO obligation_occurrences (id, schedule_id, organisation_id, obligation_code, title, period_label, period_start, due_date, status, quota, counted)
         VALUES (gen_random_uuid(), $1, $2, 'liangshan_L10', '党员学习、学习笔记（心得）', $3, $4, $5, 'open', '{"min":12,"unit":"times"}', 1) RETURNING id`,
        [liangshanScheduleId(campaignId, org['ls-zzgw-kx']!, YEAR), org['ls-zzgw-kx'], `${YEAR}年`, `${YEAR}-01-01`, `${YEAR}-12-31`],
      );
      await q(
        `INSERT INTO obligation_records (id, occurrence_id, organisation_id, record_date, attendees, minutes, counted_after, over_max, recorded_by, recorded_at)
         VALUES (gen_random_uuid(), $1, $2, $3, '全体党员16人', '集中学习党章', 1, false, $4, now())`,
        [x.id, org['ls-zzgw-kx'], `${YEAR}-01-25`, staff.id],
      );
      const page: Json = (await get(`/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw-kx']}`, KX_STAFF)).body;
      expect(page.thresholds.find((t: Json) => t.key === 'studySessions')).toMatchObject({ figure: 2, basis: '集中学习2次（其中按次登记1次）' });
      const d: Json = (await get(`/campaigns/${campaignId}/dashboard`, HEAD)).body;
      expect(d.thresholds.branches.find((b: Json) => b.branchName === '凉山州科学技术协会党支部').figures.find((f: Json) => f.key === 'studySessions').figure).toBe(2);
    });
  });
});

function asBytes(res: request.Response, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
