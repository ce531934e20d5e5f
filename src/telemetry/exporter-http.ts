/**
 * The exporter's HTTP surface: GET /metrics (the registry in Prometheus text), GET /window[?gpu=N] (the rolling window
 * as a POST /v1/diagnoses body), GET / (what is here); 404 elsewhere, 405 for methods other than GET and HEAD.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { RollingWindow, ServingContext, WindowGpuNotFound } from './window';

export function exporterHandler(
  registry: Registry,
  window: RollingWindow,
  serving: ServingContext | undefined,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://exporter');
    const send = (status: number, type: string, body: string): void => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    };
    const json = (status: number, body: unknown): void =>
      send(status, 'application/json; charset=utf-8', JSON.stringify(body));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      json(405, { error: 'method not allowed' });
      return;
    }
    if (url.pathname === '/metrics') {
      registry.metrics().then(
        (text) => send(200, registry.contentType, text),
        (err: Error) => json(500, { error: err.message }),
      );
      return;
    }
    if (url.pathname === '/window') {
      const gpu = url.searchParams.get('gpu');
      if (gpu !== null && !/^\d{1,4}$/.test(gpu)) {
        json(400, { error: 'gpu must be a GPU index (0, 1, …)' });
        return;
      }
      if (window.size === 0) {
        json(503, { error: 'no sample yet' });
        return;
      }
      try {
        json(200, window.toTelemetry({ gpuIndex: gpu === null ? undefined : Number(gpu), serving }));
      } catch (err) {
        if (err instanceof WindowGpuNotFound) json(404, { error: err.message });
        else throw err;
      }
      return;
    }
    if (url.pathname === '/') {
      send(
        200,
        'text/plain; charset=utf-8',
        'tts-capacity-planner telemetry exporter: GET /metrics, GET /window[?gpu=N]\n',
      );
      return;
    }
    json(404, { error: `no route ${url.pathname}` });
  };
}
