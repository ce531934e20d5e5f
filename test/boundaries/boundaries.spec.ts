import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// The boundary rules (.dependency-cruiser.cjs) run in `npm run check`. This test proves they bite: a file placed
// inside the engine that imports Nest, and one in a data module that imports an endpoint, must each fail the check.
const root = join(__dirname, '..', '..');

function validate(paths: string[]): { ok: boolean; output: string } {
  try {
    const output = execFileSync(process.execPath, ['tools/depcruise.mjs', 'validate', ...paths], {
      cwd: root,
      encoding: 'utf8',
    });
    return { ok: true, output };
  } catch (err) {
    const e = err as { stdout?: string; status?: number };
    return { ok: false, output: e.stdout ?? '' };
  }
}

function withFixture(folder: string, source: string, check: (path: string) => void): void {
  const dir = mkdtempSync(join(root, folder, 'boundary-fixture-'));
  const file = join(dir, 'fixture.ts');
  writeFileSync(file, source);
  try {
    check(relative(root, file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('import boundaries', () => {
  jest.setTimeout(60_000);

  it('passes on the source tree as committed', () => {
    const result = validate(['src']);
    expect(result.output).toContain('no dependency violations found');
    expect(result.ok).toBe(true);
  });

  it('fails an engine file that imports @nestjs/common', () => {
    withFixture(
      'src/planning/engine/shared',
      "import { Injectable } from '@nestjs/common';\nexport const decorated = Injectable;\n",
      (path) => {
        const result = validate([path]);
        expect(result.ok).toBe(false);
        expect(result.output).toContain('engine-is-pure');
        expect(result.output).toContain('@nestjs/common');
      },
    );
  });

  it('fails a data module that imports a planning endpoint', () => {
    withFixture(
      'src/gpus',
      "import { CapacityService } from '../../planning/capacity/capacity.service';\nexport const s = CapacityService;\n",
      (path) => {
        const result = validate([path]);
        expect(result.ok).toBe(false);
        expect(result.output).toContain('data-imports-no-endpoint');
      },
    );
  });

  it('fails a chart spec that imports an endpoint DTO', () => {
    withFixture(
      'src/charts/specs',
      "import { CapacityPlanDto } from '../../../planning/capacity/dto/capacity-plan.dto';\nexport const d = CapacityPlanDto;\n",
      (path) => {
        const result = validate([path]);
        expect(result.ok).toBe(false);
        expect(result.output).toContain('charts-depend-on-engine-types-only');
      },
    );
  });
});
