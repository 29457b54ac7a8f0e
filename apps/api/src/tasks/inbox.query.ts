import type { DataSource } from 'typeorm';
import { TaskEntity } from '../../../../libs/persistence/src';
import { findProcess, stageLabel } from '../../../../libs/processes/src';
import type { Principal } from '../auth/principal';
import { notFound } from '../common/api-error';
import { containing, likeLiteral } from '../common/like-pattern';
import { taskKindLabel } from './kind-labels';
import { presentTask } from './present-task';

/** Due within this many hours (and not yet overdue): marked "due soon" in the inbox. */
export const DUE_SOON_HOURS = 72;

/**
 * The inbox counts its tasks up to here and then says "more than". A count walks every matching index entry, and a
 * reviewer's completed tasks, or a committee's open ones in a deadline week, grow without bound; nobody pages past
 * fifty pages of a list (the filters narrow it), so an exact count beyond them would be paid for on every read.
 */
export const INBOX_COUNT_LIMIT = 1000;

export interface InboxFilters {
  status: string;
  overdue?: boolean;
  process?: string;
  stage?: string;
  kind?: string;
  organisationId?: string;
  q?: string;
  limit: number;
  offset: number;
}

/**
 * The SQL conditions for "tasks in the caller's inbox", one per way a task
 * reaches it: for each role they hold at an organisation (unless the task
 * names someone else), and delegated to them. No task meets two of them, so
 * counts add up and pages merge. Parameters are appended to `params` ($n placeholders).
 */
function inboxConditions(p: Principal, params: unknown[]): string[] {
  params.push(p.userId);
  const me = `$${params.length}`;
  const grants = new Map(p.grants.map((g) => [`${g.organisationId}:${g.role}`, g]));
  const conditions = [...grants.values()].map((g) => {
    params.push(g.organisationId, g.role);
    const [o, r] = [`$${params.length - 1}`, `$${params.length}`];
    return `t.organisation_id = ${o} AND t.role = ${r} AND (t.assignee_user_id IS NULL OR t.assignee_user_id = ${me}) AND t.delegated_to_user_id IS NULL`;
  });
  conditions.push(`t.delegated_to_user_id = ${me}`);
  return conditions;
}

/** Any of them, for queries that need not keep them apart. */
const inboxCondition = (p: Principal, params: unknown[]) => `(${inboxConditions(p, params).map((c) => `(${c})`).join(' OR ')})`;

const CAMPAIGN = `LEFT JOIN campaigns c ON c.id = t.campaign_id`;
const NOMINATION = `LEFT JOIN nominations n ON t.subject_type = 'nomination' AND n.id = t.subject_id`;
const FROM = `FROM tasks t
  JOIN organisations o ON o.id = t.organisation_id
  ${CAMPAIGN}
  ${NOMINATION}`;
const ORDER = 't.due_at ASC NULLS LAST, t.created_at DESC, t.id';

export interface InboxRow {
  id: string;
  organisation_name: string;
  branch_name: string | null;
  process: string | null;
}

/**
 * The caller's inbox, filtered and paged, soonest due first (no deadline
 * last), each row with what the list shows: the organisation holding it, the
 * nomination's branch, the campaign's process and the stage by their labels.
 */
export async function inboxPage(ds: DataSource, p: Principal, f: InboxFilters) {
  const params: unknown[] = [];
  const whose = inboxConditions(p, params);
  const where: string[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  add((n) => `t.status = ${n}`, f.status);
  if (f.overdue !== undefined) add((n) => `t.overdue = ${n}`, f.overdue);
  if (f.process) add((n) => `c.process = ${n}`, f.process);
  if (f.stage) add((n) => `t.stage = ${n}`, f.stage);
  if (f.kind) add((n) => `t.kind = ${n}`, f.kind);
  if (f.organisationId) {
    const [org] = (await ds.query(`SELECT path FROM organisations WHERE id = $1`, [f.organisationId])) as Array<{ path: string }>;
    if (!org || !p.canSee(org.path)) throw notFound('组织');
    add((n) => `t.organisation_path LIKE ${n}`, `${likeLiteral(org.path)}%`);
  }
  if (f.q?.trim()) {
    const like = containing(f.q.trim());
    add((n) => `(n.branch_name ILIKE ${n} OR t.title ILIKE ${n})`, like);
  }
  // Each way into the inbox is read on its own: one (organisation, status, role) walks its index in the page's order and stops
  // after the page, where one query for all of them would read every open task of the caller's organisations to sort them.
  // The branches rank ids alone; only the page's rows are then read whole and joined to what the list shows.
  // Branches join the campaign or the nomination only when a filter needs them (the count then reads the index alone).
  const filters = where.join(' AND ');
  const from = `FROM tasks t ${f.process ? CAMPAIGN : ''} ${f.q?.trim() ? NOMINATION : ''}`;
  const task = taskColumns(ds);
  const [upTo, limit, offset, countTo] = [params.length + 1, params.length + 2, params.length + 3, params.length + 4];
  // The count and the page in one statement (one round trip): a row for the total even when the page is empty.
  // Each way in is counted up to one past the limit, so their sum tells whether there are more.
  const rows = (await ds.query(
    `WITH page AS (
       SELECT id, due_at, created_at FROM (
         ${whose.map((w) => `(SELECT t.id, t.due_at, t.created_at ${from} WHERE ${w} AND ${filters} ORDER BY ${ORDER} LIMIT $${upTo})`).join(' UNION ALL ')}) t
        ORDER BY ${ORDER} LIMIT $${limit} OFFSET $${offset})
     SELECT total.n AS "total", page.id, ${task.columns}, o.name AS organisation_name, n.branch_name, c.process
       FROM (SELECT (${whose.map((w) => `(SELECT count(*) FROM (SELECT 1 ${from} WHERE ${w} AND ${filters} LIMIT $${countTo}) w)`).join(' + ')})::int AS n) total
       LEFT JOIN page ON true
       LEFT JOIN tasks t ON t.id = page.id
       LEFT JOIN organisations o ON o.id = t.organisation_id
       ${CAMPAIGN}
       ${NOMINATION}
      ORDER BY page.due_at ASC NULLS LAST, page.created_at DESC, page.id`,
    [...params, f.offset + f.limit, f.limit, f.offset, INBOX_COUNT_LIMIT + 1],
  )) as Array<InboxRow & Record<string, unknown> & { total: number }>;
  const counted = rows[0]?.total ?? 0;
  return {
    items: rows.filter((r) => r.id !== null).map((r) => presentRow(task.read(r), r)),
    total: Math.min(counted, INBOX_COUNT_LIMIT),
    totalCapped: counted > INBOX_COUNT_LIMIT,
  };
}

/**
 * The task's every column, aliased `task.<property>`, and the entity read back from such a row: what the detail
 * presents, from the entity's own mapping, without a second query by id.
 */
function taskColumns(ds: DataSource) {
  const columns = ds.getMetadata(TaskEntity).columns.map((c) => ({ column: c.databaseName, alias: `task.${c.propertyName}`, property: c.propertyName }));
  return {
    columns: columns.map((c) => `t.${c.column} AS "${c.alias}"`).join(', '),
    read: (row: Record<string, unknown>) => Object.assign(new TaskEntity(), Object.fromEntries(columns.map((c) => [c.property, row[c.alias]]))) as TaskEntity,
  };
}

/**
 * Rows as the inbox shows them, in the order given: each task as its detail
 * presents it, with the organisation holding it, the nomination's branch, the
 * campaign's process and the stage by their labels.
 */
export async function presentRows(ds: DataSource, rows: readonly InboxRow[]) {
  if (!rows.length) return [];
  // The rows as the detail presents them, read by id in one query (the entity's mapping, not hand-written columns).
  const entities = await ds.getRepository(TaskEntity).createQueryBuilder('t').whereInIds(rows.map((r) => r.id)).getMany();
  const byId = new Map(entities.map((e) => [e.id, e]));
  return rows.map((r) => presentRow(byId.get(r.id)!, r));
}

/** One row as the inbox shows it: the task as its detail presents it, with its holder, branch, process and stage by their labels. */
function presentRow(entity: TaskEntity, r: InboxRow) {
  const task = presentTask(entity);
  const definition = r.process ? findProcess(r.process) : undefined;
  const soon = Date.now() + DUE_SOON_HOURS * 3_600_000;
  return {
    ...task,
    dueSoon: task.status === 'open' && !task.overdue && task.dueAt !== null && new Date(task.dueAt).getTime() <= soon,
    kindLabel: taskKindLabel(task.kind),
    organisationName: r.organisation_name,
    branchName: r.branch_name,
    process: r.process,
    processLabel: definition?.name ?? null,
    stageLabel: task.stage ? (definition ? stageLabel(definition, task.stage) : task.stage) : null,
  };
}

/** What the inbox's filters offer: the processes, stages, kinds and organisations of the caller's open tasks. */
export async function inboxFilters(ds: DataSource, p: Principal) {
  const params: unknown[] = [];
  const condition = `${inboxCondition(p, params)} AND t.status = 'open'`;
  const rows = (await ds.query(
    `SELECT DISTINCT c.process, t.stage, t.kind, t.organisation_id AS "organisationId", o.name AS "organisationName" ${FROM} WHERE ${condition}`,
    params,
  )) as Array<{ process: string | null; stage: string | null; kind: string; organisationId: string; organisationName: string }>;
  const unique = <T>(items: T[], key: (t: T) => string) => [...new Map(items.map((i) => [key(i), i])).values()];
  const processes = unique(
    rows.filter((r) => r.process),
    (r) => r.process!,
  ).map((r) => ({ value: r.process!, label: findProcess(r.process!)?.name ?? r.process! }));
  const stages = unique(
    rows.filter((r) => r.stage),
    (r) => `${r.process}:${r.stage}`,
  ).map((r) => {
    const definition = r.process ? findProcess(r.process) : undefined;
    return { value: r.stage!, label: definition ? stageLabel(definition, r.stage!) : r.stage!, process: r.process };
  });
  const kinds = unique(rows, (r) => r.kind).map((r) => ({ value: r.kind, label: taskKindLabel(r.kind) }));
  const organisations = unique(rows, (r) => r.organisationId).map((r) => ({ value: r.organisationId, label: r.organisationName }));
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, 'zh-CN');
  return { processes: processes.sort(byLabel), stages: stages.sort(byLabel), kinds: kinds.sort(byLabel), organisations: organisations.sort(byLabel) };
}
