/** What the scripted actors of a Tai'an year share on a day: the API, their script, what they have done and the refusals they met. */
import type { DataSource } from 'typeorm';
import type { Http } from '../stack';
import type { Script } from './script';

export interface Stats {
  lateApplicationsRefused: number;
  extensions: number;
  /** What the API answered to the first bad request of each kind the actors tried. */
  refusals: Record<string, string>;
}

export interface ActorContext {
  owner: DataSource;
  api: Http;
  tokenFor: (organisationId: string, role: string) => Promise<string>;
  adminToken: string;
  campaignId: string;
  script: Script;
  today: string;
  seed: number;
  acted: Set<string>;
  /** Consultations whose committee already waited once for a late answer. */
  waitedFor: Set<string>;
  stats: Stats;
  now: number;
}
