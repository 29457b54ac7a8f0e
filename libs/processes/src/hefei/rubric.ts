import { type Rubric, type RubricArea, type VetoItem, rubricItems, rubricTotal } from '../../../domain/src/core';
import { FIVE_BASICS, FIVE_BASIC_LABELS, type FiveBasic } from './statuses';

/**
 * A grassroots committee's grading standard (分类定级具体标准): a versioned
 * rubric around the five basics, with veto items and the lowest assessor total
 * for grades A, B and C (below C, or with a veto item, is D).
 */
export interface GradeThresholds {
  A: number;
  B: number;
  C: number;
}

export interface GradingStandard extends Rubric {
  gradeThresholds: GradeThresholds;
  /** Pennant's default, not a committee's own: the document gives the dimensions, not the points. */
  isDefault: boolean;
  note: string;
}

/** Pennant's default thresholds (the document sets none). */
export const DEFAULT_GRADE_THRESHOLDS: GradeThresholds = { A: 90, B: 80, C: 60 };

export const DEFAULT_STANDARD_CODE = 'hefei-default-grading-standard';

/** The rubric code of a committee's own standard; each filing is a new version of it. */
export const committeeStandardCode = (committeeId: string) => `hefei-standard-${committeeId}`;

const area = (code: FiveBasic, items: Array<[string, string, number]>): RubricArea => ({
  code,
  name: FIVE_BASIC_LABELS[code],
  declaredPoints: items.reduce((s, [, , p]) => s + p, 0),
  items: items.map(([itemCode, standard, points]) => ({ code: itemCode, requirement: FIVE_BASIC_LABELS[code], standard, points })),
});

/**
 * Pennant's DEFAULT standard: the five basics of the document (二、目标任务;
 * 附件2 for private enterprises and social organisations) turned into items and
 * points by Pennant, for committees to adapt before they file their own. The
 * items, the points, the veto items and the thresholds are not the document's.
 */
export function defaultGradingStandard(thresholds: GradeThresholds = DEFAULT_GRADE_THRESHOLDS): GradingStandard {
  return {
    code: DEFAULT_STANDARD_CODE,
    version: 1,
    name: '党支部分类定级标准（Pennant默认参考标准）',
    isDefault: true,
    note: '文件只规定了基本队伍、基本阵地、基本制度、基本活动、基本保障五个方面，未规定条目和分值；本标准的条目、分值、一票否决情形和等次分数线为Pennant提供的默认参考，各基层党委应结合实际修订后报局政治部备案。',
    areas: [
      area('team', [
        ['T1', '党支部书记选优配强（一般从管理层、业务骨干中选任），支部委员职数配齐、分工明确', 6],
        ['T2', '党支部书记每年至少参加1次集中培训，抓班子、带队伍的能力较强', 4],
        ['T3', '发展党员有计划、程序规范，党员队伍结构合理，后备力量充实', 4],
        ['T4', '扎实开展主题教育和“两学一做”学习教育，党员先锋模范作用发挥明显', 6],
      ]),
      area('base', [
        ['B1', '符合条件的应建尽建，组织设置规范，无党员的“空壳党支部”及时清理', 6],
        ['B2', '流动党员、未转接组织关系党员纳入管理，做到“一方隶属、参加多方组织生活”，无空白点', 4],
        ['B3', '有相对固定的活动场所，标识规范、制度上墙，管用结合', 6],
        ['B4', '运用“互联网+党建”、网上党支部等开展党员教育管理服务', 4],
      ]),
      area('rules', [
        ['R1', '“三会一课”按规定召开，记录完整规范，党员参与率高', 8],
        ['R2', '每年召开组织生活会，开展民主评议党员', 5],
        ['R3', '经常开展谈心谈话，按月开展主题党日', 5],
        ['R4', '严明政治纪律和政治规矩，党员教育、管理、监督制度落实', 4],
        ['R5', '党内激励关怀帮扶机制落实，老党员、生活困难党员得到关心帮助', 3],
      ]),
      area('activities', [
        ['A1', '围绕中心工作开展服务群众活动，经常为群众解难事、办实事、做好事', 6],
        ['A2', '党的声音及时传达到基层，宣传群众、思想政治工作有实效', 4],
        ['A3', '开展“争创先进党支部、争当优秀共产党员”活动，形成可推广的“微经验”', 5],
        ['A4', '发挥工会、共青团、妇联等群团组织作用；非公企业和社会组织党支部开展“三有两评”活动', 5],
      ]),
      area('support', [
        ['S1', '党组织工作经费有保障，党费使用管理规范', 5],
        ['S2', '有专兼职党务工作者，保证党支部有人干事', 5],
        ['S3', '工作方案、工作清单、台账资料齐全，问题整改及时', 5],
      ]),
    ],
    vetoItems: [
      { code: 'secretary_vacant', text: '党支部书记缺职' },
      { code: 'no_organisational_life', text: '全年未正常开展“三会一课”等组织生活' },
      { code: 'serious_violation', text: '党支部班子成员或党员发生严重违纪违法问题，造成恶劣影响' },
    ],
    passThreshold: thresholds.C,
    requiresCleanNotice: false,
    gradeThresholds: { ...thresholds },
  };
}

export const HEFEI_DEFAULT_STANDARD: GradingStandard = defaultGradingStandard();

/** A committee's own version, built from the parts it drafts (the pass line is its C threshold). */
export function committeeStandard(args: {
  committeeId: string;
  committeeName: string;
  version: number;
  areas: RubricArea[];
  vetoItems: VetoItem[];
  gradeThresholds: GradeThresholds;
}): GradingStandard {
  return {
    code: committeeStandardCode(args.committeeId),
    version: args.version,
    name: `${args.committeeName}党支部分类定级标准（第${args.version}版）`,
    isDefault: false,
    note: '',
    areas: args.areas,
    vetoItems: args.vetoItems,
    passThreshold: args.gradeThresholds.C,
    requiresCleanNotice: false,
    gradeThresholds: { ...args.gradeThresholds },
  };
}

const halfPoints = (n: number) => Number.isFinite(n) && Math.round(n * 2) === n * 2;

/**
 * What is wrong with a standard, in Chinese (empty when it can be filed):
 * every one of the five basics present, item codes unique, points positive in
 * half points, veto items distinct, thresholds 0 < C < B < A ≤ the total.
 */
export function checkGradingStandard(s: GradingStandard): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(s.version) || s.version < 1) problems.push('版本号须为正整数');
  const missing = FIVE_BASICS.filter((b) => !s.areas.some((a) => a.code === b));
  if (missing.length) problems.push(`标准须涵盖五个基本方面，缺少：${missing.map((b) => FIVE_BASIC_LABELS[b]).join('、')}`);
  const unknownAreas = s.areas.filter((a) => !(FIVE_BASICS as readonly string[]).includes(a.code));
  if (unknownAreas.length) problems.push(`方面须为五个基本之一：${unknownAreas.map((a) => a.code).join('、')}`);
  for (const a of s.areas) if (a.items.length === 0) problems.push(`“${a.name}”没有考核条目`);
  const codes = rubricItems(s).map((i) => i.code);
  const repeated = [...new Set(codes.filter((c, i) => codes.indexOf(c) !== i))];
  if (repeated.length) problems.push(`条目编号重复：${repeated.join('、')}`);
  for (const i of rubricItems(s)) {
    if (!(i.points > 0) || !halfPoints(i.points)) problems.push(`条目 ${i.code} 的分值须为正数（可到0.5分）`);
    if (!i.standard.trim()) problems.push(`条目 ${i.code} 缺少考核标准`);
  }
  const vetoes = s.vetoItems.map((v) => v.code);
  if (new Set(vetoes).size !== vetoes.length) problems.push('一票否决情形编号重复');
  for (const v of s.vetoItems) if (!v.text.trim()) problems.push(`一票否决情形 ${v.code} 缺少说明`);
  const total = rubricTotal(s);
  const { A, B, C } = s.gradeThresholds;
  if (!(C > 0 && C < B && B < A && A <= total)) {
    problems.push(`等次分数线须满足 0 < C级(${C}) < B级(${B}) < A级(${A}) ≤ 总分(${total})`);
  }
  if (s.passThreshold !== C) problems.push(`达标线(${s.passThreshold})须等于C级分数线(${C})`);
  return problems;
}
