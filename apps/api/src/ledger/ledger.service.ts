import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ADVANCED_CAP_RULE,
  ADVANCED_CAP_SHARE,
  BRANCH_DOMAINS,
  BRANCH_GRADES,
  BRANCH_GRADE_LABELS,
  type BranchGrade,
  COMMITTEE_LEVELS,
  type GovernedCount,
  LEDGER_CHANGE_SOURCE_LABELS,
  ORG_LEVEL_LABELS,
  type OrgLevel,
  advancedCapOf,
  advancedCapViolationsByCount,
  ancestorIds,
  chinaDate,
  isCommittee,
  isDepartment,
  scopePathOf,
} from '../../../../libs/domain/src';
import { randomUUID } from 'node:crypto';
import { advancedCounts, appendAudit, appendLedgerHistory, subtreeGradesUnder } from '../../../../libs/persistence/src';
import type { Principal, RoleGrant } from '../auth/principal';
import { ApiError, forbidden, notFound } from '../common/api-error';

import {
  type EntryRow,
  type LedgerChange,
  type LedgerEntryDetail,
  type LedgerEntryView,
  type LedgerPage,
  SELECT_ENTRY,
  type Stored,
  present,
  stored,
} from './ledger-entry';

export type { LedgerChange, LedgerEntryDetail, LedgerEntryView, LedgerHistoryView, LedgerPage } from './ledger-entry';

/**
 * The branch ledger (附件1): read within the caller's subtree; changed by a
 * reviewer of a committee above the branch or an organisation-department
 * administrator, never so that any level has more advanced branches than its
 * 10% cap. An upgrade takes the committees' rows in tree order first, so two
 * simultaneous upgrades under one committee are judged one after the other.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly ds: DataSource) {}

  /** The subtree to list: the organisation asked for, if visible, or the caller's widest scope. */
  private async scope(p: Principal, organisationId?: string): Promise<{ id: string; name: string; level: OrgLevel; path: string }> {
    if (organisationId) {
      const [org]: Array<{ id: string; name: string; level: OrgLevel; path: string }> = await this.ds.query(
        `SELECT id, name, level, path FROM organisations WHERE id = $1`,
        [organisationId],
      );
      if (!org || !p.canSee(org.path)) throw notFound('组织');
      // The organisation department stands for its city committee's whole tree.
      const wide = scopePathOf(org);
      return { ...org, path: p.canSee(wide) ? wide : org.path };
    }
    const widest = [...p.grants].sort((a, b) => a.scopePath.length - b.scopePath.length)[0];
    if (!widest) throw forbidden('您尚未被分配任何组织的角色，无法查看台账');
    return { id: widest.organisationId, name: widest.organisationName, level: widest.level, path: widest.scopePath };
  }

  async list(p: Principal, q: { organisationId?: string; limit: number; offset: number }): Promise<LedgerPage> {
    const scope = await this.scope(p, q.organisationId);
    const under = `${scope.path}%`;
    const { branches, byGrade } = await subtreeGradesUnder(this.ds, scope.path);
    const rows: EntryRow[] = await this.ds.query(
      `${SELECT_ENTRY}
        WHERE b.level = 'branch' AND b.path LIKE $1
        ORDER BY array_position($2::text[], b.domain), b.code, b.id
        LIMIT $3 OFFSET $4`,
      [under, BRANCH_DOMAINS, q.limit, q.offset],
    );
    return {
      organisation: { id: scope.id, name: scope.name, level: scope.level, levelLabel: ORG_LEVEL_LABELS[scope.level] },
      summary: { branches, recorded: BRANCH_GRADES.reduce((n, g) => n + byGrade[g], 0), byGrade, advancedCap: advancedCapOf(branches) },
      total: branches,
      limit: q.limit,
      offset: q.offset,
      items: rows.map(present),
    };
  }

  /** One branch's row, if the caller may see the branch; anything else is "not found". */
  async entry(p: Principal, branchId: string, em: Pick<EntityManager, 'query'> = this.ds): Promise<LedgerEntryView> {
    const [row]: EntryRow[] = await em.query(`${SELECT_ENTRY} WHERE b.id = $1`, [branchId]);
    if (!row || row.level !== 'branch' || !p.canSee(row.path)) throw notFound('党支部');
    return present(row);
  }

  /** The branch's row with its history, oldest change first. */
  async detail(p: Principal, branchId: string): Promise<LedgerEntryDetail> {
    const entry = await this.entry(p, branchId);
    const rows: Array<{
      year: number;
      grade: BranchGrade;
      previous_grade: BranchGrade | null;
      evaluation: string;
      source: string;
      reason: string;
      campaign_id: string | null;
      organisation_id: string | null;
      organisation_name: string | null;
      actor_name: string;
      recorded_at: Date;
    }> = await this.ds.query(
      `SELECT h.year, h.grade, h.previous_grade, h.evaluation, h.source, h.reason, h.campaign_id, h.organisation_id, o.name AS organisation_name, h.actor_name, h.recorded_at
         FROM ledger_history h LEFT JOIN organisations o ON o.id = h.organisation_id
        WHERE h.branch_id = $1 ORDER BY h.recorded_at, h.id`,
      [branchId],
    );
    return {
      ...entry,
      history: rows.map((r) => ({
        year: r.year,
        grade: r.grade,
        gradeLabel: BRANCH_GRADE_LABELS[r.grade],
        previousGrade: r.previous_grade,
        previousGradeLabel: r.previous_grade ? BRANCH_GRADE_LABELS[r.previous_grade] : null,
        evaluation: r.evaluation,
        source: r.source,
        sourceLabel: LEDGER_CHANGE_SOURCE_LABELS[r.source] ?? r.source,
        reason: r.reason,
        campaignId: r.campaign_id,
        decidedBy: r.organisation_id ? { organisationId: r.organisation_id, organisationName: r.organisation_name ?? '' } : null,
        actorName: r.actor_name,
        recordedAt: new Date(r.recorded_at).toISOString(),
      })),
    };
  }

  /** A reviewer of a committee above the branch (the organisation department's included), or an organisation-department administrator. */
  private editor(p: Principal, branch: { id: string; path: string }): RoleGrant | undefined {
    const reviewer = p.grantCovering('reviewer', branch.path);
    if (reviewer && reviewer.organisationId !== branch.id && (isCommittee(reviewer.level) || isDepartment(reviewer.level))) return reviewer;
    return p.grants.find((g) => g.role === 'administrator' && isDepartment(g.level) && branch.path.startsWith(g.scopePath));
  }

  async update(p: Principal, branchId: string, change: LedgerChange): Promise<LedgerEntryDetail> {
    const [branch]: Array<{ id: string; name: string; level: string; path: string }> = await this.ds.query(
      `SELECT id, name, level, path FROM organisations WHERE id = $1`,
      [branchId],
    );
    if (!branch || branch.level !== 'branch' || !p.canSee(branch.path)) throw notFound('党支部');
    const grant = this.editor(p, branch);
    if (!grant) throw forbidden('只有上级党委的审核人或市委组织部管理员可以修改党支部台账');
    const years = change.goals?.map((g) => g.year) ?? [];
    const repeated = [...new Set(years.filter((y, i) => years.indexOf(y) !== i))];
    if (repeated.length) throw new ApiError('GOAL_YEAR_REPEATED', `创建目标的年度不能重复：${repeated.join('、')}年`);

    await this.ds.transaction(async (em) => {
      // Every write takes the committees above the branch, root first, before the entry: an upgrade to advanced
      // counts against their 10% cap, and any write moves their subtree counts. Every ledger writer takes them in
      // this order, so waits never cross.
      const committees: Array<{ id: string; name: string }> = await em.query(
        `SELECT id, name FROM organisations WHERE id = ANY($1) AND level = ANY($2) ORDER BY path FOR NO KEY UPDATE`,
        [ancestorIds(branch.path).slice(0, -1), COMMITTEE_LEVELS],
      );
      await em.query(`SELECT 1 FROM ledger_entries WHERE branch_id = $1 FOR UPDATE`, [branchId]);
      const before = await this.entry(p, branchId, em);
      if (!before.grade && !change.grade) {
        throw new ApiError('LEDGER_GRADE_REQUIRED', '该党支部尚未建立台账，首次登记须填写当前等次（grade）');
      }
      if (change.grade) await this.checkCap(em, committees, before.grade, change.grade);

      const prior = stored(before);
      const after: Stored = {
        grade: change.grade ?? prior!.grade,
        goals: change.goals ? [...change.goals].sort((a, b) => a.year - b.year) : (prior?.goals ?? []),
        problems: change.problems ?? prior?.problems ?? '',
        measures: change.measures ?? prior?.measures ?? '',
        evaluation: change.evaluation ?? prior?.evaluation ?? '',
        contact: change.contact ?? prior?.contact ?? '',
        contactTitle: change.contactTitle ?? prior?.contactTitle ?? '',
        phone: change.phone ?? prior?.phone ?? '',
      };
      const at = new Date();
      await em.query(
        `INSERT INTO ledger_entries (branch_id, grade, goals, problems, measures, evaluation, contact, contact_title, phone, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (branch_id) DO UPDATE SET
           grade = EXCLUDED.grade, goals = EXCLUDED.goals, problems = EXCLUDED.problems, measures = EXCLUDED.measures,
           evaluation = EXCLUDED.evaluation, contact = EXCLUDED.contact, contact_title = EXCLUDED.contact_title,
           phone = EXCLUDED.phone, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [branchId, after.grade, JSON.stringify(after.goals), after.problems, after.measures, after.evaluation, after.contact, after.contactTitle, after.phone, p.userId, at],
      );
      // The history keeps every change of grade or yearly evaluation, in the year (Beijing time) it was made.
      if (!prior || prior.grade !== after.grade || prior.evaluation !== after.evaluation) {
        await appendLedgerHistory(em, {
          branchId,
          year: Number(chinaDate(at).slice(0, 4)),
          grade: after.grade,
          previousGrade: prior?.grade ?? null,
          evaluation: after.evaluation,
          source: prior ? 'review' : 'initial',
          reason: change.reason ?? '',
          organisationId: grant.organisationId,
          actorId: p.userId,
          actorName: p.displayName,
          at,
          key: `ledger:${branchId}:${randomUUID()}`,
        });
      }
      await appendAudit(em, {
        actorId: p.userId,
        actorName: p.displayName,
        actorRole: grant.role,
        organisationId: grant.organisationId,
        action: prior ? 'ledger.entry.updated' : 'ledger.entry.created',
        subjectType: 'ledger_entry',
        subjectId: branchId,
        ...(change.reason ? { opinion: change.reason } : {}),
        before: prior ?? undefined,
        after,
        at,
      });
    });
    return this.detail(p, branchId);
  }

  /** Refuses (422 ADVANCED_CAP, nothing written) a grade that would put any committee above the branch over its cap. */
  private async checkCap(em: EntityManager, committees: ReadonlyArray<{ id: string; name: string }>, from: BranchGrade | null, to: BranchGrade): Promise<void> {
    if (to !== 'advanced' || from === 'advanced') return;
    const counts = await advancedCounts(em, committees.map((c) => c.id));
    const governed: GovernedCount[] = committees.map((c) => {
      const n = counts.get(c.id);
      return { committeeId: c.id, committeeName: c.name, governed: n?.governed ?? 0, advanced: n?.advanced ?? 0 };
    });
    const violations = advancedCapViolationsByCount(governed, { from, to }, ADVANCED_CAP_SHARE);
    if (violations.length) {
      throw new ApiError(
        'ADVANCED_CAP',
        `${ADVANCED_CAP_RULE}：各级党委的先进党支部原则上不超过所辖党支部总数的${Math.round(ADVANCED_CAP_SHARE * 100)}%，不能评为先进。${violations.map((v) => v.message.replace(`${ADVANCED_CAP_RULE}：`, '')).join('；')}`,
        violations.map((v) => v.message),
      );
    }
  }
}
