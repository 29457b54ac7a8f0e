import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchContext } from './context';

export interface BenchReport {
  startedAt: string;
  mode: 'quick' | 'full';
  options: { sqliteDefaults: boolean; only: string[]; keyed: boolean; cluster?: boolean };
  machine: { cpus: number; cpuModel: string; memoryGiB: number; kernel: string; node: string };
  seconds: number;
  scenarios: Array<{ name: string; metric: string; value: number; unit: string; limitedBy?: string }>;
  /** `submissionVsBaseline` is null when the run left out the baseline or the submission scenario. */
  ratios: Record<string, number | null>;
  steps: BenchContext['steps'];
  timelines: BenchContext['timelines'];
  /** Scenarios that ran to their end, and those that did not (with why). */
  completed: string[];
  failures: Array<{ scenario: string; error: string }>;
  /** Failed set-up requests (not measured), by what they were for: counted and retried, not the end of the run. */
  setupErrors: Record<string, number>;
}

export function buildReport(ctx: BenchContext, startedAt: Date, completed: string[], failures: BenchReport['failures'], options: BenchReport['options']): BenchReport {
  return {
    startedAt: startedAt.toISOString(),
    mode: ctx.quick ? 'quick' : 'full',
    options,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      kernel: os.release(),
      node: process.version,
    },
    seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    scenarios: ctx.figures,
    ratios: { submissionVsBaseline: ctx.ratios.submissionVsBaseline ?? null, ...ctx.ratios },
    steps: ctx.steps,
    timelines: ctx.timelines,
    completed,
    failures,
    setupErrors: { ...ctx.setupErrors },
  };
}

/** bench/results/<timestamp>.json, next to the sources (not the compiled copy). */
export function writeReport(root: string, report: BenchReport): string {
  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${report.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, (_k, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? null : v), 2)}\n`);
  return file;
}

/** What each ratio divides by what. */
const RATIO_MEANINGS: Record<string, string> = {
  submissionVsBaseline: 'submission rate with p99 < 250 ms / baseline sustained rate',
  submissionVsBaselineWithinBound: 'the same bound for both: submission / baseline rate with p99 < 250 ms',
  submissionVsBaselineKeptUp: 'submission rate kept up with / baseline sustained rate',
};

export function table(report: BenchReport): string {
  const rows = report.scenarios.map((s) => [s.name, s.metric, String(s.value), s.unit]);
  for (const [key, value] of Object.entries(report.ratios)) rows.push(['ratios', key, String(value ?? 'n/a'), RATIO_MEANINGS[key.replace(/ \(.*\)$/, '')] ?? RATIO_MEANINGS.submissionVsBaseline!]);
  const width = (i: number) => Math.max(...rows.map((r) => [...r[i]!].length), 8);
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - [...s].length));
  const line = (r: string[]) => r.map((c, i) => (i === 2 ? ' '.repeat(Math.max(0, width(2) - c.length)) + c : pad(c, width(i)))).join('  ');
  return [line(['scenario', 'metric', 'value', 'unit']), line(rows[0]!.map((_, i) => '-'.repeat(width(i)))), ...rows.map(line)].join('\n');
}
