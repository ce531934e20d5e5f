#!/usr/bin/env python3
"""
Times a ChatTTS-shaped autoregressive decoder on a GPU, for the capacity model's calibration.

The network is the published ChatTTS GPT config (ChatTTS/config/config.py): 20 Llama blocks, hidden 768, 12 heads,
MLP 3072 (SwiGLU), RMSNorm, RoPE, 4 codebooks of 626 audio tokens (summed embeddings in, 4 heads out), written in plain
PyTorch so it needs nothing but torch (the GPU machine reaches no package index). Weights are random: speed does not
depend on their values. Each step samples the 4 codebooks with torch.multinomial and reads them back on the host, as
ChatTTS's generation loop does, so the per-step host synchronisation is part of the measurement.

Output: JSON records shaped like src/planning/engine/calibration/chattts-measurements.json (metric
decodeStepsPerSecond per batch, plus torchAllocatedGb), with the GPU, driver, torch and CUDA versions and the command.

Usage: python3 tools/measure_chattts_decoder.py --out measurements.json [--batches 1,2,4,8,16,32,64] [--steps 200]
Not yet run: no GPU was available to the session that wrote it.
"""
import argparse
import json
import subprocess
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

HIDDEN, HEADS, LAYERS, MLP, VQ, AUDIO_TOKENS = 768, 12, 20, 3072, 4, 626  # ChatTTS/config/config.py GPT


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        return self.weight * x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)


def rope(x, pos):
    # x: (B, H, T, D); pos: (T,)
    d = x.shape[-1]
    inv = 1.0 / (10000 ** (torch.arange(0, d, 2, device=x.device, dtype=torch.float32) / d))
    ang = pos.float()[:, None] * inv[None, :]
    cos, sin = ang.cos().to(x.dtype), ang.sin().to(x.dtype)
    x1, x2 = x[..., ::2], x[..., 1::2]
    return torch.stack((x1 * cos - x2 * sin, x1 * sin + x2 * cos), dim=-1).flatten(-2)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.n1, self.n2 = RMSNorm(HIDDEN), RMSNorm(HIDDEN)
        self.qkv = nn.Linear(HIDDEN, 3 * HIDDEN, bias=False)
        self.o = nn.Linear(HIDDEN, HIDDEN, bias=False)
        self.gate_up = nn.Linear(HIDDEN, 2 * MLP, bias=False)
        self.down = nn.Linear(MLP, HIDDEN, bias=False)

    def forward(self, x, k_cache, v_cache, pos):
        b, t, _ = x.shape
        q, k, v = self.qkv(self.n1(x)).view(b, t, 3, HEADS, HIDDEN // HEADS).permute(2, 0, 3, 1, 4)
        positions = torch.arange(pos, pos + t, device=x.device)
        q, k = rope(q, positions), rope(k, positions)
        k_cache[:, :, pos:pos + t] = k
        v_cache[:, :, pos:pos + t] = v
        att = F.scaled_dot_product_attention(q, k_cache[:, :, :pos + t], v_cache[:, :, :pos + t], is_causal=(t > 1))
        x = x + self.o(att.transpose(1, 2).reshape(b, t, HIDDEN))
        g, u = self.gate_up(self.n2(x)).chunk(2, dim=-1)
        return x + self.down(F.silu(g) * u)


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.ModuleList(nn.Embedding(AUDIO_TOKENS, HIDDEN) for _ in range(VQ))
        self.blocks = nn.ModuleList(Block() for _ in range(LAYERS))
        self.norm = RMSNorm(HIDDEN)
        self.heads = nn.ModuleList(nn.Linear(HIDDEN, AUDIO_TOKENS, bias=False) for _ in range(VQ))

    def step(self, codes, caches, pos):
        x = sum(e(codes[:, :, i]) for i, e in enumerate(self.emb))
        for blk, (kc, vc) in zip(self.blocks, caches):
            x = blk(x, kc, vc, pos)
        h = self.norm(x[:, -1])
        return torch.stack([head(h) for head in self.heads], dim=1)  # (B, VQ, vocab)


def measure(model, batch, steps, prompt, dtype, device):
    d = HIDDEN // HEADS
    caches = [(torch.zeros(batch, HEADS, prompt + steps + 1, d, dtype=dtype, device=device),
               torch.zeros(batch, HEADS, prompt + steps + 1, d, dtype=dtype, device=device)) for _ in range(LAYERS)]
    codes = torch.randint(0, AUDIO_TOKENS, (batch, prompt, VQ), device=device)
    torch.cuda.reset_peak_memory_stats()
    with torch.inference_mode():
        model.step(codes, caches, 0)
        nxt = codes[:, -1:]
        for i in range(5):  # warm-up (compile, autotune)
            logits = model.step(nxt, caches, prompt + i)
        torch.cuda.synchronize()
        start = time.perf_counter()
        for i in range(steps):
            logits = model.step(nxt, caches, prompt + i)
            probs = torch.softmax(logits.float() / 0.7, dim=-1).view(-1, AUDIO_TOKENS)
            sampled = torch.multinomial(probs, 1).view(batch, 1, VQ)
            _ = sampled.cpu()  # ChatTTS reads tokens back each step (stop checks, logits processors)
            nxt = sampled
        torch.cuda.synchronize()
        elapsed = time.perf_counter() - start
    return steps / elapsed, torch.cuda.max_memory_allocated() / 1e9


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('--batches', default='1,2,4,8,16,32,64')
    ap.add_argument('--steps', type=int, default=200)
    ap.add_argument('--prompt', type=int, default=100)
    args = ap.parse_args()
    device = 'cuda'
    gpu = torch.cuda.get_device_name(0)
    driver = subprocess.run(['nvidia-smi', '--query-gpu=driver_version', '--format=csv,noheader'], capture_output=True, text=True).stdout.strip()
    records = []
    for runtime in ('eager', 'compile'):
        for precision, dtype in (('fp32', torch.float32), ('fp16', torch.float16)):
            model = Decoder().to(device=device, dtype=dtype).eval()
            if runtime == 'compile':
                model.step = torch.compile(model.step, dynamic=True)
            series = []
            for b in (int(x) for x in args.batches.split(',')):
                sps, mem = measure(model, b, args.steps, args.prompt, dtype, device)
                series.append({'batch': b, 'decodeStepsPerSecond': round(sps, 2), 'torchAllocatedGb': round(mem, 3)})
                print(runtime, precision, b, round(sps, 1), 'steps/s', round(mem, 2), 'GB', file=sys.stderr)
            records.append({'id': f'measured-{gpu.lower().replace(" ", "-")}-{runtime}-{precision}', 'device': gpu,
                            'runtime': runtime, 'precision': precision, 'series': series,
                            'notes': f'ChatTTS-shaped decoder (random weights), prompt {args.prompt}, {args.steps} steps, host sync per step',
                            'source': f'tools/measure_chattts_decoder.py; torch {torch.__version__}, CUDA {torch.version.cuda}, driver {driver}; '
                                      f'command: {" ".join(sys.argv)}'})
            del model
            torch.cuda.empty_cache()
    with open(args.out, 'w') as f:
        json.dump({'gpu': gpu, 'driver': driver, 'torch': torch.__version__, 'cuda': torch.version.cuda, 'records': records}, f, indent=2)


if __name__ == '__main__':
    main()
