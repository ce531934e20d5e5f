import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A recorded sample from test/fixtures/telemetry (see its README). Test support. */
export const fixture = (name: string): string =>
  readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'telemetry', name), 'utf8');
