/**
 * The numerics of the load model (load.ts): the normal distribution, a lognormal fitted to a mean and a p95, and the
 * Erlang B / C formulas.
 *
 *   lognormal from (mean m, p95 q):  ln q − ln m = z σ − σ² / 2  ⇒  σ = z − √(z² − 2 ln(q / m)),  μ = ln m − σ² / 2
 *   (z = Φ⁻¹(0.95); the smaller root, so m ≤ q ≤ m·e^{z²/2} ≈ 3.87 m is the range a lognormal can fit)
 *   Erlang B:  B(m, a) = (aᵐ / m!) / Σₖ₌₀ᵐ aᵏ / k!        Erlang C:  C(m, a) = m B / (m − a (1 − B)),  a < m
 */

/** Φ⁻¹(0.95). */
export const Z95 = 1.6448536269514722;
/** The largest p95 / mean ratio a lognormal can have (at σ = z). */
export const MAX_P95_OVER_MEAN = Math.exp((Z95 * Z95) / 2);

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 for erf; |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Standard normal quantile (P. J. Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < low ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

export interface Lognormal {
  mu: number;
  sigma: number;
}

/**
 * The lognormal with this mean and 95th percentile (σ = 0, a constant, when they are equal).
 * @throws RangeError when p95 < mean or p95 > MAX_P95_OVER_MEAN × mean (no lognormal has them).
 */
export function fitLognormal(mean: number, p95: number): Lognormal {
  if (!(mean > 0) || !(p95 > 0)) throw new RangeError('mean and p95 must be positive');
  const gap = Math.log(p95 / mean);
  if (gap < -1e-12) throw new RangeError('p95 must be at least the mean');
  const disc = Z95 * Z95 - 2 * Math.max(0, gap);
  if (disc < -1e-12) {
    throw new RangeError(`p95 can be at most ${MAX_P95_OVER_MEAN.toFixed(2)} × the mean for a lognormal`);
  }
  const sigma = Z95 - Math.sqrt(Math.max(0, disc));
  return { mu: Math.log(mean) - (sigma * sigma) / 2, sigma };
}

export function lognormalQuantile(d: Lognormal, u: number): number {
  return d.sigma === 0 ? Math.exp(d.mu) : Math.exp(d.mu + d.sigma * normalQuantile(u));
}

export function lognormalCdf(d: Lognormal, x: number): number {
  if (x <= 0) return 0;
  if (d.sigma === 0) return x >= Math.exp(d.mu) * (1 - 1e-12) ? 1 : 0;
  return normalCdf((Math.log(x) - d.mu) / d.sigma);
}

/** ln n! (exact sum below 20, Stirling's series above: error < 1e-12). */
function logFactorial(n: number): number {
  if (n < 20) {
    let s = 0;
    for (let k = 2; k <= n; k++) s += Math.log(k);
    return s;
  }
  const n2 = n * n;
  return (
    n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n * n2) + 1 / (1260 * n2 * n2 * n)
  );
}

/** Erlang B: probability that all `servers` are busy in M/G/m/m with offered load `offered` (= λ E[S]). */
export function erlangB(servers: number, offered: number): number {
  if (offered <= 0) return 0;
  if (servers <= 2000) {
    let b = 1;
    for (let k = 1; k <= servers; k++) b = (offered * b) / (k + offered * b);
    return b;
  }
  // Large m (then a > ~1500 wherever B is not negligible): B = pmf(m) / cdf(m) of a Poisson(a), the sum taken from k = m
  // downwards over the terms that matter (O(√a) of them).
  const logPmf = servers * Math.log(offered) - offered - logFactorial(servers);
  if (servers > offered + 12 * Math.sqrt(offered) + 30) return Math.exp(logPmf);
  let term = 1;
  let sum = 1;
  for (let k = servers; k >= 1; k--) {
    term *= k / offered;
    sum += term;
    if (k - 1 < offered && term < 1e-17 * sum) break;
  }
  return 1 / sum;
}

/** Erlang C: probability that an arrival waits in M/M/m (offered < servers; 1 otherwise). */
export function erlangC(servers: number, offered: number): number {
  if (offered >= servers) return 1;
  const b = erlangB(servers, offered);
  return (servers * b) / (servers - offered * (1 - b));
}
