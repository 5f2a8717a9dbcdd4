import { countedDate, DEFAULT_COUNTING_RULES, netCents, type CountingRules } from '../metrics/rules';
import { itemsOf, LAST_ITEMS_MAX, moneyMetrics, ordersInLastDays, type CurrencyTally } from '../metrics/compute';
import { DEFAULT_CURRENCY } from '../money/currency';
import { effectiveRefundCents } from './merge';
import { profileLevel, RECENT_ORDERS_DAYS, type ProfileSettings } from '../metrics/profile';
import type { BuyerMetrics } from '../schemas/buyer';
import type { Order } from '../schemas/order';
import type { BuyerLookup } from '../schemas/sidebar-rpc';
import { resolveStage } from '../stages/stages';
import { replyOrders } from '../templates/order-facts';

/**
 * A team agent's sidebar (issue 21) shows a buyer the shop server knows from the supervisor's
 * imports, while this browser's console taught orders of its own (issue 19): order-panel orders no
 * export has brought yet. The server keeps its orders and answers with the buyer's metrics and the
 * ids it already counts among those the agent asked about (`known`); these functions fold the
 * others into the server's metrics, so each order counts once and the server's imported orders win.
 */

/** The taught orders the server does not count for this buyer yet. */
export function ordersServerLacks(taught: readonly Order[], known: readonly string[] | undefined): Order[] {
  const has = new Set(known ?? []);
  const seen = new Set<string>();
  return taught.filter((o) => {
    if (has.has(o.orderId) || seen.has(o.orderId)) return false;
    seen.add(o.orderId);
    return true;
  });
}

/** The server's metrics with `extra` orders (ones it does not count) added, as if computed over all of them. */
export function addOrdersToMetrics(
  metrics: BuyerMetrics,
  extra: readonly Order[],
  rules: CountingRules = DEFAULT_COUNTING_RULES,
): BuyerMetrics {
  if (!extra.length) return metrics;
  // The server's money per currency; how many orders of each were seen is not kept apart, so the
  // main currency gets what the others leave (it only breaks ties between currencies).
  const others = metrics.otherMoney ?? [];
  const otherPaid = others.reduce((s, m) => s + m.paidOrders, 0);
  const money: CurrencyTally[] = [
    {
      currency: metrics.currency ?? DEFAULT_CURRENCY,
      paid: metrics.paidOrders - otherPaid,
      all: Math.max(0, metrics.allOrders - otherPaid),
      net: metrics.netCents,
      refund: metrics.refundCents,
    },
    ...others.map((m) => ({
      currency: m.currency,
      paid: m.paidOrders,
      all: m.paidOrders,
      net: m.netCents,
      refund: m.refundCents,
    })),
  ];
  const tallyOf = (currency: string): CurrencyTally => {
    let m = money.find((t) => t.currency === currency);
    if (!m) money.push((m = { currency, paid: 0, all: 0, net: 0, refund: 0 }));
    return m;
  };
  let paidOrders = metrics.paidOrders;
  let refundOrders = metrics.refundOrders;
  const paidDates = [...metrics.paidDates];
  for (const order of extra) {
    const m = tallyOf(order.currency ?? DEFAULT_CURRENCY);
    m.all += 1;
    const refund = effectiveRefundCents(order);
    if (refund > 0) {
      refundOrders += 1;
      m.refund += refund;
    }
    const date = countedDate(order, rules);
    if (date === null) continue;
    paidOrders += 1;
    m.paid += 1;
    m.net += netCents(order);
    paidDates.push(date);
  }
  paidDates.sort();
  const { otherMoney: _o, currency: _c, ...rest } = metrics;
  const items = itemsOf(extra);
  return {
    ...rest,
    ...moneyMetrics(money),
    paidOrders,
    refundOrders,
    allOrders: metrics.allOrders + extra.length,
    paidDates,
    firstPaidDate: paidDates[0] ?? null,
    lastPaidDate: paidDates[paidDates.length - 1] ?? null,
    // Orders only a console showed carry no lines; an order with lines is newer than the server's latest import.
    lastItems: [...items.lastItems, ...metrics.lastItems].slice(0, LAST_ITEMS_MAX),
    categories: [...new Set([...items.categories, ...metrics.categories])],
  };
}

/**
 * The shop server's buyer with the orders this browser's consoles taught that the server does not
 * count yet (`consoleOnly`: those no export brought; the others are linked orphans): metrics, level,
 * stage and recent orders over all of them; the segment stays the server's (it is scored against the
 * shop's whole population). The server's `known` is not passed on.
 */
export function serverBuyerWithTaught(
  remote: BuyerLookup,
  taught: readonly Order[],
  consoleOnly: readonly string[],
  settings: ProfileSettings,
  asOf: string,
): BuyerLookup {
  const extra = ordersServerLacks(taught, remote.known);
  const { known: _known, ...answer } = remote;
  if (!remote.buyer || !extra.length) return answer;
  const metrics = addOrdersToMetrics(remote.buyer.metrics, extra, settings.rules);
  const live = new Set(consoleOnly);
  const profile = remote.profile
    ? {
        ...remote.profile,
        metrics,
        orders90d: ordersInLastDays(metrics, asOf, RECENT_ORDERS_DAYS),
        level: profileLevel(metrics, settings),
        stage: resolveStage(metrics.lastPaidDate, asOf, settings.stages),
      }
    : null;
  return {
    ...answer,
    buyer: { ...remote.buyer, metrics },
    profile,
    orders: [...replyOrders(extra), ...remote.orders].slice(0, 10),
    live: {
      orderIds: extra
        .filter((o) => live.has(o.orderId))
        .map((o) => o.orderId)
        .slice(0, 50),
      linked: extra.filter((o) => !live.has(o.orderId)).length,
    },
  };
}
