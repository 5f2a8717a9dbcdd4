import { hash64 } from '../import/values';
import { DEFAULT_CURRENCY } from '../money/currency';
import { effectiveRefundCents } from '../orders/merge';
import type { Platform } from '../schemas/common';
import type { Order } from '../schemas/order';
import { moneyMetrics, type CountedMetrics, type CurrencyTally } from './compute';
import { countedDate, DEFAULT_COUNTING_RULES, netCents, type CountingRules } from './rules';

/** What a tally reads of an order (an importer's fragment will do). */
export type TalliedOrder = Pick<
  Order,
  'platform' | 'buyerKey' | 'status' | 'paidAt' | 'createdAt' | 'paidCents' | 'refundCents' | 'lines' | 'currency'
>;

/**
 * One buyer's orders, summed: what levels, RFM and stages need, in constant space (a few numbers
 * per currency the buyer paid in; one currency for most buyers).
 */
export interface BuyerTotals {
  platform: Platform;
  buyerKey: string;
  /** Counted orders in every currency. */
  paidOrders: number;
  firstPaidDate: string | null;
  lastPaidDate: string | null;
  /** Per currency: counted orders, orders seen, net and refunded cents (as computeBuyerMetrics keeps them). */
  money: CurrencyTally[];
}

/** The metrics a buyer's totals give: computeBuyerMetrics' without the paid dates between the ends and the items. */
export type TotalsMetrics = Pick<
  CountedMetrics,
  'paidOrders' | 'firstPaidDate' | 'lastPaidDate' | 'netCents' | 'aovCents' | 'refundCents' | 'currency' | 'otherMoney'
>;

/** A buyer's totals as metrics: the buyer's currency and money in it, other currencies apart (moneyMetrics). */
export function totalsMetrics(b: BuyerTotals): TotalsMetrics {
  return {
    paidOrders: b.paidOrders,
    firstPaidDate: b.firstPaidDate,
    lastPaidDate: b.lastPaidDate,
    ...moneyMetrics(b.money),
  };
}

/**
 * Per-buyer totals of a stream of distinct orders: memory grows with buyers, never with orders.
 * An order is read when added and not kept. Each order must be added once, complete (merged with
 * every other fragment of it): the caller keeps orders that might repeat aside (see OrderKeySet).
 * Two tallies of disjoint orders merge into the tally of all of them (a worker per part of a file).
 * Counting follows computeBuyerMetrics: the same paidOrders, money per currency and paid dates.
 */
export class BuyerTally {
  /** `platform:buyerKey` → totals. */
  readonly buyers = new Map<string, BuyerTotals>();
  /** Orders whose export names no buyer (e.g. Pinduoduo): they cannot be attributed. */
  ordersWithoutBuyer = 0;
  orders = 0;

  constructor(private readonly rules: CountingRules = DEFAULT_COUNTING_RULES) {}

  add(order: TalliedOrder): void {
    this.orders++;
    if (order.buyerKey === null) {
      this.ordersWithoutBuyer++;
      return;
    }
    const totals = this.totalsOf(order.platform, order.buyerKey);
    const money = moneyOf(totals, order.currency ?? DEFAULT_CURRENCY);
    money.all++;
    money.refund += effectiveRefundCents(order);
    const date = countedDate(order, this.rules);
    if (date === null) return;
    totals.paidOrders++;
    money.paid++;
    money.net += netCents(order);
    if (totals.firstPaidDate === null || date < totals.firstPaidDate) totals.firstPaidDate = date;
    if (totals.lastPaidDate === null || date > totals.lastPaidDate) totals.lastPaidDate = date;
  }

  /** Add another tally of other orders to this one. */
  merge(other: BuyerTally | TallyWire): void {
    const wire = other instanceof BuyerTally ? null : other;
    this.orders += other.orders;
    this.ordersWithoutBuyer += other.ordersWithoutBuyer;
    const each = (b: BuyerTotals) => {
      const totals = this.totalsOf(b.platform, b.buyerKey);
      totals.paidOrders += b.paidOrders;
      for (const m of b.money) {
        const money = moneyOf(totals, m.currency);
        money.paid += m.paid;
        money.all += m.all;
        money.net += m.net;
        money.refund += m.refund;
      }
      if (b.firstPaidDate !== null && (totals.firstPaidDate === null || b.firstPaidDate < totals.firstPaidDate))
        totals.firstPaidDate = b.firstPaidDate;
      if (b.lastPaidDate !== null && (totals.lastPaidDate === null || b.lastPaidDate > totals.lastPaidDate))
        totals.lastPaidDate = b.lastPaidDate;
    };
    if (wire) fromWire(wire, each);
    else for (const b of (other as BuyerTally).buyers.values()) each(b);
  }

  /** A compact, cloneable copy (columns, not one object per buyer) to post between threads. */
  toWire(): TallyWire {
    const n = this.buyers.size;
    let entries = 0;
    for (const b of this.buyers.values()) entries += b.money.length;
    const wire: TallyWire = {
      orders: this.orders,
      ordersWithoutBuyer: this.ordersWithoutBuyer,
      keys: new Array<string>(n),
      paidOrders: new Float64Array(n),
      dates: new Array<string>(n),
      moneyCount: new Uint8Array(n),
      currencies: new Array<string>(entries),
      paid: new Float64Array(entries),
      all: new Float64Array(entries),
      net: new Float64Array(entries),
      refund: new Float64Array(entries),
    };
    let i = 0;
    let j = 0;
    for (const [key, b] of this.buyers) {
      wire.keys[i] = key;
      wire.paidOrders[i] = b.paidOrders;
      wire.dates[i] = b.firstPaidDate === null ? '' : b.firstPaidDate + b.lastPaidDate;
      wire.moneyCount[i] = b.money.length;
      for (const m of b.money) {
        wire.currencies[j] = m.currency;
        wire.paid[j] = m.paid;
        wire.all[j] = m.all;
        wire.net[j] = m.net;
        wire.refund[j] = m.refund;
        j++;
      }
      i++;
    }
    return wire;
  }

  private totalsOf(platform: Platform, buyerKey: string): BuyerTotals {
    // The key is built (and so copied) here: the buyer's cell may be a slice of a whole chunk of
    // text, which a map holding that slice would keep alive.
    const key = `${platform}:${buyerKey}`;
    let totals = this.buyers.get(key);
    if (!totals) {
      totals = {
        platform,
        buyerKey: key.slice(platform.length + 1),
        paidOrders: 0,
        firstPaidDate: null,
        lastPaidDate: null,
        money: [],
      };
      this.buyers.set(key, totals);
    }
    return totals;
  }
}

function moneyOf(totals: BuyerTotals, currency: string): CurrencyTally {
  for (const m of totals.money) if (m.currency === currency) return m;
  const m: CurrencyTally = { currency, paid: 0, all: 0, net: 0, refund: 0 };
  totals.money.push(m);
  return m;
}

/**
 * BuyerTally in columns; `dates` is first + last paid date (20 characters), '' when none. A buyer's
 * money is `moneyCount[i]` entries of the currency columns (currencies … refund), buyer after buyer.
 */
export interface TallyWire {
  orders: number;
  ordersWithoutBuyer: number;
  keys: string[];
  paidOrders: Float64Array;
  dates: string[];
  moneyCount: Uint8Array;
  currencies: string[];
  paid: Float64Array;
  all: Float64Array;
  net: Float64Array;
  refund: Float64Array;
}

function fromWire(wire: TallyWire, each: (b: BuyerTotals) => void): void {
  let j = 0;
  for (let i = 0; i < wire.keys.length; i++) {
    const key = wire.keys[i] as string;
    const colon = key.indexOf(':');
    const dates = wire.dates[i] as string;
    const money: CurrencyTally[] = [];
    for (let end = j + (wire.moneyCount[i] as number); j < end; j++) {
      money.push({
        currency: wire.currencies[j] as string,
        paid: wire.paid[j] as number,
        all: wire.all[j] as number,
        net: wire.net[j] as number,
        refund: wire.refund[j] as number,
      });
    }
    each({
      platform: key.slice(0, colon) as Platform,
      buyerKey: key.slice(colon + 1),
      paidOrders: wire.paidOrders[i] as number,
      firstPaidDate: dates === '' ? null : dates.slice(0, 10),
      lastPaidDate: dates === '' ? null : dates.slice(10),
      money,
    });
  }
}

/** Two independent 32-bit mixes of a key (a 64-bit fingerprint); never both zero. */
export function keyHash(key: string): [number, number] {
  const [a, b] = hash64(key);
  return [a | 0, b === 0 && a === 0 ? 1 : b | 0];
}

/**
 * The order keys seen so far, as 64-bit fingerprints in an open-addressing table: 8 bytes a slot,
 * kept at most 3/4 full, so about 11-16 bytes per order instead of a string per order. Two keys
 * share a fingerprint once in about 10^12 pairs; that only makes the caller check an order that
 * was not a repeat, never miss one that was.
 */
export class OrderKeySet {
  private hi: Int32Array;
  private lo: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1 << 14) {
    let slots = 1 << 10;
    while (slots * 0.75 < expected) slots *= 2;
    this.hi = new Int32Array(slots);
    this.lo = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /** Add a key; true when its fingerprint was already there. */
  add(key: string): boolean {
    const [a, b] = keyHash(key);
    return this.addHash(a, b);
  }

  addHash(a: number, b: number): boolean {
    const { hi, lo, mask } = this;
    let at = (a ^ Math.imul(b, 0x9e3779b1)) & mask;
    for (;;) {
      if (hi[at] === 0 && lo[at] === 0) break;
      if (hi[at] === a && lo[at] === b) return true;
      at = (at + 1) & mask;
    }
    hi[at] = a;
    lo[at] = b;
    if (++this.size > (mask + 1) * 0.75) this.grow();
    return false;
  }

  has(key: string): boolean {
    const [a, b] = keyHash(key);
    return this.hasHash(a, b);
  }

  hasHash(a: number, b: number): boolean {
    const { hi, lo, mask } = this;
    for (let at = (a ^ Math.imul(b, 0x9e3779b1)) & mask; ; at = (at + 1) & mask) {
      if (hi[at] === 0 && lo[at] === 0) return false;
      if (hi[at] === a && lo[at] === b) return true;
    }
  }

  /** Every fingerprint, as [hi, lo] pairs in one array (to post between threads). */
  toArray(): Int32Array {
    const out = new Int32Array(this.size * 2);
    let n = 0;
    for (let i = 0; i < this.hi.length; i++) {
      if (this.hi[i] === 0 && this.lo[i] === 0) continue;
      out[n++] = this.hi[i] as number;
      out[n++] = this.lo[i] as number;
    }
    return out;
  }

  static fromArray(pairs: Int32Array): OrderKeySet {
    const set = new OrderKeySet(pairs.length / 2);
    for (let i = 0; i < pairs.length; i += 2) set.addHash(pairs[i] as number, pairs[i + 1] as number);
    return set;
  }

  private grow(): void {
    const { hi, lo } = this;
    const slots = hi.length * 2;
    this.hi = new Int32Array(slots);
    this.lo = new Int32Array(slots);
    this.mask = slots - 1;
    this.size = 0;
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.addHash(hi[i] as number, lo[i] as number);
  }
}
