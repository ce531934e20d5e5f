import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The README's request bodies, as written, compile against the shipped client (clients/typescript/api.d.ts) in a
 * program that calls the service through openapi-fetch. The bodies are read from the README's curl lines, so the
 * README and the client cannot drift apart; a body with a wrong field type must not compile (the check can fail).
 */
const root = join(__dirname, '..');

function readmeBodies(): Array<{ path: string; body: string }> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const out: Array<{ path: string; body: string }> = [];
  // Within one command: other characters, quoted words and backslash-newline continuations, up to its -d body (a
  // command without one, `--data-binary @-`, ends at its newline instead of lending its path to the next body).
  const curl = /curl -s -X POST localhost:3000(\/v1\/[a-z/-]+)(?:[^'\n]|'[^']*'|\\\n)*?-d '(\{[\s\S]*?\})'/g;
  for (const m of readme.matchAll(curl)) out.push({ path: m[1], body: m[2] });
  return out;
}

function typecheck(program: string): string {
  // Inside node_modules so that 'openapi-fetch' resolves as it would in an integrator's project.
  const parent = join(root, 'node_modules', '.cache');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'readme-client-'));
  const file = join(dir, 'program.ts');
  writeFileSync(file, program);
  try {
    execFileSync(
      join(root, 'node_modules', '.bin', 'tsc'),
      [
        '--ignoreConfig',
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        file,
      ],
      { cwd: root, encoding: 'utf8', stdio: 'pipe' },
    );
    return '';
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? err);
  }
}

const program = (bodies: Array<{ path: string; body: string }>) => `
import createClient from 'openapi-fetch';
import type { paths } from ${JSON.stringify(join(root, 'clients', 'typescript', 'api'))};

const client = createClient<paths>({ baseUrl: 'http://localhost:3000' });
export async function main(): Promise<void> {
${bodies.map((b, i) => `  const r${i} = await client.POST(${JSON.stringify(b.path)}, { body: ${b.body} });\n  void r${i}.data;`).join('\n')}
}
`;

describe("the README's request bodies against the generated client", () => {
  const bodies = readmeBodies();

  it('finds the POST bodies of the README (capacity, sweep, recommendations, training, diagnoses)', () => {
    expect(new Set(bodies.map((b) => b.path))).toEqual(
      new Set([
        '/v1/capacity-plans',
        '/v1/capacity-plans/sweeps',
        '/v1/recommendations',
        '/v1/training-plans',
        '/v1/diagnoses',
      ]),
    );
    expect(bodies.length).toBeGreaterThanOrEqual(7);
  });

  it('compiles them as written with openapi-fetch (fields with a server default are optional)', () => {
    expect(typecheck(program(bodies))).toBe('');
  }, 120_000);

  it('rejects a body with a wrong field type (the check can fail)', () => {
    const wrong = [
      { path: '/v1/capacity-plans', body: '{ "modelId": "chattts", "gpuId": "l4", "targetRtf": "fast" }' },
    ];
    expect(typecheck(program(wrong))).toMatch(/targetRtf|not assignable/);
  }, 120_000);
});
