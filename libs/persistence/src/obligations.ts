import type { DataSource } from 'typeorm';
import { type ComplianceFigures, compliance } from '../../domain/src';

/** Compliance per organisation in a subtree, counting occurrences due before `asOf`. */
export async function obligationCompliance(ds: DataSource, organisationId: string, asOf: string): Promise<Array<{ organisationId: string; name: string } & ComplianceFigures>> {
  const rows: Array<{ organisation_id: string; name: string; status: 'open' | 'completed' | 'overdue' | 'postponed'; completed_late: boolean | null; due: boolean }> = await ds.query(
    `SELECT x.organisation_id, o.name, x.status, x.completed_late, x.due_date < ($2::timestamptz AT TIME ZONE 'Asia/Shanghai')::date AS due
       FROM obligation_occurrences x
       JOIN organisations o ON o.id = x.organisation_id
       JOIN organisations scope ON scope.id = $1
      WHERE o.path LIKE scope.path || '%'`,
    [organisationId, asOf],
  );
  const byOrg = new Map<string, typeof rows>();
  for (const r of rows) byOrg.set(r.organisation_id, [...(byOrg.get(r.organisation_id) ?? []), r]);
  return [...byOrg.entries()].map(([id, list]) => ({
    organisationId: id,
    name: list[0]!.name,
    ...compliance(list.map((r) => ({ status: r.status, completedLate: r.completed_late, due: r.due }))),
  }));
}
