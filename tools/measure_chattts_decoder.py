#!/usr/bin/env python3
"""
Times the ChatTTS-shaped decoder (tools/chattts_shaped.py) on a GPU across runtimes, precisions and batches, for the
capacity model's calibration; a wider sweep than tools/benchmark_chattts.py (which is the two-minute user benchmark
and shares its model, environment and profiler code with this script).

For each runtime (eager, compile) x precision (fp32, fp16): decode steps per second at each batch, and static
batches of mixed utterance lengths (log-uniform between --short-steps and --long-steps, seeded): a static batch runs
until its longest member ends, so its efficiency is useful steps / (batch x longest) -- the static-batching cost.

Output: JSON records shaped like src/planning/engine/calibration/chattts-measurements.json (metric
decodeStepsPerSecond per batch, plus torchAllocatedGb), a `staticBatching` list per runtime and precision, and the
environment (GPU, driver, torch/CUDA/cuDNN, host CPU, command, date).

Usage: python3 tools/measure_chattts_decoder.py --out measurements.json [--batches 1,2,4,8,16,32,64] [--steps 200]
       [--mixed-batches 8,32] [--runtimes eager,compile] [--precisions fp32,fp16] [--device cpu]
"""
import argparse
import json
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchmark_chattts as bench  # noqa: E402
import chattts_shaped as shaped  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('--batches', default='1,2,4,8,16,32,64')
    ap.add_argument('--steps', type=int, default=200)
    ap.add_argument('--prompt', type=int, default=100)
    ap.add_argument('--mixed-batches', default='8,32')
    ap.add_argument('--short-steps', type=int, default=234)
    ap.add_argument('--long-steps', type=int, default=1406)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--kv-cache', choices=('cat', 'static'), default='static')
    ap.add_argument('--runtimes', default='eager,compile')
    ap.add_argument('--precisions', default='fp32,fp16')
    ap.add_argument('--device', default='cuda')
    ap.add_argument('--gpu-id')
    args = ap.parse_args()
    device = torch.device(args.device)
    env = bench.environment(device, args, 'ChatTTS-shaped decoder (tools/chattts_shaped.py), random weights')
    gpu = env['gpuId'] or env['gpuName'] or 'cpu'
    batches = [int(x) for x in args.batches.split(',') if x.strip()]
    mixed = [int(x) for x in args.mixed_batches.split(',') if x.strip()]
    records = []
    for runtime in args.runtimes.split(','):
        for precision in args.precisions.split(','):
            dtype = bench.DTYPES[precision]
            backend = bench.ShapedBackend(device, dtype, args.prompt, args.kv_cache, runtime == 'compile')
            series = []
            for b in batches:
                r = backend.run([args.steps] * b)
                series.append({'batch': b, 'decodeStepsPerSecond': round(r['decodeStepsPerSecond'], 2),
                               'torchAllocatedGb': r.get('peakAllocatedGb')})
                print(runtime, precision, b, round(r['decodeStepsPerSecond'], 1), 'steps/s',
                      r.get('peakAllocatedGb'), 'GB', file=sys.stderr)
            static = []
            for b in mixed:
                lens = shaped.mixed_lengths(b, args.short_steps, args.long_steps, args.seed + b)
                r = backend.run(lens)
                eff = r['usefulSteps'] / r['totalSteps']
                static.append({'batch': b, 'lengths': lens, 'longestSteps': max(lens), 'usefulSteps': r['usefulSteps'],
                               'totalSteps': r['totalSteps'], 'efficiency': round(eff, 4),
                               'seconds': round(r['seconds'], 3),
                               'decodeStepsPerSecond': round(r['decodeStepsPerSecond'], 2),
                               'usefulStreamStepsPerSecond': round(r['usefulSteps'] / r['seconds'], 2),
                               'torchAllocatedGb': r.get('peakAllocatedGb')})
                print(runtime, precision, 'mixed', b, 'efficiency', round(eff, 3), file=sys.stderr)
            records.append({
                'id': f'measured-{gpu.lower().replace(" ", "-")}-{runtime}-{precision}',
                'device': gpu,
                'runtime': runtime,
                'precision': precision,
                'series': series,
                'staticBatching': static,
                'notes': (f'ChatTTS-shaped decoder (random weights), prompt {args.prompt}, {args.steps} steps, '
                          f'KV cache {args.kv_cache}, host sync per step; static batches of mixed lengths '
                          f'log-uniform {args.short_steps}-{args.long_steps} steps, seed {args.seed}+batch'),
                'source': (f'tools/measure_chattts_decoder.py; torch {env["torch"]}, CUDA {env["cuda"]}, '
                           f'driver {env["driver"]}; command: {env["command"]}'),
            })
            del backend
            if device.type == 'cuda':
                torch.cuda.empty_cache()
    with open(args.out, 'w') as f:
        json.dump({'gpu': env['gpuName'], 'driver': env['driver'], 'torch': env['torch'], 'cuda': env['cuda'],
                   'environment': env, 'records': records}, f, indent=2)


if __name__ == '__main__':
    main()
