// Hefei's pure files, for workflows too: never the definition or the parameters (zod, API concerns).
export * from './statuses';
export * from './rubric';
export * from './rules';
export * from './plan';
export * from './contracts';
export type { GradingData, GradingForm, GradingStandardData, GradingStandardForm, PairingData, SpecialInspectionData, SpecialInspectionForm } from './forms';
