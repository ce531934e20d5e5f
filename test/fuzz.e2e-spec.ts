import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startApp } from './support/app';

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  example?: unknown;
  allOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: unknown;
};

const doc = JSON.parse(readFileSync(join(__dirname, '..', 'openapi', 'openapi.json'), 'utf8'));
const resolve = (s: Schema): Schema =>
  s.$ref ? resolve(doc.components.schemas[s.$ref.split('/').pop()!]) : s.allOf?.length === 1 ? resolve(s.allOf[0]) : s;

/** Values no handler should ever choke on. */
const hostile = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -0,
    -1,
    1e308,
    -1e308,
    5e-324,
    2 ** 53 + 1,
    '',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e308',
    '__proto__',
    'constructor',
    '💥'.repeat(50),
    'ä\u0000b',
    '\u202e',
    '<script>alert(1)</script>',
    'x'.repeat(10_000),
    [],
    {},
    [[[[[]]]]],
    { __proto__x: 1 },
    { constructor: { prototype: { polluted: true } } },
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.double(),
  fc.integer(),
  fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 5 }),
  fc.anything({ maxDepth: 4 }),
);

/** A value for a schema: usually valid-looking (enum, example, in-range), sometimes hostile. */
function arb(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const plausible = ((): fc.Arbitrary<unknown> => {
    if (s.enum) return fc.constantFrom(...s.enum);
    if (s.oneOf) return fc.oneof(...s.oneOf.map((o) => arb(o, depth + 1)));
    switch (s.type) {
      case 'integer':
        return fc.integer({ min: Math.max(-1e6, (s.minimum ?? 0) - 2), max: Math.min(1e7, (s.maximum ?? 1e6) + 2) });
      case 'number':
        return fc.double({
          min: Math.max(-1e7, (s.minimum ?? 0) - 1),
          max: Math.min(1e9, (s.maximum ?? 1e6) + 1),
          noNaN: true,
        });
      case 'boolean':
        return fc.boolean();
      case 'string':
        return s.example !== undefined
          ? fc.constantFrom(s.example, 'chattts', 'l4', 'cpu', 'rtx-4090', 'custom')
          : fc.string({ maxLength: 20 });
      case 'array':
        return depth > 4 ? fc.constant([]) : fc.array(arb(s.items ?? {}, depth + 1), { maxLength: 6 });
      case 'object': {
        if (depth > 4) return fc.constant({});
        const props = s.properties ?? {};
        const record = fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arb(v, depth + 1)])), {
          requiredKeys: [],
        });
        if (s.additionalProperties)
          return fc.dictionary(
            fc.constantFrom('l4', 't4', 'a10', 'X', '__proto__', 'constructor'),
            arb(s.additionalProperties as Schema, depth + 1),
            { maxKeys: 4 },
          );
        return record;
      }
      default:
        return s.example !== undefined ? fc.constant(s.example) : fc.anything({ maxDepth: 2 });
    }
  })();
  return fc.oneof({ arbitrary: plausible, weight: 4 }, { arbitrary: hostile, weight: 1 });
}

/** The documented example of a request body (what Swagger UI sends), as the base a fuzz case mutates. */
function example(schema: Schema, depth = 0): unknown {
  const s = resolve(schema);
  if (s.example !== undefined) return s.example;
  if (s.oneOf) return example(s.oneOf[0], depth);
  if (s.type === 'object' && s.properties && depth < 5) {
    // customModel only goes with modelId "custom", demand is the alternative to streams: leave them out of the base.
    return Object.fromEntries(
      Object.entries(s.properties)
        .filter(([k]) => k !== 'customModel' && k !== 'demand')
        .map(([k, v]) => [k, example(v, depth + 1)])
        .filter(([, v]) => v !== undefined),
    );
  }
  return undefined;
}

const posts = Object.entries(
  doc.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>,
)
  .filter(([, item]) => item.post?.requestBody?.content['application/json'])
  .map(([path, item]) => ({ path, schema: item.post!.requestBody!.content['application/json'].schema }));

describe('hostile input never gets a 5xx', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  it('covers every JSON POST endpoint of the contract', () => {
    expect(posts.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        '/v1/capacity-plans',
        '/v1/capacity-plans/sweeps',
        '/v1/recommendations',
        '/v1/training-plans',
        '/v1/diagnoses',
      ]),
    );
  });

  for (const { path, schema } of posts) {
    // Plans answer 201 Created (with a Location); sweeps and diagnoses 200.
    const ok = ['/v1/capacity-plans', '/v1/recommendations', '/v1/training-plans'].includes(path) ? 201 : 200;
    it(`answers ${path} with ${ok} or a 4xx problem+json for generated bodies`, async () => {
      const base = example(schema) as Record<string, unknown>;
      const valid = await request(app.getHttpServer()).post(path).send(base);
      expect({ path, status: valid.status }).toEqual({ path, status: ok }); // the documented example works (Swagger UI sends it)
      const statuses: number[] = [];
      await fc.assert(
        fc.asyncProperty(arb(schema), fc.boolean(), async (generated, mutateOne) => {
          // Either a whole generated body, or the example with one field replaced — closer to what passes validation.
          let body: unknown = generated;
          if (mutateOne && generated && typeof generated === 'object' && !Array.isArray(generated)) {
            const [k, v] = Object.entries(generated as Record<string, unknown>)[0] ?? [];
            body = k === undefined ? base : { ...base, [k]: v };
          }
          const res = await request(app.getHttpServer())
            .post(path)
            .set('content-type', 'application/json')
            .send(JSON.stringify(body) ?? 'null');
          statuses.push(res.status);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        }),
        // Seeded per route: CI reruns the same 80 bodies (an unseeded run sometimes drew only 2 valid sweeps).
        { numRuns: 80, seed: [...path].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7) },
      );
      // The generator must reach the engine, not only the validator.
      expect(statuses.filter((x) => x === ok).length).toBeGreaterThanOrEqual(3);
    }, 120_000);
  }

  it('refuses bodies that are deep, huge, or carry prototype keys', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    for (const raw of [
      deep,
      '{"a":'.repeat(40) + '1' + '}'.repeat(40),
      '{"__proto__":{"polluted":1},"modelId":"chattts","gpuId":"l4"}',
      '{"constructor":{"prototype":{"polluted":1}}}',
      JSON.stringify({ modelId: 'chattts', gpuId: 'l4', pad: 'x'.repeat(1_100_000) }),
      'NaN',
      '1e308',
      '"x"',
      'null',
      '[]',
    ]) {
      const res = await request(app.getHttpServer())
        .post('/v1/capacity-plans')
        .set('content-type', 'application/json')
        .send(raw);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers huge and odd query strings and ids with 4xx', async () => {
    for (const path of [
      `/v1/gpus?q=${'x'.repeat(50_000)}`,
      '/v1/gpus?minVramGb=1e308',
      '/v1/gpus?minVramGb=NaN',
      '/v1/gpus?sort=__proto__',
      '/v1/gpus?vendor[]=a&vendor[]=b',
      `/v1/gpus/${encodeURIComponent('ü💥\u0000')}`,
      `/v1/models/${'a'.repeat(5000)}`,
      '/v1/gpus?__proto__[x]=1',
    ]) {
      const res = await request(app.getHttpServer()).get(path);
      expect({ path: path.slice(0, 60), status: res.status >= 400 && res.status < 500 }).toEqual({
        path: path.slice(0, 60),
        status: true,
      });
    }
  });

  it('bounds every numeric input so no request can make the engine loop or allocate without limit', async () => {
    const big = await request(app.getHttpServer())
      .post('/v1/capacity-plans/sweeps')
      .send({ modelId: 'chattts', batchSizes: Array.from({ length: 65 }, (_, i) => i + 1) });
    expect(big.status).toBe(400);
    const longAudio = await request(app.getHttpServer())
      .post('/v1/capacity-plans')
      .send({ modelId: 'chattts', gpuId: 'l4', utterance: { audioSeconds: 3600 } });
    expect(longAudio.status).toBe(201);
    const started = Date.now();
    const maxed = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ modelId: 'chattts', streams: 1_000_000, targetRtf: 100 });
    expect(maxed.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
