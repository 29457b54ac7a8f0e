/**
 * Every rule the engine refuses by name. A workflow or activity raises the
 * code as its failure's type; the API answers it with the status and the
 * default message that libs/contracts' ERRORS gives the same code.
 */
export const DOMAIN_FAILURE_CODES = [
  'DUPLICATE_NOMINATION',
  'NOT_RESUBMITTABLE',
  'TASK_NOT_OPEN',
  'NOT_ASSIGNEE',
  'NOT_SUBMITTER',
  'ALREADY_ACTED',
  'INVALID_DECISION',
  'INVALID_ACTION',
  'INVALID_FORM_DATA',
  'INVALID_SCORES',
  'INVALID_EVIDENCE',
  'SELECTION_RULE_VIOLATED',
  'A_GRADE_CAP',
  'DEADLINE_PASSED',
  'APPLICATION_NOT_OPEN',
  'NOTICE_CLOSED',
  'UNKNOWN_ITEM',
  'ITEM_REMOVED',
  'DUPLICATE_OBJECTION',
  'INVALID_OBJECTION',
  'CONSULTATION_CLOSED',
  'CALENDAR_YEAR_MISSING',
  'ROUTE_UNRESOLVABLE',
  'DATA_REJECTED',
  'STAGE_UNKNOWN',
] as const;
export type DomainFailureCode = (typeof DOMAIN_FAILURE_CODES)[number];
