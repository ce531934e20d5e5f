/**
 * The serving implementations that exist for ChatTTS (and for the article's hypothetical tiers, which would run on
 * the same code). Facts read 2026-12-01 from the projects' code at the commits named in `version`.
 */
import type { RuntimeSpec } from '../model-profile.types';
import { eagerAndCompiled, fp16From, tensorrtEngine, vllmEngine } from './runtime-builders';

const CHATTTS = 'https://github.com/2noise/ChatTTS/blob/1092c1ffcaa82f4bdef104c35aa5541227c3e1d7';
const PLUS = 'https://github.com/warmshao/ChatTTSPlus/blob/5ada59126fe2e7b61c78f75dd2b7190d44cb5d8f';
const FORGE = 'https://github.com/lenML/Speech-AI-Forge/blob/ddb7670/performance_results.csv';
/** FlashAttention-2 runs on Ampere, Ada and Hopper (its README); ChatTTS casts the GPT to fp16 only on that path. */
const FLASH_ATTN = 'https://github.com/Dao-AILab/flash-attention/blob/main/README.md';
const TRITON_CC = 'https://github.com/pytorch/pytorch/issues/93801';

export const CHATTTS_RUNTIMES: readonly RuntimeSpec[] = [
  // The stock loop and its torch.compile variant: same code, same precisions, same batching.
  ...eagerAndCompiled(
    {
      version: 'ChatTTS v0.2.4 (1092c1f, 2025-05-23)',
      ...fp16From(8.0),
      evidence: 'measured',
    },
    {
      name: '2noise/ChatTTS Chat.infer (transformers LlamaModel, Python decode loop)',
      memory:
        'PyTorch caching allocator; the HF DynamicCache grows by torch.cat at every step; select_device refuses a GPU ' +
        'with < 2047 MB free and falls back to the CPU.',
      sources: [
        `${CHATTTS}/ChatTTS/model/gpt.py`,
        `${CHATTTS}/ChatTTS/core.py`,
        `${CHATTTS}/ChatTTS/utils/gpu.py`,
        `${CHATTTS}/README.md`,
        FLASH_ATTN,
        FORGE,
      ],
      notes:
        'Stock precision is fp32 (LlamaModel.from_pretrained, no dtype). fp16 exists only through ' +
        'use_flash_attn=True (gpt.prepare casts the GPT to float16 when FlashAttention-2 is installed, Ampere or newer); ' +
        "ChatTTS's README calls that path unrecommended because it slows generation. No int8 path exists. " +
        'select_device picks CUDA (or an Ascend NPU), else the CPU: AMD (ROCm), Intel Gaudi and Apple MPS are not ' +
        'serving targets here. Batch > 1 measured on an RTX 2080 Ti (Speech-AI-Forge, batch 2–8).',
    },
    {
      name: '2noise/ChatTTS with torch.compile (Chat.load(compile=True), inductor, dynamic=True)',
      memory: 'As eager, plus compiled-graph caches (one per dynamic shape bucket).',
      sources: [
        `${CHATTTS}/ChatTTS/core.py`,
        `${CHATTTS}/ChatTTS/model/gpt.py`,
        TRITON_CC,
        'https://github.com/2noise/ChatTTS/issues/341',
        FORGE,
      ],
      notes:
        'core.py compiles only on CUDA (gpt.prepare(compile=compile and "cuda" in str(device))): a CPU host runs eager. ' +
        'Inductor emits Triton kernels, which need compute capability 7.0 or newer: on Pascal the first call fails ' +
        '("too old to be supported by the triton GPU compiler", ChatTTS #341 on a GTX 1080 Ti). fp16 as for eager. ' +
        'Batch > 1 measured on an RTX 2080 Ti (Speech-AI-Forge, batch 2–8).',
    },
  ),
  tensorrtEngine({
    name: 'ChatTTSPlus TensorRT port (warmshao/ChatTTSPlus, configs/infer/chattts_plus_trt.yaml)',
    version: 'ChatTTSPlus 5ada591 (2025-02-09) with TensorRT 10',
    minComputeCapability: 7.5,
    maxBatch: 4,
    precisions: ['fp32', 'fp16'],
    memory:
      'TensorRT engine built for at most batch 4 × 2048 positions; output and KV buffers are allocated at those ' +
      'maximum shapes (output_max_shapes in the config).',
    sources: [
      `${PLUS}/chattts_plus/commons/onnx2trt.py`,
      `${PLUS}/chattts_plus/pipelines/chattts_plus_pipeline.py`,
      `${PLUS}/configs/infer/chattts_plus_trt.yaml`,
      `${PLUS}/README.md`,
      'https://docs.nvidia.com/deeplearning/tensorrt/latest/getting-started/release-notes-10/10.5.0.html',
      'https://docs.nvidia.com/deeplearning/tensorrt/archives/tensorrt-1010/support-matrix/index.html',
    ],
    notes:
      'The optimisation profile (onnx2trt.py) caps batch at 4 and the pipeline slices longer lists ("only support max ' +
      'batch size is equal to 4"); commit c692cdc (2024-10-21) lowered it from 8, which older write-ups still quote. ' +
      'The engine builds fp16 by default, or fp32; its int8 flag has no calibrator, so int8 is not a working path. ' +
      'README asks for "tensorrt10": TensorRT 10 has no kernels below SM 7.0 (Pascal), and 10.5 removed Volta (7.0), ' +
      'so current releases need 7.5+. Only a batch-1 measurement exists (RTX 3060, 28 → 110 steps/s).',
  }),
  vllmEngine({
    name: '2noise/ChatTTS vendored vLLM engine (ChatTTS/model/velocity, Chat.load(use_vllm=True))',
    version: 'ChatTTS v0.2.4 velocity on vllm==0.2.7 (README)',
    maxComputeCapability: 9.0,
    maxBatch: 256,
    precisions: ['fp16'],
    streaming: false,
    memory:
      'Reserves gpu_memory_utilization (default 0.9) of the card at start-up for weights and paged KV blocks, ' +
      'whatever the load.',
    sources: [
      `${CHATTTS}/ChatTTS/core.py`,
      `${CHATTTS}/ChatTTS/model/gpt.py`,
      `${CHATTTS}/ChatTTS/model/velocity/llm.py`,
      `${CHATTTS}/ChatTTS/model/velocity/configs.py`,
      `${CHATTTS}/README.md`,
      'https://github.com/vllm-project/vllm/blob/v0.2.7/setup.py',
      'https://docs.vllm.ai/en/v0.3.3/getting_started/installation.html',
    ],
    notes:
      'Linux only; imports vllm 0.2.7 internals (vllm.block, PagedAttention), whose CUDA 12.1 wheels carry kernels for ' +
      'SM 7.0–9.0 only (no Blackwell) and no MI300 (gfx942) ROCm target. dtype "auto" turns the fp32 checkpoint into ' +
      'fp16 and Chat.load passes no dtype: fp16 only. The velocity path returns whole utterances (no streaming: first ' +
      'audio = the whole generation). The LLMEngine schedules continuously (max_num_seqs 256 by default), but ' +
      'Chat.infer drives it through the offline LLM.generate, which returns when its whole list is done: requests ' +
      'join between steps only in a server that calls LLMEngine.add_request/step itself.',
  }),
];
