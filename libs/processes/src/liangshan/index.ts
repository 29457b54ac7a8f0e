// Liangshan's pure files, for workflows too: never the definition or the parameters (zod, API concerns).
export * from './list';
export * from './plan';
export * from './thresholds';
export * from './contracts';
export type {
  DemocraticReviewData,
  LessonData,
  PointsRankingData,
  PointsStandardData,
  SessionData,
  StarRatingData,
  TalksData,
} from './forms';
export * from './list-rules';
