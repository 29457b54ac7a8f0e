import type { DataSource } from 'typeorm';
import { createConsultationActivities } from './consultation.activities';
import { createHumanTaskActivities } from './human-task.activities';
import { createNominationActivities } from './nomination.activities';
import { createNoticeActivities } from './notice.activities';

export type { ConsultationActivities } from './consultation.activities';
export type { HumanTaskActivities } from './human-task.activities';
export type { NominationActivities } from './nomination.activities';
export type { NoticeActivities } from './notice.activities';

/** Every activity the worker registers, bound to its dependencies. */
export function createActivities(ds: DataSource) {
  return {
    ...createNominationActivities(ds),
    ...createHumanTaskActivities(ds),
    ...createNoticeActivities(ds),
    ...createConsultationActivities(ds),
  };
}
