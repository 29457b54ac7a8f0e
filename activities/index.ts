import type { DataSource } from 'typeorm';
import { createAssessmentActivities } from './assessment.activities';
import { createCampaignActivities } from './campaign.activities';
import { createConsultationActivities } from './consultation.activities';
import { createHumanTaskActivities } from './human-task.activities';
import { createNominationActivities } from './nomination.activities';
import { createNoticeActivities } from './notice.activities';
import { createObligationActivities } from './obligation.activities';
import { createRoutingActivities } from './routing.activities';
import { createHefeiActivities } from './hefei/hefei.activities';
import { createLiangshanActivities } from './liangshan/liangshan.activities';
import { createWujinComplianceActivities } from './wujin/wujin-compliance.activities';
import { createWujinDeployActivities } from './wujin/wujin-deploy.activities';
import { createWujinReElectionActivities } from './wujin/wujin-re-election.activities';
import { createRedFlagActivities } from './taian/red-flag.activities';
import { createZiboActivities } from './zibo/zibo.activities';
import { classifyingFailures } from './failures';

export type { AssessmentActivities } from './assessment.activities';
export type { CampaignActivities } from './campaign.activities';
export type { ConsultationActivities } from './consultation.activities';
export type { HumanTaskActivities } from './human-task.activities';
export type { NominationActivities } from './nomination.activities';
export type { NoticeActivities } from './notice.activities';
export type { ObligationActivities } from './obligation.activities';
export type { RoutingActivities } from './routing.activities';
export type { HefeiActivities } from './hefei/hefei.activities';
export type { LiangshanActivities } from './liangshan/liangshan.activities';
export type { WujinComplianceActivities } from './wujin/wujin-compliance.activities';
export type { WujinDeployActivities } from './wujin/wujin-deploy.activities';
export type { WujinReElectionActivities } from './wujin/wujin-re-election.activities';
export type { RedFlagActivities } from './taian/red-flag.activities';
export type { ZiboActivities } from './zibo/zibo.activities';

/** Every activity the worker registers, bound to its dependencies, its failures classified for retrying. */
export function createActivities(ds: DataSource) {
  return classifyingFailures({
    ...createNominationActivities(ds),
    ...createHumanTaskActivities(ds),
    ...createNoticeActivities(ds),
    ...createConsultationActivities(ds),
    ...createAssessmentActivities(ds),
    ...createObligationActivities(ds),
    ...createRoutingActivities(ds),
    ...createCampaignActivities(ds),
    ...createRedFlagActivities(ds),
    ...createHefeiActivities(ds),
    ...createWujinDeployActivities(ds),
    ...createWujinComplianceActivities(ds),
    ...createWujinReElectionActivities(ds),
    ...createZiboActivities(ds),
    ...createLiangshanActivities(ds),
  });
}
