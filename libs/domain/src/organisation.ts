/** Levels of the organisation tree (PROCESSES.md, "The organisation tree"). */
export const ORG_LEVELS = [
  'city_committee',
  'org_department',
  'political_department',
  'city_managed_committee',
  'grassroots_committee',
  'branch',
  'agency',
] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const ORG_LEVEL_LABELS: Record<OrgLevel, string> = {
  city_committee: '市委',
  org_department: '市委组织部',
  political_department: '局政治部',
  city_managed_committee: '市管党委',
  grassroots_committee: '基层党委',
  branch: '党支部',
  agency: '征求意见单位',
};

/** A branch's domain (领域); some rules (consulted agencies, quotas) depend on it. */
export const BRANCH_DOMAINS = [
  'rural',
  'urban_community',
  'government_institution',
  'state_enterprise',
  'private_enterprise',
  'social_organization',
  'other',
  'financial_institution',
] as const;
export type BranchDomain = (typeof BRANCH_DOMAINS)[number];

export const BRANCH_DOMAIN_LABELS: Record<BranchDomain, string> = {
  rural: '农村',
  urban_community: '城市社区',
  government_institution: '机关事业单位',
  state_enterprise: '国有企业',
  private_enterprise: '非公有制经济组织',
  social_organization: '社会组织',
  other: '其他',
  financial_institution: '金融机构',
};

/** Agencies consulted before a committee meeting (征求意见), PROCESSES.md §1 step 3. */
export const AGENCY_KINDS = [
  'discipline_inspection',
  'court',
  'procuratorate',
  'comprehensive_management',
  'petitions',
  'office_610',
  'police',
  'family_planning',
  'audit',
  'land',
  'housing_construction',
  'environment',
  'industry_commerce',
  'tax',
  'social_security',
  'work_safety',
  'party_building_body',
  // Today's bodies: 国土 → 自然资源, 工商 → 市场监管, 安监 → 应急管理 (2018); the regulators of financial institutions.
  'natural_resources',
  'market_regulation',
  'emergency_management',
  'financial_regulation',
  'people_bank',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  discipline_inspection: '纪检监察机关',
  court: '法院',
  procuratorate: '检察院',
  comprehensive_management: '综治办',
  petitions: '信访局',
  office_610: '610办公室',
  police: '公安局',
  family_planning: '计生委',
  audit: '审计局',
  land: '国土资源局',
  housing_construction: '住建局',
  environment: '环保局',
  industry_commerce: '工商局',
  tax: '税务局',
  social_security: '社保局',
  work_safety: '安监局',
  party_building_body: '相关党建工作机构',
  natural_resources: '自然资源和规划局',
  market_regulation: '市场监督管理局',
  emergency_management: '应急管理局',
  financial_regulation: '金融监管分局',
  people_bank: '人民银行分支机构',
};

/** The committees that review and decide; a branch is never one. */
export const COMMITTEE_LEVELS: readonly OrgLevel[] = [
  'city_committee',
  'city_managed_committee',
  'grassroots_committee',
];

export function isCommittee(level: OrgLevel): boolean {
  return COMMITTEE_LEVELS.includes(level);
}

/**
 * Working departments that act for the committee they belong to: the
 * organisation department for the city committee (市委组织部), a bureau's
 * political department for the bureau's committee (局政治部, Hefei). They run
 * campaigns and receive what is filed upward, over their committee's subtree.
 */
export const DEPARTMENT_LEVELS: readonly OrgLevel[] = ['org_department', 'political_department'];

export function isDepartment(level: OrgLevel): boolean {
  return DEPARTMENT_LEVELS.includes(level);
}
