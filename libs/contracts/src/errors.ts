/**
 * Failure types a workflow or activity raises for a business rule; they are
 * non-retryable, and the API maps each to a status code and Chinese message.
 */
export const DomainFailure = {
  DuplicateNomination: 'DuplicateNomination',
  TaskNotOpen: 'TaskNotOpen',
  NotAssignee: 'NotAssignee',
  InvalidDecision: 'InvalidDecision',
  NotResubmittable: 'NotResubmittable',
} as const;
export type DomainFailureType = (typeof DomainFailure)[keyof typeof DomainFailure];
