import type { DataSource } from 'typeorm';
import { WUJIN_STANDINGS, type WujinStanding, share } from '../../../../libs/processes/src/wujin';
import { average, scoreDistribution } from './figures';
import type { WujinSections as Sections } from './dashboard-schema';

/** A campaign's standing rows over a subtree (`$1` the campaign, `$2` the path pattern). */
export const STANDING_ROWS = `
  FROM wujin_branch_standing s JOIN organisations b ON b.id = s.branch_id JOIN organisations c ON c.id = s.committee_id
 WHERE s.campaign_id = $1 AND b.path LIKE $2`;

const noStandings = () => Object.fromEntries(WUJIN_STANDINGS.map((s) => [s, 0])) as Record<WujinStanding, number>;
const activeOf = (by: Record<WujinStanding, number>) => WUJIN_STANDINGS.filter((s) => s !== 'dissolved' && s !== 'merged').reduce((n, s) => n + by[s], 0);

export async function complianceFigures(ds: DataSource, campaignId: string, under: string): Promise<Sections['compliance']> {
  const rows: Array<{ committeeId: string; committeeName: string; standing: WujinStanding; n: number }> = await ds.query(
    `SELECT s.committee_id AS "committeeId", c.name AS "committeeName", s.standing, count(*)::int AS n ${STANDING_ROWS}
      GROUP BY s.committee_id, c.name, c.path, s.standing ORDER BY c.path`,
    [campaignId, under],
  );
  const total = noStandings();
  const committees = new Map<string, { committeeId: string; committeeName: string; byStanding: Record<WujinStanding, number> }>();
  for (const r of rows) {
    const c = committees.get(r.committeeId) ?? { committeeId: r.committeeId, committeeName: r.committeeName, byStanding: noStandings() };
    c.byStanding[r.standing] += r.n;
    total[r.standing] += r.n;
    committees.set(r.committeeId, c);
  }
  const figures = (by: Record<WujinStanding, number>) => {
    const active = activeOf(by);
    return { branches: Object.values(by).reduce((a, b) => a + b, 0), active, compliant: by.compliant, rate: share(by.compliant, active), byStanding: by };
  };
  return { ...figures(total), committees: [...committees.values()].map((c) => ({ committeeId: c.committeeId, committeeName: c.committeeName, ...figures(c.byStanding) })) };
}

export async function scoreFigures(ds: DataSource, campaignId: string, under: string, passThreshold: number): Promise<Sections['scores']> {
  return scoreSummary(await scoreRows(ds, campaignId, under), passThreshold);
}

interface ScoreRow {
  branchId: string;
  branchName: string;
  committeeId: string;
  committeeName: string;
  score: number;
  vetoes: Array<{ code: string; text: string }>;
}

/** Each scored branch's latest verified score and vetoes, the vetoes' texts from the rubric version it was assessed on. */
async function scoreRows(ds: DataSource, campaignId: string, under: string): Promise<ScoreRow[]> {
  const rows: Array<Omit<ScoreRow, 'vetoes' | 'score'> & { score: string; vetoes: string[]; vetoItems: Array<{ code: string; text: string }> | null }> = await ds.query(
    `SELECT s.branch_id AS "branchId", b.name AS "branchName", s.committee_id AS "committeeId", c.name AS "committeeName", s.score, s.vetoes,
            r.definition->'vetoItems' AS "vetoItems"
       FROM wujin_branch_standing s JOIN organisations b ON b.id = s.branch_id JOIN organisations c ON c.id = s.committee_id
       LEFT JOIN wujin_assessments a ON a.campaign_id = s.campaign_id AND a.branch_id = s.branch_id AND a.round = s.round
       LEFT JOIN rubrics r ON r.code = a.rubric_code AND r.version = a.rubric_version
      WHERE s.campaign_id = $1 AND b.path LIKE $2 AND s.score IS NOT NULL
      ORDER BY c.path, b.path`,
    [campaignId, under],
  );
  return rows.map((r) => ({
    ...r,
    score: Number(r.score),
    vetoes: r.vetoes.map((code) => ({ code, text: r.vetoItems?.find((v) => v.code === code)?.text ?? code })),
  }));
}

function scoreSummary(rows: ScoreRow[], passThreshold: number): Sections['scores'] {
  const vetoed = rows.filter((r) => r.vetoes.length);
  const byVeto = new Map<string, { code: string; text: string; branches: number }>();
  for (const r of vetoed) for (const v of r.vetoes) byVeto.set(v.code, { ...v, branches: (byVeto.get(v.code)?.branches ?? 0) + 1 });
  const committees = new Map<string, ScoreRow[]>();
  for (const r of rows) committees.set(r.committeeId, [...(committees.get(r.committeeId) ?? []), r]);
  const figures = (rs: ScoreRow[]) => ({ scored: rs.length, average: average(rs.map((r) => r.score)), failedBelow: rs.filter((r) => r.score < passThreshold).length, vetoed: rs.filter((r) => r.vetoes.length).length });
  return {
    passThreshold,
    ...figures(rows),
    distribution: scoreDistribution(rows.map((r) => r.score)),
    byVeto: [...byVeto.values()],
    vetoes: vetoed.map((r) => ({ branchId: r.branchId, branchName: r.branchName, committeeName: r.committeeName, score: r.score, items: r.vetoes })),
    committees: [...committees.values()].map((rs) => ({ committeeId: rs[0]!.committeeId, committeeName: rs[0]!.committeeName, ...figures(rs) })),
  };
}
