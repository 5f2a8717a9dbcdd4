// The part of `analyze` that does not touch files: orders in, one result row per buyer out.
import { daysBetween } from '../../lib/dates/local-date';
import { computeBuyerMetrics } from '../../lib/metrics/compute';
import { metricsCurrency, netByCurrency } from '../../lib/metrics/money';
import { MoneyTotals } from '../../lib/money/totals';
import { buildProfile, type ProfileSettings } from '../../lib/metrics/profile';
import { buildSegmentModel, type SegmentModel } from '../../lib/segments/model';
import type { BuyerMetrics, Rfm8Id, RfmScore, StageId } from '../../lib/schemas/buyer';
import type { Platform } from '../../lib/schemas/common';
import type { Order } from '../../lib/schemas/order';

/** One output line of `analyze`. Money in units of `currency` (yuan, ringgit), as people read it. */
export interface AnalyzeRow {
  buyer: string;
  platform: Platform;
  paidOrders: number;
  /** The currency of netTotal and aov: the one most of the buyer's paid orders are in (ISO 4217). */
  currency: string;
  netTotal: number;
  aov: number;
  /** What the buyer spent in other currencies, never added into netTotal; absent when none. */
  otherTotals?: Record<string, number>;
  firstPaidDate: string | null;
  lastPaidDate: string | null;
  recencyDays: number | null;
  stage: StageId;
  level: string | null;
  rfm: RfmScore | null;
  rfm8: Rfm8Id | null;
  layer: string | null;
}

export interface AnalyzedOrders {
  rows: AnalyzeRow[];
  model: SegmentModel;
  /** Orders whose export names no buyer (e.g. Pinduoduo): they cannot be attributed. */
  ordersWithoutBuyer: number;
  /** What every buyer spent, per currency (never one sum of several currencies), in units. */
  netTotals: Record<string, number>;
}

/** Group orders by buyer, measure each buyer, segment the population and profile everyone. */
export function analyzeOrders(orders: Iterable<Order>, asOf: string, settings: ProfileSettings): AnalyzedOrders {
  const byBuyer = new Map<string, { platform: Platform; buyerKey: string; nick: string | null; orders: Order[] }>();
  let ordersWithoutBuyer = 0;
  for (const order of orders) {
    if (order.buyerKey === null) {
      ordersWithoutBuyer++;
      continue;
    }
    const id = `${order.platform}:${order.buyerKey}`;
    let entry = byBuyer.get(id);
    if (!entry) {
      entry = { platform: order.platform, buyerKey: order.buyerKey, nick: null, orders: [] };
      byBuyer.set(id, entry);
    }
    entry.nick ??= order.buyerNick;
    entry.orders.push(order);
  }

  const buyers: Array<{ platform: Platform; buyerKey: string; nick: string; metrics: BuyerMetrics }> = [];
  for (const entry of byBuyer.values()) {
    buyers.push({ platform: entry.platform, buyerKey: entry.buyerKey, nick: entry.nick ?? entry.buyerKey, metrics: computeBuyerMetrics(entry.orders, settings.rules) });
  }
  buyers.sort((a, b) => compare(a.platform, b.platform) || compare(a.buyerKey, b.buyerKey));
  const model = buildSegmentModel(buyers.map((b) => b.metrics), asOf);

  const rows = buyers.map((buyer): AnalyzeRow => {
    const profile = buildProfile(buyer, settings, model, asOf);
    const m = profile.metrics;
    return {
      buyer: buyer.buyerKey,
      platform: buyer.platform,
      paidOrders: m.paidOrders,
      currency: metricsCurrency(m),
      netTotal: toYuan(m.netCents),
      aov: toYuan(m.aovCents),
      ...(m.otherMoney ? { otherTotals: Object.fromEntries(m.otherMoney.map((o) => [o.currency, toYuan(o.netCents)])) } : {}),
      firstPaidDate: m.firstPaidDate,
      lastPaidDate: m.lastPaidDate,
      recencyDays: m.lastPaidDate === null ? null : daysBetween(m.lastPaidDate, asOf),
      stage: profile.stage.id,
      level: profile.level?.id ?? null,
      rfm: profile.rfm,
      rfm8: profile.rfm8,
      layer: profile.layer,
    };
  });
  const totals = new MoneyTotals();
  for (const b of buyers) totals.addAll(netByCurrency(b.metrics));
  const netTotals = Object.fromEntries(totals.amounts().map((a) => [a.currency, toYuan(a.cents)]));
  return { rows, model, ordersWithoutBuyer, netTotals };
}

function toYuan(cents: number): number {
  return cents / 100;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
