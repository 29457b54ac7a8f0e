import { Foundation1763800000000 } from './1763800000000-foundation';
import { AuditAndCalendar1763900000000 } from './1763900000000-audit-and-calendar';
import { EnginePrimitives1764000000000 } from './1764000000000-engine-primitives';
import { Campaigns1764100000000 } from './1764100000000-campaigns';
import { RedFlag1764200000000 } from './1764200000000-red-flag';
import { Attachments1764300000000 } from './1764300000000-attachments';
import { Ledger1764400000000 } from './1764400000000-ledger';
import { CampaignTaskCounts1764500000000 } from './1764500000000-campaign-task-counts';
import { IdempotencyKeys1764600000000 } from './1764600000000-idempotency-keys';
import { AuditSignaturesAndAppLogin1764610000000 } from './1764610000000-audit-signatures-and-app-login';
import { ConsultationAtEveryLevel1765000000000 } from './1765000000000-consultation-at-every-level';
import { CandidateEvidence1765200000000 } from './1765200000000-candidate-evidence';
import { CommitteeRedFlags1765300000000 } from './1765300000000-committee-red-flags';
import { DynamicManagement1765460000000 } from './1765460000000-dynamic-management';
import { Wujin1765500000000 } from './1765500000000-wujin';
import { ReElectionDelays1765520000000 } from './1765520000000-re-election-delays';
import { ProcessesByDefinition1764800000000 } from './1764800000000-processes-by-definition';
import { LoginThrottle1764700000000 } from './1764700000000-login-throttle';
import { Hefei1764900000000 } from './1764900000000-hefei';
import { TaskRules1764950000000 } from './1764950000000-task-rules';
import { LedgerHistory1765400000000 } from './1765400000000-ledger-history';
import { AgencyListsAndPlans1765430000000 } from './1765430000000-agency-lists-and-plans';
import { TaskAttachments1765640000000 } from './1765640000000-task-attachments';
import { WujinBrandEvidence1765650000000 } from './1765650000000-wujin-brand-evidence';
import { CountedObligations1765711000000 } from './1765711000000-counted-obligations';
import { Zibo1765712000000 } from './1765712000000-zibo';
import { ObligationParties1765800000000 } from './1765800000000-obligation-parties';
import { Liangshan1765810000000 } from './1765810000000-liangshan';
import { OpinionPhrasesAndReceipts1765900000000 } from './1765900000000-opinion-phrases-and-receipts';
import { NotificationOutbox1766000000000 } from './1766000000000-notification-outbox';
import { TaskCopies1766100000000 } from './1766100000000-task-copies';
import { NotificationEvents1766200000000 } from './1766200000000-notification-events';
import { CampaignTaskDays1766300000000 } from './1766300000000-campaign-task-days';
import { InboxInOrder1766310000000 } from './1766310000000-inbox-in-order';
import { SubtreeBranchGrades1766400000000 } from './1766400000000-subtree-branch-grades';

/** Every migration, in order; TypeORM runs the ones not yet applied. */
export const MIGRATIONS = [
  Foundation1763800000000,
  AuditAndCalendar1763900000000,
  EnginePrimitives1764000000000,
  Campaigns1764100000000,
  RedFlag1764200000000,
  Attachments1764300000000,
  Ledger1764400000000,
  CampaignTaskCounts1764500000000,
  IdempotencyKeys1764600000000,
  AuditSignaturesAndAppLogin1764610000000,
  LoginThrottle1764700000000,
  ProcessesByDefinition1764800000000,
  Hefei1764900000000,
  TaskRules1764950000000,
  ConsultationAtEveryLevel1765000000000,
  CandidateEvidence1765200000000,
  CommitteeRedFlags1765300000000,
  LedgerHistory1765400000000,
  AgencyListsAndPlans1765430000000,
  DynamicManagement1765460000000,
  Wujin1765500000000,
  ReElectionDelays1765520000000,
  TaskAttachments1765640000000,
  WujinBrandEvidence1765650000000,
  CountedObligations1765711000000,
  Zibo1765712000000,
  ObligationParties1765800000000,
  Liangshan1765810000000,
  OpinionPhrasesAndReceipts1765900000000,
  NotificationOutbox1766000000000,
  TaskCopies1766100000000,
  NotificationEvents1766200000000,
  CampaignTaskDays1766300000000,
  InboxInOrder1766310000000,
  SubtreeBranchGrades1766400000000,
];
