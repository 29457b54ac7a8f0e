import { defaultPayloadConverter } from '@temporalio/common';
import { campaignWorkflowId } from '../../../libs/contracts/src';
import { BRANCH_DOMAINS, CONSULTATION_RULES_2017, CURRENT_CONSULTATION_RULES } from '../../../libs/domain/src';
import { ensureCalendarYear } from '../../support/fixtures';
import { type TestSystem, useSystem } from '../../support/system';
import { eventually } from '../../support/workflow-harness';

/**
 * The agencies consulted, kept per year over HTTP by the organisation
 * department's administrator: the document's 2017 list is history, a new
 * year gets today's names, a bad list is refused in Chinese and changes
 * nothing, a change is audited, and a campaign keeps the list it started with.
 */
describe('consultation agency lists end to end', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  const chinese = /[\u4e00-\u9fa5]/;
  const rows = async () => Number((await sys.db.dataSource.query(`SELECT count(*) AS n FROM consultation_agency_lists`))[0].n);
  const audits = async () => Number((await sys.db.dataSource.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'consultation_list.replaced'`))[0].n);
  const withoutAudit = Object.fromEntries(BRANCH_DOMAINS.map((d) => [d, CURRENT_CONSULTATION_RULES[d].filter((k) => k !== 'audit')]));

  beforeAll(() => {
    sys = system.sys();
  });

  it("keeps the document's 2017 list as history, with 工商, 国土 and 安监, and for financial institutions the enterprise regulators", async () => {
    const res = await sys.http.get('/consultation-agency-lists/2017').set(await auth('admin')).expect(200);
    expect(res.body).toMatchObject({ year: 2017, stored: true });
    expect(res.body.note).toContain('2017');
    expect(res.body.rules).toEqual(CONSULTATION_RULES_2017);
    expect(res.body.rules.state_enterprise).toEqual(expect.arrayContaining(['industry_commerce', 'land', 'work_safety']));
    expect(res.body.rules.financial_institution).toEqual(res.body.rules.state_enterprise);
    expect(res.body.labelled.state_enterprise.map((a: { label: string }) => a.label)).toEqual(expect.arrayContaining(['工商局', '国土资源局', '安监局']));
  });

  it("gives a year nobody kept today's names: 市场监管, 自然资源, 应急管理, and the financial regulators for financial institutions", async () => {
    const res = await sys.http.get('/consultation-agency-lists/2027').set(await auth('admin')).expect(200);
    expect(res.body).toMatchObject({ year: 2027, stored: false, updatedAt: null });
    expect(res.body.rules.state_enterprise).toEqual(expect.arrayContaining(['market_regulation', 'natural_resources', 'emergency_management']));
    expect(res.body.rules.state_enterprise).not.toContain('industry_commerce');
    expect(res.body.rules.financial_institution).toEqual(expect.arrayContaining(['financial_regulation', 'people_bank', 'market_regulation']));
    const index = await sys.http.get('/consultation-agency-lists').set(await auth('admin')).expect(200);
    expect(index.body.years.map((y: { year: number }) => y.year)).toEqual([2017]);
    expect(index.body.domains.map((d: { domain: string }) => d.domain)).toContain('financial_institution');
  });

  it('only the organisation department administrator reads or edits the lists; a bad list is refused in Chinese and nothing changes', async () => {
    const [before, auditedBefore] = [await rows(), await audits()];
    for (const user of ['head', 'tsq.reviewer', 'tsq-cyjd-b01.secretary']) {
      expect((await sys.http.get('/consultation-agency-lists/2027').set(await auth(user)).expect(403)).body.message).toMatch(chinese);
      await sys.http.put('/consultation-agency-lists/2027').set(await auth(user)).send({ rules: withoutAudit }).expect(403);
    }
    const bad = [
      { rules: { ...withoutAudit, rural: ['tax_bureau'] } },
      { rules: { ...withoutAudit, rural: ['court', 'court'] } },
      { rules: { ...withoutAudit, rural: [] } },
      { rules: Object.fromEntries(Object.entries(withoutAudit).filter(([d]) => d !== 'financial_institution')) },
      { rules: withoutAudit, extra: true },
    ];
    const messages: string[] = [];
    for (const body of bad) {
      const res = await sys.http.put('/consultation-agency-lists/2027').set(await auth('admin')).send(body).expect(400);
      messages.push([res.body.message, ...(res.body.details ?? [])].join('；'));
    }
    expect(messages[0]).toContain('rural');
    expect(messages[1]).toContain('重复');
    expect(messages[2]).toContain('至少');
    expect(messages[3]).toContain('financial_institution');
    for (const m of messages) expect(m).toMatch(chinese);
    await sys.http.put('/consultation-agency-lists/1800').set(await auth('admin')).send({ rules: withoutAudit }).expect(400);
    expect([await rows(), await audits()]).toEqual([before, auditedBefore]);
  });

  it('an edit is kept for its year and audited with what it replaced', async () => {
    const res = await sys.http.put('/consultation-agency-lists/2027').set(await auth('admin')).send({ rules: withoutAudit, note: '本年度审计局不参与征求意见（测试）' }).expect(200);
    expect(res.body).toMatchObject({ year: 2027, stored: true, note: '本年度审计局不参与征求意见（测试）', rules: withoutAudit });
    const [row] = await sys.db.dataSource.query(`SELECT actor_name, before, after FROM audit_log WHERE action = 'consultation_list.replaced' AND subject_id = '2027' ORDER BY seq DESC LIMIT 1`);
    expect(row.before).toMatchObject({ stored: false, rules: { rural: [...CURRENT_CONSULTATION_RULES.rural] } });
    expect(row.after).toMatchObject({ rules: withoutAudit });
    expect(row.actor_name).toBeTruthy();
  });

  it('a campaign keeps the list of its year as it stood when it started; a later edit does not reach it', async () => {
    await ensureCalendarYear(sys.db.dataSource, 2027);
    const created = await sys.http.post('/campaigns').set(await auth('admin')).send({ process: 'taian', year: 2027, parameters: { quota: 3 } }).expect(201);
    expect(created.body.consultationRules).toBeNull();
    await sys.http.post(`/campaigns/${created.body.id}/start`).set(await auth('admin')).expect(200);
    await sys.http.put('/consultation-agency-lists/2027').set(await auth('admin')).send({ rules: CURRENT_CONSULTATION_RULES, note: '恢复审计局' }).expect(200);
    const campaign = await sys.http.get(`/campaigns/${created.body.id}`).set(await auth('head')).expect(200);
    expect(campaign.body.consultationRules).toEqual(withoutAudit);
    // The workflow runs with the same list: it is in its input, for every level's consultation.
    const history = await eventually(
      () => sys.temporal.client.workflow.getHandle(campaignWorkflowId(created.body.id)).fetchHistory(),
      (h) => (h.events?.length ?? 0) > 0,
    );
    const [input] = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!.map((p) => defaultPayloadConverter.fromPayload<{ consultationRules: unknown }>(p));
    expect(input!.consultationRules).toEqual(withoutAudit);
    await sys.http.post(`/campaigns/${created.body.id}/control`).set(await auth('admin')).send({ action: 'cancel', reason: '测试结束' }).expect(200);
  });
});
