import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import {
  PUBLIC_NOTICE_WORKFLOW,
  type PublicNoticeInput,
  humanTaskWorkflowId,
  lodgeObjectionUpdate,
  publicNoticeQuery,
  publicNoticeWorkflowId,
  taskActionUpdate,
} from '../../libs/contracts/src';
import type { Actor } from '../../libs/contracts/src';
import { deterministicUuid } from '../../libs/persistence/src';
import { actorAt, ensureCalendarYear } from '../support/fixtures';
import { type WorkflowHarness, refusalType, startWorkflowHarness } from '../support/workflow-harness';

describe('publicNotice workflow on the time-skipping server', () => {
  let h: WorkflowHarness;
  let investigator: Actor;

  beforeAll(async () => {
    h = await startWorkflowHarness('public-notice-test');
    investigator = await actorAt(h.db.dataSource, 'tsq.reviewer', 'reviewer');
    const year = new Date(await h.env.currentTimeMs()).getUTCFullYear();
    await ensureCalendarYear(h.db.dataSource, year);
    await ensureCalendarYear(h.db.dataSource, year + 1);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const notice = (overrides: Partial<PublicNoticeInput> = {}): PublicNoticeInput => ({
    noticeId: randomUUID(),
    title: '泰山区红旗党支部推荐对象公示',
    organisationId: investigator.organisationId,
    investigator: { organisationId: investigator.organisationId, role: 'reviewer' },
    items: [
      { id: 'b1', name: '东关村党支部' },
      { id: 'b2', name: '花园社区党支部' },
      { id: 'b3', name: '泰山钢铁党支部' },
    ],
    duration: { amount: 3, unit: 'working_days' },
    publishedAt: new Date().toISOString(),
    ...overrides,
  });
  const start = (input: PublicNoticeInput) =>
    h.env.client.workflow.start(PUBLIC_NOTICE_WORKFLOW, { workflowId: publicNoticeWorkflowId(input.noticeId), taskQueue: h.taskQueue, args: [input] });
  const objection = (itemId: string, content = '该支部书记存在违纪问题') => ({
    objectionId: randomUUID(),
    itemId,
    anonymous: true,
    content,
    lodgedAt: new Date().toISOString(),
  });
  const investigate = (objectionId: string, decision: 'upheld' | 'dismissed', opinion: string) =>
    h.env.client.workflow
      .getHandle(humanTaskWorkflowId(objectionId))
      .executeUpdate(taskActionUpdate, { args: [{ actor: investigator, action: { type: 'decide', decision, opinion } }] });

  it('publicNotice + workingDays: a 3-working-day notice published on 30 September 2026 runs through 10 October (National Day)', async () => {
    const input = notice({ publishedAt: '2026-09-30T02:00:00.000Z' });
    const handle = await start(input);
    const result = await handle.result(); // long past in the server's clock: it closes at once
    expect(result.kept).toEqual(['b1', 'b2', 'b3']);
    const [row] = await h.db.dataSource.query(`SELECT last_day::text, ends_at, status FROM public_notices WHERE id = $1`, [input.noticeId]);
    expect(row).toEqual({ last_day: '2026-10-10', ends_at: new Date('2026-10-10T16:00:00.000Z'), status: 'closed' });
  });

  it('publicNotice: objections are investigated; an upheld one removes the candidate; the notice waits for every investigation (records history)', async () => {
    const now = await h.env.currentTimeMs();
    const input = notice({ publishedAt: new Date(now).toISOString(), duration: { amount: 3, unit: 'calendar_days' } });
    const handle = await start(input);
    const upheld = objection('b1');
    const dismissed = objection('b2', '听说该支部活动开展不够');
    await handle.executeUpdate(lodgeObjectionUpdate, { args: [upheld], updateId: upheld.objectionId });
    await handle.executeUpdate(lodgeObjectionUpdate, { args: [dismissed], updateId: dismissed.objectionId });
    // A retried lodging with the same request id is the same objection, counted once.
    await handle.executeUpdate(lodgeObjectionUpdate, { args: [upheld], updateId: upheld.objectionId });
    expect(await refusalType(handle.executeUpdate(lodgeObjectionUpdate, { args: [upheld] }))).toBe('DUPLICATE_OBJECTION');
    expect(await refusalType(handle.executeUpdate(lodgeObjectionUpdate, { args: [objection('nobody')] }))).toBe('UNKNOWN_ITEM');

    await h.env.sleep('4 days');
    expect((await handle.query(publicNoticeQuery)).status).toBe('closing'); // period over, investigations open
    expect(await refusalType(handle.executeUpdate(lodgeObjectionUpdate, { args: [objection('b3')] }))).toBe('NOTICE_CLOSED');

    await investigate(upheld.objectionId, 'upheld', '经核实，该支部书记受到党内警告处分');
    await investigate(dismissed.objectionId, 'dismissed', '经核实，该支部活动开展正常');
    const result = await handle.result();
    expect(result).toEqual({
      noticeId: input.noticeId,
      kept: ['b2', 'b3'],
      removed: [{ itemId: 'b1', reason: '经核实，该支部书记受到党内警告处分' }],
      objections: { lodged: 2, upheld: 1, dismissed: 1 },
    });
    // The organiser was told of each objection once (the retried lodging wrote nothing more).
    const told = await h.db.dataSource.query(`SELECT kind, organisation_id, role FROM notifications WHERE id = ANY($1) ORDER BY message`, [
      [upheld, dismissed].map((o) => deterministicUuid(`${o.objectionId}:objection-notice:0`)),
    ]);
    expect(told).toEqual(Array(2).fill({ kind: 'objection', organisation_id: input.organisationId, role: null }));
    const rows = await h.db.dataSource.query(`SELECT item_id, status FROM objections WHERE notice_id = $1 ORDER BY item_id`, [input.noticeId]);
    expect(rows).toEqual([
      { item_id: 'b1', status: 'upheld' },
      { item_id: 'b2', status: 'dismissed' },
    ]);
    const items = await h.db.dataSource.query(`SELECT item_id, status FROM public_notice_items WHERE notice_id = $1 ORDER BY item_id`, [input.noticeId]);
    expect(items.map((i: { status: string }) => i.status)).toEqual(['removed', 'listed', 'listed']);
    if (process.env.RECORD_HISTORIES) {
      mkdirSync(path.resolve(__dirname, '../replay/histories'), { recursive: true });
      writeFileSync(path.resolve(__dirname, '../replay/histories/publicNotice.objections.json'), historyToJSON(await handle.fetchHistory()));
    }
  });

  it('publicNotice: refuses an empty objection, and one after the notice has closed', async () => {
    const now = await h.env.currentTimeMs();
    const input = notice({ publishedAt: new Date(now).toISOString(), duration: { amount: 1, unit: 'calendar_days' } });
    const handle = await start(input);
    expect(await refusalType(handle.executeUpdate(lodgeObjectionUpdate, { args: [{ ...objection('b1'), content: '  ' }] }))).toBe('INVALID_OBJECTION');
    await h.env.sleep('3 days');
    await handle.result();
    expect(['NOTICE_CLOSED', 'WorkflowClosed']).toContain(await refusalType(handle.executeUpdate(lodgeObjectionUpdate, { args: [objection('b1')] })));
    expect(await h.db.dataSource.query(`SELECT count(*)::int AS n FROM objections WHERE notice_id = $1`, [input.noticeId])).toEqual([{ n: 0 }]);
  });

  it('publicNotice: refuses to count working days through a year without calendar data', async () => {
    const input = notice({ publishedAt: '2099-06-01T02:00:00.000Z' });
    const handle = await start(input);
    await expect(handle.result()).rejects.toMatchObject({ cause: { type: 'CALENDAR_YEAR_MISSING', message: expect.stringContaining('2099年') } });
  });
});
