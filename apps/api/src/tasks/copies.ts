import type { DataSource } from 'typeorm';
import { ROLE_LABELS, type Role } from '../../../../libs/domain/src';
import type { Principal } from '../auth/principal';
import { type InboxRow, presentRows } from './inbox.query';

/** A copy (抄送) of a task as its detail lists it. */
export interface TaskCopyView {
  id: string;
  organisationId: string;
  organisationName: string;
  role: Role;
  roleLabel: string;
  userId: string | null;
  userName: string | null;
  source: 'definition' | 'ad_hoc';
  copiedBy: { userId: string; name: string } | null;
  copiedAt: Date;
}

/** Where a copy puts the caller: the organisation and role it addresses them at. */
export interface CopyAddress {
  organisationId: string;
  role: Role;
}

/**
 * The SQL condition for "copies addressed to the caller": to them in person,
 * or to a role they hold at an organisation when it names nobody.
 */
export function addressedTo(p: Principal, params: unknown[], alias = 'c'): string {
  params.push(p.userId);
  const me = `$${params.length}`;
  const match = p.grants.map((g) => {
    params.push(g.organisationId, g.role);
    return `(${alias}.user_id IS NULL AND ${alias}.organisation_id = $${params.length - 1} AND ${alias}.role = $${params.length})`;
  });
  match.push(`${alias}.user_id = ${me}`);
  return `(${match.join(' OR ')})`;
}

/** The copy of a task addressed to the caller (the earliest, when several are), or null. */
export async function copyAddressedTo(ds: DataSource, p: Principal, taskId: string): Promise<CopyAddress | null> {
  const params: unknown[] = [taskId];
  const rows = (await ds.query(
    `SELECT c.organisation_id AS "organisationId", c.role FROM task_copies c WHERE c.task_id = $1 AND ${addressedTo(p, params)} ORDER BY c.created_at, c.id LIMIT 1`,
    params,
  )) as CopyAddress[];
  return rows[0] ?? null;
}

/** A task's copies, oldest first. */
export async function copiesOf(ds: DataSource, taskId: string): Promise<TaskCopyView[]> {
  const rows = (await ds.query(
    `SELECT c.id, c.organisation_id AS "organisationId", o.name AS "organisationName", c.role, c.user_id AS "userId", u.display_name AS "userName",
            c.source, c.copied_by AS "copiedById", b.display_name AS "copiedByName", c.created_at AS "copiedAt"
       FROM task_copies c JOIN organisations o ON o.id = c.organisation_id
       LEFT JOIN users u ON u.id = c.user_id LEFT JOIN users b ON b.id = c.copied_by
      WHERE c.task_id = $1 ORDER BY c.created_at, c.id`,
    [taskId],
  )) as Array<Omit<TaskCopyView, 'roleLabel' | 'copiedBy'> & { copiedById: string | null; copiedByName: string | null }>;
  return rows.map(({ copiedById, copiedByName, ...r }) => ({
    ...r,
    roleLabel: ROLE_LABELS[r.role] ?? r.role,
    copiedBy: copiedById ? { userId: copiedById, name: copiedByName ?? '' } : null,
  }));
}

export interface CopiedFilters {
  status?: 'open' | 'completed' | 'cancelled';
  unread?: boolean;
  limit: number;
  offset: number;
}

/**
 * "Copied to me" (抄送我的): the tasks copied to the caller, newest copy
 * first, each as the inbox shows it with when and by whom it was copied and
 * when the caller first opened it (null: unread).
 */
export async function copiedPage(ds: DataSource, p: Principal, f: CopiedFilters) {
  const params: unknown[] = [];
  const condition = addressedTo(p, params);
  params.push(p.userId);
  const me = `$${params.length}`;
  const where: string[] = [];
  if (f.status) {
    params.push(f.status);
    where.push(`t.status = $${params.length}`);
  }
  if (f.unread !== undefined) where.push(`r.first_opened_at IS ${f.unread ? '' : 'NOT '}NULL`);
  const from = `FROM (SELECT DISTINCT ON (c.task_id) c.task_id, c.source, c.created_at, c.copied_by FROM task_copies c WHERE ${condition} ORDER BY c.task_id, c.created_at, c.id) m
    JOIN tasks t ON t.id = m.task_id
    JOIN organisations o ON o.id = t.organisation_id
    LEFT JOIN campaigns camp ON camp.id = t.campaign_id
    LEFT JOIN nominations n ON t.subject_type = 'nomination' AND n.id = t.subject_id
    LEFT JOIN users b ON b.id = m.copied_by
    LEFT JOIN task_receipts r ON r.task_id = t.id AND r.user_id = ${me}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const [{ total }] = (await ds.query(`SELECT count(*)::int AS total ${from}`, params)) as Array<{ total: number }>;
  const rows = (await ds.query(
    `SELECT t.id, o.name AS organisation_name, n.branch_name, camp.process, m.source, m.created_at AS copied_at, b.display_name AS copied_by_name, r.first_opened_at AS read_at
       ${from} ORDER BY m.created_at DESC, t.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  )) as Array<InboxRow & { source: 'definition' | 'ad_hoc'; copied_at: Date; copied_by_name: string | null; read_at: Date | null }>;
  const presented = await presentRows(ds, rows);
  const items = presented.map((item, i) => ({
    ...item,
    copySource: rows[i]!.source,
    copiedAt: rows[i]!.copied_at,
    copiedByName: rows[i]!.copied_by_name,
    readAt: rows[i]!.read_at,
  }));
  return { items, total };
}
