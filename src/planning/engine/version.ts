import { CALIBRATION_HASH } from './calibration/index';

/** Semantic version of the planning engine's formulas; bump on any change that alters a number. */
export const ENGINE_SEMVER = '1.0.0';

/** engineVersion = formulas + fitted calibration + model profiles: any change gives new cache keys. */
export function engineVersion(modelsVersion: string): string {
  return `${ENGINE_SEMVER}+cal.${CALIBRATION_HASH}.models.${modelsVersion}`;
}
