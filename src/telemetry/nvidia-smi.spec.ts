import {
  CommandRunner,
  DMON_ARGS,
  NvidiaSmiSource,
  parseDmon,
  parseQueryGpu,
  pcieLinkMBs,
  pcieUtilizationPct,
  QUERY_FIELDS,
  queryGpuArgs,
  readNumber,
} from './nvidia-smi';
import { fixture } from './testing/fixtures';

describe('nvidia-smi --query-gpu parsing', () => {
  // Each recorded query and the GPUs it holds, as far as the case checks them (toMatchObject on the array also checks
  // how many GPUs were read).
  it.each([
    {
      what: 'reads every field of a two-GPU A10 + L4 box',
      file: 'nvidia-smi-query-a10-l4.csv',
      gpus: [
        {
          index: 0,
          uuid: 'GPU-5b2c9a1e-7f3d-4c8b-9e21-3a6f0d1c2b47',
          name: 'NVIDIA A10',
          utilizationPct: 34,
          memoryUsedMib: 11876,
          memoryTotalMib: 23028,
          temperatureC: 61,
          powerDrawW: 118.42,
          pcieLinkGen: 4,
          pcieLinkWidth: 16,
          migEnabled: null,
        },
        { index: 1, name: 'NVIDIA L4', utilizationPct: 0, memoryUsedMib: 1, pcieLinkGen: 1 },
      ],
    },
    {
      what: 'reads [N/A] and [Not Supported] as missing values, not zeros',
      file: 'nvidia-smi-query-na-power.csv',
      gpus: [
        {
          name: 'NVIDIA GeForce RTX 3060',
          utilizationPct: 28,
          memoryTotalMib: 12288,
          temperatureC: 54,
          powerDrawW: null,
        },
        { powerDrawW: null },
      ],
    },
    {
      what: 'reads an A100 in MIG mode: no whole-GPU utilisation, memory and MIG state kept',
      file: 'nvidia-smi-query-a100-mig.csv',
      gpus: [
        { index: 0, utilizationPct: null, memoryUsedMib: 14519, migEnabled: true },
        { index: 1, utilizationPct: 71, migEnabled: false, powerDrawW: 268.4 },
      ],
    },
  ])('$what', ({ file, gpus }) => {
    const { items, skipped } = parseQueryGpu(fixture(file));
    expect(skipped).toEqual([]);
    expect(items).toMatchObject(gpus);
  });

  it('skips a driver error line and keeps the GPUs that answered', () => {
    const { items, skipped } = parseQueryGpu(fixture('nvidia-smi-query-gpu-lost.txt'));
    expect(items.map((g) => g.index)).toEqual([0]);
    expect(skipped).toEqual(['Unable to determine the device handle for GPU0000:3B:00.0: Unknown Error']);
    expect(parseQueryGpu('No devices were found\n').items).toEqual([]);
  });

  it('rejoins a GPU name that contains a comma', () => {
    const line = '0, GPU-x, Weird, Name Card, 5, 100, 1000, 40, 50.5, 3, 8, [N/A]';
    const { items } = parseQueryGpu(line);
    expect(items[0]).toMatchObject({ name: 'Weird, Name Card', utilizationPct: 5, pcieLinkWidth: 8, migEnabled: null });
  });

  it('reads output of a driver without the MIG field (10 fields)', () => {
    const { items } = parseQueryGpu('0, GPU-y, Tesla T4, 12, 2000, 15360, 45, 30.1, 3, 16\n', QUERY_FIELDS.length - 1);
    expect(items[0]).toMatchObject({ name: 'Tesla T4', memoryTotalMib: 15360, migEnabled: null });
  });

  it('asks for the documented fields in csv, noheader, nounits form', () => {
    expect(queryGpuArgs()).toEqual([
      '--query-gpu=index,uuid,name,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw,' +
        'pcie.link.gen.current,pcie.link.width.current,mig.mode.current',
      '--format=csv,noheader,nounits',
    ]);
  });

  it('readNumber tolerates units and rejects text', () => {
    expect(readNumber(' 35 ')).toBe(35);
    expect(readNumber('70.12 W')).toBe(70.12);
    expect(readNumber('1024 MiB')).toBe(1024);
    expect(readNumber('[Unknown Error]')).toBeNull();
    expect(readNumber('N/A')).toBeNull();
    expect(readNumber('-')).toBeNull();
    expect(readNumber('Enabled')).toBeNull();
  });
});

describe('nvidia-smi dmon -s t parsing', () => {
  it('reads rx/tx MB/s per GPU by column name', () => {
    const a = parseDmon(fixture('nvidia-smi-dmon-a10-l4.txt'));
    expect(a.get(0)).toEqual({ rxMBs: 812, txMBs: 143 });
    expect(a.get(1)).toEqual({ rxMBs: 0, txMBs: 0 });
    expect(parseDmon(fixture('nvidia-smi-dmon-wide.txt')).get(0)).toEqual({ rxMBs: 655, txMBs: 758 });
  });

  it('reads "-" (MIG-enabled GPU) as missing', () => {
    const m = parseDmon(fixture('nvidia-smi-dmon-a100-mig.txt'));
    expect(m.get(0)).toEqual({ rxMBs: null, txMBs: null });
    expect(m.get(1)).toEqual({ rxMBs: 2104, txMBs: 387 });
  });

  it('ignores rows before a header it understands', () => {
    expect(parseDmon('    0   5   6\n').size).toBe(0);
  });
});

describe('PCIe utilisation', () => {
  it('is the busier direction over the current link capacity', () => {
    expect(pcieLinkMBs(4, 16)).toBeCloseTo(31507, 0);
    const pct = pcieUtilizationPct({ pcieLinkGen: 4, pcieLinkWidth: 16, pcieRxMBs: 812, pcieTxMBs: 143 });
    expect(pct).toBeCloseTo((812 / 31507.2) * 100, 3);
    expect(pcieUtilizationPct({ pcieLinkGen: 1, pcieLinkWidth: 1, pcieRxMBs: 300, pcieTxMBs: 0 })).toBe(100);
    expect(pcieUtilizationPct({ pcieLinkGen: null, pcieLinkWidth: 16, pcieRxMBs: 5, pcieTxMBs: 5 })).toBeNull();
    expect(pcieUtilizationPct({ pcieLinkGen: 4, pcieLinkWidth: 16, pcieRxMBs: null, pcieTxMBs: null })).toBeNull();
  });
});

describe('NvidiaSmiSource', () => {
  const runner = (outputs: Record<string, string | Error>): CommandRunner & { calls: string[][] } => {
    const calls: string[][] = [];
    const fn: CommandRunner = async (_file, args) => {
      calls.push(args);
      const out = outputs[args[0] === 'dmon' ? 'dmon' : 'query'];
      if (out instanceof Error) throw out;
      return out;
    };
    return Object.assign(fn, { calls });
  };

  it('answers null for good when nvidia-smi is not installed', async () => {
    const missing = Object.assign(new Error('spawn nvidia-smi ENOENT'), { code: 'ENOENT' });
    const run = runner({ query: missing, dmon: missing });
    const src = new NvidiaSmiSource('nvidia-smi', { run });
    expect(await src.read()).toBeNull();
    expect(await src.read()).toBeNull();
    expect(src.available).toBe(false);
    expect(run.calls).toHaveLength(1);
  });

  it('merges the latest dmon throughput into the next reading', async () => {
    const run = runner({ query: fixture('nvidia-smi-query-a10-l4.csv'), dmon: fixture('nvidia-smi-dmon-a10-l4.txt') });
    const src = new NvidiaSmiSource('nvidia-smi', { run });
    const first = await src.read();
    expect(first!.items[0].pcieRxMBs).toBeNull(); // dmon runs in the background
    await new Promise((r) => setImmediate(r));
    const second = await src.read();
    expect(second!.items[0]).toMatchObject({ pcieRxMBs: 812, pcieTxMBs: 143 });
    expect(run.calls.some((a) => a.join(' ') === DMON_ARGS.join(' '))).toBe(true);
  });

  it('drops the MIG field once when an old driver rejects it', async () => {
    const calls: string[][] = [];
    const run: CommandRunner = async (_f, args) => {
      calls.push(args);
      if (args[0] === 'dmon') return '';
      if (args[0].includes('mig.mode.current')) {
        throw Object.assign(new Error('Command failed'), {
          stdout: 'Field "mig.mode.current" is not a valid field to query.',
        });
      }
      return '0, GPU-z, Tesla P4, 20, 1500, 7611, 50, 40.2, 3, 16\n';
    };
    const src = new NvidiaSmiSource('nvidia-smi', { run });
    const out = await src.read();
    expect(out!.items[0]).toMatchObject({ name: 'Tesla P4', memoryTotalMib: 7611 });
    expect(calls.filter((a) => a[0] !== 'dmon').map((a) => a[0].includes('mig'))).toEqual([true, false]);
  });

  it('throws other failures so the exporter can count them', async () => {
    const run = runner({
      query: new Error("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver"),
      dmon: '',
    });
    await expect(new NvidiaSmiSource('nvidia-smi', { run }).read()).rejects.toThrow(/NVIDIA driver/);
  });
});
