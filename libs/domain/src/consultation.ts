import type { AgencyKind, BranchDomain } from './organisation';

/**
 * Which agencies are consulted (征求意见) about a candidate, by the branch's
 * domain (PROCESSES.md §1 step 3). Kept as data: a campaign may pass its own.
 */
export const ALWAYS_CONSULTED: readonly AgencyKind[] = [
  'discipline_inspection',
  'court',
  'procuratorate',
  'comprehensive_management',
  'petitions',
  'office_610',
  'police',
  'family_planning',
  'audit',
];

const ENTERPRISE_AGENCIES: readonly AgencyKind[] = ['land', 'housing_construction', 'environment', 'industry_commerce', 'tax', 'social_security', 'work_safety'];

export const CONSULTATION_RULES: Readonly<Record<BranchDomain, readonly AgencyKind[]>> = {
  rural: ALWAYS_CONSULTED,
  urban_community: ALWAYS_CONSULTED,
  government_institution: ALWAYS_CONSULTED,
  state_enterprise: [...ALWAYS_CONSULTED, ...ENTERPRISE_AGENCIES],
  private_enterprise: [...ALWAYS_CONSULTED, ...ENTERPRISE_AGENCIES, 'party_building_body'],
  social_organization: [...ALWAYS_CONSULTED, 'party_building_body'],
  other: ALWAYS_CONSULTED,
};

export function agenciesFor(domain: BranchDomain | null, rules: Readonly<Record<BranchDomain, readonly AgencyKind[]>> = CONSULTATION_RULES): readonly AgencyKind[] {
  return domain ? rules[domain] : ALWAYS_CONSULTED;
}

export const CONSULTATION_ANSWERS = ['no_objection', 'objection', 'veto'] as const;
export type ConsultationAnswer = (typeof CONSULTATION_ANSWERS)[number];

export const CONSULTATION_ANSWER_LABELS: Record<ConsultationAnswer | 'no_answer', string> = {
  no_objection: '无异议',
  objection: '有异议',
  veto: '一票否决',
  no_answer: '逾期未复',
};

export type CandidateVerdict = 'cleared' | 'objected' | 'vetoed' | 'pending';

/** A candidate's standing from the answers so far: any veto removes it; an objection is weighed by the committee. */
export function verdictOf(answers: ReadonlyArray<{ answer: ConsultationAnswer | 'no_answer' }>, expected: number): CandidateVerdict {
  if (answers.some((a) => a.answer === 'veto')) return 'vetoed';
  if (answers.length < expected) return 'pending';
  return answers.some((a) => a.answer === 'objection') ? 'objected' : 'cleared';
}
