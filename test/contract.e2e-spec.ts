import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import request from 'supertest';
import { startApp } from './support/app';

/**
 * The contract test: what Swagger UI prefills for every operation (each named example, or the sample it builds from
 * the schema's examples and defaults) and a property-based set of bodies go through the real app. Every request is
 * valid against the SERVED document, every answer validates against its declared schema (closed: a field the
 * document does not declare is a mismatch), and a spec-invalid mutation of each body is answered 4xx problem+json.
 */
type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Operation = { method: string; path: string; op: Schema };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const ptr = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every object schema with properties closed: an undeclared field in an answer fails validation. */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'example' || k === 'examples' ? v : closed(v);
  if (out.properties && out.additionalProperties === undefined && !out.allOf) out.additionalProperties = false;
  return out;
}

/** The body Swagger UI builds from a schema when an operation has no named example. */
function sample(schema: Schema, doc: Schema): unknown {
  if (schema.$ref) return sample(doc.components.schemas[schema.$ref.split('/').pop()], doc);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.oneOf ?? schema.anyOf ?? schema.allOf)
    return sample((schema.oneOf ?? schema.anyOf ?? schema.allOf)[0], doc);
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties)
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(v as Schema, doc)]));
  if (type === 'array') return [sample(schema.items ?? {}, doc)];
  return type === 'string' ? 'string' : type === 'boolean' ? true : 0;
}

describe('contract: requests and answers against the served OpenAPI document', () => {
  let app: NestFastifyApplication;
  let doc: Schema;
  let ajv: Ajv2020;
  const counts = { requests: 0, responses: 0, mutations: 0, mismatches: [] as string[] };

  beforeAll(async () => {
    app = await startApp({ RATE_LIMIT_PER_MINUTE: '0', PRICE_BOOKS_DIR: 'deploy/price-books' });
    doc = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'request.json', components: doc.components, paths: doc.paths });
    ajv.addSchema({ $id: 'response.json', ...(closed({ components: doc.components, paths: doc.paths }) as Schema) });
  });
  afterAll(async () => {
    console.log(
      `contract: ${counts.requests} requests valid against the served spec, ${counts.responses} answers validated, ` +
        `${counts.mutations} spec-invalid mutations answered 4xx, ${counts.mismatches.length} mismatches`,
    );
    await app.close();
  });

  const validator = (root: 'request.json' | 'response.json', pointer: string): ValidateFunction => {
    const v = ajv.getSchema(`${root}#${pointer}`);
    if (!v) throw new Error(`no schema at ${pointer}`);
    return v;
  };
  const errorsOf = (v: ValidateFunction) => ajv.errorsText(v.errors, { separator: '; ' });

  const operations = (): Operation[] =>
    Object.entries(doc.paths as Record<string, Schema>).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })),
    );

  /** Plans created so far: collection path → the planId of its last 201 (a GET by id asks for that one). */
  const created = new Map<string, string>();

  /**
   * What Swagger UI prefills: path and query parameters from their examples (a planId: the one a POST created,
   * found by following its 201's Location, as a client would); each named body example.
   */
  function prefilled({ path, op }: Operation): Array<{ name: string; url: string; body?: unknown }> {
    let url = path;
    const query = new URLSearchParams();
    for (const p of op.parameters ?? []) {
      const planId = p.name === 'planId' ? created.get(path.replace(/\/\{planId\}$/, '')) : undefined;
      const example = planId ?? p.example ?? p.schema?.example;
      if (p.in === 'path') {
        if (example === undefined) counts.mismatches.push(`${path}: path parameter ${p.name} has no example`);
        url = url.replace(`{${p.name}}`, encodeURIComponent(String(example)));
      } else if (p.in === 'query' && example !== undefined) query.set(p.name, String(example));
    }
    if (query.size) url += `?${query}`;
    const json = op.requestBody?.content?.['application/json'];
    if (!json) return [{ name: 'prefilled', url }];
    if (json.examples)
      return Object.entries(json.examples as Record<string, { value: unknown }>).map(([name, e]) => ({
        name,
        url,
        body: e.value,
      }));
    return [{ name: 'sample', url, body: sample(json.schema, doc) }];
  }

  async function send(o: Operation, url: string, body: unknown) {
    const server = app.getHttpServer();
    const agent = request(server);
    const req = o.method === 'get' ? agent.get(url) : agent.post(url).send(body as object);
    // Swagger UI asks for the first media type the operation produces.
    const ok = Object.entries((o.op.responses ?? {}) as Record<string, Schema>).find(([s]) => /^2/.test(s))?.[1];
    return req.set('accept', Object.keys(ok?.content ?? {})[0] ?? 'application/json');
  }

  function checkRequest(o: Operation, label: string, body: unknown): boolean {
    if (body === undefined) return true;
    const v = validator(
      'request.json',
      `/paths/${ptr(o.path)}/${o.method}/requestBody/content/application~1json/schema`,
    );
    counts.requests++;
    if (v(body)) return true;
    counts.mismatches.push(`${label}: request invalid against the spec: ${errorsOf(v)}`);
    return false;
  }

  function checkResponse(o: Operation, label: string, res: request.Response): void {
    const status = String(res.status);
    if (status === '201') {
      const location = String(res.headers.location ?? '');
      if (location !== `${o.path}/${res.body?.planId}`) counts.mismatches.push(`${label}: Location ${location}`);
      else created.set(o.path, res.body.planId);
    }
    const declared = o.op.responses?.[status];
    if (!declared) {
      counts.mismatches.push(`${label}: status ${status} not declared`);
      return;
    }
    const type = String(res.headers['content-type'] ?? '').split(';')[0];
    if (!declared.content?.[type]) {
      counts.mismatches.push(`${label}: ${status} ${type} not declared`);
      return;
    }
    if (!/json$/.test(type)) return;
    const v = validator(
      'response.json',
      `/paths/${ptr(o.path)}/${o.method}/responses/${status}/content/${ptr(type)}/schema`,
    );
    counts.responses++;
    if (!v(res.body))
      counts.mismatches.push(`${label}: ${status} answer fails its schema: ${errorsOf(v).slice(0, 600)}`);
  }

  it('serves an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(operations().length).toBeGreaterThanOrEqual(19);
  });

  it('answers every prefilled example 2xx, valid against the answer schema', async () => {
    // POSTs first: a plan's GET by id follows the Location one of them answered.
    const ordered = [...operations()].sort((a, b) => Number(a.path.includes('{')) - Number(b.path.includes('{')));
    expect(ordered.filter((o) => o.path.endsWith('/{planId}')).length).toBe(3);
    for (const o of ordered) {
      if (!o.path.startsWith('/v1/')) continue;
      for (const { name, url, body } of prefilled(o)) {
        const label = `${o.method.toUpperCase()} ${o.path} [${name}]`;
        checkRequest(o, label, body);
        const res = await send(o, url, body);
        if (res.status >= 300)
          counts.mismatches.push(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        checkResponse(o, label, res);
      }
    }
    expect(counts.mismatches).toEqual([]);
  }, 600_000);

  it('answers the contract example infeasible with targetTtfaMs binding (RTF 1 is met; first audio ≤ 1500 ms is not)', async () => {
    const body = doc.paths['/v1/recommendations'].post.requestBody.content['application/json'].examples.contract.value;
    const res = await request(app.getHttpServer()).post('/v1/recommendations').send(body).expect(201);
    expect(res.body.options).toEqual([]);
    expect(res.body.infeasible).toMatchObject({ code: 'targets-out-of-reach', binding: ['targetTtfaMs'] });
    expect(res.body.infeasible.bestRtf).toBeLessThanOrEqual(1);
    expect(res.body.infeasible.bestTtfaMs).toBeGreaterThan(1500);
    const ttfa = res.body.infeasible.suggestions.find((s: { field: string }) => s.field === 'targetTtfaMs').value;
    const relaxed = await request(app.getHttpServer())
      .post('/v1/recommendations')
      .send({ ...body, targetTtfaMs: ttfa })
      .expect(201);
    expect(relaxed.body.options.length).toBeGreaterThan(0);
  }, 120_000);

  it('answers a spec-invalid mutation of each body 4xx problem+json', async () => {
    const before = counts.mismatches.length;
    for (const o of operations()) {
      for (const { name, url, body } of prefilled(o)) {
        if (!body || typeof body !== 'object' || Array.isArray(body)) continue;
        const label = `${o.method.toUpperCase()} ${o.path} [${name}, mutated]`;
        for (const mutated of [
          { ...body, unknownField: 1 },
          Object.fromEntries(Object.entries(body).map(([k, v], i) => [k, i === 0 ? { wrong: [v] } : v])),
        ]) {
          const v = validator(
            'request.json',
            `/paths/${ptr(o.path)}/${o.method}/requestBody/content/application~1json/schema`,
          );
          expect(v(mutated)).toBe(false);
          const res = await send(o, url, mutated);
          counts.mutations++;
          if (res.status < 400 || res.status >= 500) counts.mismatches.push(`${label}: ${res.status}`);
          else checkResponse(o, label, res);
        }
      }
    }
    expect(counts.mismatches.slice(before)).toEqual([]);
  }, 600_000);

  it('answers property-based bodies (numbers, booleans and enums within the schema) 2xx or 4xx, never outside the contract', async () => {
    const before = counts.mismatches.length;
    const resolve = (s: Schema): Schema => (s.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s);
    for (const o of operations()) {
      const json = o.op.requestBody?.content?.['application/json'];
      if (!json) continue;
      const schema = resolve(json.schema.oneOf ? json.schema.oneOf[0] : json.schema);
      const fields: Array<[string, fc.Arbitrary<unknown>]> = [];
      for (const [k, raw] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
        const p = resolve(raw);
        const type = Array.isArray(p.type) ? p.type[0] : p.type;
        if (p.enum) fields.push([k, fc.constantFrom(...p.enum)]);
        else if (type === 'boolean') fields.push([k, fc.boolean()]);
        else if (type === 'integer')
          fields.push([k, fc.integer({ min: p.minimum ?? 0, max: Math.min(p.maximum ?? 1000, 100000) })]);
        else if (type === 'number')
          fields.push([
            k,
            fc.double({
              min: p.minimum ?? 0,
              max: Math.min(p.maximum ?? 1000, 1e6),
              noNaN: true,
              noDefaultInfinity: true,
            }),
          ]);
      }
      const bases = prefilled(o);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...bases),
          fc
            .subarray(fields, { maxLength: 3 })
            .chain((chosen) => fc.tuple(...chosen.map(([k, a]) => a.map((v) => [k, v] as const)))),
          async (base, changes) => {
            const body = { ...(base.body as object), ...Object.fromEntries(changes) };
            const label = `${o.method.toUpperCase()} ${o.path} [${base.name} + ${JSON.stringify(Object.fromEntries(changes))}]`;
            if (!checkRequest(o, label, body)) return;
            const res = await send(o, base.url, body);
            if (res.status >= 500 || (res.status >= 300 && res.status < 400))
              counts.mismatches.push(`${label}: ${res.status}`);
            checkResponse(o, label, res);
          },
        ),
        { numRuns: 12, seed: 17 },
      );
    }
    expect(counts.mismatches.slice(before)).toEqual([]);
  }, 600_000);
});
