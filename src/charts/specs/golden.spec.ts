/**
 * Byte-level guard for the chart builders: fixed inputs (testing/golden-inputs.json, engine answers captured on
 * 2026-12-01 and cut to the fields the charts read) must give the same Vega-Lite spec and the same SVG bytes. A
 * refactor of a chart or of chart-common keeps every hash; a change meant to alter a chart updates the hash it
 * alters (the failure prints the new one). The recommendation chart also draws the engine's cost curves
 * (cheapestCostCurve), so a change there moves its hashes too.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSvg } from '../render';
import { capacityPlanChart } from './capacity-plan.chart';
import { capacitySweepChart } from './capacity-sweep.chart';
import { recommendationChart } from './recommendation.chart';
import { trainingPlanChart } from './training-plan.chart';

type Builder = (input: never) => object;
const BUILDERS: Record<string, Builder> = {
  sweep: capacitySweepChart as Builder,
  recommendation: recommendationChart as Builder,
  capacity: capacityPlanChart as Builder,
  training: trainingPlanChart as Builder,
};
const INPUTS = JSON.parse(readFileSync(join(__dirname, '..', 'testing', 'golden-inputs.json'), 'utf8')) as Record<
  string,
  Record<string, unknown>
>;

/** sha256 of JSON.stringify(spec), then of the rendered SVG. */
const EXPECTED: Record<string, [spec: string, svg: string]> = {
  'sweep/three-gpus': [
    'f5f21b20746c3eb4dd85ada4bd693adaf275260272c2ea71cd0ffdd10abdf97f',
    '50cd862111c48d08e538c49dd68f8c601c43c3840746143a08801f3ce9b593fa',
  ],
  'sweep/others': [
    '8d083af236f8b78bd9294baf806e038a1903271b85ccf89189368e134a9d48c7',
    '33e29d0555303513b792f301c39e5acb4eb9ebbfa01051bce7525b1e415aa4dd',
  ],
  'sweep/coincident': [
    'dca7a05fcd3526881d21b85ae257e4e6b10d04c166d2d9cf6bbbb6d96a17ca60',
    '4a40de40de1ce9fde251849d3e731343ea0968c83b1bc6006e3c0e779870f00a',
  ],
  'sweep/none-supported': [
    '3a444599a742fc8618a23758486865e9ae9ef59e43c004eee8d4dec2abef9afd',
    'c3297e8969ada79f2554a7807fc0a6c795dc40b88d8c98561e3e47c3dec8e994',
  ],
  'sweep/linear-hostile-name': [
    '9f9b50fddf5702429b2dc2f9688926cfa5d17714d45733c4a4d278dade973338',
    '2f5d9c1f57134d1e2f8d9d3057168adb0b75d23bde70344054a13bdfac5a1801',
  ],
  'recommendation/base': [
    '93b9efbe83dfccd8bfd8f7965563ed6c8a2e23ccac823baff57b06f4340a24ac',
    '55a95abdcf3cfa19f6c18fdfee3d93eba899b04238dfeb90751d6dc0674b384a',
  ],
  'recommendation/spot-budget-above': [
    '43f98b573c4ac3e053a1af8635e7cf998886727256fe43fd135b4c6ad29ad8b2',
    'f215f85ba58496b6e6702668bd656b6d0ac0b992d41198c0615227ad84b04754',
  ],
  'recommendation/budget-inside': [
    '216b698ff5beb676404884012f8a05aab8679fa8005c73dd7b8f54ebb6d1d6b7',
    'f981e979c66ea65fa705673eb5728ee668b4de22dfa8caee327cb7f740870c2a',
  ],
  'recommendation/one-type-t4': [
    '99bc2221b8268cffe3a4bb4c4a529d08a559261e1cc810b735c0d43b0f1647d3',
    '8159a15f35b5deb3061f590a170d719d8e30c990617a0728185d168eb9548667',
  ],
  'recommendation/infeasible': [
    '8630324a5c5ad0912bbda706a0f771f0482d5baf7f8958a7fa2ac1fe428d812a',
    'a888a66399decf8a6a50dd658f2799930a9bb6a15124739561fec57c6b068778',
  ],
  'recommendation/purchase-upfront': [
    'be44ce686a8972dadb8b2547a432cc4798585a3301d2ce230252f5ba8c487d28',
    '6ba9990bf0a9d2c5208586300b98a34ad308d592cd158b22eecd38f1e3911da1',
  ],
  'recommendation/many': [
    'b80f9f1a0887102303ccce69e12555664d0729275f5227d11bc74fcbff150e25',
    'a0b3b46228428f4c1fa8a843105c792113894acba4621626756904bbdc90a4ad',
  ],
  'recommendation/eur': [
    '73b2d56e5bb95b36f718361ce2ea3cc9460288c6eaa073c1a7daaa3ab88edb26',
    '7ccb4f2387110936fea1c637154fc856dc12d493db3bf8ac62f37c113ed4b6f9',
  ],
  'capacity/rtx-4090-fp32': [
    '51e483990761ea59de5508d1ee535840a3ba13a5d837513392d2fec6272d69e4',
    'ba3b1b9dde749ba523296511dcdddb4c5e8a48cc2956a359da4bf3bc3bba009c',
  ],
  'capacity/l4-default': [
    'a6ced11c9bd1ea2c53ae0144cebd0e6bc95bb49ac3c725bec3ec1f6c0a2027a0',
    '0bef15e3bc1e814cdaf5b5332e8c6b1123b022e57c18c62a254e4763853a3674',
  ],
  'training/base': [
    'de3fe5f8e7032b78f1e169607eda2bd8f0a550ce047c7ee192222136f4875aa6',
    '4bc65f108399871c0df679b1755ffd836bdbca794c29685d2ce46d791419b6dd',
  ],
  'training/l4-checkpointing': [
    '19950c3618b1135645fb31b13aa559ff34504cd8376a5273576425f453aed3f1',
    'd6ac4a040c2595e108d91c8cc09291d8bc52d401212d610f343b3ead4af6dcdc',
  ],
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('chart golden hashes', () => {
  it('covers every case of the fixture', () => {
    const cases = Object.entries(INPUTS).flatMap(([chart, c]) => Object.keys(c).map((name) => `${chart}/${name}`));
    expect(cases.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED))('%s renders the same spec and SVG bytes', async (id) => {
    const [chart, name] = id.split('/');
    const spec = BUILDERS[chart](INPUTS[chart][name] as never);
    const svg = await renderSvg(spec as never);
    expect([sha256(JSON.stringify(spec)), sha256(svg)]).toEqual(EXPECTED[id]);
  });
});
