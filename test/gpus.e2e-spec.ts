import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startApp } from './support/app';

describe('GET /v1/gpus', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('lists at least 30 sourced GPUs with the contract fields and the catalog version', async () => {
    const res = await request(app.getHttpServer()).get('/v1/gpus').expect(200);
    expect(res.body.catalogVersion).toMatch(/^gpus-[0-9a-f]{16}$/);
    expect(res.body.items.length).toBeGreaterThanOrEqual(30);
    for (const g of res.body.items) {
      expect(Object.keys(g)).toEqual(
        expect.arrayContaining([
          'id',
          'name',
          'vendor',
          'architecture',
          'vramGb',
          'memoryBandwidthGBs',
          'fp32Tflops',
          'fp16TensorTflops',
          'int8TensorTops',
          'tdpW',
          'formFactor',
          'year',
          'pricing',
          'sources',
        ]),
      );
      expect(Object.keys(g.pricing)).toEqual(
        expect.arrayContaining(['listPriceUsd', 'onDemandHourlyUsd', 'spotHourlyUsd', 'asOf', 'source']),
      );
      expect(g.sources.length).toBeGreaterThan(0);
    }
  });

  it('filters and sorts', async () => {
    const res = await request(app.getHttpServer()).get('/v1/gpus?minVramGb=48&sort=-vramGb&vendor=NVIDIA').expect(200);
    const vram = res.body.items.map((g: { vramGb: number }) => g.vramGb);
    expect(vram.length).toBeGreaterThan(3);
    expect(vram.every((v: number) => v >= 48)).toBe(true);
    expect(vram).toEqual([...vram].sort((a, b) => b - a));
    const q = await request(app.getHttpServer()).get('/v1/gpus?q=4090').expect(200);
    expect(q.body.items.map((g: { id: string }) => g.id)).toEqual(['rtx-4090']);
  });

  it('rejects bad filters with a 400 naming the field', async () => {
    const res = await request(app.getHttpServer()).get('/v1/gpus?minVramGb=lots&sort=price&colour=red').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['minVramGb', 'sort', 'colour']));
  });

  it('answers text/csv with one row per GPU', async () => {
    const json = await request(app.getHttpServer()).get('/v1/gpus?segment=datacenter').expect(200);
    const csv = await request(app.getHttpServer())
      .get('/v1/gpus?segment=datacenter')
      .set('accept', 'text/csv')
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['id', 'name', 'vendor']);
    expect(lines.length - 1).toBe(json.body.items.length);
    expect(lines.some((l) => l.startsWith('h100-sxm,'))).toBe(true);
  });

  it('answers 406 for a media type it cannot produce', async () => {
    const res = await request(app.getHttpServer()).get('/v1/gpus').set('accept', 'image/png').expect(406);
    expect(res.body.status).toBe(406);
  });

  it('supports ETag / If-None-Match', async () => {
    const first = await request(app.getHttpServer()).get('/v1/gpus?vendor=AMD').expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^".+"$/);
    await request(app.getHttpServer()).get('/v1/gpus?vendor=AMD').set('if-none-match', etag).expect(304);
    const other = await request(app.getHttpServer()).get('/v1/gpus?vendor=NVIDIA').expect(200);
    expect(other.headers.etag).not.toBe(etag);
    const csv = await request(app.getHttpServer()).get('/v1/gpus?vendor=AMD').set('accept', 'text/csv').expect(200);
    expect(csv.headers.etag).not.toBe(etag);
  });

  it('returns one GPU by id and 404 problem+json for an unknown id', async () => {
    const res = await request(app.getHttpServer()).get('/v1/gpus/l4').expect(200);
    expect(res.body).toMatchObject({ id: 'l4', vramGb: 24, memoryBandwidthGBs: 300, fp16TensorTflops: 121 });
    const missing = await request(app.getHttpServer()).get('/v1/gpus/rtx-9090').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body.detail).toMatch(/rtx-9090/);
  });
});
