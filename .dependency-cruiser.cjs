// Import boundaries, checked by `npm run check` (depcruise --validate). The rules are written by path pattern, so a
// new data module (src/cpus, src/offers, src/price-books…) or a new endpoint folder is covered the day it lands.
// docs/ARCHITECTURE.md explains the layers; `npm run graph` redraws the module graph there.

/** Endpoint folders: Nest controllers, services and DTOs that answer HTTP requests. */
const ENDPOINTS = '^src/planning/(capacity|recommendations|training|diagnoses|chart-links|common)/';
/** Catalogs: data and the small modules that serve it. They know nothing of planning endpoints or charts. */
const DATA = '^src/(gpus|models|cpus|offers|price-books)/';
const ENGINE = '^src/planning/engine/';
const FRAMEWORK =
  '(^|/)node_modules/(@nestjs/|fastify/|@fastify/|ioredis/|class-validator/|class-transformer/|nestjs-pino/|pino/|pino-http/)';
/** Node's I/O modules: the engine computes, it does not read or write. */
const NODE_IO = '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|worker_threads|dgram)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'engine-is-pure',
      comment:
        'The engine (src/planning/engine) is plain TypeScript: no Nest, Fastify, Redis or validation library, ' +
        'nothing from src/common, no DTOs, no charts, no endpoint code.',
      severity: 'error',
      from: { path: ENGINE, pathNot: '\\.spec\\.ts$' },
      to: {
        dependencyTypesNot: ['type-only'],
        path: [
          FRAMEWORK,
          NODE_IO,
          '^src/common/',
          '^src/charts/',
          ENDPOINTS,
          '^src/config/',
          '^src/health/',
          '\\.dto\\.ts$',
        ],
      },
    },
    {
      name: 'engine-types-are-pure',
      comment: 'Not even a type-only import from the framework or a DTO: the engine owns its types.',
      severity: 'error',
      from: { path: ENGINE },
      to: { dependencyTypes: ['type-only'], path: [FRAMEWORK, '^src/common/', ENDPOINTS, '\\.dto\\.ts$'] },
    },
    {
      name: 'data-imports-no-endpoint',
      comment:
        'Catalog modules (GPUs, CPUs, offers, price books, model profiles) import no planning endpoint or chart.',
      severity: 'error',
      from: { path: DATA },
      to: { path: [ENDPOINTS, '^src/charts/'] },
    },
    {
      name: 'charts-depend-on-engine-types-only',
      comment:
        'Chart specs and the renderer draw engine answers: they import the engine (and data types), never an ' +
        'endpoint, a DTO, src/common or the framework. Endpoints import charts, not the other way round.',
      severity: 'error',
      from: { path: '^src/charts/' },
      to: { path: [ENDPOINTS, '^src/common/', FRAMEWORK, '\\.dto\\.ts$'] },
    },
    {
      name: 'engine-folders-through-their-index',
      comment:
        'Outside an engine folder, import it through its index.ts (its public face): src/planning/engine/<folder>/index.ts.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/planning/engine/', '\\.spec\\.ts$', '^src/charts/testing/'] },
      to: {
        path: '^src/planning/engine/[^/]+/',
        // shared/round.ts imports nothing: the catalogs round their derived figures with it too.
        pathNot: ['^src/planning/engine/[^/]+/index\\.ts$', '^src/planning/engine/shared/round\\.ts$'],
      },
    },
    {
      name: 'engine-sibling-folders-through-their-index',
      comment: 'Inside the engine, one folder reaches another through its index.ts too.',
      severity: 'error',
      from: { path: '^src/planning/engine/([^/]+)/', pathNot: '\\.spec\\.ts$' },
      to: {
        path: '^src/planning/engine/[^/]+/',
        pathNot: ['^src/planning/engine/$1/', '^src/planning/engine/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'no-circular',
      comment:
        'A cycle between modules means neither can be understood (or tested) alone. Cycles of type-only imports ' +
        'vanish at run time and are allowed (an answer type naming its parts).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^coverage/', '^clients/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: {
      mermaid: { minify: false },
    },
  },
};
