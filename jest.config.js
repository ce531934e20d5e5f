// Nest 12 packages are ESM-only; Jest 30 on Node 20 loads them after @swc/jest turns them into CommonJS.
const esm = [
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
  'load-esm',
  'content-disposition',
  'cookie',
];

const transform = {
  '^.+\\.ts$': [
    'ts-jest',
    {
      tsconfig: 'tsconfig.json',
      diagnostics: { ignoreCodes: [151002] },
      astTransformers: { before: ['<rootDir>/test/swagger-transformer.js'] },
    },
  ],
  '^.+\\.m?js$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};

const common = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${esm.join('|')})/)`],
};

// Two projects: `unit` (src/**/*.spec.ts: engine, DTOs, charts, catalogs — no Redis, no app) and `e2e` (test/: the
// real app against a real Redis, started by the global setup). `npm run test:unit` runs the first alone.
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/src'],
      testRegex: '.*\\.spec\\.ts$',
      setupFiles: ['<rootDir>/test/setup/unit-env.js'],
    },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
      globalSetup: '<rootDir>/test/setup/redis-global-setup.js',
      globalTeardown: '<rootDir>/test/setup/redis-global-teardown.js',
      setupFiles: ['<rootDir>/test/setup/env.js'],
    },
  ],
};
