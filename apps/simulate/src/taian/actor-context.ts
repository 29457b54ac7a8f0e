/** What the scripted actors of a Tai'an year share on a day: the API, their script, what they have done and the refusals they met. */
import type { ActorWorld } from '../actor-world';
import type { Script } from './script';

export interface Stats {
  lateApplicationsRefused: number;
  extensions: number;
  /** What the API answered to the first bad request of each kind the actors tried. */
  refusals: Record<string, string>;
}

export interface ActorContext extends ActorWorld<Script> {
  adminToken: string;
  /** The simulated day, in China. */
  today: string;
  /** Consultations whose committee already waited once for a late answer. */
  waitedFor: Set<string>;
  stats: Stats;
}
