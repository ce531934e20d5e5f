import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { paths } from '../clients/typescript/api';
import { startApp } from './support/app';

const root = join(__dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

describe('OpenAPI quality', () => {
  it('passes redocly lint (recommended rules) without errors', () => {
    // execFileSync throws on a non-zero exit, which redocly returns on any error.
    const out = execFileSync(bin('redocly'), ['lint', 'openapi/openapi.json', '--format=stylish'], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    expect(out).not.toMatch(/\berror\b/);
  });

  it('has an up-to-date generated TypeScript client (run `npm run openapi`)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttscp-client-'));
    execFileSync(
      bin('openapi-typescript'),
      ['openapi/openapi.json', '--default-non-nullable', 'false', '-o', join(dir, 'api.d.ts')],
      {
        cwd: root,
        stdio: 'pipe',
      },
    );
    expect(readFileSync(join(dir, 'api.d.ts'), 'utf8')).toBe(
      readFileSync(join(root, 'clients/typescript/api.d.ts'), 'utf8'),
    );
  });

  it('declares every DTO class name once (a clash silently merges two schemas)', () => {
    const names = execFileSync('grep', ['-rhoE', '^export class \\w+Dto\\b', 'src'], { cwd: root, encoding: 'utf8' })
      .trim()
      .split('\n');
    const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
    expect(duplicates).toEqual([]);
  });
});

type CapacityRequest = paths['/v1/capacity-plans']['post']['requestBody']['content']['application/json'];
type CapacityAnswer = paths['/v1/capacity-plans']['post']['responses']['201']['content']['application/json'];
type RecommendationRequest = paths['/v1/recommendations']['post']['requestBody']['content']['application/json'];
type RecommendationAnswer = paths['/v1/recommendations']['post']['responses']['201']['content']['application/json'];

/** What procurement tooling would write: a fetch wrapper typed by the generated client. */
async function post<Req, Res>(base: string, path: keyof paths, body: Req): Promise<Res> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${res.status}`);
  return (await res.json()) as Res;
}

describe('the generated client against the running service', () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    app = await startApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  it('plans capacity and buys GPUs with typed requests and answers', async () => {
    const capacityRequest: CapacityRequest = {
      modelId: 'chattts',
      gpuId: 'l4',
      precision: 'fp16',
      runtime: 'vllm',
      targetRtf: 1,
      utterance: { audioSeconds: 10, refineText: true },
      streaming: false,
      gpuMemoryUtilization: 0.9,
      capacityPercentile: 50,
    };
    const plan = await post<CapacityRequest, CapacityAnswer>(base, '/v1/capacity-plans', capacityRequest);
    expect(plan.maxStreams).toBeGreaterThan(0);
    expect(plan.vram.totalGb).toBeLessThanOrEqual(plan.vram.capacityGb);

    const buy: RecommendationRequest = {
      modelId: 'chattts',
      streams: 3 * plan.maxStreams,
      targetRtf: 1,
      pricing: 'on-demand',
      gpuIds: ['l4'],
      allowMixed: true,
      maxOptions: 3,
      utterance: { audioSeconds: 10, refineText: true },
      streaming: false,
      gpuMemoryUtilization: 0.9,
      precision: 'fp16',
      runtime: 'vllm',
      spot: { interruptionsPerHour: 0.05, recoveryMinutes: 15 },
      amortizationMonths: 36,
      electricityPerKwh: 0.15,
      // Both sized at the median: the recommendation buys for the same percentile the plan reports.
      capacityPercentile: 50,
    };
    const answer = await post<RecommendationRequest, RecommendationAnswer>(base, '/v1/recommendations', buy);
    expect(answer.options[0].gpus[0]).toMatchObject({ gpuId: 'l4', count: 3, streamsPerGpu: plan.maxStreams });
    expect(plan.maxStreamsAtPercentile).toBe(plan.maxStreams);
  });
});

describe('documented request examples', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  it('are all valid requests that Swagger UI can send', async () => {
    const doc = JSON.parse(readFileSync(join(root, 'openapi', 'openapi.json'), 'utf8'));
    const base = await app.getUrl();
    let checked = 0;
    for (const [path, item] of Object.entries(
      doc.paths as Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> } }>
      >,
    )) {
      const examples = item.post?.requestBody?.content['application/json']?.examples ?? {};
      for (const [name, { value }] of Object.entries(examples)) {
        const res = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(value),
        });
        const created = !/\/(sweeps|diagnoses)$/.test(path);
        expect({ path, name, status: res.status }).toEqual({ path, name, status: created ? 201 : 200 });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});
