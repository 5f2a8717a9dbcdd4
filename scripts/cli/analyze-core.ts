// The part of `analyze` that does not touch files: orders in, one result row per buyer out.
import { daysBetween } from '../../lib/dates/local-date';
import { BuyerTally, totalsMetrics, type BuyerTotals, type TotalsMetrics } from '../../lib/metrics/buyer-tally';
import { metricsCurrency, netByCurrency } from '../../lib/metrics/money';
import { profileLevel, type ProfileSettings } from '../../lib/metrics/profile';
import { MoneyTotals } from '../../lib/money/totals';
import { buildSegmentModel, scoreBuyer, type SegmentModel } from '../../lib/segments/model';
import { resolveStage } from '../../lib/stages/stages';
import type { Rfm8Id, RfmScore, StageId } from '../../lib/schemas/buyer';
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
  const tally = new BuyerTally(settings.rules);
  for (const order of orders) tally.add(order);
  return analyzeTally(tally, asOf, settings);
}

/** A buyer of a tally, measured: the money in the buyer's currency, other currencies apart. */
export interface TalliedBuyer {
  platform: Platform;
  buyerKey: string;
  metrics: TotalsMetrics;
}

/**
 * The rows of every buyer of a tally, sorted by platform and buyer. A profile needs no more than a
 * buyer's totals (levels, RFM, 8 classes, layers and stages read paid orders, the money per
 * currency and the paid dates' ends), so the rows are exactly those of profiling every buyer with
 * all their orders (computeBuyerMetrics + buildProfile).
 */
export function analyzeTally(tally: BuyerTally, asOf: string, settings: ProfileSettings): AnalyzedOrders {
  const analyzed = streamTally(tally, asOf, settings);
  return {
    rows: [...analyzed.rows()],
    model: analyzed.model,
    ordersWithoutBuyer: analyzed.ordersWithoutBuyer,
    netTotals: analyzed.netTotals,
  };
}

/**
 * analyzeTally one row at a time, for output that is written as it is made: only the buyers'
 * totals are held, never all rows. Takes the tally's buyers (the tally is left empty).
 */
export function streamTally(
  tally: BuyerTally,
  asOf: string,
  settings: ProfileSettings,
): Omit<AnalyzedOrders, 'rows'> & { buyers: number; rows: () => Generator<AnalyzeRow> } {
  const buyers: TalliedBuyer[] = [];
  const totals = new MoneyTotals();
  for (const b of tally.buyers.values()) {
    const buyer = talliedBuyer(b);
    totals.addAll(netByCurrency(buyer.metrics));
    buyers.push(buyer);
  }
  tally.buyers.clear();
  buyers.sort((a, b) => compare(a.platform, b.platform) || compare(a.buyerKey, b.buyerKey));
  const model = buildSegmentModel(
    buyers.map((b) => b.metrics),
    asOf,
  );
  return {
    model,
    ordersWithoutBuyer: tally.ordersWithoutBuyer,
    netTotals: Object.fromEntries(totals.amounts().map((a) => [a.currency, toYuan(a.cents)])),
    buyers: buyers.length,
    *rows() {
      for (const buyer of buyers) yield rowOf(buyer, model, asOf, settings);
    },
  };
}

export function talliedBuyer(totals: BuyerTotals): TalliedBuyer {
  return { platform: totals.platform, buyerKey: totals.buyerKey, metrics: totalsMetrics(totals) };
}

/** One buyer's output line: what buildProfile says of the buyer (level, segment, stage), from the totals. */
export function rowOf(buyer: TalliedBuyer, model: SegmentModel, asOf: string, settings: ProfileSettings): AnalyzeRow {
  const m = buyer.metrics;
  const segment = scoreBuyer(m, model, asOf, settings.layers);
  return {
    buyer: buyer.buyerKey,
    platform: buyer.platform,
    paidOrders: m.paidOrders,
    currency: metricsCurrency(m),
    netTotal: toYuan(m.netCents),
    aov: toYuan(m.aovCents),
    ...(m.otherMoney
      ? { otherTotals: Object.fromEntries(m.otherMoney.map((o) => [o.currency, toYuan(o.netCents)])) }
      : {}),
    firstPaidDate: m.firstPaidDate,
    lastPaidDate: m.lastPaidDate,
    recencyDays: m.lastPaidDate === null ? null : daysBetween(m.lastPaidDate, asOf),
    stage: resolveStage(m.lastPaidDate, asOf, settings.stages).id,
    level: profileLevel(m, settings)?.id ?? null,
    rfm: segment.rfm,
    rfm8: segment.rfm8,
    layer: segment.layer,
  };
}

function toYuan(cents: number): number {
  return cents / 100;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
