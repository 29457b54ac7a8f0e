import type { StackOptions } from './stack';
import { runHefeiSimulation } from './hefei/simulation';
import { runLiangshanSimulation } from './liangshan/simulation';
import { runTaianSimulation } from './taian/simulation';
import { runWujinSimulation } from './wujin/simulation';
import { runZiboSimulation } from './zibo/simulation';

/** What every simulation takes: where to run, the size of the tree and the seed of its choices. */
export interface SimulationRun extends StackOptions {
  branches: number;
  /** Options of one process (`--quota` for Tai'an), as given on the command line. */
  extra: Record<string, string | undefined>;
}

export interface Simulation {
  /** The fewest branches a meaningful year needs. */
  minBranches: number;
  /** Its own options, shown in the usage line. */
  options: string;
  /** A problem with its own options, in Chinese, or null. */
  check(extra: SimulationRun['extra']): string | null;
  run(r: SimulationRun): Promise<{ process: string }>;
}

const positiveInteger = (v: string | undefined) => v === undefined || (Number.isInteger(Number(v)) && Number(v) >= 1);

/** Every process that can be simulated, by its id: `npm run simulate -- <id>`. */
export const SIMULATIONS: Record<string, Simulation> = {
  taian: {
    minBranches: 20,
    options: '[--quota Q]',
    check: (x) => (x.laggard !== undefined ? '泰安的流程没有 --laggard 选项' : positiveInteger(x.quota) ? null : '名额须为正整数'),
    run: (r) => runTaianSimulation({ ...r, quota: r.extra.quota === undefined ? undefined : Number(r.extra.quota) }),
  },
  hefei: {
    minBranches: 20,
    options: '',
    check: (x) => (x.quota === undefined && x.laggard === undefined ? null : '合肥的流程没有名额参数和 --laggard 选项'),
    run: (r) => runHefeiSimulation(r),
  },
  wujin: {
    minBranches: 20,
    options: '[--laggard]（一个党支部始终不自评，第二阶段达标目标落空）',
    check: (x) => (x.quota === undefined ? null : '武进的流程没有名额参数'),
    run: (r) => runWujinSimulation({ ...r, laggard: r.extra.laggard !== undefined }),
  },
  zibo: {
    minBranches: 8,
    options: '',
    check: (x) => (x.quota === undefined && x.laggard === undefined ? null : '淄博的流程没有名额参数和 --laggard 选项'),
    run: (r) => runZiboSimulation(r),
  },
  liangshan: {
    minBranches: 4,
    options: '',
    check: (x) => (x.quota === undefined && x.laggard === undefined ? null : '凉山的流程没有名额参数和 --laggard 选项'),
    run: (r) => runLiangshanSimulation(r),
  },
};
