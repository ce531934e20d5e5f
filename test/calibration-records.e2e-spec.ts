import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import cpusData from '../src/cpus/data/cpus.json';
import { buildCpuCatalog } from '../src/cpus/cpu-catalog';
import gpusData from '../src/gpus/data/gpus.json';
import { buildCatalog } from '../src/gpus/gpu-catalog';
import { resolveProfile } from '../src/models/model-profile';
import { ALL_PROFILES } from '../src/models/profiles';
import {
  CHATTTS_MEASUREMENTS,
  chatttsObservations,
  Observation,
  profileObservations,
} from '../src/planning/engine/calibration';
import { startApp, uniquePrefix } from './support/app';

/**
 * In-sample check through the service: every published speed record of every model (ChatTTS's data file and each
 * profile's `measurements`) asked of POST /v1/capacity-plans as the set-up it describes, and found inside the
 * answer's 90 % band. Two records the fit itself down-weights as unreliable (a vendor FAQ claim contradicted by
 * user logs, and a figure its authors replaced two days later) are reported, not required.
 */
const UNRELIABLE = new Set(['readme-4090', 'readme-4090d-first']);

const gpus = buildCatalog(gpusData);
const cpus = buildCpuCatalog(cpusData);
const ctx = { gpus: gpus.byId, hosts: { cpus: cpus.items, instanceHosts: cpus.instanceHosts } };
const observations: Observation[] = [
  ...chatttsObservations(CHATTTS_MEASUREMENTS.records, ctx).observations,
  ...ALL_PROFILES.filter((p) => !p.id.startsWith('chattts')).flatMap(
    (p) => profileObservations(resolveProfile(p), ctx).observations,
  ),
].filter((o) => o.metric !== 'speedupVsEager'); // a ratio of two set-ups, not one plan

function body(o: Observation) {
  const cpu = o.device.kind === 'cpu';
  return {
    modelId: o.modelId,
    gpuId: o.device.id,
    precision: o.precision,
    runtime: o.runtime,
    batchSize: o.batch,
    targetRtf: 100,
    utterance: { audioSeconds: o.audioSeconds, refineText: o.refineText },
    streaming: o.streaming,
    ...(cpu
      ? {
          cpuHost: {
            cores: o.device.cores,
            clockGhz: o.device.clockGhz,
            memoryBandwidthGBs: o.device.bandwidthGBs,
            ramGb: o.device.memoryGb,
          },
        }
      : {}),
    ...(o.host?.scoreBasis === 'published' && /record/.test(o.host.reason) ? { host: { cpu: o.host.id } } : {}),
  };
}

interface Answer {
  perStream: { decodeStepsPerSecond: number; rtf: number; ttfaMs: number };
  aggregate: { rtf: number };
  provenance: { bands: { decodeStepsPerSecond: { low: number; high: number }; rtf: { low: number; high: number } } };
}

function pick(o: Observation, a: Answer): { value: number; low: number; high: number } {
  const b = a.provenance.bands;
  if (o.metric === 'decodeStepsPerSecond')
    return { value: a.perStream.decodeStepsPerSecond, ...b.decodeStepsPerSecond };
  const ratio = { low: b.rtf.low / a.perStream.rtf, high: b.rtf.high / a.perStream.rtf };
  const value =
    o.metric === 'aggregateRtf' ? a.aggregate.rtf : o.metric === 'ttfaMs' ? a.perStream.ttfaMs : a.perStream.rtf;
  return { value, low: value * ratio.low, high: value * ratio.high };
}

describe('every published record, asked of the service, lies inside its band (in-sample)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp({ REDIS_URL: process.env.TEST_REDIS_URL, CACHE_KEY_PREFIX: uniquePrefix('records') });
  });
  afterAll(async () => app.close());

  it(`covers ${observations.length} records of ${new Set(observations.map((o) => o.modelId)).size} models`, async () => {
    const rows: Array<{ model: string; id: string; errorPct: number; inside: boolean }> = [];
    for (const o of observations) {
      let res = await request(app.getHttpServer()).post('/v1/capacity-plans').send(body(o));
      if (res.status === 400 && res.body.errors?.[0]?.field === 'precision') {
        // The runtime registry runs this runtime at another precision than the record states (CosyVoice's
        // TensorRT-LLM record says fp16, the registry bf16): ask with the registry's choice.
        const { precision: _dropped, ...rest } = body(o);
        res = await request(app.getHttpServer()).post('/v1/capacity-plans').send(rest);
      }
      expect({ id: o.id, status: res.status }).toEqual({ id: o.id, status: 201 });
      const p = pick(o, res.body as Answer);
      rows.push({
        model: o.modelId,
        id: o.id,
        errorPct: (100 * (p.value - o.value)) / o.value,
        inside: o.value >= p.low * 0.999 && o.value <= p.high * 1.001,
      });
    }
    const medians: Record<string, number> = {};
    for (const model of new Set(rows.map((r) => r.model))) {
      const errs = rows
        .filter((r) => r.model === model)
        .map((r) => Math.abs(r.errorPct))
        .sort((a, b) => a - b);
      medians[model] = Math.round(errs[Math.floor((errs.length - 1) / 2)] * 10) / 10;
    }
    process.stdout.write(`median in-sample |error| per model (%): ${JSON.stringify(medians)}\n`);
    process.stdout.write(
      `outside the band: ${JSON.stringify(rows.filter((r) => !r.inside).map((r) => `${r.id} ${r.errorPct.toFixed(0)} %`))}\n`,
    );
    expect(rows.filter((r) => !r.inside && !UNRELIABLE.has(r.id)).map((r) => r.id)).toEqual([]);
    for (const m of Object.values(medians)) expect(m).toBeLessThan(50);
  });
});
