import { AGENCY_KINDS, AGENCY_KIND_LABELS, type AgencyKind, BRANCH_DOMAINS, type BranchDomain } from './organisation';

/**
 * Which kinds of agency a committee consults (征求意见) about a candidate, by
 * the branch's domain (PROCESSES.md §1 step 3): a list per year that the
 * administrator keeps (GET/PUT /consultation-agency-lists/{year}); a campaign
 * runs with the list of its year as it stood when the campaign started.
 */
export type ConsultationRules = Readonly<Record<BranchDomain, readonly AgencyKind[]>>;

/** "征求同级纪检、法院、检察、综治、信访、610办公室、公安、计生、审计等单位意见": every candidate. */
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

/** "对金融机构、企业党支部，要有针对性听取同级国土、住建、环保、工商、税务、社保、安监等…部门的意见", as written in 2017. */
const ENTERPRISE_AGENCIES_2017: readonly AgencyKind[] = ['land', 'housing_construction', 'environment', 'industry_commerce', 'tax', 'social_security', 'work_safety'];

/** The same regulators under today's names: 国土 → 自然资源, 工商 → 市场监管, 安监 → 应急管理 (the 2018 reform). */
const ENTERPRISE_AGENCIES: readonly AgencyKind[] = ['natural_resources', 'housing_construction', 'environment', 'market_regulation', 'tax', 'social_security', 'emergency_management'];

/** The document's own list (seed 001, 2017), kept as that year's history; also what campaigns started before lists were data ran with. */
export const CONSULTATION_RULES_2017: ConsultationRules = {
  rural: ALWAYS_CONSULTED,
  urban_community: ALWAYS_CONSULTED,
  government_institution: ALWAYS_CONSULTED,
  state_enterprise: [...ALWAYS_CONSULTED, ...ENTERPRISE_AGENCIES_2017],
  private_enterprise: [...ALWAYS_CONSULTED, ...ENTERPRISE_AGENCIES_2017, 'party_building_body'],
  social_organization: [...ALWAYS_CONSULTED, 'party_building_body'],
  other: ALWAYS_CONSULTED,
  financial_institution: [...ALWAYS_CONSULTED, ...ENTERPRISE_AGENCIES_2017],
};

/**
 * Today's names, the default of a year nobody has edited: the enterprise
 * regulators as merged in 2018, and for a financial institution's branch its
 * own regulators besides (the financial regulator's local office and the
 * People's Bank branch, "行业监管部门" for that sector).
 */
export const CURRENT_CONSULTATION_RULES: ConsultationRules = {
  rural: ALWAYS_CONSULTED,
  urban_community: ALWAYS_CONSULTED,
  government_institution: ALWAYS_CONSULTED,
  state_enterprise: [...ALWAYS_CONSULTED, ...ENTERPRISE_AGENCIES],
  private_enterprise: [...ALWAYS_CONSULTED, ...ENTERPRISE_AGENCIES, 'party_building_body'],
  social_organization: [...ALWAYS_CONSULTED, 'party_building_body'],
  other: ALWAYS_CONSULTED,
  financial_institution: [...ALWAYS_CONSULTED, ...ENTERPRISE_AGENCIES, 'financial_regulation', 'people_bank'],
};

/** @deprecated the document's list; campaigns carry their year's list (kept for callers that predate it). */
export const CONSULTATION_RULES = CONSULTATION_RULES_2017;

/** The year whose list is the document's own, seeded as history. */
export const DOCUMENT_LIST_YEAR = 2017;

/** Every kind of agency any list names today: what a city's tree has at a level that has all of them. */
export const CURRENT_AGENCY_KINDS: readonly AgencyKind[] = AGENCY_KINDS.filter((k) => BRANCH_DOMAINS.some((d) => CURRENT_CONSULTATION_RULES[d].includes(k)));

/** The default list of a year: the document's for 2017, today's names otherwise. */
export function defaultConsultationRules(year: number): ConsultationRules {
  return year === DOCUMENT_LIST_YEAR ? CONSULTATION_RULES_2017 : CURRENT_CONSULTATION_RULES;
}

/** The kinds a list consults about a candidate of `domain` (a branch without one: the list for "other"). */
export function agenciesFor(domain: BranchDomain | null, rules: ConsultationRules = CONSULTATION_RULES_2017): readonly AgencyKind[] {
  return rules[domain ?? 'other'] ?? rules.other;
}

/** A list with each kind's name, as the API shows it. */
export function labelledRules(rules: ConsultationRules): Record<BranchDomain, Array<{ kind: AgencyKind; label: string }>> {
  return Object.fromEntries(BRANCH_DOMAINS.map((d) => [d, (rules[d] ?? []).map((kind) => ({ kind, label: AGENCY_KIND_LABELS[kind] }))])) as Record<BranchDomain, Array<{ kind: AgencyKind; label: string }>>;
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
