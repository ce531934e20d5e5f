import { NotFoundException } from '@nestjs/common';

/** A catalog as its data module builds it: a content-hash version, the items in file order, an index by id. */
export interface Catalog<T extends { id: string }> {
  version: string;
  items: T[];
  byId: ReadonlyMap<string, T>;
}

/**
 * What the read-only catalog services (GPUs, host CPUs, offers, model profiles) share: the version, the list under a
 * filter, the lookup by id and the 404 (problem+json) of an unknown id. A subclass builds its catalog and says how
 * it filters and how it names an unknown id.
 */
export abstract class CatalogService<T extends { id: string }, F = void> {
  protected abstract readonly catalog: Catalog<T>;
  /** The items of `items` that pass `filter`. */
  protected abstract query(items: T[], filter: F): T[];
  /** The detail of the 404 for an unknown id. */
  protected abstract unknownId(id: string): string;

  get version(): string {
    return this.catalog.version;
  }

  all(): T[] {
    return this.catalog.items;
  }

  list(filter: F): T[] {
    return this.query(this.catalog.items, filter);
  }

  find(id: string): T | undefined {
    return this.catalog.byId.get(id);
  }

  get(id: string): T {
    const item = this.find(id);
    if (!item) throw new NotFoundException(this.unknownId(id));
    return item;
  }
}
