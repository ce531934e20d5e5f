/**
 * The OpenAPI document as a validator reads it (OpenAPI 3.1, JSON Schema 2020-12). @nestjs/swagger writes 3.0 with
 * `nullable: true`, which does not admit null beside `allOf: [$ref]`, and lists defaulted fields as `required`;
 * this pass rewrites both, closes request objects (the ValidationPipe runs with forbidNonWhitelisted) and gives
 * every error answer the ProblemDetails schema.
 */
type Schema = Record<string, unknown>;
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema> };
};

const isObject = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `nullable: true` → `type: [t, 'null']` (or `anyOf: [schema, {type: 'null'}]` where there is no plain type). */
function nullableTo31(schema: Schema): Schema {
  if (schema.nullable !== true) return schema;
  const { nullable: _nullable, ...rest } = schema;
  void _nullable;
  if (Array.isArray(rest.enum) && !rest.enum.includes(null)) rest.enum = [...rest.enum, null];
  if (typeof rest.type === 'string' && !rest.allOf && !rest.$ref && !rest.oneOf && !rest.anyOf) {
    return { ...rest, type: [rest.type, 'null'] };
  }
  const { description, example, default: dflt, ...inner } = rest;
  const out: Schema = {
    anyOf: [inner.allOf && Object.keys(inner).length <= 2 ? (inner.allOf as Schema[])[0] : inner, { type: 'null' }],
  };
  if (description !== undefined) out.description = description;
  if (example !== undefined) out.example = example;
  if (dflt !== undefined) out.default = dflt;
  return out;
}

function walk(node: unknown, visit: (s: Schema) => Schema): unknown {
  if (Array.isArray(node)) return node.map((x) => walk(x, visit));
  if (!isObject(node)) return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node))
    out[k] = k === 'example' || k === 'examples' || k === 'default' ? v : walk(v, visit);
  return visit(out);
}

/** Fields with a server default are optional: `required` keeps only those without one. */
function defaultsOptional(schema: Schema): Schema {
  const props = schema.properties;
  if (!isObject(props) || !Array.isArray(schema.required)) return schema;
  const required = (schema.required as string[]).filter((name) => {
    const p = props[name];
    return !(isObject(p) && p.default !== undefined);
  });
  const out: Schema = { ...schema, required };
  if (!required.length) delete out.required;
  return out;
}

function refsIn(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((x) => refsIn(x, into));
  else if (isObject(node))
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') into.add(v.replace('#/components/schemas/', ''));
      else refsIn(v, into);
    }
}

export function toOpenApi31<T extends Doc>(document: T): T {
  const doc = walk(document, (s) => defaultsOptional(nullableTo31(s))) as T;
  doc.openapi = '3.1.0';
  const schemas = doc.components?.schemas ?? {};
  // Request bodies: every object schema reachable from one is closed (unknown fields answer 400).
  const requestNames = new Set<string>();
  for (const item of Object.values(doc.paths))
    for (const op of Object.values(item)) if (isObject(op) && op.requestBody) refsIn(op.requestBody, requestNames);
  const pending = [...requestNames];
  while (pending.length) {
    const name = pending.pop()!;
    const inner = new Set<string>();
    refsIn(schemas[name], inner);
    for (const n of inner) {
      if (requestNames.has(n)) continue;
      requestNames.add(n);
      pending.push(n);
    }
  }
  for (const name of requestNames) {
    const s = schemas[name];
    if (s && isObject(s.properties) && s.additionalProperties === undefined) s.additionalProperties = false;
  }
  // Every 4xx/5xx of every operation carries the ProblemDetails schema.
  for (const item of Object.values(doc.paths))
    for (const op of Object.values(item)) {
      if (!isObject(op) || !isObject(op.responses)) continue;
      for (const [status, response] of Object.entries(op.responses as Record<string, Schema>)) {
        if (/^[45]/.test(status) && !response.content)
          response.content = {
            'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } },
          };
      }
    }
  return doc;
}
