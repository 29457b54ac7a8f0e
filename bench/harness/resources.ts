import { readFileSync, readdirSync } from 'node:fs';

const CLK_TCK = 100; // Linux's USER_HZ on every mainstream kernel
const PAGE = 4096;

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  ticks: number;
  rssBytes: number;
}

function readProcs(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const raw = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = raw.lastIndexOf(')');
      const comm = raw.slice(raw.indexOf('(') + 1, close);
      const f = raw.slice(close + 2).split(' ');
      // After the command: state ppid … utime(14) stime(15) … rss(24), counted from field 3.
      out.push({ pid: Number(name), ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]), rssBytes: Number(f[21]) * PAGE });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/**
 * The machine's CPU ticks from the `cpu` line of /proc/stat (user nice system
 * idle iowait irq softirq steal …): busy is everything but idle and iowait, as
 * before; steal, counted in busy, is the time the hypervisor ran others while
 * this machine wanted the CPU.
 */
export function machineTicks(statLine = readFileSync('/proc/stat', 'utf8').split('\n')[0]!): { busy: number; steal: number; ioWait: number; all: number } {
  const cpu = statLine.trim().split(/\s+/).slice(1).map(Number);
  const idle = cpu[3]! + (cpu[4] ?? 0);
  const all = cpu.reduce((a, b) => a + b, 0);
  return { busy: all - idle, steal: cpu[7] ?? 0, ioWait: cpu[4] ?? 0, all };
}

/** The machine's major page faults so far (`pgmajfault` in /proc/vmstat): each one a read from disk that a process waited for. */
export function majorFaults(vmstat = readFileSync('/proc/vmstat', 'utf8')): number {
  return Number(/^pgmajfault (\d+)$/m.exec(vmstat)?.[1] ?? 0);
}

export interface ResourceReading {
  seconds: number;
  /** Per process group: CPU in percent of one core (200 = both cores of this machine), and the highest resident memory seen. */
  cpuPercent: Record<string, number>;
  peakRssMiB: Record<string, number>;
  machineBusyPercent: number;
  /**
   * Of the machine's time, how much the hypervisor gave to other machines while this one wanted it (included in busy):
   * figures taken with much of it are slower than this machine is, and are not comparable with quiet runs.
   */
  machineStealPercent: number;
  /** Idle time with a disk read or write outstanding, and the page faults that read from disk: a stall's other suspects. */
  machineIoWaitPercent: number;
  majorFaults: number;
}

/**
 * Reads /proc once a second and charges CPU time to the processes of a run:
 * our children by pid (and their descendants), PostgreSQL's backends and the
 * Java test server by name, the benchmark driver itself.
 */
export class ResourceSampler {
  private timer: NodeJS.Timeout | undefined;
  private startTicks = new Map<number, number>();
  private lastTicks = new Map<number, number>();
  private groupOf = new Map<number, string>();
  private peak: Record<string, number> = {};
  private started = 0;
  private machine0 = machineTicks();
  private faults0 = majorFaults();

  constructor(private readonly named: () => Map<string, number>) {}

  private classify(procs: ProcStat[]): Map<number, string> {
    const byPid = new Map(procs.map((p) => [p.pid, p]));
    const roots = new Map<number, string>([[process.pid, 'bench-driver'], ...[...this.named()].map(([n, pid]) => [pid, n] as [number, string])]);
    const groups = new Map<number, string>();
    for (const p of procs) {
      // By name first: the driver starts PostgreSQL and the test server, so by ancestry they would count as the driver.
      let group: string | undefined = p.comm === 'postgres' ? 'postgresql' : p.comm === 'java' ? 'time-skipping-server' : undefined;
      let q: ProcStat | undefined = p;
      for (let hops = 0; q && hops < 20 && !group; hops++) {
        group = roots.get(q.pid);
        q = byPid.get(q.ppid);
      }
      if (group) groups.set(p.pid, group);
    }
    return groups;
  }

  private sample(): void {
    const procs = readProcs();
    const groups = this.classify(procs);
    for (const p of procs) {
      const g = groups.get(p.pid);
      if (!g) continue;
      this.groupOf.set(p.pid, g);
      if (!this.startTicks.has(p.pid)) this.startTicks.set(p.pid, this.started ? 0 : p.ticks);
      this.lastTicks.set(p.pid, p.ticks);
      this.peak[g] = Math.max(this.peak[g] ?? 0, p.rssBytes);
    }
  }

  start(): this {
    this.started = 0;
    this.machine0 = machineTicks();
    this.faults0 = majorFaults();
    this.sample();
    this.started = performance.now();
    this.timer = setInterval(() => this.sample(), 1000);
    this.timer.unref();
    return this;
  }

  stop(): ResourceReading {
    clearInterval(this.timer);
    this.sample();
    const seconds = (performance.now() - this.started) / 1000;
    const cpu: Record<string, number> = {};
    for (const [pid, last] of this.lastTicks) {
      const g = this.groupOf.get(pid)!;
      cpu[g] = (cpu[g] ?? 0) + (last - (this.startTicks.get(pid) ?? 0));
    }
    const m1 = machineTicks();
    const round = (x: number) => Math.round(x * 10) / 10;
    const share = (key: 'busy' | 'steal' | 'ioWait') => round(((m1[key] - this.machine0[key]) / Math.max(1, m1.all - this.machine0.all)) * 100);
    return {
      seconds: round(seconds),
      cpuPercent: Object.fromEntries(Object.entries(cpu).map(([g, t]) => [g, round((t / CLK_TCK / seconds) * 100)]).sort((a, b) => (b[1] as number) - (a[1] as number))),
      peakRssMiB: Object.fromEntries(Object.entries(this.peak).map(([g, b]) => [g, round(b / 1048576)])),
      machineBusyPercent: share('busy'),
      machineStealPercent: share('steal'),
      machineIoWaitPercent: share('ioWait'),
      majorFaults: majorFaults() - this.faults0,
    };
  }
}

/** The `n` busiest process groups, e.g. "temporal 90%, worker 40%". */
export function topCpu(r: ResourceReading, n: number): string {
  return Object.entries(r.cpuPercent).slice(0, n).map(([name, pct]) => `${name} ${pct}%`).join(', ');
}

/** The group using the most CPU, and how much. */
export function busiest(r: ResourceReading): string {
  const [name, pct] = Object.entries(r.cpuPercent)[0] ?? ['nothing', 0];
  return `${name} ${pct}% of a core (machine ${r.machineBusyPercent}% busy${stolen(r)})`;
}

/** ", 28% of it stolen by the hypervisor" where the hypervisor took a noticeable share, else nothing. */
export function stolen(r: ResourceReading): string {
  return r.machineStealPercent >= 1 ? `, ${r.machineStealPercent}% of it stolen by the hypervisor` : '';
}
