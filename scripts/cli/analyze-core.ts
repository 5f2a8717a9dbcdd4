// The part of `analyze` that does not touch files: orders in, one result row per buyer out.
import { daysBetween } from '../../lib/dates/local-date';
import { resolveLevel } from '../../lib/levels/ladder';
import { BuyerTally, type BuyerTotals } from '../../lib/metrics/buyer-tally';
import type { ProfileSettings } from '../../lib/metrics/profile';
import { buildSegmentModel, scoreBuyer, type SegmentModel } from '../../lib/segments/model';
import { resolveStage } from '../../lib/stages/stages';
import type { Rfm8Id, RfmScore, StageId } from '../../lib/schemas/buyer';
import type { Platform } from '../../lib/schemas/common';
import type { Order } from '../../lib/schemas/order';

/** One output line of `analyze`. Money in yuan, as people read it. */
export interface AnalyzeRow {
  buyer: string;
  platform: Platform;
  paidOrders: number;
  netTotal: number;
  aov: number;
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
}

/** Group orders by buyer, measure each buyer, segment the population and profile everyone. */
export function analyzeOrders(orders: Iterable<Order>, asOf: string, settings: ProfileSettings): AnalyzedOrders {
  const tally = new BuyerTally(settings.rules);
  for (const order of orders) tally.add(order);
  return analyzeTally(tally, asOf, settings);
}

/**
 * The rows of every buyer of a tally, sorted by platform and buyer. A profile needs no more than a
 * buyer's totals (levels, RFM, 8 classes, layers and stages read paid orders, net amount and the
 * paid dates' ends), so the rows are exactly those of profiling every buyer with all their orders.
 */
export function analyzeTally(tally: BuyerTally, asOf: string, settings: ProfileSettings): AnalyzedOrders {
  const analyzed = streamTally(tally, asOf, settings);
  return { rows: [...analyzed.rows()], model: analyzed.model, ordersWithoutBuyer: analyzed.ordersWithoutBuyer };
}

/**
 * analyzeTally one row at a time, for output that is written as it is made: only the buyers'
 * totals are held, never all rows. Takes the tally's buyers (the tally is left empty).
 */
export function streamTally(tally: BuyerTally, asOf: string, settings: ProfileSettings): Omit<AnalyzedOrders, 'rows'> & { buyers: number; rows: () => Generator<AnalyzeRow> } {
  const buyers = [...tally.buyers.values()];
  tally.buyers.clear();
  buyers.sort((a, b) => compare(a.platform, b.platform) || compare(a.buyerKey, b.buyerKey));
  const model = buildSegmentModel(buyers, asOf);
  return {
    model,
    ordersWithoutBuyer: tally.ordersWithoutBuyer,
    buyers: buyers.length,
    *rows() {
      for (const buyer of buyers) yield rowOf(buyer, model, asOf, settings);
    },
  };
}

/** One buyer's output line. */
export function rowOf(buyer: BuyerTotals, model: SegmentModel, asOf: string, settings: ProfileSettings): AnalyzeRow {
  const aovCents = buyer.paidOrders === 0 ? 0 : Math.round(buyer.netCents / buyer.paidOrders);
  const segment = scoreBuyer(buyer, model, asOf, settings.layers);
  return {
    buyer: buyer.buyerKey,
    platform: buyer.platform,
    paidOrders: buyer.paidOrders,
    netTotal: toYuan(buyer.netCents),
    aov: toYuan(aovCents),
    firstPaidDate: buyer.firstPaidDate,
    lastPaidDate: buyer.lastPaidDate,
    recencyDays: buyer.lastPaidDate === null ? null : daysBetween(buyer.lastPaidDate, asOf),
    stage: resolveStage(buyer.lastPaidDate, asOf, settings.stages).id,
    level: resolveLevel(buyer, settings.ladder)?.id ?? null,
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
