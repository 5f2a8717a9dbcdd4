/**
 * RFM quintile scores, compatible with `rfm_table_order` of the R package `rfm` 0.3.0.
 *
 * How the package bins (verified against its published scores for `rfm_data_orders`):
 * - per customer: recency_days = analysis date − last order date, transaction_count, amount;
 * - the breaks are R's type-7 quantiles of those values at 0.2, 0.4, 0.6 and 0.8, each PLUS ONE
 *   unit (its `bins()` helper adds 1): recency quantiles 114, 180, 296.4, 481 become the published
 *   breaks 115, 181, 297.4, 482;
 * - bins are half-open [lower, upper) with the minimum as the first lower bound and max + 1 as the
 *   last upper bound, so a value equal to a break falls in the higher bin and the maximum is in
 *   the top bin. For whole numbers that makes a bin (q_{i-1}, q_i] in terms of the raw quantiles;
 * - the score counts bins from 1; recency is reversed (the most recent fifth scores 5);
 *   score = R×100 + F×10 + M.
 * Money here is in cents, so the monetary "one unit" is 100 cents (one yuan), which keeps the
 * breaks equal to the package's on the same data.
 */

export const RFM_BINS = 5;
export const RFM_PROBS = [0.2, 0.4, 0.6, 0.8] as const;
/** What the package adds to each quantile, in our units: 1 day, 1 order, 1 yuan. */
export const RFM_BREAK_OFFSET = { recency: 1, frequency: 1, monetary: 100 } as const;

/**
 * R's default (type 7) quantile of an ascending array, computed the way R does:
 * (1 − h)·x[lo] + h·x[hi] at index 1 + (n − 1)·p. Rounded to 6 decimals so floating-point noise
 * cannot move a break to the other side of an integer.
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const index = (n - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.min(Math.ceil(index), n - 1);
  const xlo = sorted[lo] as number;
  const xhi = sorted[hi] as number;
  const h = index - lo;
  const q = h === 0 || xlo === xhi ? xlo : (1 - h) * xlo + h * xhi;
  return Math.round(q * 1e6) / 1e6;
}

/** Breaks (quantiles + offset) for one measure, from its values sorted ascending. */
export function rfmBreaks(sorted: ArrayLike<number>, offset: number): number[] {
  return RFM_PROBS.map((p) => quantileType7(sorted, p) + offset);
}

/** Bin 1…5: one plus the number of breaks at or below the value (breaks ascending). */
export function rfmBin(value: number, breaks: readonly number[]): number {
  let bin = 1;
  for (let i = 0; i < breaks.length; i++) if (value >= (breaks[i] as number)) bin += 1;
  return bin;
}
