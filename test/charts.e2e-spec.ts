import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import request from 'supertest';
import { MAX_NAMED_SERIES, sweepSeries } from '../src/charts/specs/capacity-sweep.chart';
import { svgFacts } from '../src/charts/testing/svg-facts';
import { EXAMPLE_CUSTOM_MODEL } from '../src/planning/common/request-examples';
import { startApp, uniquePrefix, waitForCache } from './support/app';
import { sleep } from './support/private-redis';

const SVG = 'image/svg+xml';
const sweep = {
  modelId: 'chattts',
  gpuIds: ['l4', 'a10', 'rtx-4090'],
  runtimes: ['eager', 'vllm'],
  precisions: ['fp16'],
  batchSizes: [1, 2, 4, 8, 16, 32, 64],
  targetRtf: 1,
};
const sweepLink =
  '/v1/charts/capacity-sweep?modelId=chattts&gpuIds=l4,a10,rtx-4090&runtimes=eager,vllm&precision=fp16' +
  '&batchSizes=1,2,4,8,16,32,64&targetRtf=1';
const recommendation = {
  modelId: 'chattts',
  streams: 100,
  gpuIds: ['a10', 'l4', 't4', 'rtx-4090'],
  runtime: 'vllm',
  precision: 'fp16',
};
const customModel = { ...EXAMPLE_CUSTOM_MODEL, name: 'My TTS (v2) 350M' };

/** The SVG as text (supertest buffers image/* as a Buffer unless parsed as text). */
const svgText = (res: request.Response): string =>
  typeof res.body === 'string' ? res.body : Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text;

describe('charts: Accept image/svg+xml on the computed endpoints, GET links, Redis cache', () => {
  let app: NestFastifyApplication;
  let redis: Redis;
  const prefix = uniquePrefix('charts');
  const post = (path: string, body: object, accept = SVG) =>
    request(app.getHttpServer())
      .post(path)
      .set('accept', accept)
      .buffer(true)
      .parse((res, cb) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          data += chunk;
        });
        res.on('end', () => cb(null, data));
      })
      .send(body);
  const get = (path: string, accept = SVG) => request(app.getHttpServer()).get(path).set('accept', accept);

  beforeAll(async () => {
    app = await startApp({ REDIS_URL: process.env.TEST_REDIS_URL, CACHE_KEY_PREFIX: prefix });
    redis = new Redis(process.env.TEST_REDIS_URL!);
    await waitForCache(app);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await app.close();
  });

  it('draws a sweep: one line per GPU × runtime × precision in each panel, axis titles with units, computed once then served from Redis', async () => {
    const first = await post('/v1/capacity-plans/sweeps', sweep).expect(200);
    expect(first.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.headers.vary).toMatch(/accept/i);
    expect(first.headers['content-disposition']).toBe('inline; filename="capacity-sweep.svg"');
    const f = svgFacts(svgText(first));
    expect(f.xml.ok).toBe(true);
    expect(f.active).toEqual([]);
    // One line per combination, lines that coincide drawn once and named together in one legend entry.
    const lines = f.legendLabels.filter((l) => l.includes(' — max '));
    expect(f.markGroups('throughput_lines')).toBe(lines.length);
    expect(f.markGroups('rtf_lines')).toBe(lines.length);
    for (const gpu of ['l4', 'a10', 'rtx-4090']) expect(lines.join(' ')).toContain(gpu);
    expect(f.markItems('target_rtf')).toBe(1);
    expect(f.axisTitles).toEqual(
      expect.arrayContaining([
        'batch size (concurrent streams per GPU)',
        'audio produced (audio s per wall s)',
        'per-stream RTF (wall s per audio s)',
      ]),
    );
    expect(f.texts.some((t) => /catalogVersion gpus-\S+ · engineVersion \S+/.test(t))).toBe(true);

    await sleep(30);
    const second = await post('/v1/capacity-plans/sweeps', { ...sweep, streaming: false }).expect(200);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(svgText(second)).toBe(svgText(first));
    expect(await redis.keys(`${prefix}capacity-sweep.svg:*`)).toHaveLength(1);
    // The chart was drawn from the JSON answer, which is now cached too.
    const json = await request(app.getHttpServer()).post('/v1/capacity-plans/sweeps').send(sweep).expect(200);
    expect(json.headers['x-cache']).toBe('HIT');
    expect(json.body.rows).toHaveLength(3 * 2 * 7);
    const series = sweepSeries(json.body.rows);
    expect(series.length + series.reduce((n, x) => n + x.sameAs.length, 0)).toBe(6);
    expect(f.markGroups('throughput_lines')).toBe(series.length);
  });

  it('re-renders the same chart from a GET link: validated like the body, the same cache entry', async () => {
    const posted = svgText(await post('/v1/capacity-plans/sweeps', sweep).expect(200));
    const linked = await get(sweepLink).expect(200);
    expect(linked.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(linked.headers['x-cache']).toBe('HIT');
    expect(svgText(linked)).toBe(posted);
    const shorthand = await get('/v1/charts/capacity-sweep?modelId=chattts&gpuIds=l4,a10&runtime=eager').expect(200);
    const short = svgFacts(svgText(shorthand));
    const named = short.legendLabels.filter((l) => l.includes(' — max '));
    expect(short.markGroups('throughput_lines')).toBe(named.length); // 1 when the two eager lines coincide
    expect(named.join(' ')).toMatch(/\bl4\b/);
    expect(named.join(' ')).toMatch(/\ba10\b/);
  });

  it("draws the capacity plan's memory beside the card and the article's rule", async () => {
    const res = await post('/v1/capacity-plans', {
      modelId: 'chattts',
      gpuId: 'l4',
      precision: 'fp16',
      runtime: 'vllm',
      batchSize: 8,
    }).expect(201);
    expect(res.headers['x-cache']).toBe('MISS');
    const f = svgFacts(svgText(res));
    expect(f.xml.ok).toBe(true);
    expect(f.markItems('memory_bars')).toBe(5);
    expect(f.markItems('capacity_rule')).toBe(1);
    expect(f.axisTitles).toContain('memory (GB, decimal)');
    expect(f.legendLabels).toEqual(
      expect.arrayContaining(['weights', 'KV cache', 'activations', "article's rule of thumb"]),
    );
  });

  it("draws the recommendation's cost against demand with the requested point and the chosen mix", async () => {
    const json = await request(app.getHttpServer()).post('/v1/recommendations').send(recommendation).expect(201);
    const res = await post('/v1/recommendations', recommendation).expect(201);
    expect(res.headers['x-cache']).toBe('MISS');
    const f = svgFacts(svgText(res));
    expect(f.xml.ok).toBe(true);
    const gpuTypes = new Set(
      json.body.options.flatMap((o: { gpus: Array<{ gpuId: string }> }) => o.gpus.map((g) => g.gpuId)),
    );
    // Coincident lines merge (the cheapest plan may be all of one type): at most one line per series.
    const lines = f.markGroups('cost_plan_lines') + f.markGroups('cost_gpu_lines');
    expect(lines).toBeGreaterThanOrEqual(1);
    expect(lines).toBeLessThanOrEqual(1 + gpuTypes.size);
    expect(f.markItems('requested_point')).toBe(1);
    expect(f.axisTitles).toEqual(
      expect.arrayContaining(['required concurrent streams', 'GPU cost (USD per hour, on-demand)']),
    );
    expect(f.titles.join(' ')).toContain(`$${json.body.options[0].hourly.toFixed(2)}/h`);

    const link =
      '/v1/charts/recommendation?modelId=chattts&streams=100&gpuIds=a10,l4,t4,rtx-4090&runtime=vllm&precision=fp16';
    const linked = await get(link).expect(200);
    expect(linked.headers['x-cache']).toBe('HIT');
    expect(svgText(linked)).toBe(svgText(res));
  });

  it("draws the training plan's memory per GPU with and without checkpointing beside the article's formula", async () => {
    const body = { modelId: 'chattts', gpuId: 'a100-80gb-sxm', batchSize: 8, sequenceTokens: 1024 };
    const res = await post('/v1/training-plans', body).expect(201);
    const f = svgFacts(svgText(res));
    expect(f.xml.ok).toBe(true);
    expect(f.axisTitles).toContain('memory per GPU (GB, decimal)');
    expect(f.texts).toEqual(
      expect.arrayContaining([
        'ours, gradient checkpointing off (this plan)',
        'ours, gradient checkpointing on',
        "article's formula",
      ]),
    );
    expect((await post('/v1/training-plans', body)).headers['x-cache']).toBe('HIT');
  });

  it('answers a bad chart request with the same 400 problem+json as the JSON form', async () => {
    const bad = { ...sweep, batchSizes: [0], extra: 1 };
    const asJson = await request(app.getHttpServer()).post('/v1/capacity-plans/sweeps').send(bad).expect(400);
    const asChart = await request(app.getHttpServer())
      .post('/v1/capacity-plans/sweeps')
      .set('accept', SVG)
      .send(bad)
      .expect(400);
    expect(asChart.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(asChart.body.errors).toEqual(asJson.body.errors);
    expect(asChart.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['batchSizes', 'extra']),
    );

    for (const [link, field] of [
      ['/v1/charts/capacity-sweep?modelId=chattts&targetRtf=fast', 'targetRtf'],
      ['/v1/charts/capacity-sweep?modelId=chattts&audioSeconds=99999', 'audioSeconds'],
      ['/v1/charts/capacity-sweep?modelId=chattts&batchSizes=1,0', 'batchSizes'],
      ['/v1/charts/capacity-sweep?modelId=chattts&gpuIds=l4&gpuIds=t4', 'gpuIds'],
      ['/v1/charts/capacity-sweep?modelId=chattts&colour=red', 'colour'],
      ['/v1/charts/capacity-sweep?gpuIds=l4', 'modelId'],
      ['/v1/charts/recommendation?modelId=chattts&streams=0', 'streams'],
      ['/v1/charts/recommendation?modelId=chattts&streams=10&maxGpus=-1', 'maxGpus'],
    ]) {
      const res = await get(link).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect({ link, fields: res.body.errors.map((e: { field: string }) => e.field) }).toEqual({
        link,
        fields: expect.arrayContaining([field]),
      });
    }
    const unknown = await get('/v1/charts/capacity-sweep?modelId=chattts&gpuIds=rtx-9090').expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .set('accept', 'image/png')
      .send({ modelId: 'chattts', gpuId: 'l4' })
      .expect(406);
    await get(sweepLink, 'application/json').expect(406);
  });

  it('never answers a hostile chart request with a 5xx', async () => {
    const links = [
      '/v1/charts/capacity-sweep?modelId=chattts&targetRtf=1e308',
      '/v1/charts/capacity-sweep?modelId=chattts&nfeSteps=NaN',
      '/v1/charts/capacity-sweep?modelId=__proto__',
      '/v1/charts/capacity-sweep?modelId=chattts&__proto__[x]=1',
      `/v1/charts/capacity-sweep?modelId=chattts&gpuIds=${'l4,'.repeat(2000)}`,
      '/v1/charts/capacity-sweep?modelId=%3Cscript%3E',
      '/v1/charts/capacity-sweep?modelId=chattts&gpuIds=cpu&runtimes=vllm',
      '/v1/charts/recommendation?modelId=chattts&streams=1000000&targetRtf=100',
      '/v1/charts/recommendation?modelId=chattts&streams=50&maxGpus=1&gpuIds=t4',
      '/v1/charts/recommendation?modelId=chattts&streams=5&targetRtf=0.01',
    ];
    for (const link of links) {
      const res = await get(link);
      expect({ link: link.slice(0, 80), status: res.status < 500 }).toEqual({ link: link.slice(0, 80), status: true });
      if (res.status === 200) expect(svgFacts(svgText(res)).xml.ok).toBe(true);
    }
  }, 60_000);

  it('escapes user text: a custom model name with markup is refused by the DTO; a legitimate one is drawn as text', async () => {
    const refused = await post('/v1/capacity-plans/sweeps', {
      modelId: 'custom',
      customModel: { ...customModel, name: '<script>alert(1)</script>' },
      gpuIds: ['l4'],
      runtimes: ['vllm'],
    }).expect(400);
    expect(JSON.parse(refused.body).errors.map((e: { field: string }) => e.field)).toContain('customModel.name');
    const res = await post('/v1/capacity-plans/sweeps', {
      modelId: 'custom',
      customModel,
      gpuIds: ['l4'],
      runtimes: ['vllm'],
    }).expect(200);
    const f = svgFacts(svgText(res));
    expect(f.xml.ok).toBe(true);
    expect(f.titles[0]).toBe('Capacity of My TTS (v2) 350M by batch size');
  });

  it('documents image/svg+xml beside JSON in the OpenAPI responses, and the link endpoints', async () => {
    const doc = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
    for (const path of [
      '/v1/capacity-plans',
      '/v1/capacity-plans/sweeps',
      '/v1/recommendations',
      '/v1/training-plans',
    ]) {
      const content = doc.paths[path].post.responses[path.endsWith('/sweeps') ? '200' : '201'].content;
      expect({ path, svg: content[SVG] }).toEqual({
        path,
        svg: expect.objectContaining({ schema: expect.objectContaining({ type: 'string' }) }),
      });
      expect(content['application/json'].schema.$ref).toMatch(/^#\/components\/schemas\//);
    }
    for (const path of ['/v1/charts/capacity-sweep', '/v1/charts/recommendation']) {
      expect(Object.keys(doc.paths[path].get.responses['200'].content)).toEqual([SVG]);
      expect(doc.paths[path].get.parameters.map((p: { name: string }) => p.name)).toContain('modelId');
    }
  });

  it('renders a 30-GPU × 4-runtime sweep: every supported combination drawn, coincident ones once, 8 legend entries', async () => {
    const gpuIds = (await request(app.getHttpServer()).get('/v1/gpus?vendor=NVIDIA').expect(200)).body.items
      .slice(0, 30)
      .map((g: { id: string }) => g.id);
    const big = { modelId: 'chattts', gpuIds, runtimes: ['eager', 'compile', 'tensorrt', 'vllm'], targetRtf: 1 };
    const started = Date.now();
    const res = await post('/v1/capacity-plans/sweeps', big).expect(200);
    const elapsedMs = Date.now() - started;
    expect(res.headers['x-cache']).toBe('MISS');
    const rows = (await request(app.getHttpServer()).post('/v1/capacity-plans/sweeps').send(big).expect(200)).body.rows;
    const series = sweepSeries(rows);
    const supported = new Set(
      (rows as Array<{ supported: boolean; gpuId: string; runtime: string }>)
        .filter((r) => r.supported)
        .map((r) => `${r.gpuId}|${r.runtime}`),
    ).size;
    expect(series.length + series.reduce((n, x) => n + x.sameAs.length, 0)).toBe(supported);
    const f = svgFacts(svgText(res));
    expect(f.xml.ok).toBe(true);
    expect(f.markGroups('throughput_lines')).toBe(series.length);
    const entries = f.legendLabels.filter((l) => l.includes(' — max ') || l.startsWith('others: '));
    expect(entries).toHaveLength(Math.min(MAX_NAMED_SERIES, series.length));
    expect(elapsedMs).toBeLessThan(5000); // the bench measures it properly; this only catches a collapse
  });
});
