/** What Zibo's actors share through the year: who plays which part, what they have done, and the campaign's counted duties. */
import type { DataSource } from 'typeorm';
import type { Http } from '../stack';

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

export interface World {
  api: Http;
  owner: DataSource;
  seed: number;
  campaignId: string;
  tokenFor(organisationId: string, role: string): Promise<string>;
  script: Script;
  acted: Set<string>;
  once: Set<string>;
  /** Records given so far, by counted occurrence. */
  records: Map<string, number>;
  /** Answers 503 (the engine busy): tried again the next day. */
  busy: number;
  now: number;
}

/** The campaign's counted-duty schedules, as a LIKE pattern on their ids. */
export const schedulesOf = (campaignId: string) => `zibo-${campaignId}-%`;
