import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPriceBooks, parsePriceBook } from './price-books.loader';

const refs = {
  offerIds: new Set(['aws-us-east-1-g6-xlarge', 'azure-standard-nc8as-t4-v3']),
  gpuIds: new Set(['l4', 'rtx-4090']),
};
const good = {
  name: 'acme',
  currency: 'EUR',
  asOf: '2026-12-01',
  prices: [{ offerId: 'aws-us-east-1-g6-xlarge', onDemandHourly: 0.7 }],
};
const parse = (book: unknown) => parsePriceBook('acme.json', JSON.stringify(book), refs);
const withEntry = (entry: object) => ({ ...good, prices: [good.prices[0], entry] });

describe('price books', () => {
  it('fills currency and asOf from the book and versions it by content', () => {
    const book = parse(good);
    expect(book.prices[0]).toEqual({
      offerId: 'aws-us-east-1-g6-xlarge',
      onDemandHourly: 0.7,
      currency: 'EUR',
      asOf: '2026-12-01',
    });
    expect(book.priceBookVersion).toMatch(/^pb-[0-9a-f]{16}$/);
    expect(parse(good).priceBookVersion).toBe(book.priceBookVersion);
    expect(parse(withEntry({ gpuId: 'l4', onDemandHourly: 0.5 })).priceBookVersion).not.toBe(book.priceBookVersion);
  });

  it('rejects a bad entry with one line naming file, entry and field', () => {
    const cases: Array<[object, string]> = [
      [
        withEntry({ gpuId: 'l4', onDemandHourly: -1 }),
        'Invalid price book acme.json: prices[1] (gpuId "l4").onDemandHourly: must not be less than 0',
      ],
      [
        withEntry({ gpuId: 'l4', hourlyUsd: 1 }),
        'Invalid price book acme.json: prices[1] (gpuId "l4").hourlyUsd: was renamed: use onDemandHourly',
      ],
      [
        withEntry({ offerId: 'nope', onDemandHourly: 1 }),
        'Invalid price book acme.json: prices[1] (offerId "nope").offerId: "nope" is not an offer of GET /v1/offers',
      ],
      [
        withEntry({ gpuId: 'l4', onDemandHourly: 1, currency: 'USD' }),
        `Invalid price book acme.json: prices[1] (gpuId "l4").currency: must be the book's currency EUR`,
      ],
      [{ ...good, currency: 'euro' }, 'Invalid price book acme.json: currency: must be an ISO 4217 code'],
      [{ ...good, prices: [] }, 'Invalid price book acme.json: prices: must be a non-empty array'],
    ];
    for (const [book, line] of cases) {
      let message = '';
      try {
        parse(book);
      } catch (err) {
        message = (err as Error).message;
        expect((err as Error).stack).toBe(message);
      }
      expect(message.startsWith(line)).toBe(true);
      expect(message).not.toContain('\n');
    }
    expect(() => parsePriceBook('x.json', '{ not json', refs)).toThrow(
      /^Invalid price book x.json: \(file\): is not JSON/,
    );
  });

  it('loads every JSON file of the directory and refuses two books of one name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(good));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    expect(loadPriceBooks(dir, refs).map((b) => b.name)).toEqual(['acme']);
    writeFileSync(join(dir, 'b.json'), JSON.stringify(good));
    expect(() => loadPriceBooks(dir, refs)).toThrow(
      'Invalid price book b.json: name: "acme" is also the name of a.json',
    );
    expect(() => loadPriceBooks(join(dir, 'missing'), refs)).toThrow(/\(directory\): cannot be read \(ENOENT\)/);
  });

  it('ships an example book that validates against the real catalogs', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'deploy', 'price-books', 'example.json'), 'utf8');
    const offers = new Set<string>(
      JSON.parse(readFileSync(join(__dirname, '..', 'offers', 'data', 'offers.json'), 'utf8')).map(
        (o: { id: string }) => o.id,
      ),
    );
    const gpus = new Set<string>(
      JSON.parse(readFileSync(join(__dirname, '..', 'gpus', 'data', 'gpus.json'), 'utf8')).map(
        (g: { id: string }) => g.id,
      ),
    );
    const book = parsePriceBook('example.json', text, { offerIds: offers, gpuIds: gpus });
    expect(book.name).toBe('example-negotiated');
    expect(book.prices.find((p) => p.gpuId === 'rtx-4090')).toMatchObject({
      purchase: 1799,
      asOf: '2026-12-15',
      currency: 'USD',
    });
  });
});
