#!/usr/bin/env bash
# The device check of a session that is lent a GPU machine (see README "Measure your own GPU box"): one prepared run,
# PyTorch alone (the machine reaches no network, so real ChatTTS cannot be installed there: the ChatTTS-shaped decoder
# runs), every output with its GPU, driver, library versions, host CPU and command. About 6-8 minutes on an H200.
# Usage (the device tool runs it in the repository root, $OUT comes back):  bash tools/gpu-run.sh "$OUT"
set -u
out=${1:-${OUT:-tools/results/gpu-run}}
mkdir -p "$out"
py=${PYTHON:-python3}
stamp=$(date -u +%Y-%m-%d)
{ nvidia-smi; nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv; lscpu; "$py" -c 'import torch,sys;print(sys.version);print(torch.__version__, torch.version.cuda, torch.backends.cudnn.version())'; } >"$out/environment-$stamp.txt" 2>&1
run() { local name=$1; shift; echo "== $name: $*"; timeout "${STEP_TIMEOUT:-150}" "$py" "$@" --out "$out/$name-$stamp.json" >/dev/null 2>"$out/$name-$stamp.log"; echo "rc $?"; tail -n 3 "$out/$name-$stamp.log"; }
run bench-fp32-eager tools/benchmark_chattts.py --model shaped
run bench-fp32-compile tools/benchmark_chattts.py --model shaped --compile
run bench-fp16-eager tools/benchmark_chattts.py --model shaped --precision fp16
run workers-fp32-eager tools/benchmark_chattts.py --model shaped --batches 1 --mixed-batches '' --profile-steps 0 --workers 1,2,4,8,16
run decoder-sweep tools/measure_chattts_decoder.py --batches 1,2,4,8,16,32,64,128 --steps 200 --mixed-batches 8,32
ls -la "$out"
