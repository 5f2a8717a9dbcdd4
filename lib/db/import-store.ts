import { readOrders, type ImportOptions, type ImportSource } from '../import';
import { formatIssue, type ImportIssue } from '../import/issues';
import { computeBuyerMetrics } from '../metrics/compute';
import type { CountingRules } from '../metrics/rules';
import { mergeOrder } from '../orders/merge';
import type { Platform, UiLocale } from '../schemas/common';
import type { Order } from '../schemas/order';
import { buildSegmentModel, type SegmentModel } from '../segments/model';
import { INDEX_PENDING_KEY, indexPopulation, loadBuyerIndex, rebuildBuyerIndex, upsertIndex, type BuyerIndex } from './buyer-index';
import type { HuitoukeDb } from './database';
import { enrich, Hold, orphanBucket, type HeldBuyer, type HeldOrphan } from './import-hold';
import { encodeBuyer } from './buyer-codec';
import { aliasOf, applyToShards, buyerInShard, shardIdOf, shardsTouched, type BuyerChange, type BuyerShard } from './buyer-shards';
import { scanBuyers } from './buyer-store';
import type { BuyerRecord, ImportRun, OrphanBucket } from './records';
import { SETTINGS_KEY } from './settings';

const ISSUE_SAMPLE = 200;
/**
 * Orders held in memory (see Hold.weight) before the buyers seen so far are written. Every buyer of
 * a file is held until the end so that each is read and written once (IndexedDB costs ~100 µs per
 * record, whatever its size); this only bounds memory on files far beyond a year of a big shop
 * (a packed order takes ~100 bytes).
 */
const HOLD_ORDERS = 2_500_000;
/** Per write transaction: short, so the sidebar's reads of buyers are never held up for long. */
const CHUNK_SHARDS = 128;
const CHUNK_ORDERS = 20_000;

export interface ImportProgress {
  file: string;
  fileIndex: number;
  files: number;
  bytesRead: number;
  bytesTotal: number;
  rows: number;
  phase: 'reading' | 'writing' | 'segments' | 'done';
  /** While writing: buyers written so far and buyers to write. */
  written?: number;
  toWrite?: number;
}

export interface ImportStoreOptions extends Omit<ImportOptions, 'batchSize'> {
  rules: CountingRules;
  locale: UiLocale;
  asOf: string;
  runId: string;
  now?: () => number;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /** Memory and transaction bounds; the defaults suit real files, tests make them small. */
  limits?: { holdOrders?: number; chunkOrders?: number; batchSize?: number };
}

export interface ImportOutcome {
  run: ImportRun;
  issues: ImportIssue[];
  model: SegmentModel;
}

/** What the run has counted and the state shared by its writes. */
interface RunContext {
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
 * Import order exports into the database. Each buyer's orders live in the buyer's record. Every
 * order of the files is held in memory, merged by buyer and order id, and each buyer is then read
 * (when already stored) and written once, in short transactions of whole records. The buyer index,
 * the segment model and the run record are stored together at the end. An interrupted or failed
 * import leaves every record complete (as before, or with all of this import's orders); running
 * the same import again gives the same result (merging by order id is idempotent). If it stopped
 * after writing buyers, a marker tells the next import to rebuild the index from the buyers first.
 */
export async function importIntoDb(db: HuitoukeDb, sources: ImportSource[], opts: ImportStoreOptions): Promise<ImportOutcome> {
  const now = opts.now ?? Date.now;
  const bytesTotal = sources.reduce((s, f) => s + (f.size ?? 0), 0);
  const run: ImportRun = {
    id: opts.runId, status: 'running', files: sources.map((s) => ({ name: s.name, size: s.size })),
    startedAt: now(), updatedAt: now(), rows: 0, orders: 0, newOrders: 0, buyersTouched: 0,
    ordersWithoutBuyer: 0, errors: 0, warnings: 0, issueSample: [],
  };
  await db.importRuns.put(run);
  const issues: ImportIssue[] = [];
  const report = (p: Omit<ImportProgress, 'bytesTotal' | 'files'>) => opts.onProgress?.({ ...p, bytesTotal, files: sources.length });
  const checkAbort = () => {
    if (opts.signal?.aborted) throw new DOMException('Import cancelled', 'AbortError');
  };
  let bytesBefore = 0;
  let rowsBefore = 0;
  let hold = new Hold(opts.runId);
  let ctx: RunContext | null = null;
  const touched = new Set<string>();
  const context = async (): Promise<RunContext> => {
    if (ctx) return ctx;
    const pending = await db.settings.get(INDEX_PENDING_KEY);
    const index = pending ? await rebuildBuyerIndex(db) : await loadBuyerIndex(db);
    await db.settings.put({ key: INDEX_PENDING_KEY, value: opts.runId, updatedAt: now() });
    return (ctx = {
      db, opts, run, index, touched, storedBefore: new WeakSet(), stamp: now,
      progress: (written, toWrite) => report({ file: '', fileIndex: sources.length, bytesRead: bytesBefore, rows: run.rows, phase: 'writing', written, toWrite }),
    });
  };

  try {
    for (const [fileIndex, source] of sources.entries()) {
      for await (const batch of readOrders(source, { ...opts, batchSize: opts.limits?.batchSize ?? 5000 })) {
        checkAbort();
        run.files[fileIndex] = { name: source.name, size: source.size, format: batch.format.id, encoding: batch.encoding };
        run.rows = rowsBefore + batch.rowsRead;
        for (const issue of batch.issues) {
          issues.push(issue);
          if (issue.severity === 'error') run.errors++;
          else run.warnings++;
          if (run.issueSample.length < ISSUE_SAMPLE) run.issueSample.push(formatIssue(issue, opts.locale));
        }
        for (const f of batch.fragments) hold.add(f);
        report({ file: source.name, fileIndex, bytesRead: bytesBefore + batch.bytesRead, rows: run.rows, phase: 'reading' });
        if (hold.weight >= (opts.limits?.holdOrders ?? HOLD_ORDERS)) {
          await commit(await context(), hold, checkAbort);
          hold = new Hold(opts.runId);
        }
      }
      bytesBefore += source.size ?? 0;
      rowsBefore = run.rows;
    }
    const c = await context();
    await commit(c, hold, checkAbort);
    report({ file: '', fileIndex: sources.length, bytesRead: bytesTotal, rows: run.rows, phase: 'segments' });
    const model = buildSegmentModel(indexPopulation(c.index), opts.asOf);
    run.status = 'done';
    run.buyersTouched = c.touched.size;
    run.finishedAt = run.updatedAt = now();
    await db.transaction('rw', db.settings, db.importRuns, async () => {
      await db.settings.bulkPut([
        { key: SETTINGS_KEY.buyerIndex, value: c.index, updatedAt: now() },
        { key: SETTINGS_KEY.segmentModel, value: model, updatedAt: now() },
        { key: SETTINGS_KEY.buyerCount, value: c.index.ids.length, updatedAt: now() },
      ]);
      await db.settings.delete(INDEX_PENDING_KEY);
      await db.importRuns.put(run);
    });
    report({ file: '', fileIndex: sources.length, bytesRead: bytesTotal, rows: run.rows, phase: 'done' });
    return { run, issues, model };
  } catch (error) {
    run.status = opts.signal?.aborted ? 'interrupted' : 'failed';
    run.failure = describeFailure(error, opts.locale);
    run.buyersTouched = touched.size;
    run.finishedAt = run.updatedAt = now();
    await db.importRuns.put(run).catch(() => {});
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { run, issues });
  }
}

/** Tie orphans to buyers where their order is known, then write the held buyers and orphans. */
async function commit(ctx: RunContext, hold: Hold, checkAbort: () => void): Promise<void> {
  const { db, opts } = ctx;
  for (const [platform, orphans] of hold.orphans) {
    // Orders of this import's buyers first; then orders of buyers stored earlier.
    for (const b of hold.buyers.get(platform)?.values() ?? []) {
      for (let k = 0; k < b.refs.length; k++) {
        const held = orphans.get(hold.orderId(b, k));
        if (!held) continue;
        if (!held.attached) hold.setOrder(b, k, enrich(hold.order(b, k), held.order, opts.runId));
        held.attached = true;
      }
    }
    if ([...orphans.values()].some((o) => !o.attached)) await attachToStoredBuyers(ctx, hold, platform, orphans);
  }
  // Orders stored as orphans by an earlier import that this import's buyers turn out to have.
  for (const [platform, buyers] of hold.buyers) {
    const any = await db.orphans.where(':id').startsWith(`${platform}:~`).limit(1).primaryKeys();
    if (!any.length) continue;
    const buckets = new Set<string>();
    for (const b of buyers.values()) for (let k = 0; k < b.refs.length; k++) buckets.add(orphanBucket(platform, hold.orderId(b, k)));
    let orphans = hold.orphans.get(platform);
    if (!orphans) hold.orphans.set(platform, (orphans = new Map()));
    for (const bucket of await db.orphans.bulkGet([...buckets])) {
      for (const order of bucket?.orders ?? []) {
        if (orphans.has(order.orderId)) continue;
        ctx.storedBefore.add(order);
        orphans.set(order.orderId, { order, storedIn: bucket!.id, attached: false });
      }
    }
    for (const b of buyers.values()) {
      for (let k = 0; k < b.refs.length; k++) {
        const held = orphans.get(hold.orderId(b, k));
        if (!held || held.storedIn === null || held.attached) continue;
        held.attached = true;
        const order = enrich(hold.order(b, k), held.order, opts.runId);
        hold.setOrder(b, k, order);
        ctx.storedBefore.add(order);
      }
    }
  }
  await writeBuyers(ctx, hold, checkAbort);
  await writeOrphans(ctx, hold, checkAbort);
}

/**
 * Orphans whose order sits in a buyer stored by an earlier import (an item report imported after
 * the order report): found by reading that platform's buyers a page of shards at a time.
 */
async function attachToStoredBuyers(ctx: RunContext, hold: Hold, platform: Platform, orphans: Map<string, HeldOrphan>) {
  const { db, opts } = ctx;
  let buyers = hold.buyers.get(platform);
  await scanBuyers(db, (page) => {
    for (const rec of page) {
      if (rec.deletedAt !== undefined) continue;
      for (const stored of rec.orders) {
        const held = orphans.get(stored.orderId);
        if (!held || held.attached) continue;
        held.attached = true;
        if (!buyers) hold.buyers.set(platform, (buyers = new Map()));
        let b = buyers.get(rec.buyerKey);
        if (!b) buyers.set(rec.buyerKey, (b = { id: rec.id, platform, buyerKey: rec.buyerKey, nick: null, refs: [], byKey: null }));
        const at = hold.find(b, stored.orderId);
        if (at >= 0) hold.setOrder(b, at, enrich(hold.order(b, at), held.order, opts.runId));
        else hold.pushOrder(b, enrich(stored, held.order, opts.runId));
      }
    }
  }, platform);
}

/**
 * Write the held buyers into their shards, a few dozen shards per transaction. Buyers whose shard
 * did not exist when the writes began are new: their records are built and encoded before the
 * transaction opens, so that work overlaps the database storing the previous chunk. Buyers of
 * stored shards are read, merged and encoded inside their transaction.
 */
async function writeBuyers(ctx: RunContext, hold: Hold, checkAbort: () => void): Promise<void> {
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
          const before = live(buyerInShard(shards.get(shardIdOf(b.platform, b.buyerKey)), b.buyerKey));
          const record = buyerRecord(ctx, hold.ordersOf(b), b, before);
          return { record, before, doc: encodeBuyer(record, { itemsDerived: true }) };
        }));
        const touched = shardsTouched(changes);
        await read(touched);
        // Another import (another tab) may have created a "fresh" shard since the writes began:
        // merge into what it stored rather than replace it.
        for (let i = 0; i < fresh.length; i++) {
          const { record } = changes[i]!;
          const before = live(buyerInShard(shards.get(shardIdOf(record.platform, record.buyerKey)), record.buyerKey));
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

const live = (r: BuyerRecord | undefined) => (r && r.deletedAt === undefined ? r : undefined);

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
function count(ctx: RunContext, order: Order, stored: Order | null, orphan = false): void {
  if (stored?.sources.includes(ctx.opts.runId)) return;
  ctx.run.orders++;
  if (orphan) ctx.run.ordersWithoutBuyer++;
  if (!stored && !ctx.storedBefore.has(order)) ctx.run.newOrders++;
}

/** Orphans not tied to a buyer go to their buckets; tied ones leave the bucket they were in. */
async function writeOrphans(ctx: RunContext, hold: Hold, checkAbort: () => void): Promise<void> {
  const { db, opts } = ctx;
  const byBucket = new Map<string, { add: Order[]; remove: Set<string> }>();
  const slot = (id: string) => byBucket.get(id) ?? byBucket.set(id, { add: [], remove: new Set() }).get(id)!;
  for (const [platform, orphans] of hold.orphans) {
    for (const held of orphans.values()) {
      if (held.storedIn !== null) {
        if (held.attached) slot(held.storedIn).remove.add(held.order.orderId);
      } else if (!held.attached) slot(orphanBucket(platform, held.order.orderId)).add.push(held.order);
    }
  }
  const ids = [...byBucket.keys()].sort();
  for (let start = 0; start < ids.length; start += 64) {
    checkAbort();
    const chunk = ids.slice(start, start + 64);
    await db.transaction('rw', db.orphans, async () => {
      const stored = await db.orphans.bulkGet(chunk);
      const out = chunk.map((id, k): OrphanBucket => {
        const { add, remove } = byBucket.get(id)!;
        const before = stored[k];
        const orders = (before?.orders ?? []).filter((o) => !remove.has(o.orderId));
        const at = new Map(orders.map((o, i) => [o.orderId, i]));
        for (const o of add) {
          const i = at.get(o.orderId);
          count(ctx, o, i === undefined ? null : orders[i]!, true);
          if (i === undefined) orders.push(o);
          else orders[i] = mergeOrder(orders[i], o, opts.runId);
        }
        return { ...before, id, platform: add[0]?.platform ?? before!.platform, orders, updatedAt: ctx.stamp() };
      });
      await db.orphans.bulkPut(out);
    });
  }
}

function describeFailure(error: unknown, locale: UiLocale): string {
  if (error && typeof error === 'object' && 'issue' in error) return formatIssue((error as { issue: ImportIssue }).issue, locale);
  // Dexie reports a transaction the browser aborted as AbortError with the real cause inside.
  let cause: unknown = error;
  while (cause && typeof cause === 'object' && 'inner' in cause && (cause as { inner?: unknown }).inner) cause = (cause as { inner: unknown }).inner;
  const name = (e: unknown) => (e instanceof Error || e instanceof DOMException ? e.name : '');
  if ([error, cause].some((e) => name(e) === 'QuotaExceededError' || /quota/i.test(String(e))))
    return locale === 'en'
      ? 'The browser ran out of storage space while writing. Buyers written before stay complete; free space and run the same import again.'
      : '浏览器存储空间不足，写入中止。已写入的买家数据完整保留；释放空间后重新导入同一文件即可。';
  return String(error instanceof Error ? error.message : error);
}

/** Recompute the population's segment model for a date from the buyer index. */
export async function rebuildSegmentModel(db: HuitoukeDb, asOf: string, stamp: number) {
  const model = buildSegmentModel(indexPopulation(await loadBuyerIndex(db)), asOf);
  await db.settings.put({ key: SETTINGS_KEY.segmentModel, value: model, updatedAt: stamp });
  return model;
}
