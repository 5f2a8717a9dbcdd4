import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoOrders, TAOBAO_HEADER_ROW, taobaoRow, type DemoOrder } from '../demo';
import { sourceFromBytes, type ImportSource } from '../import';
import { computeBuyerMetrics } from '../metrics/compute';
import { DEFAULT_COUNTING_RULES } from '../metrics/rules';
import { OrderSchema, type Order } from '../schemas/order';
import { INDEX_PENDING_KEY, loadBuyerIndex } from './buyer-index';
import { scanBuyers } from './buyer-store';
import { memoryDataLock } from './data-lock';
import { HuitoukeDb } from './database';
import { importIntoDb, type ImportFailure, type ImportStoreOptions } from './import-store';
import type { BuyerRecord, ImportRun } from './records';

const AS_OF = '2026-11-20';
const FIXTURES = join(__dirname, '..', '..', 'tests', 'fixtures', 'exports');
const open: HuitoukeDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

function freshDb(): HuitoukeDb {
  const db = new HuitoukeDb(`test-${Math.random().toString(36).slice(2)}`);
  open.push(db);
  return db;
}

/** Every stored buyer record, deleted ones included. */
async function allBuyers(db: HuitoukeDb): Promise<BuyerRecord[]> {
  const out: BuyerRecord[] = [];
  await scanBuyers(db, (page) => void out.push(...page));
  return out;
}

/** Small transactions (a few buyers' orders each) and intermediate writes, so a 300-order file is written in many steps. */
const options = (runId: string, extra: Partial<ImportStoreOptions> = {}): ImportStoreOptions => ({
  rules: DEFAULT_COUNTING_RULES,
  locale: 'zh-CN',
  asOf: AS_OF,
  runId,
  now: () => 1_750_000_000_000,
  limits: { chunkOrders: 35 },
  ...extra,
});
const csv = (orders: DemoOrder[]) =>
  new Uint8Array(iconv.encode([TAOBAO_HEADER_ROW, ...orders.map(taobaoRow)].join('\n') + '\n', 'gb18030'));
const report = (name: string, orders: DemoOrder[]): ImportSource => sourceFromBytes(name, csv(orders), [2048]);

/** A file whose reading fails after `bytes` bytes (a disk or network error mid-file). */
function breaksAfter(name: string, orders: DemoOrder[], bytes: number): ImportSource {
  const all = csv(orders);
  return {
    name,
    size: all.length,
    async *chunks() {
      for (let at = 0; at < all.length; at += 2048) {
        if (at >= bytes) throw new Error('read failed');
        yield all.subarray(at, at + 2048);
      }
    },
  };
}

const byOrderId = (a: Order, b: Order) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);
const strip = ({ sources: _s, ...rest }: Order) => rest;
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

async function snapshot(db: HuitoukeDb) {
  const buyers = (await allBuyers(db))
    .sort(byId)
    .map((b) => ({ id: b.id, nick: b.nick, metrics: b.metrics, orders: [...b.orders].sort(byOrderId).map(strip) }));
  const index = await loadBuyerIndex(db);
  const entries = index.ids
    .map((id, i) => [id, index.paidOrders[i], index.netCents[i], index.lastPaidDate[i], index.nicks[i]] as const)
    .sort();
  const orphans = (await db.orphans.toArray())
    .flatMap((b) => b.orders)
    .sort(byOrderId)
    .map(strip);
  const count = (await db.settings.get('buyerCount'))?.value;
  return {
    buyers,
    orphans,
    index: entries,
    count,
    model: (await db.settings.get('segmentModel'))?.value,
    pending: await db.settings.get(INDEX_PENDING_KEY),
  };
}

/** Every stored buyer is whole: valid orders, and metrics that are those of its orders. */
async function expectComplete(db: HuitoukeDb) {
  for (const b of await allBuyers(db)) {
    for (const o of b.orders) expect(OrderSchema.safeParse(o).success).toBe(true);
    expect(b.metrics).toEqual(computeBuyerMetrics(b.orders, DEFAULT_COUNTING_RULES));
  }
}

async function failure(p: Promise<unknown>): Promise<ImportFailure & { run: ImportRun }> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as ImportFailure & { run: ImportRun };
}

const orders = [...generateDemoOrders({ buyers: 60, orders: 300, seed: 9, asOf: AS_OF })];
const early = orders.slice(150);
const late = orders.slice(0, 200);

async function cleanResult(files: (() => ImportSource)[][]) {
  const db = freshDb();
  for (const [k, group] of files.entries())
    await importIntoDb(
      db,
      group.map((f) => f()),
      options(`clean-${k}`),
    );
  return snapshot(db);
}

/** A Pinduoduo export: orders without a buyer (stored in orphan buckets). */
const pinduoduo = (): ImportSource =>
  sourceFromBytes(
    'pinduoduo-orders-20251010.csv',
    new Uint8Array(readFileSync(join(FIXTURES, 'pinduoduo-orders-20251010.csv'))),
  );

describe('an import that stops part-way', () => {
  // Cancelled while its buyers are being written, and once everything but its last transaction is
  // written (buyers, orders without a buyer): either way nothing of it stays.
  for (const when of ['while writing buyers', 'after writing, before the import is stored'] as const) {
    it(`when cancelled ${when}, leaves the data exactly as before, and running it again gives the clean result`, async () => {
      const expected = await cleanResult([
        [() => report('early.csv', early)],
        [pinduoduo, () => report('late.csv', late)],
      ]);
      const db = freshDb();
      await importIntoDb(db, [report('early.csv', early)], options('run-1'));
      const before = await snapshot(db);
      const abort = new AbortController();
      let wrote = 0;
      const stopped = await failure(
        importIntoDb(
          db,
          [pinduoduo(), report('late.csv', late)],
          options('run-2', {
            signal: abort.signal,
            onProgress: (p) => {
              if (p.phase === 'writing') wrote = Math.max(wrote, p.written ?? 0);
              if (
                when === 'while writing buyers'
                  ? p.phase === 'writing' && (p.written ?? 0) >= 14
                  : p.phase === 'segments'
              )
                abort.abort();
            },
          }),
        ),
      );
      expect(wrote).toBeGreaterThanOrEqual(14);
      expect(await snapshot(db)).toEqual(before);
      expect(stopped.run.status).toBe('interrupted');
      expect(stopped.rolledBack).toBe(true);
      expect(stopped.run.failure).toBe('已取消导入，数据与导入前完全相同。');
      expect((await db.importRuns.get('run-2'))?.status).toBe('interrupted');

      await importIntoDb(db, [pinduoduo(), report('late.csv', late)], options('run-3'));
      expect(await snapshot(db)).toEqual(expected);
    });
  }

  it('when cancelled after writing some buyers in several steps, puts back every step', async () => {
    const db = freshDb();
    await importIntoDb(db, [report('early.csv', early)], options('run-1'));
    const before = await snapshot(db);
    const abort = new AbortController();
    let steps = 0;
    const stopped = await failure(
      importIntoDb(
        db,
        [report('late.csv', late)],
        options('run-2', {
          limits: { chunkOrders: 25, holdOrders: 25, batchSize: 10 },
          signal: abort.signal,
          onProgress: (p) => {
            if (p.phase === 'writing' && p.written === p.toWrite && ++steps === 3) abort.abort();
          },
        }),
      ),
    );
    expect(steps).toBe(3);
    expect(await snapshot(db)).toEqual(before);
    expect(stopped.rolledBack).toBe(true);
  });

  it('when reading a file fails after intermediate writes, says why and leaves the data as before', async () => {
    const expected = await cleanResult([[() => report('early.csv', early)], [() => report('all.csv', orders)]]);
    const db = freshDb();
    await importIntoDb(db, [report('early.csv', early)], options('run-1'));
    const before = await snapshot(db);
    let wrote = false;
    const broken = await failure(
      importIntoDb(
        db,
        [breaksAfter('all.csv', orders, 100_000)],
        options('run-2', {
          limits: { chunkOrders: 35, holdOrders: 40, batchSize: 20 },
          onProgress: (p) => void (wrote ||= p.phase === 'writing'),
        }),
      ),
    );
    expect(wrote).toBe(true);
    expect(broken.run.status).toBe('failed');
    expect(broken.run.failure).toContain('read failed');
    expect(await snapshot(db)).toEqual(before);
    expect(broken.rolledBack).toBe(true);

    await importIntoDb(
      db,
      [report('all.csv', orders)],
      options('run-3', { limits: { chunkOrders: 35, holdOrders: 40, batchSize: 20 } }),
    );
    expect(await snapshot(db)).toEqual(expected);
  });

  it('writes each buyer whole when held orders are written in several steps', async () => {
    const expected = await cleanResult([[() => report('all.csv', orders)]]);
    const db = freshDb();
    const { run } = await importIntoDb(
      db,
      [report('all.csv', orders)],
      options('run-1', { limits: { chunkOrders: 25, holdOrders: 25, batchSize: 10 } }),
    );
    expect(run.orders).toBe(orders.length);
    expect(run.newOrders).toBe(orders.length);
    expect(await snapshot(db)).toEqual(expected);
  });

  it('on a full disk, says so, records the failed run and leaves the data as before', async () => {
    const db = freshDb();
    await importIntoDb(db, [report('early.csv', early)], options('run-1'));
    const before = await snapshot(db);
    const put = db.buyerShards.bulkPut.bind(db.buyerShards);
    let calls = 0;
    db.buyerShards.bulkPut = ((...args: Parameters<typeof put>) => {
      if (++calls === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put(...args);
    }) as typeof db.buyerShards.bulkPut;
    const full = await failure(importIntoDb(db, [report('late.csv', late)], options('run-2', { locale: 'en' })));
    expect(full.run.status).toBe('failed');
    expect(full.run.failure).toMatch(/ran out of storage space/);
    expect((await db.importRuns.get('run-2'))?.failure).toBe(full.run.failure);
    expect(await snapshot(db)).toEqual(before);
    expect(full.rolledBack).toBe(true);
  });

  it('when even putting back fails (the disk stays full), leaves each buyer as before or complete, and the next import repairs the index', async () => {
    const db = freshDb();
    await importIntoDb(db, [report('early.csv', early)], options('run-1'));
    const before = new Map((await allBuyers(db)).map((b) => [b.id, b]));
    const after = new Map(
      (await cleanResult([[() => report('early.csv', early)], [() => report('late.csv', late)]])).buyers.map((b) => [
        b.id,
        b,
      ]),
    );

    const put = db.buyerShards.bulkPut.bind(db.buyerShards);
    let calls = 0;
    db.buyerShards.bulkPut = ((...args: Parameters<typeof put>) => {
      if (++calls >= 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put(...args);
    }) as typeof db.buyerShards.bulkPut;
    const full = await failure(importIntoDb(db, [report('late.csv', late)], options('run-2', { locale: 'en' })));
    expect(full.run.failure).toMatch(/ran out of storage space/);
    expect(full.rolledBack).toBe(false);
    await expectComplete(db);

    const view = (b: BuyerRecord) => ({
      id: b.id,
      nick: b.nick,
      metrics: b.metrics,
      orders: [...b.orders].sort(byOrderId).map(strip),
    });
    let complete = 0;
    let unchanged = 0;
    for (const b of await allBuyers(db)) {
      const was = before.get(b.id);
      if (was && JSON.stringify(view(b)) === JSON.stringify(view(was))) unchanged++;
      else {
        expect(view(b)).toEqual(after.get(b.id));
        complete++;
      }
    }
    expect(complete).toBeGreaterThan(0);
    expect(unchanged).toBeGreaterThan(0);
    expect((await snapshot(db)).pending).toBeDefined();

    db.buyerShards.bulkPut = put;
    // Holding the data lock (as the extension's imports do), the next run knows run-2 is not running.
    await importIntoDb(db, [report('late.csv', late)], options('run-3', { lock: memoryDataLock() }));
    const { buyers, index, pending } = await snapshot(db);
    expect(buyers).toEqual([...after.values()]);
    expect(index.map(([id]) => id)).toEqual([...after.keys()].sort());
    expect(pending).toBeUndefined();
  });
});
