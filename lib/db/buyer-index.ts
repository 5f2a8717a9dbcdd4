import { z } from 'zod';
import type { BuyerMetrics } from '../schemas/buyer';
import { PlatformSchema, type Platform } from '../schemas/common';
import type { PopulationMember } from '../segments/model';

/**
 * A columnar copy of what segmentation and the buyers table need from every buyer — one
 * settings record instead of 200,000 — so segments for the whole shop are recomputed in
 * milliseconds and the supervisor's table can filter and sort without reading every buyer.
 * Kept in step with the buyers table by the import (the only writer of buyer metrics).
 */
export const BuyerIndexSchema = z.object({
  version: z.literal(1),
  ids: z.array(z.string()),
  nicks: z.array(z.string()),
  platforms: z.array(PlatformSchema),
  paidOrders: z.array(z.number()),
  netCents: z.array(z.number()),
  aovCents: z.array(z.number()),
  /** `YYYY-MM-DD` or '' for buyers without a paid order. */
  firstPaidDate: z.array(z.string()),
  lastPaidDate: z.array(z.string()),
  refundOrders: z.array(z.number()),
});
export type BuyerIndex = z.infer<typeof BuyerIndexSchema>;

export function emptyBuyerIndex(): BuyerIndex {
  return { version: 1, ids: [], nicks: [], platforms: [], paidOrders: [], netCents: [], aovCents: [], firstPaidDate: [], lastPaidDate: [], refundOrders: [] };
}

export interface IndexEntry {
  id: string;
  nick: string;
  platform: Platform;
  metrics: BuyerMetrics;
}

/** Insert or replace entries, keeping positions of existing buyers stable. */
export function upsertIndex(index: BuyerIndex, entries: Iterable<IndexEntry>): BuyerIndex {
  const pos = new Map<string, number>();
  index.ids.forEach((id, i) => pos.set(id, i));
  for (const e of entries) {
    let i = pos.get(e.id);
    if (i === undefined) {
      i = index.ids.length;
      pos.set(e.id, i);
      index.ids.push(e.id);
    }
    index.nicks[i] = e.nick;
    index.platforms[i] = e.platform;
    index.paidOrders[i] = e.metrics.paidOrders;
    index.netCents[i] = e.metrics.netCents;
    index.aovCents[i] = e.metrics.aovCents;
    index.firstPaidDate[i] = e.metrics.firstPaidDate ?? '';
    index.lastPaidDate[i] = e.metrics.lastPaidDate ?? '';
    index.refundOrders[i] = e.metrics.refundOrders;
  }
  return index;
}

/** The population view segmentation reads, without copying per buyer more than it needs. */
export function indexPopulation(index: BuyerIndex): PopulationMember[] {
  const out: PopulationMember[] = new Array(index.ids.length);
  for (let i = 0; i < index.ids.length; i++) {
    out[i] = { lastPaidDate: index.lastPaidDate[i] || null, paidOrders: index.paidOrders[i] ?? 0, netCents: index.netCents[i] ?? 0 };
  }
  return out;
}
