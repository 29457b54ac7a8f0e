import { z } from 'zod';
import { formKind, formText, invalidForm } from '../../../domain/src';
import { ZIBO_CRITERIA, ZIBO_CRITERION_LABELS, type ZiboCriterion } from './contracts';

/** Zibo's own forms: what a branch files and what the bureau committee decides over a year of hard-branch building. */

const oneOf = (ids: readonly string[], message: string) => (ids.length ? z.enum(ids as [string, ...string[]], { error: message }) : z.never({ error: message }));
const criterion = z.enum(ZIBO_CRITERIA, { error: `标准项须为：${ZIBO_CRITERIA.map((c) => `${c}（${ZIBO_CRITERION_LABELS[c]}）`).join('、')}` });
const distinct = <T>(values: T[]) => new Set(values).size === values.length;

// “三会一课”年度计划: each meeting or lesson with its month, topic and content (时间、内容、主题和程序、步骤).
export const ZIBO_PLAN_MEETINGS = ['members_meeting', 'committee_meeting', 'group_meeting', 'party_lesson'] as const;
export const ZIBO_PLAN_MEETING_LABELS: Record<(typeof ZIBO_PLAN_MEETINGS)[number], string> = {
  members_meeting: '党员大会',
  committee_meeting: '支部委员会',
  group_meeting: '党小组会',
  party_lesson: '党课',
};
export type AnnualPlanForm = { kind: 'zibo_annual_plan'; branchName: string; year: number };
export interface AnnualPlanData {
  items: Array<{ month: number; meeting: (typeof ZIBO_PLAN_MEETINGS)[number]; topic: string; procedure: string }>;
}
export const annualPlanForm = formKind<AnnualPlanForm, AnnualPlanData>({
  kind: 'zibo_annual_plan',
  label: '“三会一课”年度计划',
  schema: () =>
    z.strictObject({
      items: z
        .array(
          z.strictObject({
            month: z.int({ error: '月份须为1—12的整数' }).min(1, '月份须为1—12的整数').max(12, '月份须为1—12的整数').describe('月份'),
            meeting: z.enum(ZIBO_PLAN_MEETINGS, { error: `会议类型须为：${ZIBO_PLAN_MEETINGS.map((m) => `${m}（${ZIBO_PLAN_MEETING_LABELS[m]}）`).join('、')}` }).describe('会议类型'),
            topic: formText('主题和内容', 500),
            procedure: formText('程序和步骤', 1000),
          }),
          { error: '须列出全年“三会一课”的安排' },
        )
        .min(1, '年度计划须至少列出一项安排')
        .max(200)
        .describe('全年“三会一课”安排：每项写明月份、会议类型、主题内容和程序步骤'),
    }),
  rules: (_f, data) => {
    const missing = ZIBO_PLAN_MEETINGS.filter((m) => !data.items.some((i) => i.meeting === m));
    return missing.length ? invalidForm(`年度计划须安排“三会一课”的每一项，缺少：${missing.map((m) => ZIBO_PLAN_MEETING_LABELS[m]).join('、')}`) : null;
  },
});

// 过硬支部具体标准: the branch refines each of the five criteria, with its points (a rubric of its own).
export type BranchStandardForm = { kind: 'zibo_standard'; branchName: string };
export interface StandardItem {
  criterion: ZiboCriterion;
  requirements: string;
  points: number;
}
export interface BranchStandardData {
  criteria: StandardItem[];
}
export const branchStandardForm = formKind<BranchStandardForm, BranchStandardData>({
  kind: 'zibo_standard',
  label: '过硬支部具体标准',
  schema: () =>
    z.strictObject({
      criteria: z
        .array(
          z.strictObject({
            criterion,
            requirements: formText('细化标准', 2000),
            points: z.int({ error: '分值须为整数' }).min(1, '分值须在1—100之间').max(100, '分值须在1—100之间').describe('分值'),
          }),
          { error: '须逐项细化“五个过硬”标准' },
        )
        .length(ZIBO_CRITERIA.length, `须逐项细化“五个过硬”的${ZIBO_CRITERIA.length}项标准`)
        .describe('“五个过硬”每项的细化标准和分值'),
    }),
  rules: (_f, data) => (distinct(data.criteria.map((c) => c.criterion)) ? null : invalidForm('“五个过硬”每项标准只能细化一次')),
});

// 自查自评 / 上级考评: a score per criterion of the branch's own standard, with a note.
export type StandardScoresForm = { kind: 'zibo_scores'; branchName: string; criteria: StandardItem[] };
export interface StandardScoresData {
  scores: Array<{ criterion: ZiboCriterion; score: number; note: string }>;
}
export const standardScoresForm = formKind<StandardScoresForm, StandardScoresData>({
  kind: 'zibo_scores',
  label: '对照标准评分',
  schema: (f) =>
    z.strictObject({
      scores: z
        .array(
          z.strictObject({
            criterion: oneOf(f.criteria.map((c) => c.criterion), '评分项须为该支部备案标准中的项目'),
            score: z.number({ error: '得分须为数字' }).min(0, '得分不能为负数').describe('得分'),
            note: formText('评分说明', 1000),
          }),
          { error: '须对照标准逐项评分' },
        )
        .describe(f.criteria.map((c) => `${c.criterion}（${ZIBO_CRITERION_LABELS[c.criterion]}，${c.points}分）：${c.requirements}`).join('；')),
    }) as unknown as z.ZodType<StandardScoresData>,
  rules: (f, data) => {
    const given = data.scores.map((s) => s.criterion);
    if (!distinct(given) || given.length !== f.criteria.length) return invalidForm('须对备案标准的每一项逐一评分，且每项只评一次');
    const over = data.scores.filter((s) => s.score > f.criteria.find((c) => c.criterion === s.criterion)!.points);
    return over.length ? invalidForm(`得分超过该项分值：${over.map((s) => ZIBO_CRITERION_LABELS[s.criterion]).join('、')}`) : null;
  },
});

// 对标建设: the branch's gaps against the benchmark and its measures.
export type BenchmarkingForm = { kind: 'zibo_benchmarking'; branchName: string };
export interface BenchmarkingData {
  gaps: Array<{ criterion: ZiboCriterion; gap: string; measure: string; dueOn: string }>;
}
export const benchmarkingForm = formKind<BenchmarkingForm, BenchmarkingData>({
  kind: 'zibo_benchmarking',
  label: '对标建设：差距和措施',
  schema: () =>
    z.strictObject({
      gaps: z
        .array(
          z.strictObject({
            criterion,
            gap: formText('查找的差距', 1000),
            measure: formText('整改提升措施', 1000),
            dueOn: z.iso.date({ error: '完成时限须为YYYY-MM-DD格式的日期' }).describe('完成时限'),
          }),
          { error: '须列出对标查找的差距和措施' },
        )
        .min(1, '须至少列出一项差距和措施')
        .max(50)
        .describe('对照标杆查找的差距，每项写明措施和完成时限'),
    }),
});

// 双述双评: the secretary's duty report, then the two ratings (by the bureau committee, by members and staff).
export type DutyReportForm = { kind: 'zibo_duty_report'; branchName: string };
export interface DutyReportData {
  report: string;
}
export const dutyReportForm = formKind<DutyReportForm, DutyReportData>({
  kind: 'zibo_duty_report',
  label: '支部书记述职报告',
  schema: () => z.strictObject({ report: formText('述职报告', 10000) }),
});

export type DualRatingsForm = { kind: 'zibo_dual_ratings'; branchName: string; scale: string[] };
export interface DualRatingsData {
  bureauRating: string;
  membersRating: string;
  membersParticipants: number;
}
export const dualRatingsForm = formKind<DualRatingsForm, DualRatingsData>({
  kind: 'zibo_dual_ratings',
  label: '“双述双评”评价结果',
  schema: (f) =>
    z.strictObject({
      bureauRating: oneOf(f.scale, `组织评价须为：${f.scale.join('、')}`).describe('局党委的组织评价'),
      membersRating: oneOf(f.scale, `党员群众评价须为：${f.scale.join('、')}`).describe('党员群众评价（测评汇总后的等次）'),
      membersParticipants: z.int({ error: '须填写参加测评的党员群众人数' }).min(1, '须填写参加测评的党员群众人数').describe('参加测评的党员群众人数'),
    }),
});

// 党建项目: proposals from all members, the branch committee's and the members' meeting's screening, a revision after a return, progress.
export type ProjectProposalsForm = { kind: 'zibo_project_proposals'; branchName: string };
export interface ProjectProposalsData {
  proposals: Array<{ proposer: string; title: string; content: string }>;
}
export const projectProposalsForm = formKind<ProjectProposalsForm, ProjectProposalsData>({
  kind: 'zibo_project_proposals',
  label: '党建项目建议征集',
  schema: () =>
    z.strictObject({
      proposals: z
        .array(z.strictObject({ proposer: formText('提出建议的党员', 50), title: formText('项目名称', 200), content: formText('项目内容', 2000) }), { error: '须列出征集到的项目建议' })
        .min(1, '须至少征集到一项党建项目建议')
        .max(200)
        .describe('面向全体党员征集到的项目建议，每项写明提出人、名称和内容'),
    }),
});

export type ProjectScreeningForm = { kind: 'zibo_project_screening'; meeting: 'committee' | 'members'; proposals: Array<{ id: string; title: string; proposer: string }> };
export interface ProjectScreeningData {
  chosen: string[];
  attendees: string;
  minutes: string;
}
export const projectScreeningForm = formKind<ProjectScreeningForm, ProjectScreeningData>({
  kind: 'zibo_project_screening',
  label: '党建项目筛选',
  schema: (f) =>
    z.strictObject({
      chosen: z
        .array(oneOf(f.proposals.map((p) => p.id), '筛选出的项目须在候选项目中'), { error: '须列出筛选出的项目' })
        .min(1, '须至少筛选出一个项目')
        .max(f.meeting === 'members' ? 1 : f.proposals.length, '党员大会确定一个项目报局党委审核')
        .describe(f.proposals.map((p) => `${p.id}：${p.title}（${p.proposer}）`).join('；')),
      attendees: formText('参会人员', 2000),
      minutes: formText('会议记录', 4000),
    }),
  rules: (_f, data) => (distinct(data.chosen) ? null : invalidForm('同一项目不能重复选择')),
});

export type ProjectRevisionForm = { kind: 'zibo_project_revision'; title: string; opinion: string };
export interface ProjectRevisionData {
  title: string;
  content: string;
}
export const projectRevisionForm = formKind<ProjectRevisionForm, ProjectRevisionData>({
  kind: 'zibo_project_revision',
  label: '党建项目（按审核意见修改）',
  schema: () => z.strictObject({ title: formText('项目名称', 200), content: formText('项目内容', 2000) }),
});

export type ProjectProgressForm = { kind: 'zibo_project_progress'; title: string };
export interface ProjectProgressData {
  progress: string;
  evidence: string;
  /** The project is carried out: it goes to the bureau committee's acceptance. */
  finished: boolean;
}
export const projectProgressForm = formKind<ProjectProgressForm, ProjectProgressData>({
  kind: 'zibo_project_progress',
  label: '党建项目实施进展',
  schema: () =>
    z.strictObject({
      progress: formText('实施进展', 4000),
      evidence: formText('佐证材料', 4000),
      finished: z.boolean({ error: '须说明项目是否已实施完毕' }).describe('已实施完毕、申请验收'),
    }),
});

export const ZIBO_FORMS = [
  annualPlanForm,
  branchStandardForm,
  standardScoresForm,
  benchmarkingForm,
  dutyReportForm,
  dualRatingsForm,
  projectProposalsForm,
  projectScreeningForm,
  projectRevisionForm,
  projectProgressForm,
] as const;
