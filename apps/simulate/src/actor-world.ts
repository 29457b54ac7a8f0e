/** What the scripted actors of every simulation share through a year: the API, the seed, their script and what they have done. */
import type { DataSource } from 'typeorm';
import { keyed } from './random';
import type { Http, SimulationStack } from './stack';

/** The shared part of a simulation's actors' world; a process adds what only its actors keep (records, refusals, objections…). */
export interface ActorWorld<S> {
  api: Http;
  /** The owner's connection: the actors find their work in the read model, as an inbox would show it. */
  owner: DataSource;
  seed: number;
  campaignId: string;
  tokenFor(organisationId: string, role: string): Promise<string>;
  /** Who plays which part, fixed by the seed. */
  script: S;
  /** What the actors have done (a task decided, a notice read): not done again. */
  acted: Set<string>;
  /** What is done only once in a year (a first return, a first refusal), by name: see `firstTime`. */
  once: Set<string>;
  /** The simulated instant of the day's work. */
  now: number;
}

/** A world with nothing done yet, before the first day. */
export function actorWorld<S>(stack: Pick<SimulationStack, 'api' | 'owner' | 'tokenFor'>, o: { seed: number; campaignId: string; script: S }): ActorWorld<S> {
  return { api: stack.api, owner: stack.owner, tokenFor: stack.tokenFor, seed: o.seed, campaignId: o.campaignId, script: o.script, acted: new Set(), once: new Set(), now: 0 };
}

/** True the first time `key` is asked in the year (and remembered), false after. */
export function firstTime(w: Pick<ActorWorld<unknown>, 'once'>, key: string): boolean {
  if (w.once.has(key)) return false;
  w.once.add(key);
  return true;
}

/**
 * The branches that play a script's parts: the k-th part's is drawn by the seed
 * from about the k-th of `parts` equal slices of `branches`, so the parts fall
 * across the tree. `branches` in an order every run gives them (by code: ids
 * are drawn afresh).
 */
export function scriptedBranches(branches: ReadonlyArray<{ id: string }>, seed: number, parts: number): (k: number) => string {
  return (k) => branches[Math.floor(keyed(seed, `script:${k}`) * Math.max(branches.length / parts, 1)) + Math.floor((k * branches.length) / parts)]!.id;
}
