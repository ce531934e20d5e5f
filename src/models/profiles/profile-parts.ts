/** Parts that several profile files state alike: the CPU text front end, the host of a run whose CPU is not named. */
import type { PublishedMeasurement, StageSpec } from '../model-profile.types';

/** The text front end (normalisation, tokenizer / G2P): on the CPU, no weights counted. */
export function textFrontend(parametersSource: string, notes?: string): StageSpec {
  const stage: StageSpec = {
    name: 'text-frontend',
    kind: 'text-frontend',
    device: 'cpu',
    parameters: 0,
    parametersSource,
  };
  return notes === undefined ? stage : { ...stage, notes };
}

type Host = Required<Pick<PublishedMeasurement, 'hostCpu' | 'hostReasoning'>>;

/**
 * A run on one L20 whose source names no CPU. `where` cites the source and quotes its GPU sentence. The L20 is a
 * data-centre card that no catalog instance hosts, so the engine assumes an unknown server host.
 */
export function unnamedL20Host(where: string): Host {
  return {
    hostCpu: null,
    hostReasoning: `${where}, no CPU named; the L20 is a data-centre card no catalog instance hosts, so an unknown server host (median published server score, widened band) is assumed`,
  };
}
