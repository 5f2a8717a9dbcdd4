import Dexie from 'dexie';
import { computeBuyerMetrics } from '../metrics/compute';
import { mergeOrder } from '../orders/merge';
import type { Order } from '../schemas/order';
import { encodeBuyer } from './buyer-codec';
import { upsertIndex, type BuyerIndex, type IndexEntry } from './buyer-index';
import {
  aliasOf,
  applyToShards,
  buyerInShard,
  shardIdOf,
  shardsTouched,
  type BuyerChange,
  type BuyerShard,
} from './buyer-shards';
import { liveBuyer, storedLexiconChunks } from './buyer-store';
import type { HuitoukeDb } from './database';
import type { Hold, HeldBuyer } from './import-hold';
import { Lexicon, LexiconMiss, MAX_CHUNKS, newLexiconGen, type LexiconChunk } from './lexicon';
import type { ImportStoreOptions } from './import-store';
import type { BuyerRecord, ImportRun, OrphanBucket } from './records';

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
  /** The texts docs name by number, with a chunk of this run's own for new ones (see {@link claimLexicon}). */
  lexicon: Lexicon;
  /** What the run changed, to put back when it is cancelled or fails. */
  undo: Undo;
  /** The run holds the data lock: no other import or restore writes while it runs. */
  exclusive: boolean;
}

/**
 * Every record the run wrote, as it was before the run first wrote it (null: it did not exist).
 * Putting these back leaves the buyers and orders exactly as before the import: the buyer index is
 * only written by the run's last transaction, so it needs no undo. It is kept in memory: records the
 * run creates cost an id each, records it changes cost their old content (an import that merges into
 * every buyer of a big shop holds the shop's stored buyers once more, ~100 MB at a million orders).
 */
export interface Undo {
  shards: Map<string, BuyerShard | null>;
  orphans: Map<string, OrphanBucket | null>;
}

export const newUndo = (): Undo => ({ shards: new Map(), orphans: new Map() });

/** The data this run writes into was replaced (a restore) meanwhile: it stops without writing. */
export class DataReplaced extends Error {
  constructor() {
    super('the data was replaced (restored from a backup) during the import');
    this.name = 'DataReplaced';
  }
}

/** Whether a stored lexicon chunk (the run's guard chunk) is still of the run's lexicon. */
export const sameGeneration = (chunk: Pick<LexiconChunk, 'gen'> | undefined, lexicon: Lexicon): boolean =>
  chunk !== undefined && chunk.gen === lexicon.gen;

/**
 * Inside a transaction that includes `lexicon`, before the run writes: the lexicon it claimed its
 * chunk in is still the stored one. A restore clears the table (and brings its own chunks, whose
 * numbers mean other texts), so a run that goes on writing would corrupt the restored buyers.
 */
export async function checkGeneration(ctx: Pick<RunContext, 'db' | 'lexicon'>): Promise<void> {
  if (!sameGeneration(await ctx.db.lexicon.get(ctx.lexicon.guardChunk()), ctx.lexicon)) throw new DataReplaced();
}

/** Remember a shard as it was before the run first wrote it. */
function keepBefore(undo: Undo, id: string, shard: BuyerShard | undefined): void {
  if (undo.shards.has(id)) return;
  undo.shards.set(
    id,
    shard
      ? {
          ...shard,
          keys: shard.keys.slice(),
          docs: shard.docs.slice(),
          aliasNicks: shard.aliasNicks.slice(),
          aliasKeys: shard.aliasKeys.slice(),
        }
      : null,
  );
}

/**
 * The stored lexicon, with a chunk claimed for this run's new texts: the next free chunk number,
 * added empty (`add` refuses a number another run claimed meanwhile: then the next). Without room
 * (all chunks used), new texts stay in the docs.
 */
export async function claimLexicon(db: HuitoukeDb, now: number): Promise<Lexicon> {
  for (;;) {
    const lexicon = Lexicon.of(await storedLexiconChunks(db), newLexiconGen);
    const chunk = lexicon.nextChunk();
    if (chunk >= MAX_CHUNKS) return lexicon;
    try {
      await db.lexicon.add({ id: chunk, gen: lexicon.gen, texts: [], updatedAt: now });
      lexicon.claim(chunk);
      return lexicon;
    } catch (error) {
      if (!isConstraintError(error)) throw error;
    }
  }
}

/**
 * Inside the run's last transaction (after {@link checkGeneration}): drop the run's chunk when no
 * text went into it, or, when the run's writes were undone and no other import could have used its
 * texts meanwhile (`all`), whatever it holds. Chunk 0 stays whatever it holds: it carries the
 * lexicon's generation, which the shards this run wrote are marked with.
 */
export async function releaseLexicon(ctx: Pick<RunContext, 'db' | 'lexicon'>, all = false): Promise<void> {
  const chunk = all ? ctx.lexicon.ownChunk() : (ctx.lexicon.unusedChunk() ?? -1);
  if (chunk > 0) await ctx.db.lexicon.delete(chunk);
}

/** A buyer a chunk writes: its change to the shards, and what the index needs. */
interface Written {
  change: BuyerChange;
  entry: IndexEntry;
  held: HeldBuyer;
}

/**
 * Write the held buyers into their shards, a few dozen shards per transaction. Buyers whose shard
 * did not exist when the writes began are new: they are encoded before the transaction opens (from
 * the hold's order rows, without building their orders, when they can be), so that work overlaps the
 * database storing the previous chunk. Buyers of stored shards are read, merged and encoded inside
 * their transaction.
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
  type Flight = { count: number; done: Promise<IndexEntry[]>; merge: boolean };
  let inflight: Flight | null = null;
  const settle = async ({ count, done }: Flight) => {
    const entries = await done;
    upsertIndex(ctx.index, entries);
    for (const e of entries) ctx.touched.add(e.id);
    written += count;
    ctx.progress(written, total);
  };
  try {
    for (let start = 0; start < shardIds.length;) {
      checkAbort();
      let end = start;
      for (let orders = 0; end < shardIds.length && end - start < CHUNK_SHARDS && orders < chunkOrders; end++) {
        for (const b of byShard.get(shardIds[end]!)!) orders += b.refs.length;
      }
      const ids = shardIds.slice(start, end);
      start = end;
      const fresh: Written[] = [];
      const merge: HeldBuyer[] = [];
      for (const id of ids) {
        for (const b of byShard.get(id)!) {
          if (existing.has(id)) merge.push(b);
          else fresh.push(newBuyer(ctx, hold, b));
        }
      }
      const count = fresh.length + merge.length;
      const mergeChunk = () =>
        db.transaction('rw', db.buyerShards, db.lexicon, async () => {
          await checkGeneration(ctx);
          const shards = new Map<string, BuyerShard>();
          const read = async (want: Iterable<string>) => {
            const missing = [...want].filter((id) => !shards.has(id));
            (await db.buyerShards.bulkGet(missing)).forEach((s, i) => s && shards.set(missing[i]!, s));
          };
          const before = new Map<HeldBuyer, BuyerRecord | undefined>();
          const readStored = (buyers: readonly HeldBuyer[]) => storedBuyers(ctx, shards, buyers, before);
          await read(merge.length ? ids : []);
          await readStored(merge);
          const all = fresh.concat(merge.map((b) => merged(ctx, hold, b, before.get(b), true)));
          const touched = shardsTouched(all.map((w) => w.change));
          await read(touched);
          // Another import (another tab) may have created a "fresh" shard since the writes began:
          // merge into what it stored rather than replace it (this import's orders are counted already).
          await readStored(fresh.map((w) => w.held));
          for (let i = 0; i < fresh.length; i++) {
            const stored = before.get(all[i]!.held);
            if (stored) all[i] = merged(ctx, hold, all[i]!.held, stored, false);
          }
          for (const id of touched) keepBefore(ctx.undo, id, shards.get(id));
          applyToShards(
            shards,
            all.map((w) => w.change),
            ctx.stamp(),
            ctx.lexicon.gen,
          );
          await saveLexicon(ctx, () => db.buyerShards.bulkPut([...touched].map((id) => shards.get(id)!)));
          return all.map((w) => w.entry);
        });
      let done: Promise<IndexEntry[]>;
      const onlyNew = !merge.length && fresh.every((w) => aliasOf(w.change.record) === null);
      if (onlyNew) {
        // Only new shards (a first import, most of a big one): built here, and the transaction does
        // nothing but add them, so the database stores them while the next chunk is being built.
        // `add` refuses a shard that appeared meanwhile (another tab importing): then merge instead.
        const shards = new Map<string, BuyerShard>();
        applyToShards(
          shards,
          fresh.map((w) => w.change),
          ctx.stamp(),
          ctx.lexicon.gen,
        );
        // This chunk's copy of the lexicon is taken now: a merge queued before it must have put its
        // own (taken later, after its texts) first, or this one would put back fewer texts.
        if ((inflight as Flight | null)?.merge) {
          const previous = inflight!;
          inflight = null;
          await settle(previous);
        }
        done = addShards(ctx, [...shards.values()]).then(
          () => fresh.map((w) => w.entry),
          (error: unknown) => {
            if (isConstraintError(error)) return mergeChunk();
            throw error;
          },
        );
      } else done = mergeChunk();
      const previous: Flight | null = inflight;
      inflight = { count, done, merge: !onlyNew };
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

/**
 * Inside a write transaction: `write` the docs, then put the run's lexicon chunk when it has texts
 * not saved yet; once both committed, the chunk counts as saved.
 *
 * The chunk is taken after the write has run, not when the transaction is opened: a transaction
 * opened while an earlier one is still adding texts (a merge encodes inside its transaction) runs
 * after it, and a copy taken at opening would put back a chunk without the earlier one's texts.
 */
async function saveLexicon(ctx: RunContext, write: () => Promise<unknown>): Promise<void> {
  const tx = Dexie.currentTransaction;
  await write();
  const chunk = ctx.lexicon.pending(ctx.stamp());
  if (!chunk) return;
  await ctx.db.lexicon.put(chunk);
  tx?.on('complete', () => ctx.lexicon.markSaved(chunk.texts.length));
}

/**
 * Add new shards and put the run's lexicon chunk (when it has texts not saved yet) in one
 * transaction, queued at once. Through Dexie, the commit waits until this worker's event loop has
 * handled every request's success event, and the worker is then busy building the next chunk: the
 * database sat idle for about a third of the writing.
 *
 * The first request reads the run's guard chunk ({@link checkGeneration}); its success event, the
 * only one handled, commits the transaction, or aborts it (and every write in it) when the data was
 * replaced meanwhile. The writes run in the database while that event waits for the worker.
 */
function addShards(ctx: RunContext, shards: BuyerShard[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let replaced = false;
    const tx = ctx.db.backendDB().transaction([ctx.db.buyerShards.name, ctx.db.lexicon.name], 'readwrite');
    const chunk = ctx.lexicon.pending(ctx.stamp());
    tx.oncomplete = () => {
      if (chunk) ctx.lexicon.markSaved(chunk.texts.length);
      for (const shard of shards) keepBefore(ctx.undo, shard.id, undefined);
      resolve();
    };
    tx.onabort = () =>
      reject(
        replaced
          ? new DataReplaced()
          : (tx.error ?? new DOMException('The write of new buyers was aborted', 'AbortError')),
      );
    const texts = tx.objectStore(ctx.db.lexicon.name);
    const guard = texts.get(ctx.lexicon.guardChunk());
    const store = tx.objectStore(ctx.db.buyerShards.name);
    for (const shard of shards) store.add(shard);
    if (chunk) texts.put(chunk);
    guard.onsuccess = () => {
      if (sameGeneration(guard.result as LexiconChunk | undefined, ctx.lexicon)) return tx.commit();
      replaced = true;
      tx.abort();
    };
  });
}

/**
 * Inside a write transaction: the live stored records of these buyers (in `out`), from shards read.
 * A doc naming a text another run added since this one loaded the lexicon loads those texts.
 */
async function storedBuyers(
  ctx: RunContext,
  shards: Map<string, BuyerShard>,
  buyers: readonly HeldBuyer[],
  out: Map<HeldBuyer, BuyerRecord | undefined>,
): Promise<void> {
  const { lexicon } = ctx;
  const readAll = () => {
    for (const b of buyers) {
      const shard = shards.get(shardIdOf(b.platform, b.buyerKey));
      // A shard of another text list: the data was replaced during the import.
      if (shard?.lx !== undefined && shard.lx !== lexicon.gen) throw new DataReplaced();
      out.set(b, liveBuyer(buyerInShard(shard, b.buyerKey, lexicon)));
    }
  };
  try {
    readAll();
  } catch (error) {
    if (!(error instanceof LexiconMiss)) throw error;
    lexicon.load(await storedLexiconChunks(ctx.db));
    readAll();
  }
}

/** A buyer new to the database, encoded straight from the hold when its orders are all packed. */
function newBuyer(ctx: RunContext, hold: Hold, b: HeldBuyer): Written {
  const updatedAt = ctx.stamp();
  const packed = hold.newBuyerDoc(b, ctx.opts.rules, updatedAt, ctx.lexicon);
  if (!packed) return merged(ctx, hold, b, undefined, true);
  ctx.run.orders += b.refs.length;
  ctx.run.newOrders += b.refs.length;
  const record = { id: b.id, platform: b.platform, buyerKey: b.buyerKey, nick: b.nick ?? b.buyerKey };
  return {
    change: { record, before: undefined, doc: packed.doc },
    entry: { ...record, metrics: packed.metrics },
    held: b,
  };
}

/** The buyer's record with the held orders merged into the stored one (if any), encoded. */
function merged(
  ctx: RunContext,
  hold: Hold,
  b: HeldBuyer,
  before: BuyerRecord | undefined,
  countOrders: boolean,
): Written {
  const record = buyerRecord(ctx, hold.ordersOf(b), b, before, countOrders);
  return {
    change: { record, before, doc: encodeBuyer(record, { itemsDerived: true, lexicon: ctx.lexicon }) },
    entry: record,
    held: b,
  };
}

/** A write refused because a key already exists (Dexie wraps it in a BulkError). */
function isConstraintError(error: unknown): boolean {
  const failures = (error as { failures?: unknown[] } | null)?.failures;
  const names = [error, ...(Array.isArray(failures) ? failures : [])].map(
    (e) => (e as { name?: unknown } | null)?.name,
  );
  return names.includes('ConstraintError');
}

/**
 * The buyer's record with this import's orders merged in. Counts the import's orders once each,
 * even across intermediate writes: a stored order that already lists this run was counted before.
 */
function buyerRecord(
  ctx: RunContext,
  held: Order[],
  b: HeldBuyer,
  before: BuyerRecord | undefined,
  countOrders: boolean,
): BuyerRecord {
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
        if (countOrders) count(ctx, o, null);
      } else {
        if (countOrders) count(ctx, o, orders[i]!);
        orders[i] = mergeOrder(orders[i], o, opts.runId);
      }
    }
  } else if (countOrders) for (const o of held) count(ctx, o, null);
  return {
    ...before,
    id: b.id,
    platform: b.platform,
    buyerKey: b.buyerKey,
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
