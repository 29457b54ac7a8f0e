import { randomUUID } from 'node:crypto';
import { OrganisationEntity } from '../../libs/persistence/src';
import { LIANGSHAN_DEFAULT_LIST } from '../../libs/processes/src/liangshan';
import { sampleForm } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';

const NUL = 'NUL\u0000字符';
const LONE_SURROGATE = '\ud800';
const BELL = '响铃\u0007';

interface Case {
  name: string;
  as: string | null;
  method: 'post' | 'put' | 'get';
  path: () => string;
  body?: (bad: string) => unknown;
  /** Where the bad text sits, as the refusal names it. */
  field: string;
}

/**
 * Text PostgreSQL cannot store (NUL, a lone surrogate) and control
 * characters no form means are refused at the edge with 400 in Chinese,
 * naming the field, on every endpoint: nothing is written and no workflow is
 * started (so none can be left retrying for ever).
 */
describe('text that cannot be stored is refused at the edge', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sys = system.sys();
    const org = async (code: string) => (await sys.db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code })).id;
    ids.branch = await org('tsq-cyjd-b04');
    ids.ledgerBranch = await org('tsq-cyjd-b05');
    const created = await sys.http.post('/nominations').set(await auth('tsq-cyjd-b04.secretary')).send({ branchId: ids.branch, campaignYear: 2070, form: sampleForm() }).expect(201);
    ids.nomination = created.body.id;
    ids.task = created.body.openTasks[0].id;
  });

  const cases: Case[] = [
    { name: 'nomination form', as: 'tsq-cyjd-b04.secretary', method: 'post', path: () => '/nominations', body: (bad) => ({ branchId: ids.branch, campaignYear: 2071, form: sampleForm({ mainDeeds: bad }) }), field: 'form.mainDeeds' },
    { name: 'honour title', as: 'tsq-cyjd-b04.secretary', method: 'post', path: () => '/nominations', body: (bad) => ({ branchId: ids.branch, campaignYear: 2072, form: sampleForm({ honours: [{ title: bad, level: 'city', year: 2024 }] }) }), field: 'form.honours.0.title' },
    { name: 'resubmission', as: 'tsq-cyjd-b04.secretary', method: 'post', path: () => `/nominations/${ids.nomination}/resubmission`, body: (bad) => ({ form: sampleForm({ basicSituation: bad }) }), field: 'form.basicSituation' },
    { name: 'decision opinion', as: 'tsq-cyjd.reviewer', method: 'post', path: () => `/tasks/${ids.task}/decision`, body: (bad) => ({ decision: 'approve', opinion: bad }), field: 'opinion' },
    { name: 'task action', as: 'tsq-cyjd.reviewer', method: 'post', path: () => `/tasks/${ids.task}/actions`, body: (bad) => ({ type: 'urge', opinion: bad }), field: 'opinion' },
    { name: 'a form answer property name', as: 'tsq-cyjd.reviewer', method: 'post', path: () => `/tasks/${ids.task}/decision`, body: (bad) => ({ decision: 'approve', opinion: '同意', data: { [bad]: 1 } }), field: 'data' },
    { name: 'ledger evaluation', as: 'tsq-cyjd.reviewer', method: 'put', path: () => `/ledger/${ids.ledgerBranch}`, body: (bad) => ({ evaluation: bad }), field: 'evaluation' },
    { name: 'ledger contact', as: 'tsq-cyjd.reviewer', method: 'put', path: () => `/ledger/${ids.ledgerBranch}`, body: (bad) => ({ contact: bad }), field: 'contact' },
    { name: 'notice title', as: 'tsq.reviewer', method: 'post', path: () => '/notices', body: (bad) => ({ title: bad, organisationIds: [ids.branch], duration: { amount: 3, unit: 'working_days' } }), field: 'title' },
    { name: 'objection', as: null, method: 'post', path: () => `/public/notices/${randomUUID()}/objections`, body: (bad) => ({ itemId: 'x', anonymous: true, content: `异议内容${bad}` }), field: 'content' },
    { name: 'campaign title', as: 'admin', method: 'post', path: () => '/campaigns', body: (bad) => ({ process: 'taian', year: 2032, title: bad }), field: 'title' },
    { name: 'calendar day name', as: 'admin', method: 'put', path: () => '/calendar/years/2033', body: (bad) => ({ source: '国办发明电', days: [{ date: '2033-01-01', kind: 'holiday', name: bad }] }), field: 'days.0.name' },
    { name: 'responsibility list item', as: 'ls-zzb.admin', method: 'put', path: () => '/liangshan/lists/2090', body: (bad) => ({ items: [{ ...LIANGSHAN_DEFAULT_LIST[0], title: bad }] }), field: 'items.0.title' },
    { name: 'login', as: null, method: 'post', path: () => '/auth/login', body: (bad) => ({ username: bad, password: 'x' }), field: 'username' },
    { name: 'a query parameter', as: 'tsq-cyjd.reviewer', method: 'get', path: () => `/tasks?status=${encodeURIComponent(NUL)}`, field: 'status' },
  ];

  async function snapshot() {
    const [row] = await sys.db.dataSource.query(`
      SELECT (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM nominations) AS nominations,
             (SELECT count(*) FROM nomination_steps) AS steps, (SELECT count(*) FROM campaigns) AS campaigns,
             (SELECT count(*) FROM calendar_years) AS years, (SELECT string_agg(evaluation || contact, ',') FROM ledger_entries) AS ledger,
             (SELECT count(*) FROM tasks WHERE status = 'open') AS open_tasks`);
    return row;
  }

  for (const c of cases) {
    for (const [label, bad] of [
      ['NUL', NUL],
      ['a lone surrogate', LONE_SURROGATE],
      ['a control character', BELL],
    ] as const) {
      if (c.method === 'get' && bad !== NUL) continue;
      it(`${c.name}: ${label} → 400 naming ${c.field}, nothing written`, async () => {
        const before = await snapshot();
        let req = sys.http[c.method](c.path());
        if (c.as) req = req.set(await auth(c.as));
        const res = await (c.body ? req.send(c.body(bad) as object) : req);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details.join('\n')).toMatch(new RegExp(`^${c.field.replace(/\./g, '\\.')}(\\.|：)`, 'm'));
        expect(res.body.details.join('\n')).toMatch(/控制字符|无效的 Unicode/);
        expect(await snapshot()).toEqual(before);
      });
    }
  }

  it('keeps tabs and line breaks, which multi-line fields carry', async () => {
    const res = await sys.http.put(`/ledger/${ids.ledgerBranch}`).set(await auth('tsq-cyjd.reviewer')).send({ problems: '1、班子老化\r\n2、\t制度不全' }).expect(200);
    expect(res.body.problems).toBe('1、班子老化\r\n2、\t制度不全');
  });
});
