import { z } from 'zod';
import { formKind, formText, invalidForm } from '../../../domain/src';

/**
 * Liangshan's records: what completing a responsibility list's item writes
 * down besides its evidence. The thresholds the list serves are computed from
 * them (thresholds.ts), never entered. Each form carries `evidence`, which the
 * engine's obligations require of every completion.
 */

const evidence = () => formText('完成情况的佐证材料（会议记录、照片说明等）', 2000).describe('完成情况的佐证材料');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const personName = (label: string) => formText(label, 50);
const count = (label: string) => z.int({ error: `${label}须为整数` }).min(0, `${label}不能为负数`).max(100_000, `${label}过大`);

// 支部大会、主题党日: one meeting, whether it was a collective study, and the leading cadres who took part as ordinary members.
export type SessionForm = { kind: 'liangshan_session' };
export interface SessionData {
  evidence: string;
  heldOn: string;
  attendees: number;
  collectiveStudy: boolean;
  leadingCadres: string[];
}
export const sessionForm = formKind<SessionForm, SessionData>({
  kind: 'liangshan_session',
  label: '支部大会、主题党日记录',
  schema: () =>
    z.strictObject({
      evidence: evidence(),
      heldOn: z.string({ error: '召开日期须为文本' }).regex(ISO_DATE, '召开日期格式应为 YYYY-MM-DD').describe('召开日期'),
      attendees: count('参加党员人数').describe('参加党员人数'),
      collectiveStudy: z.boolean({ error: '是否集中学习须为是或否' }).describe('是否为集中学习'),
      leadingCadres: z.array(personName('党员领导干部姓名')).max(50, '党员领导干部不能超过50人').describe('以普通党员身份参加的党员领导干部（姓名）'),
    }),
});

// 党课: who gave it.
export type LessonForm = { kind: 'liangshan_lesson' };
export interface LessonData {
  evidence: string;
  lecturer: string;
  topic: string;
}
export const lessonForm = formKind<LessonForm, LessonData>({
  kind: 'liangshan_lesson',
  label: '党课记录',
  schema: () => z.strictObject({ evidence: evidence(), lecturer: personName('讲课人').describe('讲课人（姓名）'), topic: formText('党课题目', 200).describe('党课题目') }),
});

// 谈心谈话: each talk, the leader and the member.
export type TalksForm = { kind: 'liangshan_talks' };
export interface TalksData {
  evidence: string;
  talks: Array<{ leader: string; member: string }>;
}
export const talksForm = formKind<TalksForm, TalksData>({
  kind: 'liangshan_talks',
  label: '谈心谈话记录',
  schema: () =>
    z.strictObject({
      evidence: evidence(),
      talks: z
        .array(z.strictObject({ leader: personName('谈话人'), member: personName('谈话对象') }))
        .min(1, '请至少填写一次谈心谈话')
        .max(1000)
        .describe('每次谈心谈话的谈话人和谈话对象'),
    }),
});

// 民主评议: the survey of members' satisfaction with the branch committee.
export type DemocraticReviewForm = { kind: 'liangshan_democratic_review' };
export interface DemocraticReviewData {
  evidence: string;
  surveyed: number;
  satisfied: number;
}
export const democraticReviewForm = formKind<DemocraticReviewForm, DemocraticReviewData>({
  kind: 'liangshan_democratic_review',
  label: '民主评议（班子满意度测评）',
  schema: () =>
    z.strictObject({
      evidence: evidence(),
      surveyed: count('参加测评人数').min(1, '参加测评人数至少为1').describe('参加测评人数'),
      satisfied: count('对支部班子满意的人数').describe('对支部班子满意（含基本满意）的人数'),
    }),
  rules: (_f, d) => (d.satisfied > d.surveyed ? invalidForm(`满意人数（${d.satisfied}）不能多于参加测评人数（${d.surveyed}）`) : null),
});

// 星级党员评比: every member's stars; five stars is excellent.
export type StarRatingForm = { kind: 'liangshan_star_rating' };
export interface StarRatingData {
  evidence: string;
  ratings: Array<{ member: string; stars: number }>;
}
export const starRatingForm = formKind<StarRatingForm, StarRatingData>({
  kind: 'liangshan_star_rating',
  label: '星级党员评比结果',
  schema: () =>
    z.strictObject({
      evidence: evidence(),
      ratings: z
        .array(z.strictObject({ member: personName('党员姓名'), stars: z.int({ error: '星级须为整数' }).min(1, '星级为1至5星').max(5, '星级为1至5星') }))
        .min(1, '请填写每名党员的星级')
        .max(2000)
        .describe('每名党员评定的星级（1至5星，五星为优秀）'),
    }),
  rules: (_f, d) => {
    const names = d.ratings.map((r) => r.member);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    return twice ? invalidForm(`党员“${twice}”评定了两次`) : null;
  },
});

// 党员积分制: the standard in April, the points in December.
export type PointsStandardForm = { kind: 'liangshan_points_standard' };
export interface PointsStandardData {
  evidence: string;
  rules: Array<{ item: string; points: number }>;
}
export const pointsStandardForm = formKind<PointsStandardForm, PointsStandardData>({
  kind: 'liangshan_points_standard',
  label: '党员积分标准',
  schema: () =>
    z.strictObject({
      evidence: evidence(),
      rules: z
        .array(z.strictObject({ item: formText('积分项目', 200), points: z.number({ error: '分值须为数字' }).min(-100, '分值在-100至100之间').max(100, '分值在-100至100之间') }))
        .min(1, '请至少设定一项积分标准')
        .max(100)
        .describe('积分项目及分值（扣分项为负数）'),
    }),
});

export type PointsRankingForm = { kind: 'liangshan_points_ranking' };
export interface PointsRankingData {
  evidence: string;
  scores: Array<{ member: string; points: number }>;
}
export const pointsRankingForm = formKind<PointsRankingForm, PointsRankingData>({
  kind: 'liangshan_points_ranking',
  label: '党员积分评比',
  schema: () =>
    z.strictObject({
      evidence: evidence(),
      scores: z
        .array(z.strictObject({ member: personName('党员姓名'), points: z.number({ error: '积分须为数字' }).min(-1000, '积分在-1000至1000之间').max(1000, '积分在-1000至1000之间') }))
        .min(1, '请填写每名党员的积分')
        .max(2000)
        .describe('每名党员全年积分'),
    }),
  rules: (_f, d) => {
    const names = d.scores.map((r) => r.member);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    return twice ? invalidForm(`党员“${twice}”的积分填写了两次`) : null;
  },
});

export const LIANGSHAN_FORMS = [sessionForm, lessonForm, talksForm, democraticReviewForm, starRatingForm, pointsStandardForm, pointsRankingForm] as const;
