import { addDays } from '@/lib/dates/local-date';
import type { StageId } from '@/lib/schemas/buyer';
import { resolveStage, type StageBoundaries } from '@/lib/stages/stages';

/**
 * Stimulus against natural repurchase: for each kind of contact (a coupon, a reminder type), the
 * share of contacted buyers who ordered within N days, beside the share of comparable buyers who
 * got nothing — buyers in the same lifecycle stage on the same day — who ordered anyway.
 */

export interface ContactEvent {
  buyerId: string;
  /** Shop-local day of the contact. */
  date: string;
  /** `coupon:<id>` or `kind:<contact kind>`. */
  type: string;
}

export interface OutcomeRow {
  type: string;
  /** Buyers contacted with this type whose N-day window is over. */
  contacted: number;
  converted: number;
  rate: number | null;
  /** Comparable uncontacted buyer-days, summed over the contacts (weights follow the stage mix). */
  baseline: number;
  baselineConverted: number;
  baselineRate: number | null;
  /** Contacts still inside their window: not counted yet. */
  pending: number;
}

export interface OutcomeOptions {
  windowDays: number;
  boundaries: StageBoundaries;
  /** The last day the imported orders cover; a window must end by then to be judged. */
  dataThrough: string;
}

/** Index of the first paid date after `date`, by binary search (paid dates ascend). */
function firstAfter(paidDates: readonly string[], date: string): number {
  let lo = 0;
  let hi = paidDates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (paidDates[mid]! <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Stage on `date` and whether the buyer paid in the N days after it. */
export function lookAt(paidDates: readonly string[], date: string, windowDays: number, boundaries: StageBoundaries): { stage: StageId; ordered: boolean } {
  const i = firstAfter(paidDates, date);
  const last = i > 0 ? paidDates[i - 1]! : null;
  const next = paidDates[i];
  return { stage: resolveStage(last, date, boundaries).id, ordered: next !== undefined && next <= addDays(date, windowDays) };
}

export function contactOutcomes(
  events: readonly ContactEvent[],
  paidDatesOf: (buyerId: string) => readonly string[] | undefined,
  uncontacted: readonly (readonly string[])[],
  opts: OutcomeOptions,
): OutcomeRow[] {
  // A buyer counts once per type: at their first contact of that type.
  const first = new Map<string, ContactEvent>();
  for (const e of [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    const key = `${e.type}\u0000${e.buyerId}`;
    if (!first.has(key)) first.set(key, e);
  }
  const natural = new Map<string, { n: number; ordered: number }>();
  const naturalFor = (date: string, stage: StageId) => {
    const key = `${date}|${stage}`;
    let hit = natural.get(key);
    if (!hit) {
      hit = { n: 0, ordered: 0 };
      for (const paid of uncontacted) {
        const look = lookAt(paid, date, opts.windowDays, opts.boundaries);
        if (look.stage !== stage) continue;
        hit.n++;
        if (look.ordered) hit.ordered++;
      }
      natural.set(key, hit);
    }
    return hit;
  };
  const rows = new Map<string, OutcomeRow>();
  for (const e of first.values()) {
    let row = rows.get(e.type);
    if (!row) {
      row = { type: e.type, contacted: 0, converted: 0, rate: null, baseline: 0, baselineConverted: 0, baselineRate: null, pending: 0 };
      rows.set(e.type, row);
    }
    if (addDays(e.date, opts.windowDays) > opts.dataThrough) {
      row.pending++;
      continue;
    }
    const look = lookAt(paidDatesOf(e.buyerId) ?? [], e.date, opts.windowDays, opts.boundaries);
    row.contacted++;
    if (look.ordered) row.converted++;
    const nat = naturalFor(e.date, look.stage);
    row.baseline += nat.n;
    row.baselineConverted += nat.ordered;
  }
  for (const row of rows.values()) {
    row.rate = row.contacted ? row.converted / row.contacted : null;
    row.baselineRate = row.baseline ? row.baselineConverted / row.baseline : null;
  }
  return [...rows.values()].sort((a, b) => b.contacted - a.contacted || (a.type < b.type ? -1 : 1));
}

/** Up to `max` items spread evenly over a list (a fixed stride, so the same data gives the same sample). */
export function evenSample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]!);
}
