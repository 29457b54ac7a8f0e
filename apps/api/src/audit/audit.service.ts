import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AuditChange, type AuditFieldCodes, ROLES, ROLE_LABELS, type Role, ancestorIds, auditActionLabel, auditChanges, auditReferencedIds, auditSubjectLabel } from '../../../../libs/domain/src';
import { PROCESSES } from '../../../../libs/processes/src';
import type { Principal } from '../auth/principal';
import { forbidden } from '../common/api-error';

/** Who may read the audit trail: administrators and department heads, each of their own subtree. */
const READERS: readonly Role[] = ['administrator', 'department_head'];

export interface AuditFilter {
  subjectId?: string;
  /** Rows at or after this instant (ISO 8601). */
  from?: string;
  /** Rows before this instant (ISO 8601). */
  before?: string;
  limit: number;
  offset: number;
}

export interface AuditRecordView {
  seq: number;
  at: string;
  actor: { id: string | null; name: string; role: string; roleLabel: string };
  /** The organisation the actor acted for; null for what the engine did by itself city-wide. */
  organisation: { id: string; name: string } | null;
  action: string;
  /** The action in Chinese, for the audit screen. */
  actionLabel: string;
  subjectType: string;
  /** The kind of subject in Chinese, for the audit screen. */
  subjectTypeLabel: string;
  subjectId: string;
  opinion: string;
  before: unknown;
  after: unknown;
  /** The fields before and after, in Chinese, for the audit screen (the raw ones stay in before/after). */
  changes: AuditChange[];
}

export interface AuditPage {
  total: number;
  limit: number;
  offset: number;
  items: AuditRecordView[];
}

interface Row {
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  actor_role: string;
  organisation_id: string | null;
  organisation_name: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  opinion: string;
  before: unknown;
  after: unknown;
  /** The process of the campaign a record is about; null for other subjects. */
  process: string | null;
}

/** Every process's codes of its records' fields: each process keeps to its own action prefixes. */
const PROCESS_AUDIT_CODES: AuditFieldCodes = Object.assign({}, ...PROCESSES.map((p) => p.auditCodes ?? {}));

/** The same, with a campaign's stages by their names: processes share stage codes under other names, so each campaign reads its own. */
const CAMPAIGN_AUDIT_CODES: ReadonlyMap<string, AuditFieldCodes> = new Map(
  PROCESSES.map((p) => [p.id, { ...PROCESS_AUDIT_CODES, 'campaign.extend': { stage: Object.fromEntries(p.stages.map((s) => [s.id, s.label])) } }]),
);

const roleLabel = (role: string) => ((ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role] : role === 'system' ? '系统' : role);

/**
 * The audit trail as its readers see it: the rows of organisations within the
 * subtrees the caller administers or heads, newest first. A row without an
 * organisation (the engine acting city-wide: a campaign's stages, the naming,
 * the trail's own markers) is shown only to a reader of the whole tree.
 */
@Injectable()
export class AuditService {
  constructor(private readonly ds: DataSource) {}

  async list(p: Principal, f: AuditFilter): Promise<AuditPage> {
    const scopes = [...new Set(p.grants.filter((g) => READERS.includes(g.role)).map((g) => g.scopePath))];
    if (!scopes.length) throw forbidden('只有管理员和部门负责人可以查看审计记录');
    const wholeTree = scopes.some((s) => ancestorIds(s).length === 1);
    const params: unknown[] = [scopes.map((s) => `${s}%`), wholeTree, f.subjectId ?? null, f.from ?? null, f.before ?? null];
    const where = `
      FROM audit_log a LEFT JOIN organisations o ON o.id = a.organisation_id
     WHERE (o.path LIKE ANY($1::text[]) OR (a.organisation_id IS NULL AND $2::boolean))
       AND ($3::text IS NULL OR a.subject_id = $3)
       AND ($4::timestamptz IS NULL OR a.at >= $4)
       AND ($5::timestamptz IS NULL OR a.at < $5)`;
    const [{ total }]: Array<{ total: number }> = await this.ds.query(`SELECT count(*)::int AS total ${where}`, params);
    const rows: Row[] = await this.ds.query(
      `SELECT a.seq::text, a.at, a.actor_id, a.actor_name, a.actor_role, a.organisation_id, o.name AS organisation_name,
              a.action, a.subject_type, a.subject_id, a.opinion, a.before, a.after,
              (SELECT c.process FROM campaigns c WHERE c.id = CASE WHEN a.subject_type = 'campaign' THEN a.subject_id::uuid END) AS process
       ${where}
       ORDER BY a.seq DESC LIMIT $6 OFFSET $7`,
      [...params, f.limit, f.offset],
    );
    const names = await this.referencedNames(rows, scopes);
    return {
      total,
      limit: f.limit,
      offset: f.offset,
      items: rows.map((r) => ({
        seq: Number(r.seq),
        at: new Date(r.at).toISOString(),
        actor: { id: r.actor_id, name: r.actor_name, role: r.actor_role, roleLabel: roleLabel(r.actor_role) },
        organisation: r.organisation_id ? { id: r.organisation_id, name: r.organisation_name ?? '' } : null,
        action: r.action,
        actionLabel: auditActionLabel(r.action),
        subjectType: r.subject_type,
        subjectTypeLabel: auditSubjectLabel(r.subject_type),
        subjectId: r.subject_id,
        opinion: r.opinion,
        before: r.before,
        after: r.after,
        changes: auditChanges(r, (r.process && CAMPAIGN_AUDIT_CODES.get(r.process)) || PROCESS_AUDIT_CODES, names),
      })),
    };
  }

  /**
   * The names of the organisations, people and tasks the rows' fields refer to by id, as far as the reader may see
   * them: organisations in their subtrees or above them, people holding a role in their subtrees, their subtrees'
   * tasks. An id the reader may not see stays an id.
   */
  private async referencedNames(rows: readonly Row[], scopes: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.flatMap(auditReferencedIds))];
    if (!ids.length) return new Map();
    const found: Array<{ id: string; name: string }> = await this.ds.query(
      `SELECT o.id::text, o.name FROM organisations o
        WHERE o.id = ANY($1::uuid[]) AND (o.path LIKE ANY($2::text[]) OR EXISTS (SELECT 1 FROM unnest($3::text[]) s WHERE strpos(s, '/' || o.id::text || '/') > 0))
       UNION ALL
       SELECT u.id::text, u.display_name FROM users u
        WHERE u.id = ANY($1::uuid[])
          AND EXISTS (SELECT 1 FROM role_assignments r JOIN organisations o ON o.id = r.organisation_id WHERE r.user_id = u.id AND o.path LIKE ANY($2::text[]))
       UNION ALL
       SELECT t.id::text, t.title FROM tasks t WHERE t.id = ANY($1::uuid[]) AND t.organisation_path LIKE ANY($2::text[])`,
      [ids, scopes.map((s) => `${s}%`), scopes],
    );
    return new Map(found.map((r) => [r.id, r.name]));
  }
}
