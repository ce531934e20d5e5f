/**
 * Deployment snippets for a recommendation: one serving container per GPU (GPUs are not over-committable), with
 * the host figures of the plan as limits. The image is a placeholder for the user's ChatTTS/TTS server image.
 */
import { stringify } from 'yaml';
import type { OptionGpu, OptionHost } from './types';

export interface KubernetesDeployment {
  name: string;
  replicas: number;
  nodeSelector: Record<string, string>;
  resources: { requests: Record<string, string | number>; limits: Record<string, string | number> };
}

export interface DeploymentSpec {
  /** One `docker run` per GPU of a node (device index per line). */
  dockerRun: string;
  kubernetes: { deployments: KubernetesDeployment[]; manifest: string };
}

const IMAGE = '<your-tts-server-image>';

/** NVIDIA GPU feature discovery's `nvidia.com/gpu.product` label for common ids (best effort; check your nodes). */
function productLabel(gpu: OptionGpu): string {
  return gpu.name.replace(/^NVIDIA\s+/, 'NVIDIA-').replace(/\s+/g, '-');
}

export function deploymentFor(modelId: string, gpus: OptionGpu[], hosts: OptionHost[]): DeploymentSpec {
  const docker: string[] = [];
  const deployments: KubernetesDeployment[] = [];
  gpus.forEach((g, i) => {
    const h = hosts[i];
    // Per GPU worker: its share of the node's cores and RAM, at least 2 cores and 8 GB.
    const cpus = Math.max(2, Math.floor(h.cpuCores / h.gpusPerNode));
    const memGb = Math.max(8, Math.floor(h.ramGb / h.gpusPerNode));
    const shmGb = Math.max(1, Math.ceil(h.shmGb / h.gpusPerNode));
    const name = `${modelId}-${g.gpuId}-${g.runtime}`.replace(/[^a-z0-9-]/g, '-').slice(0, 63);
    docker.push(
      `# ${g.count} × ${g.gpuId} on ${h.nodes} node(s) of ${h.gpusPerNode} GPU(s): run on each node, one line per GPU index`,
    );
    for (let d = 0; d < Math.min(h.gpusPerNode, g.count); d++) {
      docker.push(
        `docker run -d --name ${name}-${d} --restart unless-stopped --gpus '"device=${d}"' --shm-size=${shmGb}g ` +
          `--memory=${memGb}g --cpus=${cpus} -p ${8000 + d}:8000 -e MODEL_ID=${modelId} -e RUNTIME=${g.runtime} -e PRECISION=${g.precision} ` +
          `-e MAX_CONCURRENT_STREAMS=${g.streamsPerGpu} ${IMAGE}`,
      );
    }
    deployments.push({
      name,
      replicas: g.count,
      nodeSelector: { 'nvidia.com/gpu.product': productLabel(g) },
      resources: {
        requests: { 'nvidia.com/gpu': 1, cpu: String(cpus), memory: `${memGb}Gi` },
        limits: { 'nvidia.com/gpu': 1, cpu: String(cpus), memory: `${memGb}Gi` },
      },
    });
  });
  const manifest = deployments
    .map((d) =>
      stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: d.name, labels: { app: d.name } },
        spec: {
          replicas: d.replicas,
          selector: { matchLabels: { app: d.name } },
          template: {
            metadata: { labels: { app: d.name } },
            spec: {
              nodeSelector: d.nodeSelector,
              containers: [
                {
                  name: 'tts',
                  image: IMAGE,
                  ports: [{ containerPort: 8000 }],
                  env: [{ name: 'MAX_CONCURRENT_STREAMS', value: String(gpus[deployments.indexOf(d)].streamsPerGpu) }],
                  resources: d.resources,
                  volumeMounts: [{ name: 'dshm', mountPath: '/dev/shm' }],
                },
              ],
              volumes: [
                {
                  name: 'dshm',
                  emptyDir: {
                    medium: 'Memory',
                    sizeLimit: `${Math.max(1, Math.ceil(hosts[deployments.indexOf(d)].shmGb / hosts[deployments.indexOf(d)].gpusPerNode))}Gi`,
                  },
                },
              ],
            },
          },
        },
      }),
    )
    .join('---\n');
  return { dockerRun: docker.join('\n'), kubernetes: { deployments, manifest } };
}
