/** What Zibo's actors share through the year: who plays which part, what they have done, and the campaign's counted duties. */
import type { ActorWorld } from '../actor-world';

/** Who plays which part, fixed by the seed. */
export interface Script {
  /** Its project is returned once at approval, then approved. */
  returned: string;
  /** Its project is rejected at approval: no approved project by the date, so it is flagged. */
  rejected: string;
  /** Its project fails acceptance. */
  failing: string;
  /** Its plan is returned once. */
  planReturned: string;
}

export interface World extends ActorWorld<Script> {
  /** Records given so far, by counted occurrence. */
  records: Map<string, number>;
  /** Answers 503 (the engine busy): tried again the next day. */
  busy: number;
}

/** The campaign's counted-duty schedules, as a LIKE pattern on their ids. */
export const schedulesOf = (campaignId: string) => `zibo-${campaignId}-%`;
