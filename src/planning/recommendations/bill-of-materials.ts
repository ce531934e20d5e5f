/**
 * The bill of materials of a recommendation, as procurement orders from it: one line per thing bought or rented per
 * option (instances when the option names them, else GPUs and host nodes; power for purchases), then a total line
 * per option and currency. UTF-8 with a byte-order mark, so spreadsheets read "×" as such.
 *
 *   extendedMonthly = quantity × hourly price × 730 h (for a purchase: the amortised share)
 *   extendedUpfront = quantity × purchase price (0 for rentals)
 *   total           = Σ of the lines' extended amounts, each rounded to cents first
 */
import { toCsv, type CsvColumn } from '../../common/http/csv';
import { ValidationProblem } from '../../common/problem/validation-problem';
import { HOURS_PER_MONTH, type PlanInstance, PUE, type RecommendationOption } from '../engine/recommend';
import type { RecommendationChartAnswer as RecommendationAnswer } from '../../charts/answers';

/** Excel and LibreOffice take a UTF-8 file without it for their locale's code page ("×" becomes "Ã—"). */
export const UTF8_BOM = '\uFEFF';

export type BomLineType = 'instance' | 'gpu' | 'host' | 'support' | 'total';

export interface BomLine {
  planId: string | null;
  option: number;
  lineType: BomLineType;
  /** The offer id (instance lines) or GPU id (gpu lines); empty where nothing can be ordered by number. */
  partNumber: string | null;
  description: string;
  provider: string | null;
  region: string | null;
  quantity: number | null;
  unitOfMeasure: string | null;
  billingPeriod: 'hour' | 'one-time' | 'month' | null;
  unitPrice: number | null;
  currency: string | null;
  extendedMonthly: number | null;
  extendedUpfront: number | null;
  /** True for an estimate, false for a stated price, empty where the source does not say. */
  estimated: boolean | null;
  source: string | null;
  asOf: string | null;
}

type BomOption = Pick<RecommendationOption, 'label' | 'gpus' | 'host' | 'energyHourly'> &
  Partial<Pick<RecommendationOption, 'instances' | 'currency'>>;
type BomAnswer = Pick<RecommendationAnswer, 'options'> & { planId?: string };

const cents = (x: number) => Math.round(x * 100) / 100;

/** The lines of one option (1-based `option`), its total lines last. */
export function optionLines(option: BomOption, index: number, planId: string | null): BomLine[] {
  const base = { planId, option: index, provider: null, region: null, estimated: null, asOf: null };
  const purchase = option.gpus.some((g) => g.pricing === 'purchase');
  const lines: BomLine[] = option.instances?.length
    ? option.instances.map((i) => instanceLine(i, base))
    : [
        ...option.gpus.map((g): BomLine => ({
          ...base,
          lineType: 'gpu',
          partNumber: g.gpuId,
          description: `GPU ${g.name}, ${g.runtime} ${g.precision}, ${g.streamsPerGpu} streams each`,
          quantity: g.count,
          unitOfMeasure: 'GPU',
          billingPeriod: purchase ? 'one-time' : 'hour',
          unitPrice: purchase ? g.unitUpfront : g.unitHourly,
          currency: option.currency ?? 'USD',
          extendedMonthly: cents(g.count * g.unitHourly * HOURS_PER_MONTH),
          extendedUpfront: purchase ? cents(g.count * g.unitUpfront) : 0,
          source: g.priceSource,
          asOf: g.priceAsOf,
        })),
        ...option.host.map((h): BomLine => ({
          ...base,
          lineType: 'host',
          partNumber: null,
          description:
            `Host node for ${h.gpusPerNode} × ${h.gpuId}: ${h.cpuCores} CPU cores, ${h.ramGb} GB RAM, ` +
            `${h.storageGb} GB SSD, /dev/shm ${h.shmGb} GB`,
          quantity: h.nodes,
          unitOfMeasure: 'node',
          billingPeriod: purchase ? 'one-time' : 'hour',
          unitPrice: null,
          currency: null,
          extendedMonthly: null,
          extendedUpfront: null,
          source: 'not priced: the host is sized, not priced, when the option names no instance',
        })),
      ];
  if (purchase && option.energyHourly > 0) {
    lines.push({
      ...base,
      lineType: 'support',
      partNumber: null,
      description: `Power for the GPUs at TDP × PUE ${PUE}, at the request's electricity price`,
      quantity: HOURS_PER_MONTH,
      unitOfMeasure: 'hour',
      billingPeriod: 'month',
      unitPrice: option.energyHourly,
      currency: option.currency ?? 'USD',
      extendedMonthly: cents(option.energyHourly * HOURS_PER_MONTH),
      extendedUpfront: 0,
      estimated: true,
      source: `engine estimate: GPU TDP × PUE ${PUE} × electricityPerKwh`,
    });
  }
  return [...lines, ...totals(lines, option, base)];
}

function instanceLine(i: PlanInstance, base: Pick<BomLine, 'planId' | 'option'>): BomLine {
  const bought = i.unitUpfront > 0;
  const what = `${i.gpusPerInstance} × ${i.gpuId}${bought ? ' with its host' : ''}`;
  return {
    ...base,
    lineType: 'instance',
    partNumber: i.offerId,
    description: `${i.instanceType ?? i.offerId}: ${what}${i.floor ? ' (marketplace floor price)' : ''}`,
    provider: i.provider,
    region: i.region,
    quantity: i.count,
    unitOfMeasure: bought ? 'machine' : 'instance',
    billingPeriod: bought ? 'one-time' : 'hour',
    unitPrice: bought ? i.unitUpfront : i.unitHourly,
    currency: i.currency,
    extendedMonthly: cents(i.count * i.unitHourly * HOURS_PER_MONTH),
    extendedUpfront: bought ? cents(i.count * i.unitUpfront) : 0,
    estimated: i.estimated,
    source: i.priceSource,
    asOf: i.priceAsOf,
  };
}

/** One total line per currency the option's priced lines use (never a sum across currencies). */
function totals(lines: BomLine[], option: BomOption, base: Pick<BomLine, 'planId' | 'option'>): BomLine[] {
  const currencies = [...new Set(lines.filter((l) => l.currency).map((l) => l.currency!))];
  return currencies.map((currency): BomLine => ({
    planId: base.planId,
    option: base.option,
    lineType: 'total',
    partNumber: null,
    description: `Total of option ${base.option} (${option.label})`,
    provider: null,
    region: null,
    quantity: null,
    unitOfMeasure: null,
    billingPeriod: null,
    unitPrice: null,
    currency,
    extendedMonthly: cents(sum(lines, currency, 'extendedMonthly')),
    extendedUpfront: cents(sum(lines, currency, 'extendedUpfront')),
    estimated: lines.some((l) => l.currency === currency && l.estimated) ? true : null,
    source: 'sum of the lines above',
    asOf: null,
  }));
}

function sum(lines: BomLine[], currency: string, field: 'extendedMonthly' | 'extendedUpfront'): number {
  return lines.filter((l) => l.currency === currency).reduce((s, l) => s + (l[field] ?? 0), 0);
}

const COLUMNS: Array<keyof BomLine> = [
  'planId',
  'option',
  'lineType',
  'partNumber',
  'description',
  'provider',
  'region',
  'quantity',
  'unitOfMeasure',
  'billingPeriod',
  'unitPrice',
  'currency',
  'extendedMonthly',
  'extendedUpfront',
  'estimated',
  'source',
  'asOf',
];

/**
 * The bill of materials as CSV: every option when `option` is absent (so options can be compared in one sheet), or
 * option `option` alone (1 = the cheapest); an option the answer does not have is a 400 naming `option`.
 */
export function billOfMaterialsCsv(answer: BomAnswer, option?: number): string {
  const options = answer.options as BomOption[];
  if (option !== undefined && option > options.length) {
    throw new ValidationProblem(
      [
        {
          field: 'option',
          message: `this plan has ${options.length} option(s); option must be 1 to ${options.length}`,
        },
      ],
      `This plan has ${options.length} option(s): ask for option 1 to ${options.length}.`,
    );
  }
  const chosen =
    option === undefined ? options.map((o, i) => [o, i + 1] as const) : [[options[option - 1], option] as const];
  const lines = chosen.flatMap(([o, i]) => optionLines(o, i, answer.planId ?? null));
  const columns: CsvColumn<BomLine>[] = COLUMNS.map((header) => ({ header, value: (l) => l[header] }));
  return UTF8_BOM + toCsv(columns, lines);
}
