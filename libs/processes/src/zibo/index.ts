// Zibo's pure files, for workflows too: never the definition or the parameters (zod, API concerns).
export * from './plan';
export * from './contracts';
export type {
  AnnualPlanData,
  AnnualPlanForm,
  BenchmarkingData,
  BenchmarkingForm,
  BranchStandardData,
  BranchStandardForm,
  DualRatingsData,
  DualRatingsForm,
  DutyReportData,
  DutyReportForm,
  ProjectProgressData,
  ProjectProgressForm,
  ProjectProposalsData,
  ProjectProposalsForm,
  ProjectRevisionData,
  ProjectRevisionForm,
  ProjectScreeningData,
  ProjectScreeningForm,
  StandardItem,
  StandardScoresData,
  StandardScoresForm,
} from './forms';
