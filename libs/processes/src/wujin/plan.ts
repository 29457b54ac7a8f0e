import {
  CalendarYearMissing,
  CampaignPlanInvalid,
  DURATION_UNIT_LABELS,
  type Duration,
  type PlannedStage,
  type WorkingCalendar,
  addCalendarDays,
  plannedStages,
} from '../../../domain/src/core';

/**
 * Wujin's three-year branch standardisation plan (PROCESSES.md §3, seed 004:
 * 武组发〔2016〕113号): its parameters, the document's figures as defaults
 * (Pennant's where it gives none, marked so), and the plan of stages over the
 * three years, computed on the working-day calendar before the plan starts.
 */
export interface WujinPlanParams {
  /** The plan's first year (the document's: 2016); the phases end on 31 December of this year and the next two. */
  year: number;
  phases: {
    /** 安排部署、全面清查: every committee's plan, empty shells and member cases handled, model branches commended. */
    deploy: { endsOn: string };
    /** 深入推进、全面达标: the share of branches compliant by the end (the document: 100%). */
    compliance: { endsOn: string; target: number };
    /** 巩固提升、形成特色: the share of branches with an accepted brand (the document: every branch). */
    brand: { endsOn: string; target: number };
  };
  /** 评分在85分及以上 (the rubric's pass threshold). */
  passThreshold: number;
  /** The rubric scored against (its newest version when each assessment opens). */
  rubricCode: string;
  /** The compliant list's public notice (the document says 经公示无异议; the length is Pennant's default). */
  notice: Duration;
  /** How long a failed branch has to rectify (整顿) before its committee reviews it (Pennant's default). */
  rectification: Duration;
  /** Model branches each committee may recommend in the first phase (Pennant's default). */
  modelBranchesPerCommittee: number;
  /** Standing obligations are scheduled from this year to the plan's last (Pennant's default: the year after the plan was issued). */
  obligationsFrom: number;
  /** 机关、事业单位党组织要达到人均600元/年. */
  fundsPerMember: number;
  /** Last days (YYYY-MM-DD) of the stages within the phases. */
  deadlines: {
    implementationPlans: string;
    audit: string;
    modelBranches: string;
    selfAssessment: string;
    committeeAssessment: string;
    districtVerification: string;
    complianceNotice: string;
    reassessment: string;
    brands: string;
  };
}

export const WUJIN_RUBRIC_CODE = 'wujin-branch-standardisation';

export function defaultWujinParams(year: number): WujinPlanParams {
  const [y0, y1, y2] = [year, year + 1, year + 2];
  return {
    year,
    phases: {
      deploy: { endsOn: `${y0}-12-31` },
      compliance: { endsOn: `${y1}-12-31`, target: 1 },
      brand: { endsOn: `${y2}-12-31`, target: 1 },
    },
    passThreshold: 85,
    rubricCode: WUJIN_RUBRIC_CODE,
    notice: { amount: 5, unit: 'working_days' },
    rectification: { amount: 30, unit: 'working_days' },
    modelBranchesPerCommittee: 2,
    obligationsFrom: y1,
    fundsPerMember: 600,
    // The document sets only the phases' ends; every date within them is Pennant's, laid out so that a failed branch
    // can rectify, be assessed again and go on notice before the compliance phase ends.
    deadlines: {
      implementationPlans: `${y0}-03-31`,
      audit: `${y0}-11-30`,
      modelBranches: `${y0}-12-20`,
      selfAssessment: `${y1}-04-28`,
      committeeAssessment: `${y1}-05-31`,
      districtVerification: `${y1}-06-30`,
      complianceNotice: `${y1}-07-31`,
      reassessment: `${y1}-12-15`,
      brands: `${y2}-11-30`,
    },
  };
}

export const WUJIN_STAGES = [
  'phase_deploy',
  'implementation_plans',
  'audit',
  'model_branches',
  'phase_compliance',
  'self_assessment',
  'committee_assessment',
  'district_verification',
  'compliance_notice',
  'rectification',
  'phase_brand',
  'brands',
] as const;
export type WujinStage = (typeof WUJIN_STAGES)[number];

export const WUJIN_STAGE_LABELS: Record<WujinStage, string> = {
  phase_deploy: '第一阶段：安排部署，全面清查',
  implementation_plans: '各单位党(工)委制定实施方案，报区委组织部审核',
  audit: '清理“空壳”党组织，处理“失联”党员和违法违纪党员',
  model_branches: '表彰第一批示范支部（推荐、评定、公示）',
  phase_compliance: '第二阶段：深入推进，全面达标',
  self_assessment: '党支部对照考核细则自评',
  committee_assessment: '党(工)委考核、申报',
  district_verification: '区委组织部验收、评定',
  compliance_notice: '合格支部名单公示',
  rectification: '未达标党支部整顿、复核验收并公示',
  phase_brand: '第三阶段：巩固提升，形成特色',
  brands: '各党支部形成党建工作品牌，报党(工)委认定',
};

/** The three phases, their stage, and what is measured when each ends. */
export const WUJIN_PHASES = ['deploy', 'compliance', 'brand'] as const;
export type WujinPhase = (typeof WUJIN_PHASES)[number];
export const phaseStage = (p: WujinPhase): WujinStage => `phase_${p}` as WujinStage;
export const WUJIN_PHASE_TARGET_LABELS: Record<WujinPhase, string> = {
  deploy: '实施方案备案、“空壳”党组织清理、“失联”和违法违纪党员处理全部完成，表彰第一批示范支部',
  compliance: '党支部规范化建设达标率',
  brand: '形成党建工作品牌的党支部比例',
};

const fmt = (d: Duration) => `${d.amount}个${DURATION_UNIT_LABELS[d.unit]}`;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Every stage with its dates. Refuses a plan that cannot work: a date outside
 * its phase, stages out of order, a notice or rectification that cannot fit
 * before the compliance phase ends, a window without a working day.
 */
export function planWujin(params: WujinPlanParams, calendar: WorkingCalendar): Array<PlannedStage<WujinStage>> {
  const y = params.year;
  for (const year of [y, y + 1, y + 2]) if (!calendar.covers(year)) throw new CalendarYearMissing(year);
  const d = params.deadlines;
  const L = WUJIN_STAGE_LABELS;
  const ph = params.phases;
  for (const [what, date] of [...Object.entries(d), ['phases.deploy', ph.deploy.endsOn], ['phases.compliance', ph.compliance.endsOn], ['phases.brand', ph.brand.endsOn]] as Array<[string, string]>) {
    if (!ISO.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
      throw new CampaignPlanInvalid(`${what}的日期${date}不是有效日期（YYYY-MM-DD）`);
    }
  }
  if (!(ph.deploy.endsOn < ph.compliance.endsOn && ph.compliance.endsOn < ph.brand.endsOn)) throw new CampaignPlanInvalid('三个阶段的结束日期须依次在后');
  if (ph.deploy.endsOn < `${y}-01-01` || ph.brand.endsOn > `${y + 2}-12-31`) throw new CampaignPlanInvalid(`三个阶段须在${y}年至${y + 2}年内结束`);
  if (params.obligationsFrom < y || params.obligationsFrom > y + 2) throw new CampaignPlanInvalid(`经常性工作的起始年份须在${y}至${y + 2}年之间`);

  const deployStart = `${y}-01-01`;
  const complianceStart = addCalendarDays(ph.deploy.endsOn, 1);
  const brandStart = addCalendarDays(ph.compliance.endsOn, 1);
  const windows: Array<[WujinStage, string, string]> = [
    ['phase_deploy', deployStart, ph.deploy.endsOn],
    ['implementation_plans', deployStart, d.implementationPlans],
    ['audit', deployStart, d.audit],
    ['model_branches', addCalendarDays(d.audit, 1), d.modelBranches],
    ['phase_compliance', complianceStart, ph.compliance.endsOn],
    ['self_assessment', complianceStart, d.selfAssessment],
    ['committee_assessment', addCalendarDays(d.selfAssessment, 1), d.committeeAssessment],
    ['district_verification', addCalendarDays(d.committeeAssessment, 1), d.districtVerification],
    ['compliance_notice', addCalendarDays(d.districtVerification, 1), d.complianceNotice],
    ['rectification', addCalendarDays(d.complianceNotice, 1), d.reassessment],
    ['phase_brand', brandStart, ph.brand.endsOn],
    ['brands', brandStart, d.brands],
  ];
  const within = (stage: WujinStage, phase: WujinStage) => {
    const [, o, due] = windows.find(([s]) => s === stage)!;
    const [, po, pdue] = windows.find(([s]) => s === phase)!;
    if (o < po || due > pdue) throw new CampaignPlanInvalid(`${L[stage]}（${o}至${due}）须在${L[phase]}（${po}至${pdue}）之内`);
  };
  for (const s of ['implementation_plans', 'audit', 'model_branches'] as const) within(s, 'phase_deploy');
  for (const s of ['self_assessment', 'committee_assessment', 'district_verification', 'compliance_notice', 'rectification'] as const) within(s, 'phase_compliance');
  within('brands', 'phase_brand');
  for (const [stage, opensOn, dueOn] of windows) {
    if (dueOn < opensOn) throw new CampaignPlanInvalid(`${L[stage]}的截止日期（${dueOn}）早于开始日期（${opensOn}），各阶段须依次安排`);
  }
  // The notice must close within its stage, and a failed branch must rectify and leave time for a reassessment and its notice.
  const noticeCloses = calendar.lastDayOf(d.districtVerification, params.notice);
  if (noticeCloses > d.complianceNotice) throw new CampaignPlanInvalid(`合格支部名单公示${fmt(params.notice)}，${d.districtVerification}验收后到${noticeCloses}才结束，晚于公示截止日${d.complianceNotice}`);
  const rectified = calendar.lastDayOf(d.complianceNotice, params.rectification);
  const secondNotice = calendar.lastDayOf(d.reassessment, params.notice);
  if (rectified >= d.reassessment) throw new CampaignPlanInvalid(`未达标党支部整顿${fmt(params.rectification)}，到${rectified}才结束，复核验收截止日${d.reassessment}前来不及复核`);
  if (secondNotice > ph.compliance.endsOn) throw new CampaignPlanInvalid(`复核合格名单公示到${secondNotice}才结束，晚于第二阶段结束日${ph.compliance.endsOn}`);

  const notes: Partial<Record<WujinStage, string[]>> = {
    phase_deploy: [WUJIN_PHASE_TARGET_LABELS.deploy, '阶段结束时按实际数据测算是否达成，未达成的列出落后的党(工)委'],
    implementation_plans: ['实施方案须明确职责任务；退回的修改后重新报送'],
    audit: ['无党员的党支部逐一审查，作出撤销或保留的决定', '各党(工)委报送“失联”党员和违法违纪党员处理清单，每人注明处理结果'],
    model_branches: [`每个党(工)委推荐不超过${params.modelBranchesPerCommittee}个，区委组织部评定后公示${fmt(params.notice)}`],
    phase_compliance: [`达标率目标${Math.round(ph.compliance.target * 1000) / 10}%：评分在${params.passThreshold}分及以上、无一票否决情形、经公示无异议的为合格支部`],
    self_assessment: ['对照《武进区党支部规范化建设考核细则》逐项自评，上传图文佐证材料'],
    committee_assessment: ['党(工)委逐项考核评分、标记一票否决情形，并向区委组织部申报；线上不便展示的项目标记为实地查看'],
    district_verification: ['区委组织部验收、评定；标记实地查看的项目须记录查看人和查看日期'],
    compliance_notice: [`合格支部名单公示${fmt(params.notice)}，异议经核实成立的移出名单`],
    rectification: [`未达标、有一票否决情形或公示异议成立的党支部限期整顿（${fmt(params.rectification)}），整顿到位后复核验收并公示；不配合整顿的软弱涣散党组织撤销或撤并`],
    phase_brand: [WUJIN_PHASE_TARGET_LABELS.brand],
    brands: ['党支部提交品牌名称、内涵和佐证材料，由所在党(工)委认定；退回的修改后重新提交'],
  };
  return plannedStages(WUJIN_STAGES, windows, L, notes, calendar);
}
