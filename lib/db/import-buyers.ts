import { computeBuyerMetrics } from '../metrics/compute';
import { mergeOrder } from '../orders/merge';
import type { Order } from '../schemas/order';
import { encodeBuyer } from './buyer-codec';
import { upsertIndex, type BuyerIndex } from './buyer-index';
import { aliasOf, applyToShards, buyerInShard, shardIdOf, shardsTouched, type BuyerChange, type BuyerShard } from './buyer-shards';
import { liveBuyer } from './buyer-store';
import type { HuitoukeDb } from './database';
import type { Hold, HeldBuyer } from './import-hold';
import type { ImportStoreOptions } from './import-store';
import type { BuyerRecord, ImportRun } from './records';

// The import's buyer writes (import-store.ts reads the files, ties orphans and finishes the run).

/** Per write transaction: short, so the sidebar's reads of buyers are never held up for long. */
const CHUNK_SHARDS = 128;
const CHUNK_ORDERS = 20_000;

/** What the run has counted and the state shared by its writes. */
export interface RunContext {
  db: HuitoukeDb;
  opts: ImportStoreOptions;
  run: ImportRun;
  index: BuyerIndex;
  touched: Set<string>;
  /** Orders read from an orphan bucket: moving them to a buyer does not make them new. */
  storedBefore: WeakSet<Order>;
  progress: (written: number, toWrite: number) => void;
  stamp: () => number;
}

/**
 * Write the held buyers into their shards, a few dozen shards per transaction. Buyers whose shard
 * did not exist when the writes began are new: their records are built and encoded before the
 * transaction opens, so that work overlaps the database storing the previous chunk. Buyers of
 * stored shards are read, merged and encoded inside their transaction.
 */
export async function writeBuyers(ctx: RunContext, hold: Hold, checkAbort: () => void): Promise<void> {
  const { db } = ctx;
  const byShard = new Map<string, HeldBuyer[]>();
  for (const buyers of hold.buyers.values()) {
    for (const b of buyers.values()) {
      const id = shardIdOf(b.platform, b.buyerKey);
      (byShard.get(id) ?? byShard.set(id, []).get(id)!).push(b);
    }
  }
  if (!byShard.size) return;
  const shardIds = [...byShard.keys()].sort();
  const existing = new Set((await db.buyerShards.toCollection().primaryKeys()) as string[]);
  const total = hold.buyers.size ? [...hold.buyers.values()].reduce((n, m) => n + m.size, 0) : 0;
  const chunkOrders = ctx.opts.limits?.chunkOrders ?? CHUNK_ORDERS;
  let written = 0;
  // Two chunks in flight: while the database stores one, the next is built and queued.
  type Flight = { count: number; done: Promise<BuyerRecord[]> };
  let inflight: Flight | null = null;
  const settle = async ({ count, done }: Flight) => {
    const records = await done;
    upsertIndex(ctx.index, records);
    for (const r of records) ctx.touched.add(r.id);
    written += count;
    ctx.progress(written, total);
  };
  try {
    for (let start = 0; start < shardIds.length; ) {
      checkAbort();
      let end = start;
      for (let orders = 0; end < shardIds.length && end - start < CHUNK_SHARDS && orders < chunkOrders; end++) {
        for (const b of byShard.get(shardIds[end]!)!) orders += b.refs.length;
      }
      const ids = shardIds.slice(start, end);
      start = end;
      const fresh: BuyerChange[] = [];
      const merge: HeldBuyer[] = [];
      for (const id of ids) {
        for (const b of byShard.get(id)!) {
          if (existing.has(id)) merge.push(b);
          else {
            const record = buyerRecord(ctx, hold.ordersOf(b), b, undefined);
            fresh.push({ record, before: undefined, doc: encodeBuyer(record, { itemsDerived: true }) });
          }
        }
      }
      const count = fresh.length + merge.length;
      const mergeChunk = () => db.transaction('rw', db.buyerShards, async () => {
        const shards = new Map<string, BuyerShard>();
        const read = async (want: Iterable<string>) => {
          const missing = [...want].filter((id) => !shards.has(id));
          (await db.buyerShards.bulkGet(missing)).forEach((s, i) => s && shards.set(missing[i]!, s));
        };
        await read(merge.length ? ids : []);
        const changes = fresh.concat(merge.map((b) => {
          const before = liveBuyer(buyerInShard(shards.get(shardIdOf(b.platform, b.buyerKey)), b.buyerKey));
          const record = buyerRecord(ctx, hold.ordersOf(b), b, before);
          return { record, before, doc: encodeBuyer(record, { itemsDerived: true }) };
        }));
        const touched = shardsTouched(changes);
        await read(touched);
        // Another import (another tab) may have created a "fresh" shard since the writes began:
        // merge into what it stored rather than replace it.
        for (let i = 0; i < fresh.length; i++) {
          const { record } = changes[i]!;
          const before = liveBuyer(buyerInShard(shards.get(shardIdOf(record.platform, record.buyerKey)), record.buyerKey));
          if (!before) continue;
          const again = buyerRecord(ctx, record.orders, heldOf(record), before);
          changes[i] = { record: again, before, doc: encodeBuyer(again, { itemsDerived: true }) };
        }
        applyToShards(shards, changes, ctx.stamp());
        await db.buyerShards.bulkPut([...touched].map((id) => shards.get(id)!));
        return changes.map((c) => c.record);
      });
      let done: Promise<BuyerRecord[]>;
      if (!merge.length && fresh.every((c) => aliasOf(c.record) === null)) {
        // Only new shards (a first import, most of a big one): built here, and the transaction does
        // nothing but add them, so the database stores them while the next chunk is being built.
        // `add` refuses a shard that appeared meanwhile (another tab importing): then merge instead.
        const shards = new Map<string, BuyerShard>();
        applyToShards(shards, fresh, ctx.stamp());
        done = db.transaction('rw', db.buyerShards, () => db.buyerShards.bulkAdd([...shards.values()]))
          .then(() => fresh.map((c) => c.record), (error: unknown) => {
            if (isConstraintError(error)) return mergeChunk();
            throw error;
          });
      } else done = mergeChunk();
      const previous: Flight | null = inflight;
      inflight = { count, done };
      if (previous) await settle(previous);
    }
    const last: Flight | null = inflight;
    inflight = null;
    if (last) await settle(last);
  } finally {
    // A failed chunk may leave the next one queued: let it finish (its records are whole) before reporting.
    await (inflight as Flight | null)?.done.catch(() => {});
  }
}

/** A write refused because a key already exists (Dexie wraps it in a BulkError). */
function isConstraintError(error: unknown): boolean {
  const failures = (error as { failures?: unknown[] } | null)?.failures;
  const names = [error, ...(Array.isArray(failures) ? failures : [])].map((e) => (e as { name?: unknown } | null)?.name);
  return names.includes('ConstraintError');
}

/** A stored buyer as a held one, for re-merging its record (the nick is kept from the record). */
const heldOf = (r: BuyerRecord): HeldBuyer => ({ id: r.id, platform: r.platform, buyerKey: r.buyerKey, nick: r.nick, refs: [], byKey: null });

/**
 * The buyer's record with this import's orders merged in. Counts the import's orders once each,
 * even across intermediate writes: a stored order that already lists this run was counted before.
 */
function buyerRecord(ctx: RunContext, held: Order[], b: HeldBuyer, before: BuyerRecord | undefined): BuyerRecord {
  const { opts } = ctx;
  let orders = held;
  if (before) {
    orders = before.orders.slice();
    const at = new Map<string, number>();
    orders.forEach((o, i) => at.set(o.orderId, i));
    for (const o of held) {
      const i = at.get(o.orderId);
      if (i === undefined) {
        orders.push(o);
        count(ctx, o, null);
      } else {
        count(ctx, o, orders[i]!);
        orders[i] = mergeOrder(orders[i], o, opts.runId);
      }
    }
  } else for (const o of held) count(ctx, o, null);
  return {
    ...before,
    id: b.id, platform: b.platform, buyerKey: b.buyerKey,
    nick: b.nick ?? before?.nick ?? b.buyerKey,
    orders,
    metrics: computeBuyerMetrics(orders, opts.rules),
    updatedAt: ctx.stamp(),
  };
}

/** Count one of this import's orders against the stored order it merges into (or none). */
export function count(ctx: RunContext, order: Order, stored: Order | null, orphan = false): void {
  if (stored?.sources.includes(ctx.opts.runId)) return;
  ctx.run.orders++;
  if (orphan) ctx.run.ordersWithoutBuyer++;
  if (!stored && !ctx.storedBefore.has(order)) ctx.run.newOrders++;
}
