#!/usr/bin/env python3
"""
Benchmark ChatTTS decoding on your own machine in about two minutes; prints the `measurements` the API takes.

What it runs: real ChatTTS (2noise/ChatTTS) when it is installed and its weights load (from --chattts-path, or the
current directory as ChatTTS's `load()` looks there by default), with `skip_refine_text=True` and
min_new_token = max_new_token = the step count, so every utterance decodes exactly that many steps; only
GPT.generate is timed (the code pass; text tokenisation, DVAE decoder and Vocos excluded). Otherwise, or with
`--model shaped`, a ChatTTS-shaped decoder in plain PyTorch (tools/chattts_shaped.py: the published GPT config,
random weights, the same per-step sampling and stop-check sync). The output says which one ran.

What it measures, after a warm-up that is not timed:
  * decode steps per second at batch 1, 8, 32 for short (~5 s of audio, 234 steps) and long (~30 s, 1406 steps)
    utterances -> one `decodeStepsPerSecond` record per (batch, length);
  * static batching cost: batches of mixed utterance lengths (drawn log-uniformly between the short and long
    lengths, seeded) run until their longest member ends; useful steps / total steps is the efficiency;
  * on CUDA, a PyTorch-profiler split of a short window of steps at the smallest and largest batch: host time per
    step (wall minus time blocked waiting for the GPU) vs CUDA kernel time per step, kernels and launches per step;
  * with --workers 1,2,4,...: W worker processes on the same device, each with its own model copy decoding its own
    batch (--workers-batch) of short utterances, started together: per-process step rates and the aggregate
    stream-steps per second against one process (the evidence for src/planning/engine/serving/workers.ts).

Output (stdout, and --out FILE): {measurements, capacityPlanRequest, environment, details, staticBatching, profile}.
`measurements` holds only the fields POST /v1/capacity-plans accepts (src/planning/common/workload.dto.ts
MeasurementDto); the GPU, versions, host CPU and command are in `environment`. Needs only PyTorch.

Usage: python3 tools/benchmark_chattts.py [--out result.json] [--precision fp16] [--quick]
"""
import argparse
import datetime
import json
import os
import platform
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chattts_shaped as shaped  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
GPUS_JSON = REPO / 'src' / 'gpus' / 'data' / 'gpus.json'
DTYPES = {'fp32': torch.float32, 'fp16': torch.float16}
SYNC_CALLS = ('cudaStreamSynchronize', 'cudaDeviceSynchronize', 'cudaEventSynchronize', 'cudaMemcpyAsync',
              'cudaMemcpy')
LAUNCH_CALLS = ('cudaLaunchKernel', 'cudaLaunchKernelExC', 'cuLaunchKernel', 'cuLaunchKernelEx')


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------------
# Environment: what it ran on


def _run(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or None if out.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None


def host_cpu():
    """Model name, logical and physical cores, max clock (GHz) of the host CPU, as far as the OS tells."""
    model, physical, mhz = None, None, None
    try:
        text = Path('/proc/cpuinfo').read_text()
        names = re.findall(r'^model name\s*:\s*(.+)$', text, re.M)
        model = names[0].strip() if names else None
        cores = set()
        for block in text.split('\n\n'):
            pid = re.search(r'^physical id\s*:\s*(\d+)', block, re.M)
            cid = re.search(r'^core id\s*:\s*(\d+)', block, re.M)
            if pid and cid:
                cores.add((pid.group(1), cid.group(1)))
        physical = len(cores) or None
        clocks = [float(x) for x in re.findall(r'^cpu MHz\s*:\s*([\d.]+)', text, re.M)]
        mhz = max(clocks) if clocks else None
    except OSError:
        pass
    if not model and sys.platform == 'darwin':
        model = _run(['sysctl', '-n', 'machdep.cpu.brand_string'])
    if not model:
        model = platform.processor() or platform.machine() or None
    return {
        'model': model,
        'logicalCores': os.cpu_count(),
        'physicalCores': physical,
        'clockGhzReported': round(mhz / 1000, 2) if mhz else None,
        'torchThreads': torch.get_num_threads(),
    }


def _tokens(name):
    """Lowercase alphanumeric tokens of a GPU name, vendor words and memory sizes dropped."""
    name = re.sub(r'\([^)]*\)', ' ', name.lower())
    drop = {'nvidia', 'geforce', 'tesla', 'amd', 'intel', 'hbm3', 'hbm3e', 'hbm2', 'hbm2e'}
    return [t for t in re.split(r'[^a-z0-9]+', name) if t and t not in drop and not re.fullmatch(r'\d+gb', t)]


FORM_TOKENS = {'pcie': 'pcie', 'sxm': 'sxm', 'sxm2': 'sxm', 'sxm4': 'sxm', 'sxm5': 'sxm', 'hgx': 'sxm', 'oam': 'sxm'}


def guess_gpu_id(name, vram_gb, catalog_path=GPUS_JSON):
    """
    Maps torch.cuda.get_device_name() to an id of the service's GPU catalog (src/gpus/data/gpus.json).

    The names must have the same model tokens (so a 'GeForce RTX 4090 D' or an 'H100 NVL' is not taken for a 4090 or
    an H100), the memory must agree within 15 %, and a form factor the device names (PCIe, SXM) must agree. Without
    a form factor in the name, SXM is assumed where both exist (the H100 SXM reports as 'NVIDIA H100 80GB HBM3').
    Returns (id or None, how it was matched).
    """
    try:
        catalog = json.loads(Path(catalog_path).read_text())
    except (OSError, ValueError):
        return None, f'no catalog at {catalog_path}'
    dev = _tokens(name)
    dev_form = {FORM_TOKENS[t] for t in dev if t in FORM_TOKENS}
    dev_core = [t for t in dev if t not in FORM_TOKENS]
    found = []
    for gpu in catalog:
        cat = _tokens(gpu['name'])
        cat_core = [t for t in cat if t not in FORM_TOKENS]
        if cat_core != dev_core:
            continue
        if vram_gb and gpu.get('vramGb') and abs(vram_gb - gpu['vramGb']) > 0.15 * gpu['vramGb']:
            continue
        text = (gpu['id'] + ' ' + gpu['name'] + ' ' + (gpu.get('formFactor') or '')).lower()
        form = 'sxm' if re.search(r'sxm|hgx|oam', text) else 'pcie' if 'pcie' in text else None
        if dev_form and form and form not in dev_form:
            continue
        found.append((gpu['id'], form))
    if len(found) > 1:
        sxm = [f for f in found if f[1] == 'sxm']
        found = sxm if len(sxm) == 1 and not dev_form else found
    memory = f'{vram_gb:.0f} GB' if vram_gb else 'unknown memory'
    if len(found) == 1:
        return found[0][0], f'name tokens {dev_core} and {memory} matched {Path(catalog_path).name}'
    if found:
        return None, f'ambiguous: {", ".join(f[0] for f in found)}; pass --gpu-id'
    return None, f'no catalog GPU has name tokens {dev_core} and {memory}; pass --gpu-id if it is one'


def environment(device, args, implementation):
    env = {
        'implementation': implementation,
        'device': str(device),
        'gpuName': None,
        'gpuId': None,
        'gpuIdMatch': None,
        'gpuMemoryGb': None,
        'computeCapability': None,
        'driver': _run(['nvidia-smi', '--query-gpu=driver_version', '--format=csv,noheader']),
        'torch': torch.__version__,
        'cuda': torch.version.cuda,
        'cudnn': torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else None,
        'python': platform.python_version(),
        'os': platform.platform(),
        'hostCpu': host_cpu(),
        'command': shlex.join([Path(sys.executable).name] + sys.argv),
        'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'),
    }
    if env['driver']:
        env['driver'] = env['driver'].splitlines()[0]
    if device.type == 'cuda':
        props = torch.cuda.get_device_properties(device)
        env['gpuName'] = torch.cuda.get_device_name(device)
        env['gpuMemoryGb'] = round(props.total_memory / 1e9, 1)
        env['computeCapability'] = f'{props.major}.{props.minor}'
        env['gpuId'], env['gpuIdMatch'] = guess_gpu_id(env['gpuName'], props.total_memory / 1e9)
        if getattr(torch.version, 'hip', None):
            env['hip'] = torch.version.hip
    if args.gpu_id:
        env['gpuId'], env['gpuIdMatch'] = args.gpu_id, 'given with --gpu-id'
    for package in ('ChatTTS', 'transformers', 'vector_quantize_pytorch', 'vocos'):
        try:
            from importlib.metadata import version
            env.setdefault('packages', {})[package] = version(package)
        except Exception:  # not installed, or no metadata
            pass
    return env


# ---------------------------------------------------------------------------------------------------------------
# Profiler: host time vs GPU time per step


class Window:
    """Starts and stops a torch profiler around a window of decode steps, with a wall clock across it."""

    def __init__(self, device):
        self.device = device
        acts = [torch.profiler.ProfilerActivity.CPU]
        if device.type == 'cuda':
            acts.append(torch.profiler.ProfilerActivity.CUDA)
        self.prof = torch.profiler.profile(activities=acts)
        self.wall = None

    def __call__(self, what):
        shaped.synchronize(self.device)
        if what == 'start':
            self.prof.start()
            self.t0 = time.perf_counter()
        else:
            self.wall = time.perf_counter() - self.t0
            self.prof.stop()


def split_host_gpu(prof, steps, wall_s, span=None):
    """
    Per-step host and GPU time from a finished profiler.

    hostMsPerStep: wall minus the time the host thread sat blocked in CUDA synchronisation/copy calls (Python,
    dispatch, kernel launches: the part a faster CPU shortens). gpuKernelMsPerStep: summed CUDA kernel (and
    memcpy/memset) time on the device. If span names a record_function, only events inside it count.
    """
    from torch.autograd import DeviceType

    events = list(prof.events())
    if span:
        marks = [e for e in events if e.name == span]
        if marks:
            t0, t1 = marks[0].time_range.start, marks[-1].time_range.end
            wall_s = (t1 - t0) / 1e6
            events = [e for e in events if e.time_range.start >= t0 and e.time_range.end <= t1 + 1000]
    cpu = [e for e in events if e.device_type == DeviceType.CPU]
    gpu = [e for e in events if e.device_type == DeviceType.CUDA]
    sync_us = sum(e.time_range.elapsed_us() for e in cpu if e.name in SYNC_CALLS)
    launches = sum(1 for e in cpu if e.name in LAUNCH_CALLS)
    aten = [e for e in cpu if e.name.startswith('aten::')]
    top_ops = [e for e in aten if e.cpu_parent is None or not e.cpu_parent.name.startswith('aten::')]
    kernels = [e for e in gpu if not e.name.startswith(('Memcpy', 'Memset'))]
    gpu_us = sum(e.time_range.elapsed_us() for e in gpu)
    wall_ms = wall_s * 1e3 / steps
    out = {
        'steps': steps,
        'wallMsPerStep': round(wall_ms, 3),
        'opsPerStep': round(len(top_ops) / steps, 1),
        'atenCpuMsPerStep': round(sum(e.self_cpu_time_total for e in aten) / 1e3 / steps, 3),
    }
    if gpu or launches:
        host_ms = wall_ms - sync_us / 1e3 / steps
        gpu_ms = gpu_us / 1e3 / steps
        out.update({
            'hostMsPerStep': round(host_ms, 3),
            'syncWaitMsPerStep': round(sync_us / 1e3 / steps, 3),
            'gpuKernelMsPerStep': round(gpu_ms, 3),
            'kernelsPerStep': round(len(kernels) / steps, 1),
            'launchesPerStep': round(launches / steps, 1),
            'gpuBusyFraction': round(gpu_ms / wall_ms, 3) if wall_ms else None,
            'bound': 'host' if host_ms >= gpu_ms else 'gpu',
        })
    else:
        out['note'] = 'no CUDA activity: all time is host time (CPU run)'
    return out


# ---------------------------------------------------------------------------------------------------------------
# Back ends: the ChatTTS-shaped decoder and real ChatTTS


class ShapedBackend:
    name = 'chattts-shaped'

    def __init__(self, device, dtype, prompt, kv_cache, compile_):
        self.device, self.dtype, self.prompt, self.kv_cache = device, dtype, prompt, kv_cache
        self.model = shaped.Decoder().to(device=device, dtype=dtype).eval()
        if compile_:
            self.model.step = torch.compile(self.model.step, dynamic=True)
        params = sum(p.numel() for p in self.model.parameters())
        self.description = (
            f'ChatTTS-shaped decoder (tools/chattts_shaped.py, {params / 1e6:.1f} M parameters, '
            f'random weights), prompt {prompt} tokens, KV cache {kv_cache}, top-K/top-P sampling and a host stop '
            'check per step; not the Hugging Face loop of real ChatTTS, so its per-step host work differs')

    def run(self, lengths, window=None, on_window=None):
        if self.device.type == 'cuda':
            torch.cuda.reset_peak_memory_stats(self.device)
        r = shaped.run_batch(self.model, lengths, self.prompt, self.dtype, self.device, self.kv_cache,
                             window=window, on_window=on_window)
        if self.device.type == 'cuda':
            r['peakAllocatedGb'] = round(torch.cuda.max_memory_allocated(self.device) / 1e9, 3)
        return r

    def profile(self, batch, steps):
        skip = 3
        win = Window(self.device)
        self.run([skip + steps] * batch, window=(skip, steps), on_window=win)
        return split_host_gpu(win.prof, steps, win.wall)


class ChatTTSBackend:
    name = 'chattts'
    TEXT = 'The quick brown fox jumps over the lazy dog, and then it runs back home again.'

    def __init__(self, device, path, compile_, seed):
        import ChatTTS  # noqa: F401  (raises ImportError when absent)

        self.ChatTTS, self.device, self.seed = ChatTTS, device, seed
        chat = ChatTTS.Chat()
        kwargs = {'compile': compile_, 'device': device}
        if path:
            kwargs.update(source='custom', custom_path=path)
        if not chat.load(**_accepted(chat.load, kwargs)):
            raise RuntimeError(f'ChatTTS weights did not load from {path or os.getcwd()}')
        self.chat = chat
        self.spk = chat.sample_random_speaker()
        self.timings = []
        generate = chat.gpt.generate

        def timed(*a, **kw):  # times GPT.generate only: the code pass that the decode step rate describes
            shaped.synchronize(device)
            t0 = time.perf_counter()
            with torch.profiler.record_function('chattts.gpt.generate'):
                for out in generate(*a, **kw):
                    shaped.synchronize(device)
                    self.timings.append(time.perf_counter() - t0)
                    yield out

        chat.gpt.generate = timed
        self.description = ('ChatTTS ' + _version('ChatTTS') + ' (2noise/ChatTTS), its released weights, '
                            'skip_refine_text=True, min_new_token = max_new_token = steps; only GPT.generate timed')

    def _infer(self, batch, steps):
        Params = self.ChatTTS.Chat.InferCodeParams
        params = Params(**_accepted(Params, {'spk_emb': self.spk, 'min_new_token': steps, 'max_new_token': steps,
                                             'show_tqdm': False, 'manual_seed': self.seed}))
        kwargs = {'skip_refine_text': True, 'split_text': False, 'do_text_normalization': False,
                  'do_homophone_replacement': False, 'params_infer_code': params}
        self.timings.clear()
        self.chat.infer([self.TEXT] * batch, **_accepted(self.chat.infer, kwargs))
        return self.timings[-1]

    def run(self, lengths, window=None, on_window=None):
        batch, longest = len(lengths), max(lengths)
        if self.device.type == 'cuda':
            torch.cuda.reset_peak_memory_stats(self.device)
        seconds = self._infer(batch, longest)  # a static batch costs its longest member: run them all that long
        r = {'steps': longest, 'seconds': seconds, 'decodeStepsPerSecond': longest / seconds,
             'usefulSteps': int(sum(lengths)), 'totalSteps': batch * longest}
        if self.device.type == 'cuda':
            r['peakAllocatedGb'] = round(torch.cuda.max_memory_allocated(self.device) / 1e9, 3)
        return r

    def profile(self, batch, steps):
        win = Window(self.device)
        win('start')
        self._infer(batch, steps)
        win('stop')
        out = split_host_gpu(win.prof, steps, win.wall, span='chattts.gpt.generate')
        out['note'] = 'window = one GPT.generate call: includes its prefill'
        return out


def _accepted(fn, kwargs):
    """The keyword arguments that fn (or a dataclass) accepts: ChatTTS's signatures changed across versions."""
    import inspect

    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return kwargs
    if any(p.kind == p.VAR_KEYWORD for p in params.values()):
        return kwargs
    return {k: v for k, v in kwargs.items() if k in params}


def _version(package):
    try:
        from importlib.metadata import version
        return version(package)
    except Exception:
        return '(version unknown)'


# ---------------------------------------------------------------------------------------------------------------
# The benchmark


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--out', help='also write the JSON here')
    ap.add_argument('--model', choices=('auto', 'chattts', 'shaped'), default='auto',
                    help='auto: real ChatTTS when it loads, else the ChatTTS-shaped decoder')
    ap.add_argument('--chattts-path', help='directory holding ChatTTS asset/ weights (default: ChatTTS looks in cwd)')
    ap.add_argument('--precision', choices=tuple(DTYPES), default='fp32', help='fp32 (ChatTTS stock) or fp16')
    ap.add_argument('--compile', action='store_true', help='torch.compile the step (runtime "compile")')
    ap.add_argument('--device', help='cuda, cuda:1, cpu (default: cuda when available)')
    ap.add_argument('--gpu-id', help='the service GPU id, when the automatic guess fails')
    ap.add_argument('--batches', default='1,8,32')
    ap.add_argument('--short-steps', type=int, default=234, help='~5 s of audio (46.875 steps per second)')
    ap.add_argument('--long-steps', type=int, default=1406, help='~30 s of audio')
    ap.add_argument('--mixed-batches', default=None,
                    help='sizes of static batches of mixed lengths (default: the smallest batch above 1, e.g. 8)')
    ap.add_argument('--seed', type=int, default=1, help='seed of the mixed lengths')
    ap.add_argument('--prompt', type=int, default=64, help='prompt tokens before decoding (shaped decoder)')
    ap.add_argument('--kv-cache', choices=('cat', 'static'), default='cat',
                    help='shaped decoder: grow the cache with torch.cat each step (HF eager) or pre-allocate it')
    ap.add_argument('--profile-steps', type=int, default=30, help='steps in each profiler window (0: no profile)')
    ap.add_argument('--workers', default='',
                    help='worker-process counts to run side by side on the device, e.g. 1,2,4,8 (default: none)')
    ap.add_argument('--workers-batch', type=int, default=1, help='batch of each worker process')
    ap.add_argument('--quick', action='store_true',
                    help='CPU smoke run: batches 1,2, 8/24 steps, prompt 8, 4 profiled steps (not calibration data)')
    args = ap.parse_args(argv)
    if args.quick:
        args.batches, args.short_steps, args.long_steps, args.prompt, args.profile_steps = '1,2', 8, 24, 8, 4
    args.batch_list = sorted({int(b) for b in args.batches.split(',') if b.strip()})
    mixed = args.mixed_batches
    if mixed is None:
        above_one = [b for b in args.batch_list if b > 1]
        mixed = str(above_one[0]) if above_one else ''
    args.mixed_list = [int(b) for b in mixed.split(',') if b.strip()]
    args.workers_list = sorted({int(w) for w in args.workers.split(',') if w.strip()})
    if any(w < 1 for w in args.workers_list) or args.workers_batch < 1:
        ap.error('--workers counts and --workers-batch must be >= 1')
    if min(args.batch_list + args.mixed_list + [1]) < 1 or args.short_steps < 1 or args.long_steps < args.short_steps:
        ap.error('batches must be >= 1 and 1 <= --short-steps <= --long-steps')
    return args


def pick_device(args):
    if args.device:
        return torch.device(args.device)
    return torch.device('cuda' if torch.cuda.is_available() else 'cpu')


def check_precision(args, device):
    if args.precision == 'fp32':
        return None
    if device.type != 'cuda':
        sys.exit(f'--precision {args.precision}: only on a CUDA device here (this run is on {device})')
    major, minor = torch.cuda.get_device_capability(device)
    if (major, minor) == (6, 1):
        return 'compute capability 6.1 (Pascal) runs fp16 at 1/64 rate: expect fp16 no faster than fp32'
    return None


def load_backend(args, device):
    dtype = DTYPES[args.precision]
    reason = None
    if args.model in ('auto', 'chattts'):
        try:
            if args.precision != 'fp32':
                raise RuntimeError('stock ChatTTS decodes in fp32 (fp16 only on its flash-attention path)')
            return ChatTTSBackend(device, args.chattts_path, args.compile, args.seed), None
        except Exception as err:  # ImportError, missing weights, a changed API
            reason = f'real ChatTTS not used: {type(err).__name__}: {err}'
            if args.model == 'chattts':
                sys.exit(reason)
    return ShapedBackend(device, dtype, args.prompt, args.kv_cache, args.compile), reason


# ---------------------------------------------------------------------------------------------------------------
# Worker processes per GPU: W processes, each its own model copy and batch, started together


def _worker(rank, spec, barrier, results):
    device = torch.device(spec['device'])
    if spec['backend'] == ChatTTSBackend.name:
        backend = ChatTTSBackend(device, spec['chattts_path'], spec['compile'], spec['seed'] + rank)
    else:
        backend = ShapedBackend(device, DTYPES[spec['precision']], spec['prompt'], spec['kv_cache'], spec['compile'])
    backend.run([min(spec['steps'], 8)] * spec['batch'])  # warm-up, not timed
    barrier.wait()
    start = time.time()
    r = backend.run([spec['steps']] * spec['batch'])
    results.put({'rank': rank, 'start': start, 'end': time.time(), 'decodeStepsPerSecond': r['decodeStepsPerSecond']})


def run_workers(args, device, backend_name):
    import torch.multiprocessing as mp
    ctx = mp.get_context('spawn')
    spec = {'device': str(device), 'backend': backend_name, 'precision': args.precision, 'prompt': args.prompt,
            'kv_cache': args.kv_cache, 'compile': args.compile, 'chattts_path': args.chattts_path,
            'seed': args.seed, 'steps': args.short_steps, 'batch': args.workers_batch}
    rows = []
    for w in args.workers_list:
        barrier, results = ctx.Barrier(w), ctx.Queue()
        procs = [ctx.Process(target=_worker, args=(i, spec, barrier, results)) for i in range(w)]
        for p in procs:
            p.start()
        got = [results.get(timeout=900) for _ in procs]
        for p in procs:
            p.join()
        span = max(g['end'] for g in got) - min(g['start'] for g in got)
        stream_steps = w * spec['batch'] * spec['steps'] / span
        rows.append({'workers': w, 'batchPerWorker': spec['batch'], 'steps': spec['steps'],
                     'perWorkerStepsPerSecond': [round(g['decodeStepsPerSecond'], 3)
                                                 for g in sorted(got, key=lambda g: g['rank'])],
                     'spanSeconds': round(span, 4), 'aggregateStreamStepsPerSecond': round(stream_steps, 2)})
        log(f'  {w} worker(s) x batch {spec["batch"]}: {stream_steps:.1f} stream-steps/s in all, per worker '
            + ', '.join(f'{x:.1f}' for x in rows[-1]['perWorkerStepsPerSecond']))
    one = next((r['aggregateStreamStepsPerSecond'] for r in rows if r['workers'] == 1), None)
    for r in rows:
        r['scalingVsOne'] = round(r['aggregateStreamStepsPerSecond'] / one, 3) if one else None
    return rows


def main(argv=None):
    args = parse_args(argv)
    device = pick_device(args)
    began = time.perf_counter()
    precision_note = check_precision(args, device)
    backend, fallback = load_backend(args, device)
    runtime = 'compile' if args.compile else 'eager'
    env = environment(device, args, backend.description)
    env['chatttsFallback'] = fallback
    if precision_note:
        env['precisionNote'] = precision_note
    log(f'benchmark_chattts: {backend.name} on {env["gpuName"] or env["hostCpu"]["model"]} ({device}), '
        f'{args.precision}, {runtime}' + (f' -- {fallback}' if fallback else ''))

    lengths = (('short', args.short_steps), ('long', args.long_steps))
    details, measurements = [], []
    for batch in args.batch_list:
        for label, steps in lengths:
            r = backend.run([steps] * batch)
            audio = steps / shaped.STEPS_PER_AUDIO_SECOND
            sps = r['decodeStepsPerSecond']
            log(f'  batch {batch:>3} {label:<5} {steps:>5} steps: {sps:8.2f} steps/s, '
                f'{1000 / sps:7.2f} ms/step, aggregate RTF {1 / (sps * batch) * shaped.STEPS_PER_AUDIO_SECOND:.3f}')
            measurements.append({
                'runtime': runtime,
                'precision': args.precision,
                'batch': batch,
                'metric': 'decodeStepsPerSecond',
                'value': round(sps, 3),
                'audioSecondsPerStream': round(max(audio, 0.1), 2),
                'refineText': False,
            })
            details.append({
                'batch': batch,
                'utterance': label,
                'steps': steps,
                'audioSecondsPerStream': round(audio, 3),
                'seconds': round(r['seconds'], 4),
                'decodeStepsPerSecond': round(sps, 3),
                'msPerStep': round(1000 / sps, 3),
                'streamRtf': round(shaped.STEPS_PER_AUDIO_SECOND / sps, 4),
                'aggregateRtf': round(shaped.STEPS_PER_AUDIO_SECOND / sps / batch, 5),
                'peakAllocatedGb': r.get('peakAllocatedGb'),
            })

    static = []
    for batch in args.mixed_list:
        lens = shaped.mixed_lengths(batch, args.short_steps, args.long_steps, args.seed + batch)
        r = backend.run(lens)
        eff = r['usefulSteps'] / r['totalSteps']
        log(f'  mixed batch {batch:>3}: longest {max(lens)} steps, efficiency {eff:.3f}, '
            f'{r["usefulSteps"] / r["seconds"]:.1f} useful stream-steps/s')
        static.append({
            'batch': batch,
            'lengths': lens,
            'longestSteps': max(lens),
            'meanSteps': round(sum(lens) / batch, 1),
            'usefulSteps': r['usefulSteps'],
            'totalSteps': r['totalSteps'],
            'efficiency': round(eff, 4),
            'seconds': round(r['seconds'], 4),
            'decodeStepsPerSecond': round(r['decodeStepsPerSecond'], 3),
            'usefulStreamStepsPerSecond': round(r['usefulSteps'] / r['seconds'], 2),
            'peakAllocatedGb': r.get('peakAllocatedGb'),
        })

    profile = []
    if args.profile_steps > 0:
        for batch in sorted({args.batch_list[0], args.batch_list[-1]}):
            try:
                p = backend.profile(batch, args.profile_steps)
            except Exception as err:  # a profiler that behaves differently must not cost the whole run
                p = {'error': f'{type(err).__name__}: {err}'}
            p['batch'] = batch
            log(f'  profile batch {batch}: ' + ', '.join(f'{k} {v}' for k, v in p.items() if k != 'batch'))
            profile.append(p)

    workers = run_workers(args, device, backend.name) if args.workers_list else []

    env['benchmarkSeconds'] = round(time.perf_counter() - began, 1)
    gpu_id = env['gpuId'] if device.type == 'cuda' else 'cpu'
    request = None
    if gpu_id:
        request = {'modelId': 'chattts', 'gpuId': gpu_id, 'runtime': runtime, 'precision': args.precision,
                   'measurements': measurements}
        if gpu_id == 'cpu':
            cpu = env['hostCpu']
            request['cpuHost'] = {'cores': cpu['physicalCores'] or cpu['logicalCores'] or 1,
                                  'clockGhz': min(6, max(0.5, cpu['clockGhzReported'] or 3.0))}
    result = {
        'about': ('ChatTTS decode benchmark (tools/benchmark_chattts.py). measurements: POST them to '
                  '/v1/capacity-plans (capacityPlanRequest is a ready body when the GPU id is known). '
                  + ('QUICK SMOKE RUN: tiny step counts, not calibration data. ' if args.quick else '')
                  + ('CPU run: no GPU time in it. ' if device.type == 'cpu' else '')),
        'smoke': bool(args.quick),
        'implementation': backend.name,
        'modelId': 'chattts',
        'gpuId': gpu_id,
        'runtime': runtime,
        'precision': args.precision,
        'measurements': measurements,
        'capacityPlanRequest': request,
        'environment': env,
        'details': details,
        'staticBatching': {
            'about': ('static batches of mixed utterance lengths (log-uniform between the short and long lengths, '
                      f'seed {args.seed}+batch): the batch runs until its longest member ends; efficiency = '
                      'useful steps / (batch x longest)'),
            'batches': static,
        },
        'workersPerGpu': {
            'about': ('W worker processes on one device, each with its own model copy and a batch of '
                      f'{args.workers_batch} short utterances, started together behind a barrier; aggregate = all '
                      'stream-steps / the span from the first start to the last end; scalingVsOne against 1 process'),
            'runs': workers,
        },
        'profile': {
            'about': ('torch.profiler over a window of decode steps at short context. hostMsPerStep = wall minus '
                      'time blocked in CUDA sync/copy calls (Python, dispatch, launches); gpuKernelMsPerStep = CUDA '
                      'kernel time on the device; bound = the larger. Profiling slows the host a little.'),
            'windows': profile,
        },
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + '\n')
        log(f'wrote {args.out}')
    return result


if __name__ == '__main__':
    main()
