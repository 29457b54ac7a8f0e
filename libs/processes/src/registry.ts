import type { ProcessDefinition } from './definition';
import { hefei } from './hefei/definition';
import { liangshan } from './liangshan/definition';
import { taian } from './taian/definition';
import { wujin } from './wujin/definition';
import { zibo } from './zibo/definition';

/** Every process the engine runs: the only place that lists them. */
export const PROCESSES: readonly ProcessDefinition[] = [
  taian as unknown as ProcessDefinition,
  hefei as unknown as ProcessDefinition,
  wujin as unknown as ProcessDefinition,
  zibo as unknown as ProcessDefinition,
  liangshan as unknown as ProcessDefinition,
];

export const PROCESS_IDS = PROCESSES.map((p) => p.id) as [string, ...string[]];

export function findProcess(id: string): ProcessDefinition | undefined {
  return PROCESSES.find((p) => p.id === id);
}
