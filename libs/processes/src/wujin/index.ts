// Wujin's pure files, for workflows too: never the definition or the parameters (zod, API concerns).
export * from './statuses';
export * from './rules';
export * from './plan';
export * from './contracts';
export * from './re-election';
export type {
  BrandData,
  BrandForm,
  DeclarationData,
  DeclarationForm,
  ImplementationPlanData,
  ImplementationPlanForm,
  MemberCasesData,
  MemberCasesForm,
  ModelRecommendationData,
  ModelRecommendationForm,
  ModelSelectionData,
  ModelSelectionForm,
  RectificationData,
  RectificationForm,
  VerificationData,
  VerificationForm,
} from './forms';
