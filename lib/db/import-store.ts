import { readOrders, type ImportOptions, type ImportSource } from '../import';
import { formatIssue, type ImportIssue } from '../import/issues';
import { computeBuyerMetrics } from '../metrics/compute';
import type { CountingRules } from '../metrics/rules';
import { mergeOrder } from '../orders/merge';
import { buyerId } from '../schemas/buyer';
import type { Order, OrderFragment } from '../schemas/order';
import type { UiLocale } from '../schemas/common';
import { buildSegmentModel } from '../segments/model';
import { BuyerIndexSchema, emptyBuyerIndex, indexPopulation, upsertIndex } from './buyer-index';
import type { HuitoukeDb } from './database';
import { fnv1a } from './hash';
import type { BuyerRecord, ImportRun, OrphanBucket } from './records';
import { SETTINGS_KEY } from './settings';

/** Orders without a buyer are kept in this many buckets per platform. */
const ORPHAN_BUCKETS = 512;
/** Buyers held in memory before a flush; bounds memory on huge files. */
const FLUSH_EVERY_BUYERS = 60_000;
const ISSUE_SAMPLE = 200;

export interface ImportProgress {
  file: string;
  fileIndex: number;
  files: number;
  bytesRead: number;
  bytesTotal: number;
  rows: number;
  phase: 'reading' | 'writing' | 'segments' | 'done';
}

export interface ImportStoreOptions extends Omit<ImportOptions, 'batchSize'> {
  rules: CountingRules;
  locale: UiLocale;
  asOf: string;
  runId: string;
  now?: () => number;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

export interface ImportOutcome {
  run: ImportRun;
  issues: ImportIssue[];
}

interface Cached<T> {
  record: T;
  byOrderId: Map<string, number>;
  dirty: boolean;
}

function indexOrders(orders: Order[]): Map<string, number> {
  const m = new Map<string, number>();
  orders.forEach((o, i) => m.set(o.orderId, i));
  return m;
}

/**
 * Import order exports into the database. Each buyer's orders live in the buyer's record, so
 * the import reads a buyer once, merges every order of the file into it in memory (dedupe by
 * platform + order id, idempotent), and writes it once. Writes happen in transactions of whole
 * records: an interrupted or failed import leaves every record complete, and running the same
 * import again gives the same result.
 */
export async function importIntoDb(db: HuitoukeDb, sources: ImportSource[], opts: ImportStoreOptions): Promise<ImportOutcome> {
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

  const buyers = new Map<string, Cached<BuyerRecord>>();
  const orphans = new Map<string, Cached<OrphanBucket>>();
  const touched = new Set<string>();
  const orderKeys = new Set<string>();
  const issues: ImportIssue[] = [];
  let bytesBefore = 0;
  let rowsBefore = 0;

  const report = (p: Omit<ImportProgress, 'bytesTotal' | 'files'>) => opts.onProgress?.({ ...p, bytesTotal, files: sources.length });

  const loadBuyers = async (ids: string[]) => {
    const missing = ids.filter((id) => !buyers.has(id));
    if (!missing.length) return;
    const found = await db.buyers.bulkGet(missing);
    found.forEach((rec, i) => {
      if (rec && !rec.deletedAt) buyers.set(missing[i]!, { record: rec, byOrderId: indexOrders(rec.orders), dirty: false });
    });
  };
  const loadOrphans = async (ids: string[]) => {
    const missing = ids.filter((id) => !orphans.has(id));
    if (!missing.length) return;
    const found = await db.orphans.bulkGet(missing);
    found.forEach((rec, i) => {
      if (rec) orphans.set(missing[i]!, { record: rec, byOrderId: indexOrders(rec.orders), dirty: false });
    });
  };

  const mergeInto = <T extends { orders: Order[] }>(cached: Cached<T>, fragment: OrderFragment) => {
    const at = cached.byOrderId.get(fragment.orderId);
    const prev = at === undefined ? undefined : cached.record.orders[at];
    const merged = mergeOrder(prev, fragment, opts.runId);
    if (at === undefined) {
      cached.byOrderId.set(fragment.orderId, cached.record.orders.length);
      cached.record.orders.push(merged);
    } else cached.record.orders[at] = merged;
    cached.dirty = true;
    return prev === undefined;
  };

  const flush = async () => {
    const stamp = now();
    const dirtyBuyers: BuyerRecord[] = [];
    for (const c of buyers.values()) {
      if (!c.dirty) continue;
      c.record.metrics = computeBuyerMetrics(c.record.orders, opts.rules);
      c.record.updatedAt = stamp;
      dirtyBuyers.push(c.record);
      c.dirty = false;
    }
    const dirtyOrphans = [...orphans.values()].filter((c) => c.dirty).map((c) => ((c.dirty = false), { ...c.record, updatedAt: stamp }));
    if (!dirtyBuyers.length && !dirtyOrphans.length) return;
    report({ file: '', fileIndex: sources.length, bytesRead: bytesBefore, rows: run.rows, phase: 'writing' });
    await db.transaction('rw', db.buyers, db.orphans, db.settings, async () => {
      if (dirtyBuyers.length) await db.buyers.bulkPut(dirtyBuyers);
      if (dirtyOrphans.length) await db.orphans.bulkPut(dirtyOrphans);
      // The index moves with the records it describes, in the same transaction.
      const rec = await db.settings.get(SETTINGS_KEY.buyerIndex);
      const parsed = BuyerIndexSchema.safeParse(rec?.value);
      const index = upsertIndex(parsed.success ? parsed.data : emptyBuyerIndex(), dirtyBuyers.map((b) => ({ id: b.id, nick: b.nick, platform: b.platform, metrics: b.metrics })));
      await db.settings.put({ key: SETTINGS_KEY.buyerIndex, value: index, updatedAt: stamp });
    });
    if (buyers.size > FLUSH_EVERY_BUYERS) buyers.clear();
  };

  try {
    for (const [fileIndex, source] of sources.entries()) {
      for await (const batch of readOrders(source, { ...opts, batchSize: 5000 })) {
        if (opts.signal?.aborted) throw new DOMException('Import cancelled', 'AbortError');
        run.files[fileIndex] = { name: source.name, size: source.size, format: batch.format.id, encoding: batch.encoding };
        run.rows = rowsBefore + batch.rowsRead;
        for (const issue of batch.issues) {
          issues.push(issue);
          if (issue.severity === 'error') run.errors++;
          else run.warnings++;
          if (run.issueSample.length < ISSUE_SAMPLE) run.issueSample.push(formatIssue(issue, opts.locale));
        }
        const withBuyer = batch.fragments.filter((f) => f.buyerKey !== null);
        await loadBuyers([...new Set(withBuyer.map((f) => buyerId(f.platform, f.buyerKey!)))]);
        for (const f of withBuyer) {
          const id = buyerId(f.platform, f.buyerKey!);
          let cached = buyers.get(id);
          if (!cached) {
            const record: BuyerRecord = {
              id, platform: f.platform, buyerKey: f.buyerKey!, nick: f.buyerNick ?? f.buyerKey!, orders: [],
              metrics: computeBuyerMetrics([], opts.rules), updatedAt: now(),
            };
            buyers.set(id, (cached = { record, byOrderId: new Map(), dirty: true }));
          }
          if (f.buyerNick) cached.record.nick = f.buyerNick;
          const key = `${f.platform}:${f.orderId}`;
          if (mergeInto(cached, f)) run.newOrders++;
          orderKeys.add(key);
          touched.add(id);
        }
        const orphanFragments = batch.fragments.filter((f) => f.buyerKey === null);
        const bucketOf = (f: OrderFragment) => `${f.platform}:~${fnv1a(f.orderId) % ORPHAN_BUCKETS}`;
        await loadOrphans([...new Set(orphanFragments.map(bucketOf))]);
        for (const f of orphanFragments) {
          const id = bucketOf(f);
          let cached = orphans.get(id);
          if (!cached) orphans.set(id, (cached = { record: { id, platform: f.platform, orders: [], updatedAt: now() }, byOrderId: new Map(), dirty: true }));
          const key = `${f.platform}:${f.orderId}`;
          if (mergeInto(cached, f)) run.newOrders++;
          if (!orderKeys.has(key)) run.ordersWithoutBuyer++;
          orderKeys.add(key);
        }
        run.orders = orderKeys.size;
        report({ file: source.name, fileIndex, bytesRead: bytesBefore + batch.bytesRead, rows: run.rows, phase: 'reading' });
        if (buyers.size > FLUSH_EVERY_BUYERS) await flush();
      }
      bytesBefore += source.size ?? 0;
      rowsBefore = run.rows;
    }
    await flush();
    report({ file: '', fileIndex: sources.length, bytesRead: bytesTotal, rows: run.rows, phase: 'segments' });
    await rebuildSegmentModel(db, opts.asOf, now());
    run.status = 'done';
  } catch (error) {
    run.status = error instanceof DOMException && error.name === 'AbortError' ? 'interrupted' : 'failed';
    run.failure = describeFailure(error, opts.locale);
    run.buyersTouched = touched.size;
    run.finishedAt = now();
    run.updatedAt = now();
    await db.importRuns.put(run).catch(() => {});
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { run, issues });
  }
  run.buyersTouched = touched.size;
  run.finishedAt = now();
  run.updatedAt = now();
  await db.importRuns.put(run);
  report({ file: '', fileIndex: sources.length, bytesRead: bytesTotal, rows: run.rows, phase: 'done' });
  return { run, issues };
}

function describeFailure(error: unknown, locale: UiLocale): string {
  if (error && typeof error === 'object' && 'issue' in error) return formatIssue((error as { issue: ImportIssue }).issue, locale);
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError' || /quota/i.test(String(error)))
    return locale === 'en'
      ? 'The browser ran out of storage space while writing. Orders written before stay complete; free space and run the same import again.'
      : '浏览器存储空间不足，写入中止。之前已写入的数据完整保留；释放空间后重新导入同一文件即可。';
  return String(error instanceof Error ? error.message : error);
}

/** Recompute the population's segment model for a date from the buyer index. */
export async function rebuildSegmentModel(db: HuitoukeDb, asOf: string, stamp: number) {
  const rec = await db.settings.get(SETTINGS_KEY.buyerIndex);
  const parsed = BuyerIndexSchema.safeParse(rec?.value);
  const index = parsed.success ? parsed.data : emptyBuyerIndex();
  const model = buildSegmentModel(indexPopulation(index), asOf);
  await db.settings.put({ key: SETTINGS_KEY.segmentModel, value: model, updatedAt: stamp });
  return model;
}
