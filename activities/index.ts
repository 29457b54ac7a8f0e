import type { DataSource } from 'typeorm';
import { createNominationActivities } from './nomination.activities';

export type { NominationActivities } from './nomination.activities';

/** Every activity the worker registers, bound to its dependencies. */
export function createActivities(ds: DataSource) {
  return {
    ...createNominationActivities(ds),
  };
}
