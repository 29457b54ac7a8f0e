import { randomUUID } from 'node:crypto';
import { type TestSystem, useSystem } from '../support/system';

const WUJIN = 'wujin-branch-standardisation';
const VETO = { code: 'no_members_meeting', text: '全年未召开支部党员大会' };

/** Rubric administration over HTTP: the printed discrepancy shown, veto items added as new versions by a department's administrator. */
describe('rubrics end to end', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  beforeAll(async () => {
    sys = system.sys();
    // A committee-level administrator: an administrator, but not a department's.
    await sys.db.dataSource.query(
      `INSERT INTO role_assignments (id, user_id, organisation_id, role)
       SELECT $1, u.id, o.id, 'administrator' FROM users u, organisations o WHERE u.username = 'tsq-cyjd.reviewer' AND o.code = 'tsq-cyjd'`,
      [randomUUID()],
    );
  });

  const versions = async (code = WUJIN) =>
    (await sys.db.dataSource.query(`SELECT version FROM rubrics WHERE code = $1 ORDER BY version`, [code])).map((r: { version: number }) => r.version);
  const vetoAudits = async () => Number((await sys.db.dataSource.query(`SELECT count(*) FROM audit_log WHERE action = 'rubric.veto_item.added'`))[0].count);
  const post = async (user: string, body: object, code = WUJIN) =>
    sys.http.post(`/rubrics/${code}/veto-items`).set(await auth(user)).set('Idempotency-Key', randomUUID()).send(body);

  it("lists every rubric with its latest version, and reports Wujin's activity area: 30 declared, 32 listed", async () => {
    const list = await sys.http.get('/rubrics').set(await auth('tsq-cyjd-b01.secretary')).expect(200);
    expect(list.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: WUJIN, version: 1, name: '武进区党支部规范化建设考核细则', itemCount: 28, declaredTotal: 100, itemsTotal: 102 })]),
    );
    const detail = await sys.http.get(`/rubrics/${WUJIN}`).set(await auth('head')).expect(200);
    expect(detail.body).toMatchObject({ code: WUJIN, version: 1, latestVersion: 1, versions: [1], passThreshold: 85, itemCount: 28, declaredTotal: 100, itemsTotal: 102 });
    expect(detail.body.areas.map((a: { code: string; declaredPoints: number; itemsTotal: number }) => [a.code, a.declaredPoints, a.itemsTotal])).toEqual([
      ['A', 10, 10],
      ['B', 30, 30],
      ['C', 30, 32],
      ['D', 30, 30],
    ]);
    expect(detail.body.discrepancies).toEqual([
      { area: 'C', areaName: '活动开展有序', declaredPoints: 30, itemsTotal: 32, message: '活动开展有序：细则声明30分，所列条目合计32分；按所列条目计分' },
    ]);
    expect(detail.body.vetoItems.map((v: { code: string }) => v.code)).toEqual(['secretary_vacant', 'discipline_sanction', 'funds_missing']);
  });

  it('reading needs a sign-in; an unknown rubric or version is a 404 in Chinese', async () => {
    await sys.http.get('/rubrics').expect(401);
    await sys.http.get(`/rubrics/${WUJIN}`).expect(401);
    const unknown = await sys.http.get('/rubrics/no-such-rubric').set(await auth('head')).expect(404);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', message: '考核细则“no-such-rubric”不存在或您无权查看' });
    expect((await sys.http.get(`/rubrics/${WUJIN}?version=9`).set(await auth('head')).expect(404)).body.message).toContain('第9版');
    await sys.http.get(`/rubrics/${WUJIN}?version=first`).set(await auth('head')).expect(400);
  });

  it('refuses a veto item from anyone but a department administrator, and bad input, each changing nothing', async () => {
    await sys.http.post(`/rubrics/${WUJIN}/veto-items`).send(VETO).expect(401);
    for (const user of ['head', 'tsq-cyjd-b01.secretary', 'tsq-cyjd.reviewer']) {
      expect((await post(user, VETO)).status).toBe(403);
      expect(await versions()).toEqual([1]);
    }
    expect((await post('tsq-cyjd.reviewer', VETO)).body.message).toContain('只有组织部（政治部）的管理员');
    expect((await post('admin', VETO, 'no-such-rubric')).status).toBe(404);

    const refusals: Array<[object, number, string]> = [
      [{ code: 'Bad Code', text: VETO.text }, 422, '编码“Bad Code”不符合要求'],
      [{ code: VETO.code, text: '   ' }, 422, '请填写一票否决情形的内容'],
      [{ code: VETO.code, text: '长'.repeat(201) }, 422, '不能超过200个字'],
      [{ code: 'secretary_vacant', text: VETO.text }, 409, '编码 secretary_vacant 已用于一票否决情形“党支部书记缺职”'],
      [{ code: VETO.code, text: ' 党支部书记缺职 ' }, 409, '一票否决情形“党支部书记缺职”已存在'],
    ];
    for (const [body, status, message] of refusals) {
      const res = await post('admin', body);
      expect([res.status, res.body.message]).toEqual([status, expect.stringContaining(message)]);
      expect(await versions()).toEqual([1]);
    }
    expect((await post('admin', { code: VETO.code })).status).toBe(400);
    expect((await post('admin', { ...VETO, extra: 1 })).status).toBe(400);
    expect(await versions()).toEqual([1]);
    expect(await vetoAudits()).toBe(0);
  });

  it('adds a veto item as version 2, audited, leaving version 1 as it was; a retry with the same key does it once', async () => {
    const before = await sys.http.get(`/rubrics/${WUJIN}?version=1`).set(await auth('admin')).expect(200);
    const key = randomUUID();
    const added = await sys.http.post(`/rubrics/${WUJIN}/veto-items`).set(await auth('admin')).set('Idempotency-Key', key).send(VETO).expect(201);
    expect(added.body).toMatchObject({ version: 2, latestVersion: 2, versions: [1, 2] });
    expect(added.body.vetoItems.at(-1)).toEqual(VETO);
    const replay = await sys.http.post(`/rubrics/${WUJIN}/veto-items`).set(await auth('admin')).set('Idempotency-Key', key).send(VETO).expect(201);
    expect(replay.body.version).toBe(2);
    // The answer lost before the key's record was kept: the retry finds what it wrote rather than refusing its own item.
    await sys.db.dataSource.query(`DELETE FROM idempotency_keys`);
    const lost = await sys.http.post(`/rubrics/${WUJIN}/veto-items`).set(await auth('admin')).set('Idempotency-Key', key).send(VETO).expect(201);
    expect(lost.body.version).toBe(2);
    expect(await versions()).toEqual([1, 2]);

    const latest = await sys.http.get(`/rubrics/${WUJIN}`).set(await auth('tsq-cyjd-b01.secretary')).expect(200);
    expect(latest.body).toMatchObject({ version: 2, vetoItems: added.body.vetoItems, discrepancies: before.body.discrepancies });
    const v1 = await sys.http.get(`/rubrics/${WUJIN}?version=1`).set(await auth('admin')).expect(200);
    expect({ ...v1.body, latestVersion: undefined, versions: undefined }).toEqual({ ...before.body, latestVersion: undefined, versions: undefined });
    expect(v1.body.vetoItems).toHaveLength(3);

    const audit = await sys.db.dataSource.query(
      `SELECT a.actor_role, a.subject_type, a.subject_id, a.after, o.code AS org FROM audit_log a JOIN organisations o ON o.id = a.organisation_id WHERE a.action = 'rubric.veto_item.added'`,
    );
    expect(audit).toEqual([{ actor_role: 'administrator', subject_type: 'rubric', subject_id: WUJIN, after: { version: 2, vetoItems: added.body.vetoItems }, org: 'taian-zzb' }]);

    // The same item again is now a duplicate: refused, nothing written.
    expect((await post('admin', VETO)).status).toBe(409);
    expect(await versions()).toEqual([1, 2]);
  });

  it('two additions at the same moment make two versions, neither lost', async () => {
    const [a, b] = await Promise.all([
      post('admin', { code: 'funds_diverted', text: '党建工作经费被挪用' }),
      post('hf-zzb.admin', { code: 'no_position', text: '无固定活动阵地' }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.body.version, b.body.version].sort()).toEqual([3, 4]);
    expect(await versions()).toEqual([1, 2, 3, 4]);
    const latest = await sys.http.get(`/rubrics/${WUJIN}`).set(await auth('admin')).expect(200);
    expect(latest.body.vetoItems.map((v: { code: string }) => v.code)).toEqual(expect.arrayContaining(['no_members_meeting', 'funds_diverted', 'no_position']));
    expect(await vetoAudits()).toBe(3);
  });
});
