import type { DemocraticReviewData, LessonData, SessionData, StarRatingData, TalksData } from './forms';

/**
 * The thresholds Liangshan's list serves (seed 002, 创建标准), each computed
 * per branch and year from the records its items' completions carry — never
 * entered: satisfaction with the branch committee (民主评议), the share of
 * excellent members (星级党员: five stars), collective study sessions, and each
 * leading cadre's organisation-life sessions, lessons and talks.
 */
export interface LiangshanThresholds {
  /** 班子成员在单位年度党内民主评议中满意率达90%以上. */
  satisfaction: number;
  /** 优秀党员的比例达25%以上. */
  excellentShare: number;
  /** 党员每年参加集中学习不少于12次. */
  studySessions: number;
  /** 党员领导干部每年以普通党员身份参加组织生活会不少于6次. */
  organisationLife: number;
  /** …讲党课不少于1次. */
  lessons: number;
  /** …与党员谈心谈话不少于1次. */
  talks: number;
}

export const LIANGSHAN_THRESHOLD_KEYS = ['satisfaction', 'excellentShare', 'studySessions', 'organisationLife', 'lessons', 'talks'] as const satisfies ReadonlyArray<keyof LiangshanThresholds>;
export type LiangshanThresholdKey = (typeof LIANGSHAN_THRESHOLD_KEYS)[number];

export const LIANGSHAN_THRESHOLD_LABELS: Record<LiangshanThresholdKey, string> = {
  satisfaction: '班子满意率',
  excellentShare: '优秀党员（五星）比例',
  studySessions: '党员集中学习次数',
  organisationLife: '党员领导干部以普通党员参加组织生活次数（最少者）',
  lessons: '党员领导干部讲党课次数（最少者）',
  talks: '党员领导干部谈心谈话次数（最少者）',
};

export const LIANGSHAN_DEFAULT_THRESHOLDS: LiangshanThresholds = { satisfaction: 0.9, excellentShare: 0.25, studySessions: 12, organisationLife: 6, lessons: 1, talks: 1 };

/** One record: the form its occurrence was completed with and the answer. Any source of records (an occurrence, a counted record) feeds the same list. */
export type LiangshanRecordRow =
  | { kind: 'liangshan_session'; data: SessionData }
  | { kind: 'liangshan_lesson'; data: LessonData }
  | { kind: 'liangshan_talks'; data: TalksData }
  | { kind: 'liangshan_democratic_review'; data: DemocraticReviewData }
  | { kind: 'liangshan_star_rating'; data: StarRatingData }
  /** A counted item's record (the engine's obligation_records): a collective study session when its item counts as one. */
  | { kind: 'obligation_record'; data: { date: string; attendees: string; countsAs: 'study_session' | null } }
  | { kind: string; data: Record<string, unknown> };

export interface ThresholdFigure {
  /** The figure computed from the records (a share 0–1, or a count); null when no record gives it yet. */
  figure: number | null;
  target: number;
  met: boolean;
  /** How the figure was reached, in Chinese (“28人中满意26人”, “杨斌6次、李勇4次”). */
  basis: string;
}

export type ThresholdFigures = Record<LiangshanThresholdKey, ThresholdFigure>;

const of = <K extends string>(rows: readonly LiangshanRecordRow[], kind: K) => rows.filter((r) => r.kind === kind).map((r) => r.data) as never[];
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Each leading cadre's count, the least of them the figure: every cadre must reach the target. */
function perCadre(cadres: readonly string[], counts: Map<string, number>, target: number): ThresholdFigure {
  if (!cadres.length) return { figure: null, target, met: false, basis: '尚无党员领导干部的记录' };
  const each = cadres.map((c) => [c, counts.get(c) ?? 0] as const);
  const least = Math.min(...each.map(([, n]) => n));
  return { figure: least, target, met: least >= target, basis: each.map(([c, n]) => `${c}${n}次`).join('、') };
}

export function computeThresholds(rows: readonly LiangshanRecordRow[], t: LiangshanThresholds): ThresholdFigures {
  const sessions: SessionData[] = of(rows, 'liangshan_session');
  const lessons: LessonData[] = of(rows, 'liangshan_lesson');
  const talks: TalksData[] = of(rows, 'liangshan_talks');
  const reviews: DemocraticReviewData[] = of(rows, 'liangshan_democratic_review');
  const ratings: StarRatingData[] = of(rows, 'liangshan_star_rating');

  const review = reviews.at(-1);
  const satisfaction: ThresholdFigure = review
    ? { figure: review.satisfied / review.surveyed, target: t.satisfaction, met: review.satisfied / review.surveyed >= t.satisfaction, basis: `参加测评${review.surveyed}人，满意${review.satisfied}人` }
    : { figure: null, target: t.satisfaction, met: false, basis: '尚未开展民主评议' };

  const rating = ratings.at(-1);
  const fiveStars = rating ? rating.ratings.filter((r) => r.stars === 5).length : 0;
  const excellentShare: ThresholdFigure = rating
    ? { figure: fiveStars / rating.ratings.length, target: t.excellentShare, met: fiveStars / rating.ratings.length >= t.excellentShare, basis: `评定${rating.ratings.length}人，五星${fiveStars}人（${pct(fiveStars / rating.ratings.length)}）` }
    : { figure: null, target: t.excellentShare, met: false, basis: '尚未评定星级党员' };

  const counted = (of(rows, 'obligation_record') as Array<{ countsAs: string | null }>).filter((r) => r.countsAs === 'study_session').length;
  const studied = sessions.filter((s) => s.collectiveStudy).length + counted;
  const studySessions: ThresholdFigure = {
    figure: studied,
    target: t.studySessions,
    met: studied >= t.studySessions,
    basis: counted ? `集中学习${studied}次（其中按次登记${counted}次）` : `集中学习${studied}次`,
  };

  const tally = (names: string[]) => names.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<string, number>());
  const attended = tally(sessions.flatMap((s) => [...new Set(s.leadingCadres)]));
  const lectured = tally(lessons.map((l) => l.lecturer));
  const talked = tally(talks.flatMap((x) => x.talks.map((k) => k.leader)));
  // The leading cadres: everyone the records name as one (at a meeting as an ordinary member, giving a lesson, holding a talk).
  const cadres = [...new Set([...attended.keys(), ...lectured.keys(), ...talked.keys()])].sort();

  return {
    satisfaction,
    excellentShare,
    studySessions,
    organisationLife: perCadre(cadres, attended, t.organisationLife),
    lessons: perCadre(cadres, lectured, t.lessons),
    talks: perCadre(cadres, talked, t.talks),
  };
}

/** The points ranking: members by their points, highest first (ties share a place). */
export function pointsRanking(scores: ReadonlyArray<{ member: string; points: number }>): Array<{ rank: number; member: string; points: number }> {
  const sorted = [...scores].sort((a, b) => b.points - a.points || a.member.localeCompare(b.member, 'zh-CN'));
  return sorted.map((s) => ({ rank: sorted.findIndex((x) => x.points === s.points) + 1, member: s.member, points: s.points }));
}
