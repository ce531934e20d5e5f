import { BooleanField, StringField } from '../../common/openapi/fields';

export class ListCpusQueryDto {
  /** Vendor, case-insensitive. */
  @StringField({ maxLength: 32, optional: true, example: 'AMD' })
  vendor?: string;

  /** Substring of where the CPU is found: `aws`, `aws:g4dn`, `azure`, `desktop`, `server`, `colab`. */
  @StringField({ maxLength: 64, optional: true, example: 'aws' })
  foundIn?: string;

  /** true: only CPUs with a published single-thread score; false: only those without. */
  @BooleanField({ optional: true, query: true, example: true })
  scored?: boolean;

  /** Free-text search in id, name and notes. */
  @StringField({ maxLength: 100, optional: true, example: 'epyc' })
  q?: string;
}
