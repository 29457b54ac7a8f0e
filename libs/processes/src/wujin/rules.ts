import type { ObligationSpec } from '../../../contracts/src';
import type { WujinBranch } from './contracts';

/**
 * The standing obligations the rubric checks (seed 004 二(三)、(二)4、(一)3、(四)2),
 * as the engine's obligation codes, and the rubric item that checks each.
 */
export const WUJIN_OBLIGATIONS = {
  wujin_members_meeting: { title: '支部党员大会', rubricItem: 'C1' },
  wujin_committee_meeting: { title: '支委会', rubricItem: 'C2' },
  wujin_group_meeting: { title: '党小组会', rubricItem: 'C3' },
  wujin_party_lesson: { title: '党课', rubricItem: 'C4' },
  wujin_organisation_life: { title: '组织生活会', rubricItem: 'C5' },
  wujin_democratic_evaluation: { title: '民主评议党员（自评、互评、民主测评“好、一般、差”，评定优秀、合格、基本合格、不合格）', rubricItem: 'B10' },
  wujin_re_election: { title: '支部委员会按期换届（延期须经上级党组织批准，一般不超过一年）', rubricItem: 'A4' },
  wujin_funds: { title: '党建工作专项经费落实', rubricItem: 'D3' },
} as const;
export type WujinObligation = keyof typeof WUJIN_OBLIGATIONS;

/** A government or public-institution branch must have its funds at the document's figure per member per year. */
const fundsApply = (b: WujinBranch) => b.domain === 'government_institution';

/** A branch's obligations for one year of the plan: the fixed cadences, the funds where they apply, the re-election in the year its term ends. */
export function wujinObligationSpecs(branch: WujinBranch, year: number, fundsPerMember: number): ObligationSpec[] {
  const o = WUJIN_OBLIGATIONS;
  const specs: ObligationSpec[] = [
    { code: 'wujin_members_meeting', title: o.wujin_members_meeting.title, cadence: { kind: 'quarterly' } },
    { code: 'wujin_committee_meeting', title: o.wujin_committee_meeting.title, cadence: { kind: 'monthly' } },
    { code: 'wujin_group_meeting', title: o.wujin_group_meeting.title, cadence: { kind: 'monthly' } },
    { code: 'wujin_party_lesson', title: o.wujin_party_lesson.title, cadence: { kind: 'quarterly' } },
    { code: 'wujin_organisation_life', title: o.wujin_organisation_life.title, cadence: { kind: 'half_yearly' } },
    { code: 'wujin_democratic_evaluation', title: o.wujin_democratic_evaluation.title, cadence: { kind: 'by_date', month: 12, day: 31 } },
  ];
  if (fundsApply(branch)) {
    specs.push({ code: 'wujin_funds', title: `${o.wujin_funds.title}（机关、事业单位人均不少于${fundsPerMember}元/年）`, cadence: { kind: 'by_date', month: 12, day: 31 } });
  }
  if (branch.termEndsOn?.startsWith(`${year}-`)) {
    const [, month, day] = branch.termEndsOn.split('-').map(Number) as [number, number, number];
    specs.push({ code: 'wujin_re_election', title: o.wujin_re_election.title, cadence: { kind: 'by_date', month, day } });
  }
  return specs;
}

/** The share of a whole that is done, 1 when there is nothing to do. */
export const share = (done: number, of: number): number => (of === 0 ? 1 : Math.round((done / of) * 10000) / 10000);

/** The first phase's figures: each part's share; the phase's measured value is the least of them (every part must be done). */
export interface DeployFigures {
  committees: number;
  plansAccepted: number;
  shellCases: number;
  shellCasesDecided: number;
  caseListsFiled: number;
  modelBranchesCommended: number;
}

export function deployMeasured(f: DeployFigures): number {
  return Math.min(share(f.plansAccepted, f.committees), share(f.shellCasesDecided, f.shellCases), share(f.caseListsFiled, f.committees), f.modelBranchesCommended > 0 ? 1 : 0);
}

/** The phase is met when its measured value reaches the target (a rate compared to 4 decimals). */
export const phaseMet = (measured: number, target: number): boolean => measured + 1e-9 >= target;
