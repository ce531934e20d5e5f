import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import gpusData from '../gpus/data/gpus.json';
import { buildCatalog } from '../gpus/gpu-catalog';
import { resolveProfile } from '../models/model-profile';
import { chatttsProfile } from '../models/profiles';
import { calibrationMarkdown, replaceReadmeSection } from '../planning/engine/calibration';
import { runCalibration } from '../planning/engine/calibration';
import { CHATTTS_MEASUREMENTS as measurements } from '../planning/engine/calibration';

/** `npm run calibrate`: refits the model to the measurements and writes the file the engine loads. */
function main(): void {
  const catalog = buildCatalog(gpusData);
  const report = runCalibration(measurements.records, catalog.byId, resolveProfile(chatttsProfile()));
  const target = join(process.cwd(), 'src', 'planning', 'engine', 'calibration', 'chattts.fitted.json');
  writeFileSync(target, `${JSON.stringify(report, null, 2)}\n`);
  const readme = join(process.cwd(), 'README.md');
  writeFileSync(readme, replaceReadmeSection(readFileSync(readme, 'utf8'), calibrationMarkdown(report)));
  process.stdout.write(
    `wrote ${target}\nleave-one-out median |error| ${report.calibration.fit.looMedianAbsErrorPct.toFixed(1)} % over ` +
      `${report.looRows.length} points; sigma(log) ${report.calibration.uncertainty.sigmaLog.toFixed(3)}\n`,
  );
  for (const row of report.looRows) {
    process.stdout.write(
      `${row.id.padEnd(26)} ${row.device.padEnd(36)} ${row.runtime.padEnd(8)} B=${String(row.batch).padEnd(3)} ` +
        `${row.metric.padEnd(20)} meas ${row.measured.toFixed(3).padStart(8)} fit ${row.fitted.toFixed(3).padStart(8)} ` +
        `loo ${row.leaveOneOut.toFixed(3).padStart(8)} (${row.looErrorPct.toFixed(1)} %) w=${row.weight}\n`,
    );
  }
}

main();
