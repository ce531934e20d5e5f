import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppConfigModule } from '../src/config/config.module';
import { PriceBooksModule } from '../src/price-books/price-books.module';
import { startApp } from './support/app';

const EXAMPLE_BOOKS = join(__dirname, '..', 'deploy', 'price-books');

describe('host CPU, offer and price-book catalogs', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp({ PRICE_BOOKS_DIR: EXAMPLE_BOOKS });
  });
  afterAll(() => app.close());

  describe('GET /v1/cpus', () => {
    it('lists CPUs with one single-thread benchmark and filters them', async () => {
      const all = await request(app.getHttpServer()).get('/v1/cpus').expect(200);
      expect(all.body.catalogVersion).toMatch(/^cpus-[0-9a-f]{16}$/);
      expect(all.body.benchmark).toBe('Geekbench 6 single-core');
      expect(all.body.items.length).toBeGreaterThanOrEqual(25);
      const amd = await request(app.getHttpServer()).get('/v1/cpus?vendor=amd&scored=true').expect(200);
      expect(amd.body.items.length).toBeGreaterThan(3);
      for (const c of amd.body.items) {
        expect(c.vendor).toBe('AMD');
        expect(c.singleThread.score).toBeGreaterThan(0);
      }
      const g4dn = await request(app.getHttpServer()).get('/v1/cpus?foundIn=aws:g4dn').expect(200);
      expect(g4dn.body.items.map((c: { id: string }) => c.id)).toEqual(['xeon-platinum-8259cl']);
      const q = await request(app.getHttpServer()).get('/v1/cpus?q=threadripper').expect(200);
      expect(q.body.items).toEqual([]);
    });

    it('answers CSV with one row per CPU and an ETag', async () => {
      const json = await request(app.getHttpServer()).get('/v1/cpus?foundIn=desktop').expect(200);
      const csv = await request(app.getHttpServer())
        .get('/v1/cpus?foundIn=desktop')
        .set('accept', 'text/csv')
        .expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0].split(',').slice(0, 8)).toEqual([
        'id',
        'name',
        'vendor',
        'cores',
        'threads',
        'baseClockGhz',
        'boostClockGhz',
        'singleThreadScore',
      ]);
      expect(lines.length - 1).toBe(json.body.items.length);
      await request(app.getHttpServer())
        .get('/v1/cpus?foundIn=desktop')
        .set('if-none-match', json.headers.etag)
        .expect(304);
    });

    it('returns one CPU, the instance hosts, and 404 problem+json for an unknown id', async () => {
      const cpu = await request(app.getHttpServer()).get('/v1/cpus/core-i9-14900k').expect(200);
      expect(cpu.body.singleThread).toMatchObject({ score: 3169, benchmark: 'Geekbench 6 single-core' });
      const hosts = await request(app.getHttpServer()).get('/v1/cpus/instance-hosts').expect(200);
      expect(hosts.body.items.find((h: { instanceFamily: string }) => h.instanceFamily === 'g5')).toMatchObject({
        provider: 'aws',
        gpuId: 'a10g',
        cpuId: 'epyc-7r32',
      });
      const missing = await request(app.getHttpServer()).get('/v1/cpus/pentium-4').expect(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(missing.body.detail).toMatch(/pentium-4/);
    });

    it('rejects a bad filter with 400 naming the field', async () => {
      const res = await request(app.getHttpServer()).get('/v1/cpus?scored=maybe').expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('scored');
    });
  });

  describe('GET /v1/offers', () => {
    it('filters by GPU, provider, region and pricing term', async () => {
      const all = await request(app.getHttpServer()).get('/v1/offers').expect(200);
      expect(all.body.offersVersion).toMatch(/^offers-[0-9a-f]{16}$/);
      expect(all.body.items.length).toBeGreaterThanOrEqual(170);
      const g6 = await request(app.getHttpServer())
        .get('/v1/offers?gpuId=l4&provider=aws&region=us-east-1')
        .expect(200);
      expect(g6.body.items).toHaveLength(8);
      expect(g6.body.items[0]).toMatchObject({
        id: 'aws-us-east-1-g6-xlarge',
        gpusPerInstance: 1,
        hostCpu: 'epyc-7r13',
        currency: 'USD',
      });
      expect(g6.body.items[0].prices.onDemandHourly).toBeCloseTo(0.8048, 4);
      const spot = await request(app.getHttpServer()).get('/v1/offers?pricing=spot').expect(200);
      expect(spot.body.items.length).toBeGreaterThan(0);
      expect(
        spot.body.items.every((o: { prices: { spotHourly: number | null } }) => o.prices.spotHourly !== null),
      ).toBe(true);
      const buy = await request(app.getHttpServer()).get('/v1/offers?pricing=purchase').expect(200);
      expect(
        buy.body.items.every((o: { kind: string; purchase: unknown }) => o.kind === 'purchase' && o.purchase),
      ).toBe(true);
    });

    it('answers CSV with one row per offer', async () => {
      const json = await request(app.getHttpServer()).get('/v1/offers?provider=azure').expect(200);
      const csv = await request(app.getHttpServer())
        .get('/v1/offers?provider=azure')
        .set('accept', 'text/csv')
        .expect(200);
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0].split(',')).toEqual(
        expect.arrayContaining(['id', 'gpusPerInstance', 'onDemandHourly', 'currency', 'observedAt', 'source']),
      );
      expect(lines.length - 1).toBe(json.body.items.length);
      expect(lines.some((l) => l.startsWith('azure-standard-nd96isr-h100-v5,'))).toBe(true);
    });

    it('returns one offer and 404 problem+json for an unknown id; 400 for an unknown term', async () => {
      const p5 = await request(app.getHttpServer()).get('/v1/offers/aws-us-east-1-p5-48xlarge').expect(200);
      expect(p5.body).toMatchObject({ gpuId: 'h100-sxm', gpusPerInstance: 8, hostCpu: 'epyc-7r13' });
      expect(p5.body.prices.onDemandHourly).toBe(55.04);
      const missing = await request(app.getHttpServer()).get('/v1/offers/aws-mars-1-x').expect(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      const bad = await request(app.getHttpServer()).get('/v1/offers?pricing=free').expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('pricing');
    });
  });

  describe('GET /v1/price-books', () => {
    it('lists the books of PRICE_BOOKS_DIR with a content-hash version and serves one by name', async () => {
      const list = await request(app.getHttpServer()).get('/v1/price-books').expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({
          name: 'example-negotiated',
          currency: 'USD',
          asOf: '2026-12-01',
          entries: 4,
          file: 'example.json',
        }),
      ]);
      expect(list.body.items[0].priceBookVersion).toMatch(/^pb-[0-9a-f]{16}$/);
      const book = await request(app.getHttpServer()).get('/v1/price-books/example-negotiated').expect(200);
      expect(book.body.prices[0]).toEqual({
        offerId: 'aws-us-east-1-g6-xlarge',
        onDemandHourly: 0.684,
        reserved1yHourly: 0.4453,
        currency: 'USD',
        asOf: '2026-12-01',
      });
      await request(app.getHttpServer()).get('/v1/price-books/acme').expect(404);
    });
  });
});

describe('price books at start-up', () => {
  it('lists none when PRICE_BOOKS_DIR is unset', async () => {
    const app = await startApp({ PRICE_BOOKS_DIR: undefined });
    try {
      const res = await request(app.getHttpServer()).get('/v1/price-books').expect(200);
      expect(res.body.items).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('refuses to start on a bad price book, with one line naming file, entry and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-bad-'));
    writeFileSync(
      join(dir, 'acme.json'),
      JSON.stringify({
        name: 'acme',
        currency: 'USD',
        asOf: '2026-12-01',
        prices: [{ gpuId: 'l4', spotHourly: -0.1 }],
      }),
    );
    // The module as the app builds it (the app itself exits on a start-up error, which jest cannot observe).
    const saved = process.env.PRICE_BOOKS_DIR;
    process.env.PRICE_BOOKS_DIR = dir;
    try {
      const compile = Test.createTestingModule({ imports: [AppConfigModule, PriceBooksModule] }).compile();
      await expect(compile).rejects.toThrow(
        /^Invalid price book acme\.json: prices\[0\] \(gpuId "l4"\)\.spotHourly: must not be less than 0$/,
      );
    } finally {
      if (saved === undefined) delete process.env.PRICE_BOOKS_DIR;
      else process.env.PRICE_BOOKS_DIR = saved;
    }
  });
});
