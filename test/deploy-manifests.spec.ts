import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const root = join(__dirname, '..');
const load = (file: string) => parse(readFileSync(join(root, file), 'utf8'));

// No Docker engine or kubeconform here: parse the files and assert the fields that matter.
describe('deployment files', () => {
  it('compose runs the app on Redis, waiting for Redis to be healthy', () => {
    const compose = load('docker-compose.yml');
    expect(compose.services.redis.healthcheck.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(compose.services.app.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(compose.services.app.depends_on.redis.condition).toBe('service_healthy');
    expect(compose.services.app.ports).toContain('3000:3000');
  });

  it('the Dockerfile is multi-stage, runs as non-root and has a health check', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/health\/live/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/main.js"\]$/m);
  });

  it('the Deployment probes readiness and liveness, sets resources and reads REDIS_URL from a secret', () => {
    const [deployment] = parseAllDocuments(readFileSync(join(root, 'deploy/k8s/deployment.yaml'), 'utf8')).map((d) =>
      d.toJS(),
    );
    const container = deployment.spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.env.find((e: { name: string }) => e.name === 'REDIS_URL').valueFrom.secretKeyRef.key).toBe('url');
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
  });

  it('the Service and HPA target the Deployment', () => {
    const service = load('deploy/k8s/service.yaml');
    const hpa = load('deploy/k8s/hpa.yaml');
    expect(service.spec.selector['app.kubernetes.io/name']).toBe('tts-capacity-planner');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'tts-capacity-planner' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
  });
});
