import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Histogram } from 'prom-client';
import { MetricsService } from '../common/metrics/metrics.service';
import { TelemetryExporter } from './exporter';
import { EXPORTED_GAUGES } from './testing/exported-gauges';

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: { expr: string }[];
}

const dashboard = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'deploy', 'grafana', 'tts-capacity-planner.json'), 'utf8'),
) as {
  uid: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: unknown }[] };
};
const panels = dashboard.panels.filter((p) => p.type !== 'row');
const exprs = panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
const metricsIn = (expr: string): string[] => expr.match(/\b(?:tts|http|cache|redis)_[a-z0-9_]+\b/g) ?? [];

describe('Grafana dashboard', () => {
  it('is a dashboard with a Prometheus datasource variable that every panel uses', () => {
    expect(dashboard.uid).toBe('tts-capacity-planner');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.templating.list[0]).toMatchObject({ name: 'datasource', type: 'datasource', query: 'prometheus' });
    for (const p of panels) expect(p.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
  });

  it('has unique panel ids and panels that do not overlap', () => {
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const p of dashboard.panels) {
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          const cell = `${x},${y}`;
          expect([p.title, cells.has(cell)]).toEqual([p.title, false]);
          cells.add(cell);
        }
      }
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    }
  });

  it('queries only metrics that the exporter or the service actually write', () => {
    const exporter = new TelemetryExporter({
      intervalMs: 200,
      windowMs: 60_000,
      readGpus: async () => null,
      readProcStat: async () => '',
    });
    const known = new Set(
      [...exporter.registry.getMetricsAsArray(), ...new MetricsService().registry.getMetricsAsArray()].flatMap((m) =>
        m instanceof Histogram ? [m.name, `${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`] : [m.name],
      ),
    );
    const used = new Set(exprs.flatMap(metricsIn));
    for (const name of used) expect([name, known.has(name)]).toEqual([name, true]);
  });

  it("covers GPU utilisation, memory, PCIe, temperature, power, CPU and the service's requests, latency, cache and Redis", () => {
    const used = new Set(exprs.flatMap(metricsIn));
    for (const name of [
      ...EXPORTED_GAUGES,
      'tts_gpu_pcie_utilization_percent',
      'http_requests_total',
      'http_request_duration_seconds_bucket',
      'cache_lookups_total',
      'redis_errors_total',
      'cache_corrupt_entries_total',
    ]) {
      expect([name, used.has(name)]).toEqual([name, true]);
    }
    expect(exprs.some((e) => e.startsWith('histogram_quantile(0.99,'))).toBe(true);
    expect(exprs.some((e) => e.startsWith('histogram_quantile(0.5,'))).toBe(true);
  });
});
