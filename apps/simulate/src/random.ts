import { type Rng, mulberry32 } from '../../../libs/domain/src';

export { type Rng, mulberry32 };

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/**
 * A draw fixed by the seed and a stable key (a name, a title), whatever order
 * the actors meet things in: the same seed makes the same choices even where
 * the worker's pace changes the order of the day's work.
 */
export function keyed(seed: number, key: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return mulberry32(h >>> 0)();
}
