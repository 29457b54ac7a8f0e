import type { Cadence, Quota } from '../../../domain/src/core';

/**
 * Liangshan's responsibility list (责任清单, seed 002's annex): each item a
 * key task with its responsible leader (责任领导), its responsible people
 * (责任人) and its deadline (完成时限). The seed's list is the default; an
 * administrator keeps a list of their own per year (PUT /liangshan/lists/{year}).
 */

/** Who leads an item: the unit's party-group secretary (党组书记) or the branch secretary (支部书记). */
export const LIANGSHAN_LEADERS = ['party_group_secretary', 'branch_secretary'] as const;
export type LiangshanLeader = (typeof LIANGSHAN_LEADERS)[number];
export const LIANGSHAN_LEADER_LABELS: Record<LiangshanLeader, string> = { party_group_secretary: '党组书记', branch_secretary: '支部书记' };

/**
 * What an item's completion records, beyond its evidence, for the thresholds
 * the list serves: a meeting's attendance, a lesson's lecturer, the talks
 * held, the democratic review's survey, the star rating, the points.
 */
export const LIANGSHAN_RECORDS = ['session', 'lesson', 'talks', 'democratic_review', 'star_rating', 'points_standard', 'points_ranking'] as const;
export type LiangshanRecord = (typeof LIANGSHAN_RECORDS)[number];

/** The form (forms.ts) each record is filled in on. */
export const LIANGSHAN_RECORD_FORMS: Record<LiangshanRecord, string> = {
  session: 'liangshan_session',
  lesson: 'liangshan_lesson',
  talks: 'liangshan_talks',
  democratic_review: 'liangshan_democratic_review',
  star_rating: 'liangshan_star_rating',
  points_standard: 'liangshan_points_standard',
  points_ranking: 'liangshan_points_ranking',
};

/** The deadline kinds of the seed: 每月1次, 3月、12月, 11月底以前, 全年, 12月或次年1月. */
export type LiangshanDeadline = Extract<Cadence, { kind: 'monthly' | 'months' | 'by_date' | 'yearly' | 'december_or_january' }>;

export interface LiangshanItem {
  /** Stable within a list: L01…L25 for the seed's. */
  code: string;
  /** 重点工作. */
  title: string;
  leader: LiangshanLeader;
  /** 责任人, as the list words them. */
  responsible: string;
  deadline: LiangshanDeadline;
  /** 完成时限 as printed. */
  deadlineText: string;
  /** What completing an occurrence records; `recordsByMonth` by the month of the occurrence (4月 sets a standard, 12月 rates). */
  record?: LiangshanRecord;
  recordsByMonth?: Record<string, LiangshanRecord>;
  /**
   * A counted item (the engine's counted obligations): each occurrence takes
   * records (date, attendees, minutes) toward this quota instead of one
   * completion; `countsAs: 'study_session'` makes each record a collective
   * study session for the thresholds.
   */
  quota?: Quota;
  countsAs?: 'study_session';
}

const PG: LiangshanLeader = 'party_group_secretary';
const BS: LiangshanLeader = 'branch_secretary';
const monthly: LiangshanDeadline = { kind: 'monthly' };
const year: LiangshanDeadline = { kind: 'yearly' };
const decOrJan: LiangshanDeadline = { kind: 'december_or_january' };
const months = (labels: Record<number, string> | number[]): LiangshanDeadline =>
  Array.isArray(labels) ? { kind: 'months', months: labels } : { kind: 'months', months: Object.keys(labels).map(Number), labels: Object.fromEntries(Object.entries(labels)) };
const by = (month: number, day: number): LiangshanDeadline => ({ kind: 'by_date', month, day });

/**
 * The seed's list (2020年州科协“五好党支”创建工作责任清单), its 25 items in
 * order. The seed names the people of one unit (杨斌, 黄春莉, 吴朝兰 …); the
 * template names their posts so every branch can take it: 杨斌 the party-group
 * secretary, 黄春莉 the branch secretary, 吴朝兰 and 凌静 committee members
 * (organisation, publicity), 黄晓宁 the dues collector, 李勇 a party-group member.
 */
export const LIANGSHAN_DEFAULT_LIST: readonly LiangshanItem[] = [
  { code: 'L01', title: '高度重视党建工作、落实党建工作责任制，每月定期研究党建工作', leader: PG, responsible: '支部书记', deadline: year, deadlineText: '全年' },
  { code: 'L02', title: '支部工作计划、工作总结', leader: BS, responsible: '组织委员', deadline: months({ 3: '工作计划', 12: '工作总结' }), deadlineText: '3月、12月' },
  { code: 'L03', title: '支委会', leader: BS, responsible: '支委委员', deadline: monthly, deadlineText: '每月1次' },
  { code: 'L04', title: '支部大会、党建月会、主题党日等', leader: BS, responsible: '宣传委员、全体党员', deadline: monthly, deadlineText: '每月1次', record: 'session' },
  {
    code: 'L05',
    title: '党员领导干部上党课',
    leader: PG,
    responsible: '党组成员、纪检组领导',
    deadline: months({ 4: '党组书记讲党课', 6: '纪检组领导讲党课', 7: '支部书记讲党课', 10: '党组成员讲党课', 12: '党组书记讲党课' }),
    deadlineText: '党组书记（4月、12月）、支部书记（7月）、纪检组领导（6月）、党组成员（10月），共5次',
    record: 'lesson',
  },
  { code: 'L06', title: '党员领导干部以普通党员参加组织生活', leader: BS, responsible: '党组书记、支部书记、党组成员', deadline: year, deadlineText: '全年' },
  {
    code: 'L07',
    title: '党员积分制',
    leader: BS,
    responsible: '宣传委员、全体党员',
    deadline: months({ 4: '设定党员积分标准', 12: '积分评比' }),
    deadlineText: '4月（设定党员积分标准）、12月（积分评比）',
    recordsByMonth: { '4': 'points_standard', '12': 'points_ranking' },
  },
  {
    code: 'L08',
    title: '“星级党员”创建',
    leader: BS,
    responsible: '组织委员、全体党员',
    deadline: months({ 4: '设定星级党员创建方案及评分标准', 12: '星级党员评比' }),
    deadlineText: '4月（设定星级党员创建方案及评分标准）、12月（星级党员评比）',
    recordsByMonth: { '12': 'star_rating' },
  },
  { code: 'L09', title: '“五好党支部”创建', leader: BS, responsible: '组织委员、全体党员', deadline: months({ 6: '安排部署创建工作', 12: '总结' }), deadlineText: '6月（安排部署创建工作）、12月（总结）' },
  { code: 'L10', title: '党员学习、学习笔记（心得）', leader: BS, responsible: '全体党员', deadline: year, deadlineText: '全年' },
  { code: 'L11', title: '党员交心谈心', leader: BS, responsible: '全体党员', deadline: by(11, 30), deadlineText: '11月底以前', record: 'talks' },
  { code: 'L12', title: '服务中心工作好（脱贫攻坚等重点业务工作）', leader: PG, responsible: '全体党员', deadline: year, deadlineText: '全年' },
  { code: 'L13', title: '党支部工作手册、党员组织生活考勤', leader: BS, responsible: '组织委员', deadline: year, deadlineText: '全年' },
  { code: 'L14', title: '党费收缴', leader: BS, responsible: '党费收缴员', deadline: year, deadlineText: '全年' },
  { code: 'L15', title: '党建理论研讨文章', leader: PG, responsible: '党组成员每人一篇', deadline: by(12, 31), deadlineText: '12月底以前' },
  { code: 'L16', title: '专题组织生活会、民主评议党员', leader: BS, responsible: '宣传委员、全体党员', deadline: decOrJan, deadlineText: '12月或次年1月', record: 'democratic_review' },
  { code: 'L17', title: '党组织书记抓党建工作述职评议', leader: PG, responsible: '党组书记、支部书记', deadline: decOrJan, deadlineText: '12月或次年1月' },
  { code: 'L18', title: '支部信息简报', leader: BS, responsible: '宣传委员、组织委员', deadline: year, deadlineText: '全年' },
  { code: 'L19', title: '党员党风廉政承诺', leader: BS, responsible: '全体党员', deadline: by(6, 30), deadlineText: '6月底前' },
  { code: 'L20', title: '党风廉政建设工作计划及总结', leader: PG, responsible: '组织委员', deadline: months({ 3: '工作计划', 12: '工作总结' }), deadlineText: '3月、12月' },
  { code: 'L21', title: '落实党风廉政责任制、层层签订责任书', leader: PG, responsible: '组织委员', deadline: by(4, 30), deadlineText: '5月以前' },
  { code: 'L22', title: '党风廉政述责述廉', leader: PG, responsible: '领导班子、中层干部', deadline: months([12]), deadlineText: '12月' },
  {
    code: 'L23',
    title: '廉政党课',
    leader: PG,
    responsible: '党组书记、纪检组领导',
    deadline: months({ 4: '党组书记讲廉政党课', 6: '纪检组领导讲廉政党课', 12: '党组书记讲廉政党课' }),
    deadlineText: '党组书记（4月、12月）、纪检组领导（6月）',
    record: 'lesson',
  },
  { code: 'L24', title: '党风廉政约谈', leader: PG, responsible: '班子成员', deadline: by(9, 30), deadlineText: '10月以前' },
  { code: 'L25', title: '开展党纪政纪条规教育和警示教育', leader: PG, responsible: '组织委员、宣传委员', deadline: year, deadlineText: '全年' },
];

/** The record an occurrence of the item takes, by the month its period starts. */
export function recordOf(item: LiangshanItem, month: number): LiangshanRecord | undefined {
  return item.recordsByMonth?.[String(month)] ?? item.record;
}
