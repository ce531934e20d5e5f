/** The named datasets of a chart spec (the rows its views draw), for tests that check what a chart plots. Test support. */
export type Datasets = Record<string, Array<Record<string, unknown>>>;

export const datasets = (spec: unknown): Datasets => (spec as { datasets: Datasets }).datasets;
