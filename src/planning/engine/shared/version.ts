/** Semantic version of the planning engine's formulas; bump on any change that alters a number. */
export const ENGINE_SEMVER = '1.0.0';

/**
 * engineVersion = formulas + fitted calibration + model profiles: any change gives new cache keys. The calibration's
 * hash comes from calibration/ (CALIBRATION_HASH), the profiles' version from the models module.
 */
export function engineVersion(calibrationHash: string, modelsVersion: string): string {
  return `${ENGINE_SEMVER}+cal.${calibrationHash}.models.${modelsVersion}`;
}
