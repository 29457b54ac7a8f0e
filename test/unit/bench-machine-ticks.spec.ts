import { Latencies } from '../../bench/harness/open-loop';
import { machineTicks, majorFaults, stolen } from '../../bench/harness/resources';

/** The benchmark's machine reading: busy as before, and the hypervisor's steal named beside it. */
describe("the benchmark's machine ticks", () => {
  it('reads busy (all but idle and iowait) and steal from the cpu line of /proc/stat', () => {
    // user nice system idle iowait irq softirq steal guest guest_nice
    expect(machineTicks('cpu  1000 10 200 5000 50 0 40 300 0 0')).toEqual({ busy: 1550, steal: 300, ioWait: 50, all: 6600 });
    // A kernel without the steal column.
    expect(machineTicks('cpu  1000 10 200 5000 50 0 40')).toEqual({ busy: 1250, steal: 0, ioWait: 50, all: 6300 });
  });

  it('names the steal in a figure’s limit only when it is noticeable', () => {
    const reading = { seconds: 60, cpuPercent: {}, peakRssMiB: {}, machineBusyPercent: 80, machineIoWaitPercent: 0, majorFaults: 0 };
    expect(stolen({ ...reading, machineStealPercent: 28.2 })).toBe(', 28.2% of it stolen by the hypervisor');
    expect(stolen({ ...reading, machineStealPercent: 0.4 })).toBe('');
  });

  it('reads the major page faults from /proc/vmstat', () => {
    expect(majorFaults('pgfault 912345\npgmajfault 18263\npgrefill 0\n')).toBe(18263);
    expect(majorFaults()).toBeGreaterThanOrEqual(0);
  });

  it('keeps when the slowest request was due, so loads that stalled together show it', () => {
    const l = new Latencies();
    l.record(5, 1.5);
    l.record(900, 12.25);
    l.record(40, 30);
    expect(l.summary()).toMatchObject({ count: 3, slowestSentAtS: 12.25 });
  });
});
