import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import cpusData from '../cpus/data/cpus.json';
import { buildCpuCatalog } from '../cpus/cpu-catalog';
import gpusData from '../gpus/data/gpus.json';
import { buildCatalog } from '../gpus/gpu-catalog';
import { resolveProfile } from '../models/model-profile';
import { ALL_PROFILES } from '../models/profiles';
import { calibrationMarkdown, replaceReadmeSection } from '../planning/engine/calibration';
import { runCalibration } from '../planning/engine/calibration';
import { CHATTTS_MEASUREMENTS as measurements } from '../planning/engine/calibration';

/** `npm run calibrate`: refits every model to its records and writes the file the engine loads. */
function main(): void {
  const gpus = buildCatalog(gpusData);
  const cpus = buildCpuCatalog(cpusData);
  const report = runCalibration(
    measurements.records,
    gpus.byId,
    { cpus: cpus.items, instanceHosts: cpus.instanceHosts },
    ALL_PROFILES.map(resolveProfile),
  );
  const target = join(process.cwd(), 'src', 'planning', 'engine', 'calibration', 'calibration.fitted.json');
  writeFileSync(target, `${JSON.stringify(report, null, 2)}\n`);
  const readme = join(process.cwd(), 'README.md');
  writeFileSync(readme, replaceReadmeSection(readFileSync(readme, 'utf8'), calibrationMarkdown(report)));
  const u = report.calibration.uncertainty;
  process.stdout.write(
    `wrote ${target}\nleave-one-source-out median |error| ${report.calibration.fit.looMedianAbsErrorPct.toFixed(1)} % over ` +
      `${report.rows.length} points; tau ${u.sourceSigmaLog} eps ${u.residualSigmaLog}\n`,
  );
  for (const row of report.rows) {
    process.stdout.write(
      `${row.modelId.padEnd(18)} ${row.id.padEnd(26)} ${row.device.padEnd(30)} ${row.runtime.padEnd(8)} B=${String(row.batch).padEnd(3)} ` +
        `${row.metric.padEnd(20)} meas ${row.measured.toFixed(3).padStart(8)} fit ${row.fitted.toFixed(3).padStart(8)} ` +
        `loso ${row.leaveOneSourceOut.toFixed(3).padStart(8)} (${row.errorPct.toFixed(1)} %) ${row.inside ? 'in' : 'OUT'}\n`,
    );
  }
}

main();
