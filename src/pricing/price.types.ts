/** A validated price (the `PriceDto` shape as plain data): what price books hold and the engine reads. */
export interface Price {
  offerId?: string;
  gpuId?: string;
  onDemandHourly?: number | null;
  spotHourly?: number | null;
  reserved1yHourly?: number | null;
  reserved3yHourly?: number | null;
  purchase?: number | null;
  currency: string;
  asOf: string;
}
