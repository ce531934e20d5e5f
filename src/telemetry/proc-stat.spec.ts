import fc from 'fast-check';
import {
  articleSinceBootUtilizationPct,
  cpuUtilizationPct,
  CpuTimes,
  maxCoreUtilizationPct,
  parseProcStat,
  ProcStatParseError,
} from './proc-stat';
import { fixture } from './testing/fixtures';

/** CPU times with every counter that is not given at zero. */
const cpuTimes = (t: Partial<CpuTimes> = {}): CpuTimes => ({
  user: 0,
  nice: 0,
  system: 0,
  idle: 0,
  iowait: 0,
  irq: 0,
  softirq: 0,
  steal: 0,
  guest: 0,
  guestNice: 0,
  ...t,
});

describe('/proc/stat parsing', () => {
  it('reads the aggregate line and every cpuN line', () => {
    const s = parseProcStat(fixture('proc-stat-idle-boot.txt'));
    expect(s.cores.size).toBe(8);
    expect(s.total).toEqual({
      user: 2272134,
      nice: 1257,
      system: 620772,
      idle: 94535189,
      iowait: 31624,
      irq: 0,
      softirq: 17763,
      steal: 0,
      guest: 0,
      guestNice: 0,
    });
  });

  it('fills the fields an old kernel does not print with zeros', () => {
    expect(parseProcStat('cpu 10 0 5 85\n').total).toMatchObject({ user: 10, idle: 85, iowait: 0, steal: 0 });
  });

  it('rejects text without an aggregate cpu line or with a garbled one', () => {
    expect(() => parseProcStat('intr 1 2 3\n')).toThrow(ProcStatParseError);
    expect(() => parseProcStat('cpu  1 2 x 4\n')).toThrow(ProcStatParseError);
  });
});

describe('CPU utilisation', () => {
  const idle = parseProcStat(fixture('proc-stat-idle-boot.txt'));
  const busy = parseProcStat(fixture('proc-stat-busy-200ms.txt'));

  it('reads a busy 200 ms interval after a long idle uptime as ~100 %, where the since-boot formula reads ~3 %', () => {
    const delta = cpuUtilizationPct(idle.total, busy.total)!;
    expect(delta).toBeCloseTo(100 * (1 - 1 / 160), 6); // 160 jiffies passed, 1 of them idle
    expect(delta).toBeGreaterThan(99);
    const article = articleSinceBootUtilizationPct(busy.total);
    expect(article).toBeLessThan(5);
    expect(delta - article).toBeGreaterThan(90);
  });

  it('sees one pinned core that the host average hides', () => {
    const one = parseProcStat(fixture('proc-stat-one-core-busy.txt'));
    expect(cpuUtilizationPct(idle.total, one.total)).toBeCloseTo(100 * (20 / 160), 6);
    expect(maxCoreUtilizationPct(idle, one)).toBe(100);
  });

  it('counts iowait as idle and does not count guest time twice', () => {
    const a = cpuTimes();
    const waiting = cpuTimes({ idle: 50, iowait: 50 });
    expect(cpuUtilizationPct(a, waiting)).toBe(0);
    // A VM guest running: its time appears in user AND in guest; only user counts.
    const guestRun = cpuTimes({ user: 50, guest: 50, idle: 50 });
    expect(cpuUtilizationPct(a, guestRun)).toBe(50);
  });

  it('has no figure when no time passed or a counter went backwards', () => {
    expect(cpuUtilizationPct(busy.total, busy.total)).toBeNull();
    expect(cpuUtilizationPct(busy.total, idle.total)).toBeNull();
  });

  it('always lies in 0–100 for counters that only grow', () => {
    const times = fc.record({
      user: fc.nat(1e6),
      nice: fc.nat(1e6),
      system: fc.nat(1e6),
      idle: fc.nat(1e6),
      iowait: fc.nat(1e6),
      irq: fc.nat(1e6),
      softirq: fc.nat(1e6),
      steal: fc.nat(1e6),
      guest: fc.constant(0),
      guestNice: fc.constant(0),
    });
    fc.assert(
      fc.property(times, times, (base, d) => {
        const next = Object.fromEntries(
          Object.entries(base).map(([k, v]) => [k, v + d[k as keyof CpuTimes]]),
        ) as unknown as CpuTimes;
        const u = cpuUtilizationPct(base, next);
        return u === null || (u >= 0 && u <= 100);
      }),
    );
  });
});
