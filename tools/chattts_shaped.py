"""
A ChatTTS-shaped autoregressive decoder in plain PyTorch, and the generation loop that times it.

Shared by tools/benchmark_chattts.py and tools/measure_chattts_decoder.py. The network is the published ChatTTS GPT
config (ChatTTS/config/config.py in 2noise/ChatTTS): 20 Llama blocks, hidden 768, 12 heads, MLP 3072 (SwiGLU),
RMSNorm, RoPE, 4 codebooks of 626 audio tokens (summed embeddings in, 4 heads out). It needs nothing but torch (the
GPU machine reaches no package index). Weights are random: speed does not depend on their values.

The loop does per step what ChatTTS's GPT.generate (ChatTTS/model/gpt.py) does that costs time: one forward pass
over the new token with a KV cache, top-K/top-P sampling of the 4 codebooks with torch.multinomial, and the
`finish.all()` stop check that forces a host synchronisation every step. By default the KV cache grows with
torch.cat each step as the Hugging Face eager cache does (`--kv-cache cat`); `static` pre-allocates it.
Not modelled: the repetition-penalty processor over the whole history, and the refine-text pass.

A static batch runs until its longest member ends (ChatTTS keeps computing finished rows until `finish.all()`),
so a batch of mixed lengths costs B x longest steps for sum(lengths) useful ones.
"""

import math
import random
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

HIDDEN, HEADS, LAYERS, MLP, VQ, AUDIO_TOKENS = 768, 12, 20, 3072, 4, 626  # ChatTTS/config/config.py GPT
HEAD_DIM = HIDDEN // HEADS
STEPS_PER_AUDIO_SECOND = 46.875  # 24 kHz / (256 hop x 2 mel frames per step)
TOP_K, TOP_P, TEMPERATURE = 20, 0.7, 0.3  # ChatTTS Chat.InferCodeParams defaults
EOS = AUDIO_TOKENS - 1  # num_audio_tokens - 1 is the code pass's end token in ChatTTS


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        return self.weight * x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)


def rope(x, pos):
    """Rotary position embedding. x: (B, H, T, D); pos: (T,)."""
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

    def forward(self, x, cache, pos):
        """cache: [k, v] of one layer, replaced in place ('cat') or written into ('static' tensors of full size)."""
        b, t, _ = x.shape
        q, k, v = self.qkv(self.n1(x)).view(b, t, 3, HEADS, HEAD_DIM).permute(2, 0, 3, 1, 4)
        positions = torch.arange(pos, pos + t, device=x.device)
        q, k = rope(q, positions), rope(k, positions)
        if cache[2] == 'cat':  # Hugging Face eager: the whole cache is copied every step
            cache[0] = torch.cat((cache[0], k), dim=2)
            cache[1] = torch.cat((cache[1], v), dim=2)
            keys, values = cache[0], cache[1]
        else:
            cache[0][:, :, pos:pos + t] = k
            cache[1][:, :, pos:pos + t] = v
            keys, values = cache[0][:, :, :pos + t], cache[1][:, :, :pos + t]
        att = F.scaled_dot_product_attention(q, keys, values, is_causal=(t > 1))
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
        """codes: (B, T, VQ) token ids; returns logits (B, VQ, vocab) for the last position."""
        x = sum(e(codes[:, :, i]) for i, e in enumerate(self.emb))
        for blk, cache in zip(self.blocks, caches):
            x = blk(x, cache, pos)
        h = self.norm(x[:, -1])
        return torch.stack([head(h) for head in self.heads], dim=1)


def new_caches(batch, capacity, dtype, device, kv_cache):
    if kv_cache == 'cat':
        empty = (batch, HEADS, 0, HEAD_DIM)
        return [[torch.zeros(empty, dtype=dtype, device=device), torch.zeros(empty, dtype=dtype, device=device), 'cat']
                for _ in range(LAYERS)]
    full = (batch, HEADS, capacity, HEAD_DIM)
    return [[torch.zeros(full, dtype=dtype, device=device), torch.zeros(full, dtype=dtype, device=device), 'static']
            for _ in range(LAYERS)]


def sample(logits, min_reached):
    """Top-K then top-P sampling of every codebook, as ChatTTS's logits warpers do; EOS masked before min length."""
    b = logits.shape[0]
    scores = logits.float().view(b * VQ, AUDIO_TOKENS) / TEMPERATURE
    if not min_reached:
        scores[:, EOS] = -float('inf')
    top, idx = scores.topk(TOP_K, dim=-1)
    probs = torch.softmax(top, dim=-1)
    cum = probs.cumsum(-1)
    probs = probs.masked_fill(cum - probs > TOP_P, 0.0)
    choice = torch.multinomial(probs, 1)
    return idx.gather(-1, choice).view(b, 1, VQ)


def synchronize(device):
    if str(device).startswith('cuda'):
        torch.cuda.synchronize()


def run_batch(model, lengths, prompt, dtype, device, kv_cache='cat', warmup=3, on_window=None, window=None):
    """
    Generates one static batch: row i must produce lengths[i] steps; the batch runs until the longest ends.

    Each step samples, then checks `finished.all()` on the host (ChatTTS's stop check: one forced sync per step).
    EOS is masked so every row reaches its length (min_new_token = its length, as ChatTTS's min_new_token does).
    `warmup` steps run (and are discarded) before timing on a separate cache. If `window` = (start, count) and
    `on_window` is given, on_window('start'|'stop') is called around that many timed steps (for the profiler).
    Returns dict: steps (longest), seconds (prefill excluded), decodeStepsPerSecond, usefulSteps, totalSteps.
    """
    batch = len(lengths)
    longest = max(lengths)
    lens = torch.tensor(lengths, device=device)
    with torch.inference_mode():
        if warmup:
            caches = new_caches(batch, prompt + warmup + 1, dtype, device, kv_cache)
            codes = torch.randint(0, AUDIO_TOKENS - 1, (batch, prompt, VQ), device=device)
            model.step(codes, caches, 0)
            nxt = codes[:, -1:]
            for i in range(warmup):
                nxt = sample(model.step(nxt, caches, prompt + i), True)
            del caches
        caches = new_caches(batch, prompt + longest + 1, dtype, device, kv_cache)
        codes = torch.randint(0, AUDIO_TOKENS - 1, (batch, prompt, VQ), device=device)
        logits = model.step(codes, caches, 0)  # prefill
        synchronize(device)
        start = time.perf_counter()
        done = 0
        for i in range(longest):
            if window and on_window and i == window[0]:
                on_window('start')
            nxt = sample(logits, False)
            logits = model.step(nxt, caches, prompt + i)
            finished = lens <= i + 1
            done = i + 1
            if window and on_window and i == window[0] + window[1] - 1:
                on_window('stop')
            if bool(finished.all()):  # ChatTTS: `if finish.all(): break` -- a host sync every step
                break
        synchronize(device)
        seconds = time.perf_counter() - start
    return {
        'steps': done,
        'seconds': seconds,
        'decodeStepsPerSecond': done / seconds,
        'usefulSteps': int(sum(lengths)),
        'totalSteps': batch * done,
    }


def mixed_lengths(batch, low, high, seed):
    """Utterance lengths (steps) drawn log-uniformly between low and high with a fixed seed."""
    rng = random.Random(seed)
    return [int(round(math.exp(rng.uniform(math.log(low), math.log(high))))) for _ in range(batch)]
