import { z } from 'zod';
import type { BuyerMetrics } from '../schemas/buyer';
import { PlatformSchema, type Platform } from '../schemas/common';
import type { PopulationMember } from '../segments/model';
import type { HuitoukeDb } from './database';
import { scanBuyers } from './buyer-store';
import type { BuyerRecord } from './records';
import { SETTINGS_KEY } from './settings';

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
  /**
   * The currency of each buyer's netCents and aovCents, '' for CNY, and what they spent in others
   * (`MYR:4970,USD:1200`, '' for none). Optional: an index stored before currencies is all CNY.
   */
  currency: z.array(z.string()).optional(),
  otherNet: z.array(z.string()).optional(),
});
export type BuyerIndex = z.infer<typeof BuyerIndexSchema>;

/**
 * Settings key of the marker that lists the imports whose buyer writes may not be in the index yet:
 * a run adds its id before its first buyer write and removes it in the transaction that merges its
 * buyers into the index (or once its writes are undone). An id still there at the start of the next
 * import is a run that stopped between the two (a closed page): the index is then rebuilt from the
 * buyers. A list, so that two runs at once each leave only their own id.
 */
export const INDEX_PENDING_KEY = 'buyerIndexPending';

/** The ids in the pending marker (one id as older versions stored it, or a list); on the database or in a transaction on settings. */
export async function pendingRuns(db: HuitoukeDb): Promise<string[]> {
  const value = (await db.settings.get(INDEX_PENDING_KEY))?.value;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export async function setPendingRuns(db: HuitoukeDb, ids: readonly string[], now: number): Promise<void> {
  if (ids.length) await db.settings.put({ key: INDEX_PENDING_KEY, value: [...new Set(ids)], updatedAt: now });
  else await db.settings.delete(INDEX_PENDING_KEY);
}

export function emptyBuyerIndex(): BuyerIndex {
  return {
    version: 1,
    ids: [],
    nicks: [],
    platforms: [],
    paidOrders: [],
    netCents: [],
    aovCents: [],
    firstPaidDate: [],
    lastPaidDate: [],
    refundOrders: [],
  };
}

export interface IndexEntry {
  id: string;
  nick: string;
  platform: Platform;
  metrics: Pick<
    BuyerMetrics,
    | 'paidOrders'
    | 'netCents'
    | 'aovCents'
    | 'firstPaidDate'
    | 'lastPaidDate'
    | 'refundOrders'
    | 'currency'
    | 'otherMoney'
  >;
}

/** Position of each id, built once per index object and kept in step by {@link upsertIndex}. */
const positions = new WeakMap<BuyerIndex, Map<string, number>>();

function positionsOf(index: BuyerIndex): Map<string, number> {
  let pos = positions.get(index);
  // Rebuilt when the arrays were changed behind our back (a length that no longer matches).
  if (!pos || pos.size !== index.ids.length) {
    pos = new Map();
    for (let i = 0; i < index.ids.length; i++) pos.set(index.ids[i]!, i);
    positions.set(index, pos);
  }
  return pos;
}

/**
 * Insert or replace entries, keeping positions of existing buyers stable. The id → position map
 * is cached with the index object, so repeated upserts into one index cost O(entries), not O(index).
 */
export function upsertIndex(index: BuyerIndex, entries: Iterable<IndexEntry>): BuyerIndex {
  const pos = positionsOf(index);
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
    const currency = e.metrics.currency ?? '';
    const otherNet = e.metrics.otherMoney?.map((m) => `${m.currency}:${m.netCents}`).join(',') ?? '';
    if (currency !== '' || otherNet !== '' || index.currency) {
      // Columns start when a buyer first needs them, filled with '' (CNY, nothing else) for those before.
      index.currency ??= new Array<string>(index.ids.length).fill('');
      index.otherNet ??= new Array<string>(index.ids.length).fill('');
      index.currency[i] = currency;
      index.otherNet[i] = otherNet;
    }
  }
  return index;
}

/** Every entry of an index, in its order. */
export function* indexEntries(index: BuyerIndex): Generator<IndexEntry> {
  for (let i = 0; i < index.ids.length; i++) {
    yield {
      id: index.ids[i]!,
      nick: index.nicks[i]!,
      platform: index.platforms[i]!,
      metrics: {
        paidOrders: index.paidOrders[i]!,
        netCents: index.netCents[i]!,
        aovCents: index.aovCents[i]!,
        firstPaidDate: index.firstPaidDate[i] || null,
        lastPaidDate: index.lastPaidDate[i] || null,
        refundOrders: index.refundOrders[i]!,
        ...indexMoney(index, i),
      },
    };
  }
}

/** A buyer's currency and other currencies' amounts as the index holds them (nothing for a buyer all in CNY). */
export function indexMoney(index: BuyerIndex, i: number): Pick<BuyerMetrics, 'currency' | 'otherMoney'> {
  const out: Pick<BuyerMetrics, 'currency' | 'otherMoney'> = {};
  const currency = index.currency?.[i];
  if (currency) out.currency = currency;
  const other = index.otherNet?.[i];
  if (other) {
    out.otherMoney = other.split(',').map((part) => {
      const [code, cents] = part.split(':') as [string, string];
      return { currency: code, paidOrders: 0, netCents: Number(cents), refundCents: 0 };
    });
  }
  return out;
}

/** The currency most buyers of the index are in (the shop's, when the supervisor has not said), or null for an empty index. */
export function dominantCurrency(index: BuyerIndex): string | null {
  if (index.ids.length === 0) return null;
  const counts = new Map<string, number>();
  for (let i = 0; i < index.ids.length; i++) {
    const c = index.currency?.[i] || 'CNY';
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

/** The population view segmentation reads, without copying per buyer more than it needs. */
export function indexPopulation(index: BuyerIndex): PopulationMember[] {
  const out: PopulationMember[] = new Array(index.ids.length);
  for (let i = 0; i < index.ids.length; i++) {
    out[i] = {
      lastPaidDate: index.lastPaidDate[i] || null,
      paidOrders: index.paidOrders[i] ?? 0,
      netCents: index.netCents[i] ?? 0,
    };
  }
  return out;
}

const INDEX_COLUMNS = [
  'ids',
  'nicks',
  'platforms',
  'paidOrders',
  'netCents',
  'aovCents',
  'firstPaidDate',
  'lastPaidDate',
  'refundOrders',
] as const;

/**
 * A stored index value, or an empty index when it is not one. Only the shape is checked (version,
 * columns present and of one length): the import is its only writer, and validating 1.8 million
 * elements with zod costs 60–160 ms at 200,000 buyers every time a page or a worker loads it.
 */
export function buyerIndexOrEmpty(value: unknown): BuyerIndex {
  if (typeof value !== 'object' || value === null || (value as { version?: unknown }).version !== 1)
    return emptyBuyerIndex();
  const columns = value as Record<string, unknown>;
  const ids = columns.ids;
  if (!Array.isArray(ids)) return emptyBuyerIndex();
  for (const c of INDEX_COLUMNS) {
    const column = columns[c];
    if (!Array.isArray(column) || column.length !== ids.length) return emptyBuyerIndex();
  }
  for (const c of ['currency', 'otherNet'] as const) {
    const column = columns[c];
    if (column !== undefined && (!Array.isArray(column) || column.length !== ids.length)) return emptyBuyerIndex();
  }
  return value as BuyerIndex;
}

/** The stored index; an empty one when there is none or it is not an index of this version. */
export async function loadBuyerIndex(db: HuitoukeDb): Promise<BuyerIndex> {
  const rec = await db.settings.get(SETTINGS_KEY.buyerIndex);
  return buyerIndexOrEmpty(rec?.value);
}

/**
 * The index recomputed from every live buyer record (their stored metrics), in key order. Used
 * when an import stopped after writing buyers but before storing the index that describes them.
 * Must run inside a transaction that includes `buyerShards`, or on its own.
 */
export async function rebuildBuyerIndex(db: HuitoukeDb): Promise<BuyerIndex> {
  const live: BuyerRecord[] = [];
  await scanBuyers(db, (page) => {
    for (const b of page) if (b.deletedAt === undefined) live.push(b);
  });
  // Key order, as an import leaves it (shards are in hash order).
  live.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return upsertIndex(emptyBuyerIndex(), live);
}
