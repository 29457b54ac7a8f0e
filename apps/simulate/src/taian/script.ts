/** Who plays which part in a Tai'an year, fixed by the seed: who applies and when, who is late, silent, vetoed or regraded. */
import type { DataSource } from 'typeorm';
import { type BranchGrade, addCalendarDays, recommendationBar } from '../../../../libs/domain/src';
import { DAY } from '../campaign-days';
import { type Rng, keyed, pick } from '../random';

export interface Script {
  applications: Array<{ branchId: string; on: string; late: boolean; form: unknown }>;
  /** Branches the ledger bars (后进, 软弱涣散) that try to apply anyway. */
  ineligibleTries: Array<{ branchId: string; on: string }>;
  /** Applicants their committee regrades weak and lax after applying: barred at the pick. */
  downgrades: Array<{ branchId: string; committeeId: string; on: string }>;
  /** Committees that leave their work until after the deadline. */
  lateCommittees: Set<string>;
  /** Agencies that never answer. */
  silentAgencies: Set<string>;
  /** Branches an agency vetoes, and how many vetoes were given. */
  vetoBranches: Set<string>;
  vetoesIssued: number;
  /** Objections to lodge: at most this many per notice, and which are upheld. */
  upheldObjections: Set<string>;
  /** Each branch's ledger row (附件1): its grade and the contact who answers for it, as the plans copy them. */
  ledger: Map<string, { grade: BranchGrade; contact: string; contactTitle: string; phone: string }>;
}

export async function scriptActors(ds: DataSource, rng: Rng, year: number, applicationDue: string, seed: number): Promise<Script> {
  // Ordered by code, which the generated tree fixes (ids are random), so the seed decides alone.
  const all: Array<{ id: string; name: string; parent: string; grade: BranchGrade | null }> = await ds.query(
    `SELECT b.id, b.name, b.parent_id AS parent, l.grade FROM organisations b LEFT JOIN ledger_entries l ON l.branch_id = b.id WHERE b.level = 'branch' ORDER BY b.code`,
  );
  // Branches know the rule: one graded lagging or weak and lax waits for its rectification to be accepted.
  const branches = all.filter((b) => !recommendationBar(b.name, b.grade));
  const byParent = new Map<string, typeof branches>();
  for (const b of branches) byParent.set(b.parent, [...(byParent.get(b.parent) ?? []), b]);
  const applications: Script['applications'] = [];
  const first = `${year}-01-04`;
  const span = Math.round((Date.parse(applicationDue) - Date.parse(first)) / DAY) - 3;
  for (const group of byParent.values()) {
    // About half of every committee's branches apply (seven in ten of the eligible ones), at least two where there are two.
    const share = group.filter(() => rng() < 0.7);
    const applying = share.length >= 2 || group.length < 2 ? share : group.slice(0, 2);
    for (const b of applying) {
      const honours = rng() < 0.15 ? [{ title: '山东省先进基层党组织', level: 'provincial', year: year - 2 }] : [{ title: '泰安市先进基层党组织', level: 'city', year: year - 1 }];
      // Some branches list a provincial honour of long ago: not "近年来", so it puts them first in line no more.
      if (keyed(seed, `old-honour:${b.name}`) < 0.1) honours.push({ title: '山东省五好基层党组织', level: 'provincial', year: year - 8 });
      applications.push({
        branchId: b.id,
        on: addCalendarDays(first, Math.floor(rng() * span)),
        late: false,
        form: {
          secretaryName: '张建国',
          secretaryPhone: '13800000000',
          basicSituation: `${b.name}现有党员32名，组织健全，制度落实。`,
          honours,
          mainDeeds: `${b.name}围绕中心工作，发挥战斗堡垒作用，带领群众干事创业。`,
        },
      });
    }
  }
  // Three branches that did not apply try a week after the deadline.
  const applied = new Set(applications.map((a) => a.branchId));
  for (const b of branches.filter((x) => !applied.has(x.id)).slice(0, 3)) {
    applications.push({ branchId: b.id, on: addCalendarDays(applicationDue, 7), late: true, form: applications[0]!.form });
  }
  const barred = all.find((b) => recommendationBar(b.name, b.grade));
  const ineligibleTries = barred ? [{ branchId: barred.id, on: addCalendarDays(first, 3) }] : [];
  // Two applicants, in committees with at least four, are regraded the day after the applications close.
  const byCommittee = new Map<string, string[]>();
  for (const a of applications.filter((x) => !x.late)) {
    const parent = all.find((b) => b.id === a.branchId)!.parent;
    byCommittee.set(parent, [...(byCommittee.get(parent) ?? []), a.branchId]);
  }
  const downgrades = [...byCommittee.entries()]
    .filter(([, ids]) => ids.length >= 4)
    .slice(0, 2)
    .map(([committeeId, ids]) => ({ branchId: ids[ids.length - 1]!, committeeId, on: addCalendarDays(applicationDue, 1) }));
  const committees: Array<{ id: string }> = await ds.query(`SELECT id FROM organisations WHERE level = 'grassroots_committee' ORDER BY code`);
  const agencies: Array<{ id: string }> = await ds.query(`SELECT id FROM organisations WHERE level = 'agency' AND agency_kind = 'audit' ORDER BY code`);
  const vetoBranches = new Set(applications.filter((a) => !a.late && rng() < 0.03).map((a) => a.branchId));
  const ledgerRows: Array<{ branch_id: string; grade: BranchGrade; contact: string; contact_title: string; phone: string }> = await ds.query(
    `SELECT branch_id, grade, contact, contact_title, phone FROM ledger_entries`,
  );
  return {
    applications,
    ineligibleTries,
    downgrades,
    lateCommittees: new Set(committees.length ? [pick(rng, committees).id] : []),
    silentAgencies: new Set(agencies.length ? [pick(rng, agencies).id] : []),
    vetoBranches,
    vetoesIssued: 0,
    upheldObjections: new Set(),
    ledger: new Map(ledgerRows.map((r) => [r.branch_id, { grade: r.grade, contact: r.contact, contactTitle: r.contact_title, phone: r.phone }])),
  };
}
