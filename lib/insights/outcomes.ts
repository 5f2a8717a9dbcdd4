import { addDays, localDateOf } from '../dates/local-date';
import { mixSeed, mulberry32 } from '../demo/prng';
import { countedDate, DEFAULT_COUNTING_RULES, type CountingRules } from '../metrics/rules';
import { wallClock } from '../reminders/time';
import type { StageId } from '../schemas/buyer';
import type { Order } from '../schemas/order';
import { resolveStage, type StageBoundaries } from '../stages/stages';

/**
 * Stimulus response against natural repurchase (seed 001's 刺激响应率 vs 自然回购率): for each kind
 * of contact — a coupon, a care message, a win-back, a 催付 follow-up — the share of contacted buyers
 * who paid for an order within N days after the contact, beside the share of a control group who
 * got nothing: buyers drawn at random (seeded) from those never contacted, matched to each contact
 * on the lifecycle stage they were in at that moment and on new against returning (one paid order
 * or several by then: seed 001's split by purchase frequency, since returning buyers come back more
 * on their own). Reported for several periods (7, 14, 30 days).
 *
 * Times are shop-local wall-clock strings (`YYYY-MM-DD HH:mm:ss`, as exports write them), so an
 * order paid later on the contact day counts and one paid earlier that day does not.
 */

/** Families of contact, in the order the dashboard lists them. */
export const CONTACT_GROUPS = ['coupon', 'reengage', 'care', 'unpaid', 'service', 'other'] as const;
export type ContactGroup = (typeof CONTACT_GROUPS)[number];

/** Contact-log kinds (lib/db/contact-log.ts) by family; a contact with a coupon is a coupon contact whatever its kind. */
const GROUP_OF_KIND: Record<string, ContactGroup> = {
  reengage: 'reengage',
  greeting: 'care',
  thanks: 'care',
  checkin: 'care',
  unpaid: 'unpaid',
  concern: 'service',
  shipping: 'service',
  review_reply: 'service',
  after_sale: 'service',
  service: 'service',
};

export function contactGroupOf(kind: string, couponId?: string): ContactGroup {
  if (couponId) return 'coupon';
  return GROUP_OF_KIND[kind] ?? 'other';
}

/** One message that reached a buyer (the contact log's sent entries). */
export interface OutcomeContact {
  buyerId: string;
  /** Epoch ms. */
  at: number;
  kind: string;
  couponId?: string;
}

/** Shop-local times of a buyer's counted (paid, not fully refunded) orders, ascending. */
export type PaidTimes = readonly string[];

export const OUTCOME_PERIODS = [7, 14, 30] as const;

export interface OutcomeOptions {
  timeZone: string;
  boundaries: StageBoundaries;
  /** The last day the imported orders cover: a period must end by then to be judged. */
  dataThrough: string | null;
  periods?: readonly number[];
  /** Control buyers drawn per contact, among never-contacted buyers alike at that moment (stage, new or returning). */
  controlsPerContact?: number;
  /** Seed of the control draw: the same data and seed give the same figures on every run. */
  seed?: number;
}

export interface OutcomeCell {
  /** Buyers whose period after their (first) contact is over. */
  contacted: number;
  converted: number;
  rate: number | null;
  /** Control buyers drawn for those contacts, and how many of them paid in the same period. */
  control: number;
  controlConverted: number;
  controlRate: number | null;
  /** Contacts whose period is not over yet: not counted. */
  pending: number;
}

export interface OutcomeRow {
  /** `all`, `group:<family>` or `coupon:<coupon id>`. */
  key: string;
  group: ContactGroup | null;
  couponId: string | null;
  /** One cell per period, in the order of `periods`. */
  cells: OutcomeCell[];
}

export interface OutcomeReport {
  periods: number[];
  /** The last day the orders cover (from the options). */
  dataThrough: string | null;
  /** Controls drawn per contact. */
  controlsPerContact: number;
  /** Every contact together: the breakdown by period. */
  overall: OutcomeRow;
  /** One row per family that has contacts, coupons followed by one row per coupon. */
  byKind: OutcomeRow[];
  /** Size of the never-contacted pool the controls were drawn from. */
  pool: number;
}

export const DEFAULT_CONTROLS_PER_CONTACT = 20;
export const DEFAULT_OUTCOME_SEED = 0x0c0ffee;

/** The paid times of a buyer's orders that count as purchases, shop-local, ascending. */
export function paidTimesOf(orders: readonly Order[], rules: CountingRules = DEFAULT_COUNTING_RULES): string[] {
  const times: string[] = [];
  for (const order of orders) {
    if (countedDate(order, rules) === null) continue;
    const time = order.paidAt ?? order.createdAt;
    if (time) times.push(time);
  }
  return times.sort();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the shop's wall clock, `YYYY-MM-DD HH:mm:ss`, comparable with export times. */
export function localTimeAt(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return `${w.date} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** Index of the first paid time after `moment` (strictly later), by binary search. */
function firstAfter(paid: PaidTimes, moment: string): number {
  let lo = 0;
  let hi = paid.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (paid[mid]! <= moment) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A buyer at a moment: the stage by their last payment up to then, whether they had paid more than
 * once by then (a returning buyer), and the first payment after it.
 */
export function lookAt(
  paid: PaidTimes,
  moment: string,
  boundaries: StageBoundaries,
): { stage: StageId; returning: boolean; next: string | null } {
  const i = firstAfter(paid, moment);
  const last = i > 0 ? localDateOf(paid[i - 1]!) : null;
  return { stage: resolveStage(last, localDateOf(moment), boundaries).id, returning: i >= 2, next: paid[i] ?? null };
}

/** Paid after the moment and on or before the period's last day. */
function within(next: string | null, lastDay: string): boolean {
  return next !== null && localDateOf(next) <= lastDay;
}

/** Percentage points the contacted buyers ordered more (or less) than their controls; null when either rate is unknown. */
export function liftOf(cell: OutcomeCell): number | null {
  return cell.rate === null || cell.controlRate === null ? null : cell.rate - cell.controlRate;
}

function emptyCell(): OutcomeCell {
  return { contacted: 0, converted: 0, rate: null, control: 0, controlConverted: 0, controlRate: null, pending: 0 };
}

/** A contact as judged: the buyer's next payment after it, and each drawn control's. */
interface Judged {
  next: string | null;
  controls: (string | null)[];
}

/**
 * The report. `historyOf` gives a contacted buyer's paid times; `pool` holds the paid times of
 * buyers never contacted (a sample of them), in a stable order, from which each contact's controls
 * are drawn.
 */
export function contactOutcomes(
  contacts: readonly OutcomeContact[],
  historyOf: (buyerId: string) => PaidTimes | undefined,
  pool: readonly PaidTimes[],
  opts: OutcomeOptions,
): OutcomeReport {
  const periods = [...(opts.periods ?? OUTCOME_PERIODS)];
  const perContact = opts.controlsPerContact ?? DEFAULT_CONTROLS_PER_CONTACT;
  const rng = mulberry32(mixSeed(opts.seed ?? DEFAULT_OUTCOME_SEED, pool.length, contacts.length));
  // The pool in a running random order: each draw is a few more steps of a Fisher–Yates shuffle,
  // so every contact gets controls drawn without replacement, and the same input the same draws.
  const order = Array.from(pool.keys());

  const sorted = [...contacts].sort(
    (a, b) =>
      a.at - b.at ||
      (a.buyerId < b.buyerId ? -1 : a.buyerId > b.buyerId ? 1 : 0) ||
      (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
  );
  const judged = new Map<string, Judged>();
  const judge = (c: OutcomeContact, moment: string): Judged => {
    const key = `${c.buyerId}\u0000${c.at}`;
    let hit = judged.get(key);
    if (hit) return hit;
    const buyer = lookAt(historyOf(c.buyerId) ?? [], moment, opts.boundaries);
    const controls: (string | null)[] = [];
    for (let i = 0; i < order.length && controls.length < perContact; i++) {
      const j = i + Math.floor(rng() * (order.length - i));
      [order[i], order[j]] = [order[j]!, order[i]!];
      const candidate = lookAt(pool[order[i]!]!, moment, opts.boundaries);
      if (candidate.stage === buyer.stage && candidate.returning === buyer.returning) controls.push(candidate.next);
    }
    hit = { next: buyer.next, controls };
    judged.set(key, hit);
    return hit;
  };

  const rows = new Map<string, OutcomeRow>();
  const seen = new Set<string>();
  const rowOf = (key: string, group: ContactGroup | null, couponId: string | null) => {
    let row = rows.get(key);
    if (!row) {
      row = { key, group, couponId, cells: periods.map(emptyCell) };
      rows.set(key, row);
    }
    return row;
  };
  const count = (row: OutcomeRow, c: OutcomeContact, moment: string) => {
    // A buyer counts once per row: at their first contact of that kind.
    const once = `${row.key}\u0000${c.buyerId}`;
    if (seen.has(once)) return;
    seen.add(once);
    const date = moment.slice(0, 10);
    periods.forEach((days, p) => {
      const cell = row.cells[p]!;
      const lastDay = addDays(date, days);
      if (opts.dataThrough === null || lastDay > opts.dataThrough) {
        cell.pending++;
        return;
      }
      const j = judge(c, moment);
      cell.contacted++;
      if (within(j.next, lastDay)) cell.converted++;
      for (const next of j.controls) {
        cell.control++;
        if (within(next, lastDay)) cell.controlConverted++;
      }
    });
  };

  const overall = rowOf('all', null, null);
  for (const c of sorted) {
    const group = contactGroupOf(c.kind, c.couponId);
    const moment = localTimeAt(c.at, opts.timeZone);
    count(overall, c, moment);
    count(rowOf(`group:${group}`, group, null), c, moment);
    if (c.couponId) count(rowOf(`coupon:${c.couponId}`, 'coupon', c.couponId), c, moment);
  }
  for (const row of rows.values()) {
    for (const cell of row.cells) {
      cell.rate = cell.contacted ? cell.converted / cell.contacted : null;
      cell.controlRate = cell.control ? cell.controlConverted / cell.control : null;
    }
  }
  rows.delete('all');
  const total = (row: OutcomeRow) => row.cells[0]!.contacted + row.cells[0]!.pending;
  const byKind: OutcomeRow[] = [];
  for (const group of CONTACT_GROUPS) {
    const row = rows.get(`group:${group}`);
    if (!row) continue;
    byKind.push(row);
    if (group === 'coupon') {
      byKind.push(
        ...[...rows.values()]
          .filter((r) => r.couponId !== null)
          .sort((a, b) => total(b) - total(a) || (a.key < b.key ? -1 : 1)),
      );
    }
  }
  return { periods, dataThrough: opts.dataThrough, controlsPerContact: perContact, overall, byKind, pool: pool.length };
}

/**
 * Up to `max` items drawn at random without replacement, in their original order. The same items
 * and seed give the same sample, so the dashboard does not change between two looks at the same data.
 */
export function seededSample<T>(items: readonly T[], max: number, seed: number): T[] {
  if (items.length <= max) return [...items];
  const rng = mulberry32(seed);
  const picked = Array.from(items.keys());
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(rng() * (picked.length - i));
    [picked[i], picked[j]] = [picked[j]!, picked[i]!];
  }
  return picked
    .slice(0, max)
    .sort((a, b) => a - b)
    .map((i) => items[i]!);
}
