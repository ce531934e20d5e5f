// Runs dependency-cruiser through its API. Its CLI refuses Node 20 (engines: ^22), the runtime this project pins;
// the API itself runs on Node 20.
//   node tools/depcruise.mjs validate [paths…]   the rules in .dependency-cruiser.cjs; exit 1 on a violation
//   node tools/depcruise.mjs mermaid [paths…]    the module graph as Mermaid (folders collapsed), on stdout
//   node tools/depcruise.mjs docs               the same graph written into docs/ARCHITECTURE.md (between markers)
import { readFileSync, writeFileSync } from 'node:fs';
import { cruise, format } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const [mode = 'validate', ...rest] = process.argv.slice(2);
const paths = rest.length ? rest : ['src'];
const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
const tsConfig = extractTSConfig('tsconfig.json');

if (mode === 'validate') {
  const result = await cruise(paths, { ...options, validate: true }, {}, { tsConfig });
  const out = await format(result.output, { outputType: 'err' });
  process.stdout.write(out.output);
  process.exitCode = result.output.summary.error > 0 ? 1 : 0;
} else if (mode === 'mermaid' || mode === 'docs') {
  const collapse = '^src/(planning/engine/[^/]+|planning/[^/]+|[^/]+)/';
  const result = await cruise(
    paths,
    {
      ...options,
      validate: false,
      collapse,
      exclude: { path: ['\\.spec\\.ts$', '^src/charts/testing/', ...(options.exclude?.path ?? [])] },
      doNotFollow: { path: ['node_modules'] },
      includeOnly: '^src/',
    },
    {},
    { tsConfig },
  );
  const out = await format(result.output, { outputType: 'mermaid' });
  if (mode === 'mermaid') process.stdout.write(out.output);
  else {
    const file = 'docs/ARCHITECTURE.md';
    const [start, end] = ['<!-- module-graph:start (npm run graph) -->', '<!-- module-graph:end -->'];
    const doc = readFileSync(file, 'utf8');
    const before = doc.slice(0, doc.indexOf(start) + start.length);
    const after = doc.slice(doc.indexOf(end));
    writeFileSync(file, `${before}\n\n\`\`\`mermaid\n${out.output.trim()}\n\`\`\`\n\n${after}`);
  }
} else {
  console.error(`usage: node tools/depcruise.mjs validate|mermaid|docs [paths…]`);
  process.exitCode = 2;
}
