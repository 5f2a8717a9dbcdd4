import { readOrders, type ImportBatch, type ImportOptions, type ImportSource } from '../import';
import { readOptions } from '../import/split-read';
import { formatIssue, type ImportIssue } from '../import/issues';
import { translate } from '../i18n';
import type { CountingRules } from '../metrics/rules';
import { mergeOrder } from '../orders/merge';
import type { Platform, UiLocale } from '../schemas/common';
import type { Order } from '../schemas/order';
import { buildSegmentModel, type SegmentModel } from '../segments/model';
import {
  emptyBuyerIndex,
  indexEntries,
  indexPopulation,
  loadBuyerIndex,
  pendingRuns,
  rebuildBuyerIndex,
  setPendingRuns,
  upsertIndex,
} from './buyer-index';
import type { DataLock } from './data-lock';
import type { HuitoukeDb } from './database';
import { enrich, Hold, orphanBucket, type HeldOrphan } from './import-hold';
import { scanBuyers } from './buyer-store';
import {
  checkGeneration,
  claimLexicon,
  count,
  DataReplaced,
  newUndo,
  releaseLexicon,
  writeBuyers,
  type RunContext,
} from './import-buyers';
import type { ImportRun, OrphanBucket } from './records';
import { SETTINGS_KEY } from './settings';

const ISSUE_SAMPLE = 200;
/**
 * Orders held in memory (see Hold.weight) before the buyers seen so far are written. Every buyer of
 * a file is held until the end so that each is read and written once (IndexedDB costs ~100 µs per
 * record, whatever its size); this only bounds memory on files far beyond a year of a big shop
 * (a packed order takes ~100 bytes).
 */
const HOLD_ORDERS = 2_500_000;

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
  /**
   * Where batches come from: readOrders in this thread by default; the import worker passes one that
   * parses part of a big file in a second worker (lib/import/split-read.ts). Gets the options readOrders takes.
   */
  read?: (source: ImportSource, fileIndex: number, options: ImportOptions) => AsyncIterable<ImportBatch>;
  /** Memory and transaction bounds; the defaults suit real files, tests make them small. */
  limits?: { holdOrders?: number; chunkOrders?: number; batchSize?: number };
  /**
   * The lock that keeps imports and restores apart (data-lock.ts). The extension always passes it;
   * without it the run still never writes into data a restore replaced, and runs at once merge
   * their buyers into the index, but an undo assumes no other run wrote the same buyers meanwhile.
   */
  lock?: DataLock;
}

export interface ImportOutcome {
  run: ImportRun;
  issues: ImportIssue[];
  model: SegmentModel;
}

/** What a failed or cancelled import throws: the error, with the run, its issues and whether its writes were undone. */
export type ImportFailure = Error & { run?: ImportRun; issues?: ImportIssue[]; rolledBack?: boolean };

/**
 * Import order exports into the database. Each buyer's orders live in the buyer's record. Every
 * order of the files is held in memory, merged by buyer and order id, and each buyer is then read
 * (when already stored) and written once, in short transactions of whole records. The run's buyers
 * are merged into the buyer index, and the segment model and the run record stored, in one last
 * transaction: that is the import's commit. Cancelled or failed before it, the run puts back every
 * record it wrote (see {@link Undo}): the data is as before the import. Running the same import
 * again gives the same result (merging by order id is idempotent). A run that stopped without
 * undoing (the page closed) leaves whole records and its id in a marker, which makes the next
 * import rebuild the index from the buyers first.
 *
 * With `opts.lock` the run holds the data lock from start to end; a restore or another import
 * meanwhile is refused, and this run is refused (DataBusy, nothing written) while one holds it.
 */
export async function importIntoDb(
  db: HuitoukeDb,
  sources: ImportSource[],
  opts: ImportStoreOptions,
): Promise<ImportOutcome> {
  if (!opts.lock) return runImport(db, sources, opts, false);
  return opts.lock.exclusive('import', () => runImport(db, sources, opts, true));
}

async function runImport(
  db: HuitoukeDb,
  sources: ImportSource[],
  opts: ImportStoreOptions,
  exclusive: boolean,
): Promise<ImportOutcome> {
  const now = opts.now ?? Date.now;
  const bytesTotal = sources.reduce((s, f) => s + (f.size ?? 0), 0);
  const run: ImportRun = {
    id: opts.runId,
    status: 'running',
    files: sources.map((s) => ({ name: s.name, size: s.size })),
    startedAt: now(),
    updatedAt: now(),
    rows: 0,
    orders: 0,
    newOrders: 0,
    buyersTouched: 0,
    ordersWithoutBuyer: 0,
    errors: 0,
    warnings: 0,
    issueSample: [],
  };
  await db.importRuns.put(run);
  const issues: ImportIssue[] = [];
  const report = (p: Omit<ImportProgress, 'bytesTotal' | 'files'>) =>
    opts.onProgress?.({ ...p, bytesTotal, files: sources.length });
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
    const lexicon = await claimLexicon(db, now());
    const c: RunContext = {
      db,
      opts,
      run,
      index: emptyBuyerIndex(),
      touched,
      storedBefore: new WeakSet(),
      stamp: now,
      lexicon,
      undo: newUndo(),
      exclusive,
      progress: (written, toWrite) =>
        report({
          file: '',
          fileIndex: sources.length,
          bytesRead: bytesBefore,
          rows: run.rows,
          phase: 'writing',
          written,
          toWrite,
        }),
    };
    ctx = c;
    await startWrites(c);
    return c;
  };

  try {
    for (const [fileIndex, source] of sources.entries()) {
      const options = readOptions({ ...opts, batchSize: opts.limits?.batchSize ?? 5000 });
      const batches = opts.read ? opts.read(source, fileIndex, options) : readOrders(source, options);
      for await (const batch of batches) {
        checkAbort();
        run.files[fileIndex] = {
          name: source.name,
          size: source.size,
          format: batch.format.id,
          encoding: batch.encoding,
        };
        run.rows = rowsBefore + batch.rowsRead;
        for (const issue of batch.issues) {
          issues.push(issue);
          if (issue.severity === 'error') run.errors++;
          else run.warnings++;
          if (run.issueSample.length < ISSUE_SAMPLE) run.issueSample.push(formatIssue(issue, opts.locale));
        }
        for (const f of batch.fragments) {
          hold.add(f);
          for (const t of [f.createdAt, f.paidAt, f.shippedAt])
            if (t && (!run.newestOrderAt || t > run.newestOrderAt)) run.newestOrderAt = t;
        }
        report({
          file: source.name,
          fileIndex,
          bytesRead: bytesBefore + batch.bytesRead,
          rows: run.rows,
          phase: 'reading',
        });
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
    checkAbort();
    run.status = 'done';
    run.buyersTouched = c.touched.size;
    run.finishedAt = run.updatedAt = now();
    // The commit: this run's buyers join the index as it is now (another run may have stored it since
    // this one started), the segment model follows the index, and the run leaves the pending marker.
    const model = await db.transaction('rw', db.settings, db.importRuns, db.lexicon, async () => {
      await checkGeneration(c);
      const index = upsertIndex(await loadBuyerIndex(db), indexEntries(c.index));
      const model = buildSegmentModel(indexPopulation(index), opts.asOf);
      await db.settings.bulkPut([
        { key: SETTINGS_KEY.buyerIndex, value: index, updatedAt: now() },
        { key: SETTINGS_KEY.segmentModel, value: model, updatedAt: now() },
        { key: SETTINGS_KEY.buyerCount, value: index.ids.length, updatedAt: now() },
      ]);
      await leavePending(c);
      await db.importRuns.put(run);
      await releaseLexicon(c);
      return model;
    });
    report({ file: '', fileIndex: sources.length, bytesRead: bytesTotal, rows: run.rows, phase: 'done' });
    return { run, issues, model };
  } catch (error) {
    const failure: ImportFailure = error instanceof Error ? error : new Error(String(error));
    const written = ctx as RunContext | null;
    // Nothing was written before the run claimed its texts; after, its writes are put back. When
    // the data was replaced meanwhile, nothing of it is this run's to touch, not even its record.
    const replaced = isDataReplaced(error);
    let rolledBack = written === null;
    if (written && !replaced)
      rolledBack = await undoRun(written).then(
        () => true,
        () => false,
      );
    run.status = opts.signal?.aborted ? 'interrupted' : 'failed';
    run.failure = opts.signal?.aborted
      ? translate(opts.locale, rolledBack ? 'import_cancelled' : 'import_cancelledPartly')
      : describeFailure(error, opts.locale);
    run.buyersTouched = rolledBack ? 0 : touched.size;
    run.finishedAt = run.updatedAt = now();
    if (!replaced) await db.importRuns.put(run).catch(() => {});
    throw Object.assign(failure, { run, issues, rolledBack });
  }
}

/**
 * Before the run's first write: its id joins the pending marker. Ids already there are runs whose
 * buyers may be missing from the index, which is rebuilt from the buyers now. Holding the data lock,
 * this run knows they stopped without finishing or undoing (a closed page), and takes them out of
 * the marker. Without it, such a run may still be writing (it merges its own buyers when it
 * finishes), so its id stays until a run with the lock finds it.
 */
async function startWrites(ctx: RunContext): Promise<void> {
  const { db, opts, stamp } = ctx;
  const stale = await db.transaction('rw', db.settings, db.lexicon, async () => {
    await checkGeneration(ctx);
    const pending = await pendingRuns(db);
    await setPendingRuns(db, [...pending, opts.runId], stamp());
    return pending;
  });
  if (!stale.length) return;
  const index = await rebuildBuyerIndex(db);
  await db.transaction('rw', db.settings, db.lexicon, async () => {
    await checkGeneration(ctx);
    await db.settings.bulkPut([
      { key: SETTINGS_KEY.buyerIndex, value: index, updatedAt: stamp() },
      { key: SETTINGS_KEY.buyerCount, value: index.ids.length, updatedAt: stamp() },
    ]);
    if (ctx.exclusive)
      await setPendingRuns(
        db,
        (await pendingRuns(db)).filter((id) => !stale.includes(id)),
        stamp(),
      );
  });
}

/** Inside a transaction on settings: the run leaves the pending marker. */
async function leavePending(ctx: RunContext): Promise<void> {
  await setPendingRuns(
    ctx.db,
    (await pendingRuns(ctx.db)).filter((id) => id !== ctx.opts.runId),
    ctx.stamp(),
  );
}

/** Shards (or orphan buckets) put back per transaction when a run is undone. */
const UNDO_CHUNK = 128;

/**
 * Put back every record the run wrote, as it was before, a chunk at a time; then leave the pending
 * marker and drop the run's text chunk. Each step first checks that the data was not replaced.
 * Should a step fail, the run's id stays in the pending marker (every record is whole, as before or
 * as the run wrote it) and the next import repairs the index.
 */
async function undoRun(ctx: RunContext): Promise<void> {
  const { db, undo } = ctx;
  const shardIds = [...undo.shards.keys()].sort();
  for (let at = 0; at < shardIds.length; at += UNDO_CHUNK) {
    const ids = shardIds.slice(at, at + UNDO_CHUNK);
    await db.transaction('rw', db.buyerShards, db.lexicon, async () => {
      await checkGeneration(ctx);
      const gone = ids.filter((id) => undo.shards.get(id) === null);
      const back = ids.map((id) => undo.shards.get(id)).filter((s) => !!s);
      if (gone.length) await db.buyerShards.bulkDelete(gone);
      if (back.length) await db.buyerShards.bulkPut(back);
    });
  }
  const bucketIds = [...undo.orphans.keys()].sort();
  for (let at = 0; at < bucketIds.length; at += UNDO_CHUNK) {
    const ids = bucketIds.slice(at, at + UNDO_CHUNK);
    await db.transaction('rw', db.orphans, db.lexicon, async () => {
      await checkGeneration(ctx);
      const gone = ids.filter((id) => undo.orphans.get(id) === null);
      const back = ids.map((id) => undo.orphans.get(id)).filter((b) => !!b);
      if (gone.length) await db.orphans.bulkDelete(gone);
      if (back.length) await db.orphans.bulkPut(back);
    });
  }
  await db.transaction('rw', db.settings, db.lexicon, async () => {
    await checkGeneration(ctx);
    await leavePending(ctx);
    // With the lock no other import can have named this run's texts; without it they stay (unused).
    await releaseLexicon(ctx, ctx.exclusive);
  });
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
    for (const b of buyers.values())
      for (let k = 0; k < b.refs.length; k++) buckets.add(orphanBucket(platform, hold.orderId(b, k)));
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
  await scanBuyers(
    db,
    (page) => {
      for (const rec of page) {
        if (rec.deletedAt !== undefined) continue;
        for (const stored of rec.orders) {
          const held = orphans.get(stored.orderId);
          if (!held || held.attached) continue;
          held.attached = true;
          const b = hold.buyer(platform, rec.buyerKey);
          const at = hold.find(b, stored.orderId);
          if (at >= 0) hold.setOrder(b, at, enrich(hold.order(b, at), held.order, opts.runId));
          else hold.pushOrder(b, enrich(stored, held.order, opts.runId));
        }
      }
    },
    platform,
  );
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
    await db.transaction('rw', db.orphans, db.lexicon, async () => {
      await checkGeneration(ctx);
      const stored = await db.orphans.bulkGet(chunk);
      chunk.forEach((id, k) => {
        if (!ctx.undo.orphans.has(id)) ctx.undo.orphans.set(id, stored[k] ?? null);
      });
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

/** The error, or the cause Dexie wrapped it in, says the data was replaced during the run. */
function isDataReplaced(error: unknown): boolean {
  for (let e = error; e && typeof e === 'object'; e = (e as { inner?: unknown }).inner)
    if (e instanceof DataReplaced) return true;
  return false;
}

function describeFailure(error: unknown, locale: UiLocale): string {
  if (error && typeof error === 'object' && 'issue' in error)
    return formatIssue((error as { issue: ImportIssue }).issue, locale);
  // Dexie reports a transaction the browser aborted as AbortError with the real cause inside.
  let cause: unknown = error;
  while (cause && typeof cause === 'object' && 'inner' in cause && (cause as { inner?: unknown }).inner)
    cause = (cause as { inner: unknown }).inner;
  const name = (e: unknown) => (e instanceof Error || e instanceof DOMException ? e.name : '');
  if (isDataReplaced(error)) return translate(locale, 'import_dataReplaced');
  if ([error, cause].some((e) => name(e) === 'QuotaExceededError' || /quota/i.test(String(e))))
    return translate(locale, 'import_outOfStorage');
  return String(error instanceof Error ? error.message : error);
}

/**
 * How current the imported orders are (`YYYY-MM-DD`): the day of the newest order time among the
 * finished imports, never after `importDay` (the day of the latest import, a row dated later is
 * a typo), and `importDay` itself when no run kept one (runs stored before it was kept).
 */
export async function importedDataAsOf(db: HuitoukeDb, importDay: string): Promise<string> {
  let newest: string | null = null;
  await db.importRuns.each((run) => {
    if (
      run.status === 'done' &&
      run.deletedAt === undefined &&
      run.newestOrderAt &&
      (newest === null || run.newestOrderAt > newest)
    )
      newest = run.newestOrderAt;
  });
  const day = (newest as string | null)?.slice(0, 10);
  return day !== undefined && day < importDay ? day : importDay;
}

/** Recompute the population's segment model for a date from the buyer index. */
export async function rebuildSegmentModel(db: HuitoukeDb, asOf: string, stamp: number) {
  const model = buildSegmentModel(indexPopulation(await loadBuyerIndex(db)), asOf);
  await db.settings.put({ key: SETTINGS_KEY.segmentModel, value: model, updatedAt: stamp });
  return model;
}
