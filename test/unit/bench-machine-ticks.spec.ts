import { machineTicks, stolen } from '../../bench/harness/resources';

/** The benchmark's machine reading: busy as before, and the hypervisor's steal named beside it. */
describe("the benchmark's machine ticks", () => {
  it('reads busy (all but idle and iowait) and steal from the cpu line of /proc/stat', () => {
    // user nice system idle iowait irq softirq steal guest guest_nice
    expect(machineTicks('cpu  1000 10 200 5000 50 0 40 300 0 0')).toEqual({ busy: 1550, steal: 300, all: 6600 });
    // A kernel without the steal column.
    expect(machineTicks('cpu  1000 10 200 5000 50 0 40')).toEqual({ busy: 1250, steal: 0, all: 6300 });
  });

  it('names the steal in a figure’s limit only when it is noticeable', () => {
    const reading = { seconds: 60, cpuPercent: {}, peakRssMiB: {}, machineBusyPercent: 80 };
    expect(stolen({ ...reading, machineStealPercent: 28.2 })).toBe(', 28.2% of it stolen by the hypervisor');
    expect(stolen({ ...reading, machineStealPercent: 0.4 })).toBe('');
  });
});
