import { randomUUID } from 'node:crypto';
import { type TestSystem, useSystem } from '../../support/system';
import { type WujinYear, YEAR, writeWujinYear } from './wujin-rows';

const CHINESE = /[\u4e00-\u9fa5]/;
const DISTRICT = 'wj-zzb.reviewer'; // the organisation department: reviews the committees' plans
const HT = 'wj-ht.reviewer'; // 湖塘镇's committee: reviews its branches' brands, shells and rectifications
const HT_STAFF = 'wj-ht.staff'; // files 湖塘镇's plan
const NXS = 'wj-nxs.reviewer'; // 南夏墅街道's committee: another subtree
const C1 = 'wj-ht-c1.secretary'; // 马杭村, a branch of 湖塘镇
const C2 = 'wj-ht-c2.secretary'; // 城南村, another branch of 湖塘镇
const HEFEI = 'hf-zzb.reviewer'; // another tree
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/**
 * What a reviewer of a Wujin task reads of its subject over HTTP: the
 * committee's implementation plan, a brand, an empty-shell case, a
 * rectification, an assessment round, the recommended model branches and a
 * committee's member case list — each for the filing unit, those inside it
 * and those above it, and as not found for another subtree, another plan, an
 * unknown id; a malformed id is refused in Chinese. Reading changes nothing.
 */
describe("Wujin task subjects, as their reviewers read them", () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  let y: WujinYear;
  let ids: { planV1: string; planV2: string; nxsPlan: string; shell: string; c1Brand: string; c2Brand: string };
  let before: string;
  const get = async (path: string, as: string, status: number) => sys.http.get(path).set(await auth(as)).expect(status);
  const base = () => `/campaigns/${y.campaignId}/wujin`;
  const fingerprint = async () =>
    JSON.stringify(
      await sys.db.dataSource.query(
        `SELECT (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM wujin_implementation_plans t) AS plans,
                (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM wujin_brands t) AS brands,
                (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM wujin_shell_reviews t) AS shells,
                (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM wujin_rectifications t) AS rectifications,
                (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM wujin_model_branches t) AS models,
                (SELECT count(*) FROM audit_log) AS audit`,
      ),
    );
  /** Not found, in Chinese, naming what was asked for. */
  const notFound = async (path: string, as: string, what: RegExp) => {
    const res = await get(path, as, 404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect(res.body.message).toMatch(what);
  };

  beforeAll(async () => {
    sys = system.sys();
    y = await writeWujinYear(sys.db.dataSource);
    const q = (sql: string, params: unknown[]) => sys.db.dataSource.query(sql, params);
    const user = async (name: string) => (await q(`SELECT id FROM users WHERE username = $1`, [name]))[0].id as string;
    const plan = async (committee: string, version: number, status: string, opinion: string | null) => {
      const id = randomUUID();
      await q(
        `INSERT INTO wujin_implementation_plans (id, campaign_id, committee_id, version, summary, duties, status, opinion, filed_by, filed_at, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          id,
          y.campaignId,
          y.org(committee),
          version,
          `第${version}版：全镇党支部对照考核细则逐项达标`,
          JSON.stringify([{ duty: `第${version}版职责：组织各党支部开展自查`, owner: '镇党委组织办', dueOn: `${YEAR}-12-15` }]),
          status,
          opinion,
          await user(`${committee}.staff`),
          `${YEAR}-0${version + 2}-01T02:00:00Z`,
          status === 'filed' ? null : await user('wj-zzb.reviewer'),
          status === 'filed' ? null : `${YEAR}-0${version + 2}-10T02:00:00Z`,
        ],
      );
      return id;
    };
    const planV1 = await plan('wj-ht', 1, 'returned', '职责任务须分解到各党支部');
    const planV2 = await plan('wj-ht', 2, 'filed', null);
    const nxsPlan = await plan('wj-nxs', 1, 'filed', null);
    const shell = randomUUID();
    await q(`INSERT INTO wujin_shell_reviews (id, campaign_id, branch_id, committee_id, status, created_at) VALUES ($1, $2, $3, $4, 'open', $5)`, [
      shell,
      y.campaignId,
      y.org('wj-ht-qy'),
      y.org('wj-ht'),
      `${YEAR}-04-01T02:00:00Z`,
    ]);
    for (const [branch, committee, reason] of [
      ['wj-ht-c1', 'wj-ht', '马杭村“三会一课”规范'],
      ['wj-nxs-c1', 'wj-nxs', '南夏墅村阵地建设突出'],
    ]) {
      await q(`INSERT INTO wujin_model_branches (campaign_id, branch_id, committee_id, status, reason, updated_at) VALUES ($1, $2, $3, 'recommended', $4, $5)`, [
        y.campaignId,
        y.org(branch!),
        y.org(committee!),
        reason,
        `${YEAR}-11-01T02:00:00Z`,
      ]);
    }
    await q(`INSERT INTO wujin_member_case_lists (campaign_id, committee_id, cases, filed_by, filed_at) VALUES ($1, $2, $3, $4, $5)`, [
      y.campaignId,
      y.org('wj-ht'),
      JSON.stringify([{ memberName: '张某', kind: 'lost_contact', finding: '外出务工两年未参加组织生活', outcome: '已恢复联系' }]),
      await user('wj-ht.staff'),
      `${YEAR}-06-01T02:00:00Z`,
    ]);
    const brandId = async (branch: string, version: number) =>
      (await q(`SELECT id FROM wujin_brands WHERE campaign_id = $1 AND branch_id = $2 AND version = $3`, [y.campaignId, y.org(branch), version]))[0].id as string;
    ids = { planV1, planV2, nxsPlan, shell, c1Brand: await brandId('wj-ht-c1', 2), c2Brand: await brandId('wj-ht-c2', 1) };
    before = await fingerprint();
  });

  describe('an implementation plan (wujin_plan_review)', () => {
    it('the organisation department reads the version under review, its duties and the earlier version’s opinion', async () => {
      const plan = (await get(`${base()}/implementation-plans/${ids.planV2}`, DISTRICT, 200)).body;
      expect(plan).toMatchObject({
        id: ids.planV2,
        committee: { id: y.org('wj-ht'), name: '中共武进区湖塘镇委员会' },
        version: 2,
        summary: '第2版：全镇党支部对照考核细则逐项达标',
        duties: [{ duty: '第2版职责：组织各党支部开展自查', owner: '镇党委组织办', dueOn: `${YEAR}-12-15` }],
        status: 'filed',
        opinion: null,
        decidedAt: null,
      });
      expect(plan.statusLabel).toMatch(CHINESE);
      expect(plan.filedBy).toMatch(CHINESE);
      expect(plan.earlier).toEqual([
        { version: 1, status: 'returned', statusLabel: '已退回修改', opinion: '职责任务须分解到各党支部', filedAt: `${YEAR}-03-01T02:00:00.000Z`, decidedAt: `${YEAR}-03-10T02:00:00.000Z` },
      ]);
    });

    it('the committee that filed it and its branches read it; another committee, another tree, another plan and an unknown id get 404', async () => {
      await get(`${base()}/implementation-plans/${ids.planV1}`, HT_STAFF, 200);
      await get(`${base()}/implementation-plans/${ids.planV2}`, C1, 200);
      await notFound(`${base()}/implementation-plans/${ids.planV2}`, NXS, /实施方案不存在或您无权查看/);
      await notFound(`${base()}/implementation-plans/${ids.nxsPlan}`, HT, /实施方案/);
      await notFound(`${base()}/implementation-plans/${ids.planV2}`, HEFEI, /不存在或您无权查看/);
      await notFound(`/campaigns/${y.earlierCampaignId}/wujin/implementation-plans/${ids.planV2}`, DISTRICT, /实施方案/);
      await notFound(`/campaigns/${y.otherProcessCampaignId}/wujin/implementation-plans/${ids.planV2}`, DISTRICT, /党支部规范化建设计划/);
      await notFound(`${base()}/implementation-plans/${UNKNOWN}`, DISTRICT, /实施方案/);
    });
  });

  describe('a brand (wujin_brand_review)', () => {
    it('the committee reads the brand it is to accept, with the version it returned', async () => {
      const b = (await get(`${base()}/brands/${ids.c1Brand}`, HT, 200)).body;
      expect(b).toMatchObject({
        branch: { id: y.org('wj-ht-c1'), name: '湖塘镇马杭村党支部' },
        committee: { id: y.org('wj-ht') },
        version: 2,
        name: '红色马杭',
        description: '品牌内涵',
        evidence: '活动照片',
        status: 'accepted',
        statusLabel: '已认定',
      });
      expect(b.earlier).toEqual([expect.objectContaining({ version: 1, name: '马杭红', status: 'returned', opinion: '内涵不够具体' })]);
      expect((await get(`${base()}/brands/${ids.c2Brand}`, DISTRICT, 200)).body).toMatchObject({ name: '城南先锋', status: 'filed', earlier: [] });
      await get(`${base()}/brands/${ids.c2Brand}`, C2, 200);
    });

    it('a sibling branch, another committee and another tree get 404', async () => {
      await notFound(`${base()}/brands/${ids.c2Brand}`, C1, /党建工作品牌不存在或您无权查看/);
      await notFound(`${base()}/brands/${ids.c2Brand}`, NXS, /党建工作品牌/);
      await notFound(`${base()}/brands/${ids.c2Brand}`, HEFEI, /不存在或您无权查看/);
      await notFound(`${base()}/brands/${UNKNOWN}`, HT, /党建工作品牌/);
    });
  });

  describe('an empty-shell case (wujin_shell_review)', () => {
    it('the committee reads the branch’s facts: no members, its field and term', async () => {
      const s = (await get(`${base()}/shell-reviews/${ids.shell}`, HT, 200)).body;
      expect(s).toEqual({
        id: ids.shell,
        branch: { id: y.org('wj-ht-qy'), name: '湖塘镇武南纺织有限公司党支部', domain: 'private_enterprise', domainLabel: '非公有制经济组织', memberCount: 0, termEndsOn: '2016-12-31' },
        committee: { id: y.org('wj-ht'), name: '中共武进区湖塘镇委员会' },
        status: 'open',
        statusLabel: '待党(工)委审查',
        opinion: null,
        decidedBy: null,
        decidedAt: null,
        openedAt: `${YEAR}-04-01T02:00:00.000Z`,
      });
      await get(`${base()}/shell-reviews/${ids.shell}`, DISTRICT, 200);
    });

    it('another committee and a branch beside it get 404', async () => {
      await notFound(`${base()}/shell-reviews/${ids.shell}`, NXS, /“空壳”党组织审查不存在或您无权查看/);
      await notFound(`${base()}/shell-reviews/${ids.shell}`, C1, /“空壳”党组织审查/);
      await notFound(`${base()}/shell-reviews/${UNKNOWN}`, HT, /“空壳”党组织审查/);
    });
  });

  describe('a rectification (wujin_rectification_review)', () => {
    it('the committee reads the reasons, the deadline, the measures reported and the evidence', async () => {
      const r = (await get(`${base()}/rectifications/${y.rectifications['nxs-jg']}`, NXS, 200)).body;
      expect(r).toMatchObject({
        branch: { id: y.org('wj-nxs-jg'), name: '南夏墅街道机关党支部' },
        committee: { id: y.org('wj-nxs') },
        reasons: ['nxs-jg：考核未达标'],
        dueAt: `${YEAR + 1}-12-15T00:00:00.000Z`,
        overdue: false,
        status: 'submitted',
        statusLabel: '已报送整顿情况，待党(工)委审核',
        submissions: 1,
        measures: '已召开支委会研究整改',
        evidence: '会议记录',
        late: false,
      });
      const overdue = (await get(`${base()}/rectifications/${y.rectifications['ht-jg']}`, DISTRICT, 200)).body;
      expect(overdue).toMatchObject({ status: 'open', overdue: true, measures: null });
      expect((await get(`${base()}/rectifications/${y.rectifications['nxs-ws']}`, NXS, 200)).body).toMatchObject({ status: 'merged', statusLabel: '已撤并', opinion: 'nxs-ws意见' });
    });

    it('another committee and another tree get 404', async () => {
      await notFound(`${base()}/rectifications/${y.rectifications['nxs-jg']}`, HT, /整顿不存在或您无权查看/);
      await notFound(`${base()}/rectifications/${y.rectifications['nxs-jg']}`, HEFEI, /不存在或您无权查看/);
      await notFound(`${base()}/rectifications/${UNKNOWN}`, NXS, /整顿/);
    });
  });

  describe('an assessment round (wujin_declaration, wujin_verification)', () => {
    it('the organisation department reads every item’s scores, the declaration and the verdict', async () => {
      const a = (await get(`${base()}/assessments/${y.assessments['c2-2']}`, DISTRICT, 200)).body;
      expect(a.branch).toEqual({ id: y.org('wj-ht-c2'), name: '湖塘镇城南村党支部' });
      expect(a.committee).toEqual({ id: y.org('wj-ht'), name: '中共武进区湖塘镇委员会' });
      expect(a.passThreshold).toBe(85);
      expect(a.assessment).toMatchObject({ id: y.assessments['c2-2'], round: 2, status: 'completed', assessorTotal: 88 });
      expect(a.assessment.items).toHaveLength(28);
      expect(a.assessment.declaration.onSiteItems.map((i: { code: string }) => i.code)).toEqual(['B9', 'C2']);
      const vetoed = (await get(`${base()}/assessments/${y.assessments['jg-1']}`, HT, 200)).body;
      expect(vetoed.assessment.vetoes).toEqual([{ code: 'funds_missing', text: '未落实党建工作专项经费' }]);
    });

    it('another committee, a sibling branch and another tree get 404', async () => {
      await notFound(`${base()}/assessments/${y.assessments['c2-2']}`, NXS, /考核不存在或您无权查看/);
      await notFound(`${base()}/assessments/${y.assessments['c2-2']}`, C1, /考核/);
      await notFound(`${base()}/assessments/${y.assessments['c2-2']}`, HEFEI, /不存在或您无权查看/);
      await notFound(`${base()}/assessments/${UNKNOWN}`, DISTRICT, /考核/);
    });
  });

  describe('the recommended model branches (wujin_model_selection)', () => {
    it('the organisation department reads every committee’s recommendations with their reasons; a committee only its own', async () => {
      const all = (await get(`${base()}/model-branches`, DISTRICT, 200)).body;
      expect(all.total).toBe(2);
      expect(all.items.map((i: { branch: { name: string }; reason: string }) => `${i.branch.name}：${i.reason}`).sort()).toEqual(
        ['湖塘镇马杭村党支部：马杭村“三会一课”规范', '南夏墅街道南夏墅村党支部：南夏墅村阵地建设突出'].sort(),
      );
      expect(all.items[0].statusLabel).toBe('已推荐，待区委组织部评定');
      const ht = (await get(`${base()}/model-branches`, HT, 200)).body;
      expect(ht.items.map((i: { branch: { id: string } }) => i.branch.id)).toEqual([y.org('wj-ht-c1')]);
      await notFound(`${base()}/model-branches`, HEFEI, /不存在或您无权查看/);
    });
  });

  describe('a committee’s member case list', () => {
    it('the organisation department reads each case and its outcome; another committee gets 404, as does a list not filed', async () => {
      const m = (await get(`${base()}/committees/${y.org('wj-ht')}/member-cases`, DISTRICT, 200)).body;
      expect(m.committee).toEqual({ id: y.org('wj-ht'), name: '中共武进区湖塘镇委员会' });
      expect(m.cases).toEqual([{ memberName: '张某', kind: 'lost_contact', kindLabel: '“失联”党员', finding: '外出务工两年未参加组织生活', outcome: '已恢复联系' }]);
      await notFound(`${base()}/committees/${y.org('wj-ht')}/member-cases`, NXS, /党员处理清单不存在或您无权查看/);
      await notFound(`${base()}/committees/${y.org('wj-gxq')}/member-cases`, DISTRICT, /党员处理清单/);
    });
  });

  it('refuses a malformed id in Chinese, and no read changed anything', async () => {
    for (const path of [
      `${base()}/implementation-plans/not-a-uuid`,
      `${base()}/brands/1`,
      `${base()}/shell-reviews/x`,
      `${base()}/rectifications/x`,
      `${base()}/assessments/x`,
      `/campaigns/x/wujin/model-branches`,
      `${base()}/committees/x/member-cases`,
    ]) {
      const res = await get(path, DISTRICT, 400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.body)).toMatch(/编号格式不正确/);
    }
    expect(await fingerprint()).toBe(before);
  });
});
