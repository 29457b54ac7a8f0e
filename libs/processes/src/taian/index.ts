// Tai'an's pure files, for workflows too: never the definition, the parameters' schema or the form schemas (zod, API concerns).
export * from './plan';
export * from './contracts';
export type {
  BranchChoice,
  CultivationPlanData,
  CultivationPlanForm,
  CultivationPlanRow,
  InspectionData,
  InspectionForm,
  MentoringPlanData,
  MentoringPlanForm,
  MentoringPlanRow,
  SpotCheckData,
  SpotCheckForm,
} from './forms';
export * from './plans';
export * from './rules';
