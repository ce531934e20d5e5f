import gpusData from '../../../gpus/data/gpus.json';
import { buildCatalog } from '../../../gpus/gpu-catalog';
import { resolveProfile } from '../../../models/model-profile';
import { chatttsProfile } from '../../../models/profiles';
import { CALIBRATION } from '../calibration';
import { hostFromScore } from '../shared';
import { asEvaluated, capacityOnInstanceHosts } from './capacity-seam';
import { evaluateCandidates } from './candidates';
import { EXAMPLE_RECOMMENDATION_REQUEST } from './example-request';
import type { RecommendationRequest } from './types';

const catalog = buildCatalog(gpusData);
const chattts = resolveProfile(chatttsProfile());
const l4 = catalog.byId.get('l4')!;
// Eager ChatTTS at a target its host-bound loop can meet on several streams: capacity follows the host CPU.
const slow = { ...hostFromScore(1200), id: 'slow-host' };
const fast = { ...hostFromScore(3000), id: 'fast-host' };
const req: RecommendationRequest = {
  ...EXAMPLE_RECOMMENDATION_REQUEST,
  runtimes: ['eager'],
  precisions: ['fp32'],
  targetRtf: 4,
  capacityPercentile: 50,
  hosts: { l4: slow },
  market: { ...EXAMPLE_RECOMMENDATION_REQUEST.market, instanceHosts: { 'slow-host': slow, 'fast-host': fast } },
};
const [onSlow] = evaluateCandidates(chattts, [l4], req, CALIBRATION).candidates;

describe("an instance's GPUs are planned on that instance's host CPU", () => {
  it('re-evaluates on a faster instance CPU (more streams) and keeps the evaluated candidate on the same CPU', () => {
    const on = capacityOnInstanceHosts(chattts, req, CALIBRATION);
    expect(onSlow.maxStreams).toBeGreaterThan(0);
    expect(on(onSlow, { hostCpu: 'slow-host', loopCores: null })).toBe(onSlow);
    expect(on(onSlow, { hostCpu: null, loopCores: null })).toBe(onSlow);
    expect(on(onSlow, { hostCpu: 'fast-host', loopCores: null }).maxStreams).toBeGreaterThan(onSlow.maxStreams);
  });

  it('keeps the evaluated capacity when the request names its host (no instanceHosts)', () => {
    const named = { ...req, market: { ...req.market, instanceHosts: undefined } };
    const on = capacityOnInstanceHosts(chattts, named, CALIBRATION);
    expect(on(onSlow, { hostCpu: 'fast-host', loopCores: null })).toBe(onSlow);
    expect(asEvaluated(onSlow, { hostCpu: 'fast-host', loopCores: 1 })).toBe(onSlow);
  });

  it("re-evaluates within an instance's cores when its worker processes need more", () => {
    const on = capacityOnInstanceHosts(chattts, req, CALIBRATION);
    expect(onSlow.workers.perGpu).toBeGreaterThan(1);
    const narrow = on(onSlow, { hostCpu: 'slow-host', loopCores: 1 });
    expect(narrow.workers.perGpu).toBe(1);
    expect(narrow.workers.limitedBy).toBe('host-cores');
    expect(narrow.maxStreams).toBeLessThan(onSlow.maxStreams);
    // Enough cores: the evaluated candidate stands.
    expect(on(onSlow, { hostCpu: 'slow-host', loopCores: onSlow.workers.perGpu })).toBe(onSlow);
  });
});
