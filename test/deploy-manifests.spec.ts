import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const root = join(__dirname, '..');
const load = (file: string) => parse(readFileSync(join(root, file), 'utf8'));

// No Docker engine or kubeconform here: parse the files and assert the fields that matter.
describe('deployment files', () => {
  it('compose runs the app on Redis, waiting for Redis to be healthy', () => {
    const compose = load('docker-compose.yml');
    expect(compose.services.redis.healthcheck.test.join(' ')).toMatch(/redis-cli .*ping/);
    expect(compose.services.app.environment.REDIS_URL).toMatch(/^redis:\/\/:.+@redis:6379$/);
    expect(compose.services.app.environment.CACHE_HMAC_KEY).toBeDefined();
    expect(compose.services.redis.command.join(' ').replace(/\s+/g, ' ')).toMatch(
      /--maxmemory \d+mb --maxmemory-policy allkeys-lru --requirepass/,
    );
    expect(compose.services.app.depends_on.redis.condition).toBe('service_healthy');
    expect(compose.services.app.ports).toContain('3000:3000');
  });

  it('the Dockerfile is multi-stage, runs as non-root and has a health check', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/health\/live/m);
    expect(dockerfile).toMatch(/^CMD \["\.\/docker-start.sh"\]$/m);
    expect(readFileSync(join(root, 'deploy/docker-start.sh'), 'utf8')).toMatch(/--max-old-space-size=/);
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
    const env = (name: string) => container.env.find((e: { name: string }) => e.name === name);
    expect(env('CACHE_HMAC_KEY').valueFrom.secretKeyRef.key).toBe('hmac-key');
    expect(env('WORKER_THREADS').valueFrom.resourceFieldRef.resource).toBe('limits.cpu');
    expect(env('MEMORY_LIMIT_BYTES').valueFrom.resourceFieldRef.resource).toBe('limits.memory');
  });

  it('ships a bounded, evicting Redis with AUTH from a secret', () => {
    const [redis] = parseAllDocuments(readFileSync(join(root, 'deploy/k8s/redis.yaml'), 'utf8')).map((d) => d.toJS());
    const container = redis.spec.template.spec.containers[0];
    expect(container.args.join(' ')).toMatch(/--maxmemory \d+mb --maxmemory-policy allkeys-lru --requirepass/);
    expect(container.env[0].valueFrom.secretKeyRef.name).toBe('tts-capacity-planner-redis');
  });

  it('the Service and HPA target the Deployment', () => {
    const service = load('deploy/k8s/service.yaml');
    const hpa = load('deploy/k8s/hpa.yaml');
    expect(service.spec.selector['app.kubernetes.io/name']).toBe('tts-capacity-planner');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'tts-capacity-planner' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
  });
});
