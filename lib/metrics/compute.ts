import { addDays, localDateOf } from '../dates/local-date';
import { DEFAULT_CURRENCY } from '../money/currency';
import { effectiveRefundCents } from '../orders/merge';
import type { BuyerMetrics } from '../schemas/buyer';
import type { Order } from '../schemas/order';
import { countedDate, DEFAULT_COUNTING_RULES, netCents, type CountingRules } from './rules';

export const LAST_ITEMS_MAX = 20;

/** When an order happened, for sorting items: payment time, else creation time. */
function orderTime(order: Order): string | null {
  return order.paidAt ?? order.createdAt;
}

/**
 * A buyer's metrics from all of their orders (one buyer's orders; the caller groups by buyer).
 * Counted orders ({@link countedDate}) give paidOrders, netCents, AOV and the paid dates; refunds
 * and `allOrders` look at every order. `lastItems` and `categories` also include orders that did not
 * count (an unpaid basket tells the agent what the buyer wants), newest first.
 */
export function computeBuyerMetrics(
  orders: readonly Order[],
  rules: CountingRules = DEFAULT_COUNTING_RULES,
): BuyerMetrics {
  const tally = new MetricsTally(rules);
  for (const order of orders) tally.add(order);
  return { ...tally.result(), ...itemsOf(orders) };
}

/** The metrics that depend on the counting rules, i.e. all but the items. */
export type CountedMetrics = Omit<BuyerMetrics, 'lastItems' | 'categories'>;

/**
 * {@link computeBuyerMetrics} one order at a time, without the items. The order is read when added
 * and not kept, so a caller may pass the same object refilled for each order.
 */
export class MetricsTally {
  private paidOrders = 0;
  private refundOrders = 0;
  private all = 0;
  private readonly paidDates: string[] = [];
  /** Per currency: counted orders, orders seen, net and refunded cents (one entry for most buyers). */
  private readonly money: CurrencyTally[] = [];

  constructor(private readonly rules: CountingRules = DEFAULT_COUNTING_RULES) {}

  add(order: Order): void {
    this.all += 1;
    const money = this.tallyOf(order.currency ?? DEFAULT_CURRENCY);
    money.all += 1;
    const refund = effectiveRefundCents(order);
    if (refund > 0) {
      this.refundOrders += 1;
      money.refund += refund;
    }
    const date = countedDate(order, this.rules);
    if (date === null) return;
    this.paidOrders += 1;
    money.paid += 1;
    money.net += netCents(order);
    this.paidDates.push(date);
  }

  result(): CountedMetrics {
    const { paidOrders, paidDates } = this;
    paidDates.sort();
    return {
      paidOrders,
      ...moneyMetrics(this.money),
      firstPaidDate: paidDates[0] ?? null,
      lastPaidDate: paidDates[paidDates.length - 1] ?? null,
      paidDates,
      refundOrders: this.refundOrders,
      allOrders: this.all,
    };
  }

  private tallyOf(currency: string): CurrencyTally {
    for (const m of this.money) if (m.currency === currency) return m;
    const m = { currency, paid: 0, all: 0, net: 0, refund: 0 };
    this.money.push(m);
    return m;
  }
}

/** One currency of a buyer's orders: counted orders, orders seen, net and refunded cents. */
export interface CurrencyTally {
  currency: string;
  paid: number;
  all: number;
  net: number;
  refund: number;
}

/** The money parts of a buyer's metrics. */
export type MoneyMetrics = Pick<BuyerMetrics, 'netCents' | 'aovCents' | 'refundCents' | 'currency' | 'otherMoney'>;

/**
 * A buyer's money from their orders per currency (any order of entries): netCents, aovCents and
 * refundCents in the buyer's currency, the one most counted orders are in, then most orders, then
 * the code; the other currencies apart, by code.
 */
export function moneyMetrics(money: readonly CurrencyTally[]): MoneyMetrics {
  const sorted = [...money].sort((a, b) => b.paid - a.paid || b.all - a.all || (a.currency < b.currency ? -1 : 1));
  const main = sorted[0] ?? { currency: DEFAULT_CURRENCY, paid: 0, all: 0, net: 0, refund: 0 };
  const out: MoneyMetrics = {
    netCents: main.net,
    aovCents: main.paid === 0 ? 0 : Math.round(main.net / main.paid),
    refundCents: main.refund,
  };
  // A buyer all in CNY has the same record as before currencies were kept.
  if (main.currency !== DEFAULT_CURRENCY) out.currency = main.currency;
  if (sorted.length > 1) {
    out.otherMoney = sorted
      .slice(1)
      .sort((a, b) => (a.currency < b.currency ? -1 : 1))
      .map((m) => ({ currency: m.currency, paidOrders: m.paid, netCents: m.net, refundCents: m.refund }));
  }
  return out;
}

/**
 * What the buyer bought, newest first: at most {@link LAST_ITEMS_MAX} lines and every category.
 * Depends on the orders only (no counting rules), so stored records may leave it out and
 * derive it when read.
 */
export function itemsOf(orders: readonly Order[]): Pick<BuyerMetrics, 'lastItems' | 'categories'> {
  const newestFirst = [...orders].sort(
    (a, b) => compareDesc(orderTime(a), orderTime(b)) || (a.orderId < b.orderId ? 1 : a.orderId > b.orderId ? -1 : 0),
  );
  const lastItems: BuyerMetrics['lastItems'] = [];
  const categories: string[] = [];
  for (const order of newestFirst) {
    const time = orderTime(order);
    const date = time === null ? null : localDateOf(time);
    for (const line of order.lines) {
      if (line.category !== undefined && line.category !== '' && !categories.includes(line.category))
        categories.push(line.category);
      if (lastItems.length < LAST_ITEMS_MAX)
        lastItems.push(
          line.category === undefined
            ? { title: line.title, date }
            : { title: line.title, date, category: line.category },
        );
    }
  }
  return { lastItems, categories };
}

/** Newest first; orders without any time go last. */
function compareDesc(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? 1 : -1;
}

/**
 * Counted orders in the `days` calendar days ending on `asOf`, both ends included: with days = 90
 * that is asOf and the 89 days before it. Orders dated after `asOf` are not counted.
 */
export function ordersInLastDays(metrics: Pick<BuyerMetrics, 'paidDates'>, asOf: string, days: number): number {
  if (days <= 0) return 0;
  const from = addDays(asOf, -(days - 1));
  return lowerBound(metrics.paidDates, addDays(asOf, 1)) - lowerBound(metrics.paidDates, from);
}

/** Index of the first element ≥ value in an ascending array of dates. */
function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
