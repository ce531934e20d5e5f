/** Fixtures shared by the serving specs. */

/**
 * What the specs' requests leave at the API's defaults: 10 s utterances with the text pass, not streamed, 90 % of GPU
 * memory to the runtime. Each spec adds its runtime, precision and target.
 */
export const PLAIN_UTTERANCE = {
  audioSeconds: 10,
  refineText: true,
  streaming: false,
  gpuMemoryUtilization: 0.9,
};
