import type { Type } from '@nestjs/common';
import { CreateCapacitySweepDto } from '../capacity/dto/create-capacity-sweep.dto';
import { CreateRecommendationDto } from '../recommendations/dto/create-recommendation.dto';
import { ValidationProblem } from '../../common/problem/validation-problem';
import { capacitySweepBody, numberParam, recommendationBody, validateBody } from './links';

async function problem(promise: Promise<unknown>): Promise<ValidationProblem> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ValidationProblem) return err;
    throw err;
  }
  throw new Error('expected a ValidationProblem');
}

describe('chart links', () => {
  // A link's query as the POST body it stands for, and that body validated as the POST would (the DTO's defaults).
  it.each<{ what: string; link: () => Record<string, unknown>; body: object; dto: Type<object>; validated: object }>([
    {
      what: "turns a sweep link into the POST body, with the DTO's defaults for what it leaves out",
      link: () =>
        capacitySweepBody({
          modelId: 'chattts',
          gpuIds: 'l4, t4,rtx-4090',
          runtime: 'eager',
          batchSizes: '1,4,16',
          audioSeconds: '20',
          streaming: 'true',
        }),
      body: {
        modelId: 'chattts',
        gpuIds: ['l4', 't4', 'rtx-4090'],
        runtimes: ['eager'],
        batchSizes: [1, 4, 16],
        utterance: { audioSeconds: 20 },
        streaming: true,
      },
      dto: CreateCapacitySweepDto,
      validated: {
        precisions: ['fp16'],
        targetRtf: 1,
        utterance: { audioSeconds: 20, refineText: true },
        gpuMemoryUtilization: 0.9,
      },
    },
    {
      what: 'turns a recommendation link into the POST body with budget and spot nested',
      link: () =>
        recommendationBody({
          modelId: 'chattts',
          streams: '100',
          gpuIds: 'a10,l4',
          maxGpus: '4',
          interruptionsPerHour: '0.1',
          pricing: 'spot',
        }),
      body: {
        modelId: 'chattts',
        streams: 100,
        gpuIds: ['a10', 'l4'],
        budget: { maxGpus: 4 },
        spot: { interruptionsPerHour: 0.1 },
        pricing: 'spot',
      },
      dto: CreateRecommendationDto,
      validated: { spot: { interruptionsPerHour: 0.1, recoveryMinutes: 15 } },
    },
  ])('$what', async ({ link, body, dto, validated }) => {
    const fromLink = link();
    expect(fromLink).toEqual(body);
    const valid = await validateBody(dto, fromLink);
    expect(valid).toBeInstanceOf(dto);
    expect(valid).toMatchObject(validated);
  });

  it('gives the same DTO as the equivalent POST body (so both share a cache key)', async () => {
    const fromLink = await validateBody(
      CreateCapacitySweepDto,
      capacitySweepBody({ modelId: 'chattts', gpuIds: 'l4', runtimes: 'eager,vllm', targetRtf: '0.5' }),
    );
    const fromBody = await validateBody(CreateCapacitySweepDto, {
      modelId: 'chattts',
      gpuIds: ['l4'],
      runtimes: ['eager', 'vllm'],
      targetRtf: 0.5,
    });
    expect(JSON.stringify(fromLink)).toBe(JSON.stringify(fromBody));
  });

  it.each([
    {
      link: 'sweep',
      invalid: () =>
        validateBody(
          CreateCapacitySweepDto,
          capacitySweepBody({
            modelId: 'chattts',
            targetRtf: 'fast',
            audioSeconds: '99999',
            batchSizes: '0,2',
            runtimes: 'warp',
          }),
        ),
      fields: ['targetRtf', 'audioSeconds', 'batchSizes', 'runtimes'],
    },
    {
      link: 'recommendation',
      invalid: () =>
        validateBody(CreateRecommendationDto, recommendationBody({ modelId: 'chattts', streams: '0', maxGpus: '-1' })),
      fields: ['streams', 'maxGpus'],
    },
  ])("refuses what the POST refuses, naming the $link link's parameters", async ({ invalid, fields }) => {
    const err = await problem(invalid());
    expect(err.getStatus()).toBe(400);
    expect(err.fieldErrors.map((e) => e.field)).toEqual(expect.arrayContaining(fields));
    expect(err.message).toMatch(/^Invalid link: check /);
  });

  it('refuses a list and its one-value shorthand together', () => {
    expect(() => capacitySweepBody({ modelId: 'chattts', runtimes: 'eager', runtime: 'vllm' })).toThrow(
      ValidationProblem,
    );
  });

  it('reads numbers strictly: text stays text for the DTO to refuse', () => {
    expect(numberParam('1e3')).toBe(1000);
    expect(numberParam(' 0.5 ')).toBe(0.5);
    expect(numberParam('0x10')).toBe('0x10');
    expect(numberParam('NaN')).toBe('NaN');
    expect(numberParam('')).toBe('');
  });
});
