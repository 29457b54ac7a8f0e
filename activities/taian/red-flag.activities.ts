import type { DataSource, EntityManager } from 'typeorm';
import type { CampaignCandidate, CandidateInspection } from '../../libs/contracts/src';
import { BRANCH_GRADE_LABELS, type BranchDomain, type BranchGrade, COMMITTEE_LEVELS, type HonourLevel, type HonourRecency, advancedCapOf, ancestorIds, hasPriorityHonour } from '../../libs/domain/src';
import { type LedgerEntryColumns, SYSTEM_ACTOR, advancedCounts, appendAudit, appendLedgerHistory, notify } from '../../libs/persistence/src';
import { type CampaignTree, type PlanSubject, namingEvaluation } from '../../libs/processes/src/taian';

/** Who decided the naming, as the ledger's change and its audit row record it: the city committee and its member who approved. */
export interface NamingDecision {
  organisationId: string;
  userId: string;
  displayName: string;
  role: string;
  /** The committee's opinion on the list. */
  opinion: string;
}

interface CandidateRow {
  id: string;
  branch_id: string;
  branch_name: string;
  domain: BranchDomain | null;
  priority: boolean;
  honours: Array<{ level: HonourLevel; year?: number }>;
  unit_id: string;
  city_managed_id: string;
  evaluation_score: string | null;
  evaluation_participants: number | null;
  inspectors: string | null;
  inspected_on: string | null;
  findings: string | null;
}

/** A candidate, first in line only for an honour recent enough for the campaign (without a recency, as registered). */
const toCandidate = (r: CandidateRow, recency: HonourRecency | null): CampaignCandidate => ({
  nominationId: r.id,
  branchId: r.branch_id,
  name: r.branch_name,
  domain: r.domain,
  priority: recency ? hasPriorityHonour(r.honours, recency) : r.priority,
  evaluation: r.evaluation_score === null ? null : { score: Number(r.evaluation_score), participants: r.evaluation_participants! },
  inspection: r.inspectors === null ? null : { inspectors: r.inspectors, inspectedOn: r.inspected_on!, findings: r.findings! },
});

/** "近年来" of the campaign's parameters; null for campaigns started before it (any year counted). */
async function recencyOf(q: Pick<DataSource, 'query'>, campaignId: string): Promise<HonourRecency | null> {
  const [c] = await q.query(`SELECT year, params FROM campaigns WHERE id = $1`, [campaignId]);
  const years = c?.params?.recentHonourYears;
  return typeof years === 'number' ? { year: c.year, years } : null;
}

// What every level learnt of a candidate comes with it: the evaluation, the inspection.
const CANDIDATE_SQL = `
  SELECT n.id, n.branch_id, n.branch_name, b.domain, n.priority, n.honours,
         coalesce(n.grassroots_committee_id, n.city_managed_committee_id) AS unit_id, n.city_managed_committee_id AS city_managed_id,
         n.evaluation_score, n.evaluation_participants, i.inspectors, to_char(i.inspected_on, 'YYYY-MM-DD') AS inspected_on, i.findings
    FROM nominations n JOIN organisations b ON b.id = n.branch_id LEFT JOIN nomination_inspections i ON i.nomination_id = n.id`;

/**
 * Tai'an's own side of a red-flag campaign: the city's committees it runs
 * over, the applications by the committee that recommends them, the
 * candidates by city-managed committee, the naming, the filed plans.
 * Names are those the recorded histories carry; every write is keyed or conditional.
 */
export function createRedFlagActivities(ds: DataSource) {
  return {
    async loadCampaignTree({ campaignId }: { campaignId: string }): Promise<CampaignTree> {
      const [city] = await ds.query(
        `SELECT p.path FROM campaigns c JOIN organisations d ON d.id = c.organisation_id JOIN organisations p ON p.id = d.parent_id WHERE c.id = $1`,
        [campaignId],
      );
      const orgs: Array<{ id: string; name: string; level: string; path: string; parent_id: string }> = await ds.query(
        `SELECT id, name, level, path, parent_id FROM organisations WHERE path LIKE $1 AND level IN ('city_managed_committee', 'grassroots_committee', 'branch') ORDER BY path`,
        [`${city.path}%`],
      );
      const branches = orgs.filter((o) => o.level === 'branch');
      const governed = (path: string) => branches.filter((b) => b.path.startsWith(path)).length;
      const cityManaged = orgs.filter((o) => o.level === 'city_managed_committee');
      const cmOf = (path: string) => cityManaged.find((c) => path.startsWith(c.path))?.id;
      const direct = (id: string) => branches.filter((b) => b.parent_id === id).length;
      return {
        branches: branches.length,
        cityManaged: cityManaged.map((c) => ({ id: c.id, name: c.name, governed: governed(c.path) })),
        recommenders: orgs
          .filter((o) => (o.level === 'grassroots_committee' || o.level === 'city_managed_committee') && direct(o.id) > 0 && cmOf(o.path))
          .map((o) => ({ id: o.id, name: o.name, governed: o.level === 'grassroots_committee' ? governed(o.path) : direct(o.id), cityManagedId: cmOf(o.path)! })),
      };
    },

    /** The nominations accepted by the application deadline, by the committee that recommends them; the rest are escalated. */
    async collectApplications({ campaignId, at }: { campaignId: string; at: string }): Promise<Record<string, CampaignCandidate[]>> {
      return ds.transaction(async (em) => {
        await em.query(`UPDATE nominations SET campaign_status = 'applied' WHERE campaign_id = $1 AND status = 'approved' AND campaign_status IS NULL`, [campaignId]);
        const rows: CandidateRow[] = await em.query(`${CANDIDATE_SQL} WHERE n.campaign_id = $1 AND n.status = 'approved' ORDER BY n.branch_path`, [campaignId]);
        const pending: Array<{ id: string; branch_name: string; unit_id: string }> = await em.query(
          `SELECT n.id, n.branch_name, coalesce(n.grassroots_committee_id, n.city_managed_committee_id) AS unit_id FROM nominations n
            WHERE n.campaign_id = $1 AND n.status IN ('under_review', 'returned')`,
          [campaignId],
        );
        for (const p of pending) {
          await notify(em, {
            kind: 'escalation',
            targets: [{ organisationId: p.unit_id, role: 'reviewer' }],
            message: `申报截止时尚未完成受理审核：${p.branch_name}`,
            key: `${campaignId}:application-late:${p.id}`,
            at,
          });
        }
        // Priority by the campaign's "近年来": an old provincial honour no longer puts a branch first; the row says so too.
        const recency = await recencyOf(em, campaignId);
        const candidates = rows.map((r) => ({ row: r, candidate: toCandidate(r, recency) }));
        const changed = candidates.filter((c) => c.candidate.priority !== c.row.priority);
        if (changed.length) {
          await em.query(`UPDATE nominations SET priority = (id = ANY($2)) WHERE id = ANY($1)`, [changed.map((c) => c.row.id), changed.filter((c) => c.candidate.priority).map((c) => c.row.id)]);
        }
        const byUnit: Record<string, CampaignCandidate[]> = {};
        for (const c of candidates) (byUnit[c.row.unit_id] ??= []).push(c.candidate);
        return byUnit;
      });
    },

    async candidatesByCityManaged({ campaignId, ids }: { campaignId: string; ids: string[] }): Promise<Record<string, CampaignCandidate[]>> {
      const rows: CandidateRow[] = await ds.query(`${CANDIDATE_SQL} WHERE n.campaign_id = $1 AND n.id = ANY($2) ORDER BY n.branch_path`, [campaignId, ids]);
      const recency = await recencyOf(ds, campaignId);
      const result: Record<string, CampaignCandidate[]> = {};
      for (const r of rows) (result[r.city_managed_id] ??= []).push(toCandidate(r, recency));
      return result;
    },

    /**
     * Names the branches at the workflow's time and, given who decided (absent in histories recorded before), moves
     * each one's ledger entry to advanced with the year's honour as its evaluation, in the same transaction.
     */
    async nameBranches({ campaignId, ids, year, decidedBy, at }: { campaignId: string; ids: string[]; year: number; decidedBy?: NamingDecision; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        if (decidedBy) await ledgerAtNaming(em, { campaignId, ids, year, decidedBy, at });
        await em.query(`UPDATE nominations SET campaign_status = 'named', campaign_reason = NULL, updated_at = $3 WHERE campaign_id = $1 AND id = ANY($2)`, [campaignId, ids, at]);
        await appendAudit(em, {
          ...SYSTEM_ACTOR,
          organisationId: null,
          action: 'campaign.named',
          subjectType: 'campaign',
          subjectId: campaignId,
          opinion: `命名${ids.length}个${year}年度“泰山先锋”红旗党支部`,
          after: { ids },
          requestId: `${campaignId}:named`,
          at,
        });
      });
    },

    /** Every city-managed committee of the campaign's city, for its plans: a county's or not, its branches, its named ones. */
    async planSubjects({ campaignId, named }: { campaignId: string; named: string[] }): Promise<PlanSubject[]> {
      const committees: Array<{ id: string; name: string; county: boolean; path: string }> = await ds.query(
        `SELECT cm.id, cm.name, cm.county, cm.path FROM campaigns c JOIN organisations d ON d.id = c.organisation_id JOIN organisations city ON city.id = d.parent_id
           JOIN organisations cm ON cm.path LIKE city.path || '%' AND cm.level = 'city_managed_committee' WHERE c.id = $1 ORDER BY cm.path`,
        [campaignId],
      );
      const branches: Array<{ id: string; name: string; path: string }> = await ds.query(
        `SELECT b.id, b.name, b.path FROM organisations b WHERE b.level = 'branch' AND b.path LIKE ANY($1) ORDER BY b.path`,
        [committees.map((c) => `${c.path}%`)],
      );
      const mentors: Array<{ id: string; name: string; branch_id: string; cm: string }> = await ds.query(
        `SELECT n.id, n.branch_name AS name, n.branch_id, n.city_managed_committee_id AS cm FROM nominations n WHERE n.campaign_id = $1 AND n.id = ANY($2) ORDER BY n.branch_path`,
        [campaignId, named],
      );
      return committees.map((c) => ({
        id: c.id,
        name: c.name,
        county: c.county,
        branches: branches.filter((b) => b.path.startsWith(c.path)).map((b) => ({ id: b.id, name: b.name })),
        mentors: mentors.filter((m) => m.cm === c.id).map((m) => ({ id: m.id, name: m.name, branchId: m.branch_id })),
      }));
    },

    /** Each nomination's branch's grade in the ledger now (null: no entry), for the pick about to open. */
    async ledgerStanding({ nominationIds }: { nominationIds: string[] }): Promise<Record<string, BranchGrade | null>> {
      const rows: Array<{ id: string; grade: BranchGrade | null }> = await ds.query(
        `SELECT n.id, l.grade FROM nominations n LEFT JOIN ledger_entries l ON l.branch_id = n.branch_id WHERE n.id = ANY($1)`,
        [nominationIds],
      );
      return Object.fromEntries(rows.map((r) => [r.id, r.grade]));
    },

    /** The grassroots evaluation's score of each candidate, kept on the nomination so later picks see it; a retry writes the same. */
    async recordEvaluation({ campaignId, scores, participants }: { campaignId: string; scores: Record<string, number>; participants: number }): Promise<void> {
      await ds.query(
        `UPDATE nominations n SET evaluation_score = s.score::numeric, evaluation_participants = $3
           FROM jsonb_each_text($2::jsonb) AS s(id, score) WHERE n.campaign_id = $1 AND n.id = s.id::uuid`,
        [campaignId, JSON.stringify(scores), participants],
      );
    },

    /** The inspection's record of each candidate, as the committee filed it; the first filing stands. */
    async recordInspections(o: { campaignId: string; organisationId: string; records: Array<CandidateInspection & { candidateId: string }>; by: string; at: string }): Promise<void> {
      await ds.query(
        `INSERT INTO nomination_inspections (nomination_id, campaign_id, organisation_id, inspectors, inspected_on, findings, recorded_by, recorded_at)
         SELECT r.id, $1, $2, r.inspectors, r.inspected_on, r.findings, $3, $4
           FROM jsonb_to_recordset($5::jsonb) AS r(id uuid, inspectors text, inspected_on date, findings text)
           JOIN nominations n ON n.id = r.id AND n.campaign_id = $1
         ON CONFLICT (nomination_id) DO NOTHING`,
        [o.campaignId, o.organisationId, o.by, o.at, JSON.stringify(o.records.map((r) => ({ id: r.candidateId, inspectors: r.inspectors, inspected_on: r.inspectedOn, findings: r.findings })))],
      );
    },

    /** The committee's own red-flag list: its honour, kept and audited once whatever the retries. */
    async recordCommitteeRedFlags(o: { campaignId: string; organisationId: string; organisationName: string; year: number; ids: string[]; by: { userId: string; displayName: string }; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        await em.query(
          `INSERT INTO committee_red_flags (campaign_id, nomination_id, branch_id, organisation_id, year, decided_by, decided_at)
           SELECT n.campaign_id, n.id, n.branch_id, $2, $3, $4, $5 FROM nominations n WHERE n.campaign_id = $1 AND n.id = ANY($6)
           ON CONFLICT DO NOTHING`,
          [o.campaignId, o.organisationId, o.year, o.by.userId, o.at, o.ids],
        );
        await appendAudit(em, {
          actorId: o.by.userId,
          actorName: o.by.displayName,
          actorRole: 'reviewer',
          organisationId: o.organisationId,
          action: 'campaign.committee_red_flags',
          subjectType: 'campaign',
          subjectId: o.campaignId,
          opinion: `${o.organisationName}评选${o.ids.length}个${o.year}年度本级红旗党支部`,
          after: { ids: o.ids },
          requestId: `${o.campaignId}:${o.organisationId}:committee-red-flags`,
          at: o.at,
        });
      });
    },

    /** The department's spot checks of one half-year; a withdrawn title changes the nomination's status, audited. Once, whatever the retries. */
    async recordSpotChecks(o: {
      campaignId: string;
      period: string;
      checks: Array<{ itemId: string; findings: string; verdict: 'kept' | 'withdrawn'; reason?: string }>;
      by: { userId: string; displayName: string; organisationId: string };
      at: string;
    }): Promise<void> {
      await ds.transaction(async (em) => {
        for (const c of o.checks) {
          const inserted: unknown[] = await em.query(
            `INSERT INTO red_flag_spot_checks (campaign_id, nomination_id, period, findings, verdict, reason, checked_by, checked_at)
             SELECT $1, n.id, $3, $4, $5, $6, $7, $8 FROM nominations n WHERE n.id = $2 AND n.campaign_id = $1
             ON CONFLICT DO NOTHING RETURNING nomination_id`,
            [o.campaignId, c.itemId, o.period, c.findings, c.verdict, c.reason ?? null, o.by.userId, o.at],
          );
          if (!inserted.length || c.verdict !== 'withdrawn') continue;
          await em.query(`UPDATE nominations SET campaign_status = 'withdrawn', campaign_reason = $3, updated_at = $4 WHERE id = $1 AND campaign_id = $2`, [
            c.itemId,
            o.campaignId,
            `取消红旗党支部称号：${c.reason}`,
            o.at,
          ]);
          await appendAudit(em, {
            actorId: o.by.userId,
            actorName: o.by.displayName,
            actorRole: 'reviewer',
            organisationId: o.by.organisationId,
            action: 'campaign.title_withdrawn',
            subjectType: 'nomination',
            subjectId: c.itemId,
            opinion: `${o.period}抽查：${c.findings}；取消称号：${c.reason}`,
            after: { status: 'withdrawn' },
            requestId: `${o.campaignId}:withdrawn:${c.itemId}`,
            at: o.at,
          });
        }
      });
    },

    async storePlan({ campaignId, organisationId, kind, rows, by, at }: { campaignId: string; organisationId: string; kind: 'cultivation' | 'mentoring'; rows: unknown[]; by: string; at: string }): Promise<void> {
      await ds.query(
        `INSERT INTO campaign_plans (campaign_id, organisation_id, kind, rows, submitted_by, submitted_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (campaign_id, organisation_id, kind) DO UPDATE SET rows = EXCLUDED.rows, submitted_by = EXCLUDED.submitted_by, submitted_at = EXCLUDED.submitted_at`,
        [campaignId, organisationId, kind, JSON.stringify(rows), by, at],
      );
    },
  };
}

export type RedFlagActivities = ReturnType<typeof createRedFlagActivities>;

/** A named branch with its ledger entry's columns. */
interface EntryRow extends Omit<LedgerEntryColumns, 'grade'> {
  nomination_id: string;
  branch_id: string;
  branch_name: string;
  path: string;
  grade: BranchGrade | null;
}

/**
 * The ledger follows the naming ("根据每年考评结果及时进行调整"): each named branch is graded
 * advanced (先进（过硬）) with the year's honour as its evaluation; one history row and one audit
 * row per branch, by the city committee, at the workflow's time, each keyed so a retry writes
 * nothing twice. The committees above are taken in tree order, as a reviewer's upgrade takes them.
 * Where the upgrade takes a level over its 10%, the audit row says so: the city's naming is the
 * exception "原则上" allows, and the level sees it to regrade.
 */
async function ledgerAtNaming(em: EntityManager, o: { campaignId: string; ids: string[]; year: number; decidedBy: NamingDecision; at: string }): Promise<void> {
  const rows: EntryRow[] = await em.query(
    `SELECT n.id AS nomination_id, b.id AS branch_id, b.name AS branch_name, b.path, l.grade, l.goals, l.problems, l.measures, l.evaluation, l.contact, l.contact_title, l.phone
       FROM nominations n JOIN organisations b ON b.id = n.branch_id LEFT JOIN ledger_entries l ON l.branch_id = b.id
      WHERE n.campaign_id = $1 AND n.id = ANY($2) ORDER BY b.path`,
    [o.campaignId, o.ids],
  );
  const above = [...new Set(rows.flatMap((r) => ancestorIds(r.path).slice(0, -1)))];
  const committees: Array<{ id: string; name: string }> = await em.query(
    `SELECT id, name FROM organisations WHERE id = ANY($1) AND level = ANY($2) ORDER BY path FOR NO KEY UPDATE`,
    [above, COMMITTEE_LEVELS],
  );
  const names = new Map(committees.map((c) => [c.id, c.name]));
  const evaluation = namingEvaluation(o.year);
  for (const r of rows) {
    await em.query(`SELECT 1 FROM ledger_entries WHERE branch_id = $1 FOR UPDATE`, [r.branch_id]);
    const key = `${o.campaignId}:ledger-named:${r.branch_id}`;
    const wrote = await appendLedgerHistory(em, {
      branchId: r.branch_id,
      year: o.year,
      grade: 'advanced',
      previousGrade: r.grade,
      evaluation,
      source: 'naming',
      reason: o.decidedBy.opinion,
      campaignId: o.campaignId,
      organisationId: o.decidedBy.organisationId,
      actorId: o.decidedBy.userId,
      actorName: o.decidedBy.displayName,
      at: o.at,
      key,
    });
    if (!wrote) continue;
    const over =
      r.grade === 'advanced'
        ? []
        : [...(await advancedCounts(em, ancestorIds(r.path).filter((id) => names.has(id))))].filter(([, c]) => c.advanced + 1 > advancedCapOf(c.governed));
    const before = r.grade
      ? { grade: r.grade, goals: r.goals, problems: r.problems ?? '', measures: r.measures ?? '', evaluation: r.evaluation ?? '', contact: r.contact ?? '', contactTitle: r.contact_title ?? '', phone: r.phone ?? '' }
      : null;
    const after = { ...(before ?? { goals: [], problems: '', measures: '', contact: '', contactTitle: '', phone: '' }), grade: 'advanced' as const, evaluation };
    await em.query(
      `INSERT INTO ledger_entries (branch_id, grade, goals, evaluation, updated_by, updated_at) VALUES ($1, 'advanced', '[]', $2, $3, $4)
       ON CONFLICT (branch_id) DO UPDATE SET grade = 'advanced', evaluation = EXCLUDED.evaluation, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [r.branch_id, evaluation, o.decidedBy.userId, o.at],
    );
    const from = r.grade ? `由${BRANCH_GRADE_LABELS[r.grade]}` : '';
    const capNote = over.length
      ? `；${over.map(([id, c]) => `${names.get(id)}所辖${c.governed}个党支部中先进党支部将达${c.advanced + 1}个，超过10%（${advancedCapOf(c.governed)}个）`).join('；')}，系市委命名决定，按“原则上”例外记录`
      : '';
    await appendAudit(em, {
      actorId: o.decidedBy.userId,
      actorName: o.decidedBy.displayName,
      actorRole: o.decidedBy.role,
      organisationId: o.decidedBy.organisationId,
      action: 'ledger.entry.named',
      subjectType: 'ledger_entry',
      subjectId: r.branch_id,
      opinion: `${r.branch_name}命名为${evaluation}，台账等次${from}调整为先进（过硬）${capNote}`,
      before: before ?? undefined,
      after,
      requestId: key,
      at: o.at,
    });
  }
}
