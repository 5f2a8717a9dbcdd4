import type { StageId } from '../schemas/buyer';
import type { DemoCategory } from './catalog';
import { midnightMs, MINUTES_PER_DAY, yearBeforeDays } from './time';
import { makeNick } from './nicks';
import { chance, mixSeed, mulberry32, normal, pareto, randInt, weighted, type Rng } from './prng';

/**
 * Options shared by every demo generator. Defaults give the demo shop the console and tests use;
 * the date has none: the demo shop is dated from the day it is built ({@link demoAsOf}), so its
 * buyers are active, silent, sleeping or lost relative to that day, whatever the calendar says.
 */
export interface DemoOptions {
  buyers?: number;
  orders?: number;
  seed?: number;
  /** `YYYY-MM-DD`, shop-local; the export is taken at midnight that starts this day. */
  asOf: string;
}

export const DEMO_SEED = 20261120;
export const DEMO_BUYERS = 2000;
export const DEMO_ORDERS = 10000;
/** Orders span the two years before the as-of date. */
export const HISTORY_DAYS = 730;

export interface DemoBuyer {
  index: number;
  nick: string;
  /** The stage the generator aimed for; tests recompute the real one from the orders. */
  plannedStage: StageId;
  favourite: DemoCategory;
  /** Typical basket, before per-order variation. */
  aovCents: number;
  /** Calendar days before the as-of date of the buyer's last paid order (of the last order, for prospects). */
  lastPaidDay: number;
  orderCount: number;
}

/** Order skeletons in compact arrays, so a million-order plan costs a few megabytes. */
export interface DemoPlan {
  seed: number;
  asOf: string;
  asOfMs: number;
  buyers: DemoBuyer[];
  /** Per order (global index g, grouped by buyer): owning buyer, creation time in seconds before the export moment, flags. */
  orderBuyer: Int32Array;
  orderSecondsBefore: Int32Array;
  orderFlags: Uint8Array;
  /** Global indexes, newest order first (the order Taobao lists them in). */
  newestFirst: Uint32Array;
}

/** An order that stays paid (never unpaid or fully refunded): the buyer's last one, so the planned stage holds, and the anniversary buyer's first. */
export const FLAG_ANCHOR = 1;
/** A buyer who never pays (a prospect in the shop's data). */
export const FLAG_PROSPECT = 2;
/** A returning buyer's fresh order, placed after the last paid one and not paid (yet): the 催付 case. */
export const FLAG_UNPAID = 4;

const CATEGORY_WEIGHTS: Record<DemoCategory, number> = { clothing: 45, cosmetics: 35, baby: 20 };
const HOUR_WEIGHTS = [3, 1.5, 0.8, 0.5, 0.4, 0.5, 1, 2, 3.5, 5, 6, 6.5, 5.5, 5, 5.5, 5.5, 5, 5, 5.5, 7, 8.5, 9.5, 9, 6];
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);

function stageFor(rng: Rng, weight: number): StageId {
  // Frequent buyers are more often still around; one-off buyers drift away.
  const weights: Record<StageId, number> =
    weight > 4
      ? { prospect: 0, active: 38, silent: 20, sleeping: 22, lost: 20 }
      : { prospect: 9, active: 16, silent: 14, sleeping: 21, lost: 40 };
  return weighted(rng, weights);
}

function lastDayFor(rng: Rng, stage: StageId): number {
  switch (stage) {
    case 'active':
      return randInt(rng, 1, 45);
    case 'silent':
      return randInt(rng, 46, 90);
    case 'sleeping':
      return randInt(rng, 91, 180);
    case 'lost':
      return randInt(rng, 181, HISTORY_DAYS - 20);
    case 'prospect':
      return chance(rng, 0.3) ? randInt(rng, 1, 2) : randInt(rng, 1, HISTORY_DAYS);
  }
}

function minuteOfDay(rng: Rng, latest: number): number {
  let r = rng() * HOUR_TOTAL;
  let hour = 0;
  while (hour < 23 && r >= HOUR_WEIGHTS[hour]!) r -= HOUR_WEIGHTS[hour++]!;
  const minute = hour * 60 + randInt(rng, 0, 59);
  return latest >= MINUTES_PER_DAY - 1 ? minute : Math.floor((minute * (latest + 1)) / MINUTES_PER_DAY);
}

/** Days before `asOf` of 6·18, 双11 and 双12 inside the history window: order spikes. */
function festivalDays(asOfMs: number): number[] {
  const year = new Date(asOfMs).getUTCFullYear();
  const days: number[] = [];
  for (let y = year - 2; y <= year; y++) {
    for (const [m, d] of [
      [6, 18],
      [11, 11],
      [12, 12],
    ] as const) {
      const before = Math.round((asOfMs - Date.UTC(y, m - 1, d)) / 86_400_000);
      if (before >= 1 && before <= HISTORY_DAYS) days.push(before);
    }
  }
  return days;
}

function allocate(weights: number[], total: number): number[] {
  // Every buyer has at least one order; the rest is shared by weight, largest remainders first.
  const counts = weights.map(() => 1);
  const rest = total - weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return counts;
  const shares = weights.map((w, i) => ({ i, exact: (w / sum) * rest }));
  let given = 0;
  for (const s of shares) {
    const whole = Math.floor(s.exact);
    counts[s.i]! += whole;
    given += whole;
  }
  shares.sort((a, b) => (b.exact % 1) - (a.exact % 1) || a.i - b.i);
  for (let k = 0; k < rest - given; k++) counts[shares[k % shares.length]!.i]! += 1;
  return counts;
}

export function resolveOptions(options: DemoOptions) {
  const buyers = options.buyers ?? DEMO_BUYERS;
  const orders = options.orders ?? Math.max(buyers, Math.round((buyers * DEMO_ORDERS) / DEMO_BUYERS));
  const seed = (options.seed ?? DEMO_SEED) >>> 0;
  const asOf = options.asOf;
  midnightMs(asOf); // throws on anything but YYYY-MM-DD
  if (!Number.isInteger(buyers) || buyers < 1) throw new Error('demo: buyers must be a positive integer');
  if (!Number.isInteger(orders) || orders < buyers) throw new Error('demo: orders must be an integer ≥ buyers');
  return { buyers, orders, seed, asOf };
}

/**
 * The buyer whose first order was placed a year before the as-of day, so a first-order anniversary
 * (周年问候) falls due on the day the demo is built: the first active buyer with three orders or
 * more, or none in a shop too small to have one.
 */
function anniversaryBuyer(buyers: readonly DemoBuyer[], counts: readonly number[]): number {
  return buyers.findIndex((b) => b.plannedStage === 'active' && counts[b.index]! >= 3);
}

export function planDemoShop(options: DemoOptions): DemoPlan {
  const { buyers: buyerCount, orders: orderCount, seed, asOf } = resolveOptions(options);
  const asOfMs = midnightMs(asOf);
  const rng = mulberry32(mixSeed(seed, 1));
  const taken = new Set<string>();
  const weights: number[] = [];
  const buyers: DemoBuyer[] = [];
  for (let index = 0; index < buyerCount; index++) {
    const weight = Math.min(pareto(rng, 1.25) - 1, 60);
    const plannedStage = stageFor(rng, weight);
    weights.push(plannedStage === 'prospect' ? 0 : weight);
    const aovCents = Math.round(Math.min(Math.max(11000 * Math.exp(0.75 * normal(rng)), 2500), 150000));
    buyers.push({
      index,
      nick: makeNick(rng, taken),
      plannedStage,
      favourite: weighted(rng, CATEGORY_WEIGHTS),
      aovCents,
      lastPaidDay: lastDayFor(rng, plannedStage),
      orderCount: 0,
    });
  }
  const counts = allocate(weights, orderCount);
  const festivals = festivalDays(asOfMs);
  const yearAgo = yearBeforeDays(asOf);
  const celebrating = anniversaryBuyer(buyers, counts);
  const orderBuyer = new Int32Array(orderCount);
  const orderSecondsBefore = new Int32Array(orderCount);
  const orderFlags = new Uint8Array(orderCount);
  let g = 0;
  for (const buyer of buyers) {
    buyer.orderCount = counts[buyer.index]!;
    const own = mulberry32(mixSeed(seed, 3, buyer.index));
    const pinned = buyer.index === celebrating;
    const drawn = Math.min(HISTORY_DAYS, buyer.lastPaidDay + randInt(own, 30, HISTORY_DAYS));
    const oldest = pinned ? yearAgo : drawn;
    for (let k = 0; k < buyer.orderCount; k++, g++) {
      let day = k === 0 ? buyer.lastPaidDay : randInt(own, buyer.lastPaidDay, oldest);
      let flags = buyer.plannedStage === 'prospect' ? FLAG_PROSPECT : k === 0 ? FLAG_ANCHOR : 0;
      if (pinned && k === buyer.orderCount - 1) {
        // The first order of the anniversary buyer, paid that same evening at the latest.
        day = yearAgo;
        flags = FLAG_ANCHOR;
      } else if (k === 1 && flags === 0 && chance(own, 0.05)) {
        day = randInt(own, 1, 2);
        flags = FLAG_UNPAID;
      } else if (k > 0 && chance(own, 0.12)) {
        const inWindow = festivals.filter((f) => f >= buyer.lastPaidDay && f <= oldest);
        if (inWindow.length > 0) day = inWindow[randInt(own, 0, inWindow.length - 1)]!;
      }
      // Yesterday's orders stop at 23:00 so payment still falls before the export moment; so does
      // the anniversary order, so it is paid on the day it was placed.
      const minute = minuteOfDay(own, day === 1 || (pinned && day === yearAgo) ? 23 * 60 : MINUTES_PER_DAY - 1);
      orderBuyer[g] = buyer.index;
      orderSecondsBefore[g] = (day * MINUTES_PER_DAY - minute) * 60 - randInt(own, 0, 59);
      orderFlags[g] = flags;
    }
  }
  const newestFirst = new Uint32Array(orderCount);
  for (let i = 0; i < orderCount; i++) newestFirst[i] = i;
  newestFirst.sort((a, b) => orderSecondsBefore[a]! - orderSecondsBefore[b]! || a - b);
  return { seed, asOf, asOfMs, buyers, orderBuyer, orderSecondsBefore, orderFlags, newestFirst };
}
