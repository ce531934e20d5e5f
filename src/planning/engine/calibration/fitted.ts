import { createHash } from 'node:crypto';
import type { Calibration } from '../shared';
import fitted from './calibration.fitted.json';

/** The fitted calibration (written by `npm run calibrate`) and its content hash, part of engineVersion. */
export const CALIBRATION: Calibration = (fitted as unknown as { calibration: Calibration }).calibration;
export const CALIBRATION_HASH = createHash('sha256').update(JSON.stringify(CALIBRATION)).digest('hex').slice(0, 12);
