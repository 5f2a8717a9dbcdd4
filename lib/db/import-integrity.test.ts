import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoOrders, TAOBAO_HEADER_ROW, taobaoRow, type DemoOrder } from '../demo';
import { readOrders, sourceFromBytes, type ImportBatch, type ImportSource } from '../import';
import { DEFAULT_COUNTING_RULES } from '../metrics/rules';
import { DEFAULT_PROFILE_SETTINGS } from '../metrics/profile';
import { createBuyersTableService, NO_FILTERS } from '../export/buyers-table';
import type { BuyersTableReply } from '../export/buyers-table-protocol';
import { databaseRowSource } from '../export/buyers-table-source';
import { backupChunks, checkBackup, restoreBackup } from './backup';
import { INDEX_PENDING_KEY, loadBuyerIndex } from './buyer-index';
import { getBuyer, scanBuyers } from './buyer-store';
import { DataBusy, memoryDataLock } from './data-lock';
import { HuitoukeDb } from './database';
import { importIntoDb, type ImportFailure, type ImportStoreOptions } from './import-store';
import type { BuyerRecord } from './records';
import { SETTINGS_KEY } from './settings';

// What a supervisor relies on when imports and restores meet: no buyer lost from the index, the
// buyers table, its export or the segments; restored buyers never corrupted by an import; one at a time.

const AS_OF = '2026-11-20';
const open: HuitoukeDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});
function freshDb(): HuitoukeDb {
  const db = new HuitoukeDb(`integrity-${Math.random().toString(36).slice(2)}`);
  open.push(db);
  return db;
}

const options = (runId: string, extra: Partial<ImportStoreOptions> = {}): ImportStoreOptions => ({
  rules: DEFAULT_COUNTING_RULES,
  locale: 'zh-CN',
  asOf: AS_OF,
  runId,
  now: () => 1_750_000_000_000,
  ...extra,
});

/** A generated shop whose buyers, order ids and item titles are its own (`mark`), so two shops share none. */
function shop(seed: number, mark: string, idDigit: string): DemoOrder[] {
  return [...generateDemoOrders({ buyers: 40, orders: 200, seed, asOf: AS_OF })].map((o) => ({
    ...o,
    orderId: idDigit + o.orderId.slice(1),
    buyerNick: `${mark}${o.buyerNick}`,
    lines: o.lines.map((l) => ({ ...l, title: `${mark} ${l.title}` })),
  }));
}
const report = (name: string, orders: DemoOrder[]): ImportSource =>
  sourceFromBytes(
    name,
    new Uint8Array(iconv.encode([TAOBAO_HEADER_ROW, ...orders.map(taobaoRow)].join('\n') + '\n', 'gb18030')),
  );

/** Reads a file's batches, and before each after the first waits for `gate()` (the run has written by then: see holdOrders). */
function pausing(gate: () => Promise<unknown>): ImportStoreOptions['read'] {
  return async function* (source, _i, readOptions) {
    let first = true;
    for await (const batch of readOrders(source, readOptions) as AsyncIterable<ImportBatch>) {
      if (!first) await gate();
      first = false;
      yield batch;
    }
  };
}

async function allBuyers(db: HuitoukeDb): Promise<BuyerRecord[]> {
  const out: BuyerRecord[] = [];
  await scanBuyers(db, (page) => void out.push(...page));
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}
const view = (buyers: BuyerRecord[]) =>
  buyers.map((b) => ({
    id: b.id,
    nick: b.nick,
    metrics: b.metrics,
    orders: b.orders.map(({ sources: _s, ...o }) => o).sort((x, y) => (x.orderId < y.orderId ? -1 : 1)),
  }));

/** The buyers the supervisor's table lists (and exports), through the same service the options page uses. */
async function tableBuyers(db: HuitoukeDb): Promise<string[]> {
  const replies: BuyersTableReply[] = [];
  const service = createBuyersTableService(databaseRowSource(db), (r) => replies.push(r));
  void service.receive({ type: 'load', asOf: AS_OF, profile: DEFAULT_PROFILE_SETTINGS });
  await service.receive({ type: 'query', seq: 1, filters: NO_FILTERS, start: 0, end: 500 });
  const reply = replies.findLast((r) => r.type === 'result');
  if (reply?.type !== 'result') throw new Error('no answer from the buyers table');
  return reply.rows.map((r) => `${r.platform}:${r.buyer}`).sort();
}

async function failure(p: Promise<unknown>): Promise<ImportFailure> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as ImportFailure;
}

describe('two imports at once', () => {
  it('of different buyers: every buyer is in the index, the buyers table and its export, and the segments', async () => {
    const a = shop(1, '甲', '7');
    const b = shop(2, '乙', '8');
    const db = freshDb();
    // A writes its first buyers, then waits while B runs from start to end; then A finishes.
    let aWrote!: () => void;
    const aWriting = new Promise<void>((resolve) => (aWrote = resolve));
    let bDone!: () => void;
    const bFinished = new Promise<void>((resolve) => (bDone = resolve));
    const runA = importIntoDb(
      db,
      [report('a.csv', a)],
      options('run-a', {
        limits: { holdOrders: 1, batchSize: 50 },
        read: pausing(() => (aWrote(), bFinished)),
      }),
    );
    await aWriting;
    await importIntoDb(db, [report('b.csv', b)], options('run-b'));
    bDone();
    await runA;

    const oneByOne = freshDb();
    await importIntoDb(oneByOne, [report('a.csv', a)], options('run-a'));
    await importIntoDb(oneByOne, [report('b.csv', b)], options('run-b'));
    const buyers = await allBuyers(db);
    expect(view(buyers)).toEqual(view(await allBuyers(oneByOne)));
    const ids = buyers.map((x) => x.id).sort();
    expect(ids.some((id) => id.includes('甲')) && ids.some((id) => id.includes('乙'))).toBe(true);
    expect([...(await loadBuyerIndex(db)).ids].sort()).toEqual(ids);
    expect(await tableBuyers(db)).toEqual(ids);
    expect((await db.settings.get(SETTINGS_KEY.buyerCount))?.value).toBe(ids.length);
    expect((await db.settings.get(SETTINGS_KEY.segmentModel))?.value).toEqual(
      (await oneByOne.settings.get(SETTINGS_KEY.segmentModel))?.value,
    );
    expect(await db.settings.get(INDEX_PENDING_KEY)).toBeUndefined();
  });

  it('the pending marker keeps a run that stopped while another finished: the next import puts its buyers in the index', async () => {
    const a = shop(1, '甲', '7');
    const b = shop(2, '乙', '8');
    const c = shop(3, '丙', '6');
    const db = freshDb();
    // A writes some buyers, then its page is closed (it never finishes, nothing undoes it) while B runs.
    let aWrote!: () => void;
    const aWriting = new Promise<void>((resolve) => (aWrote = resolve));
    void importIntoDb(
      db,
      [report('a.csv', a)],
      options('run-a', {
        limits: { holdOrders: 1, batchSize: 50 },
        read: pausing(() => (aWrote(), new Promise(() => {}))),
      }),
    ).catch(() => {});
    await aWriting;
    await importIntoDb(db, [report('b.csv', b)], options('run-b'));
    const written = (await allBuyers(db)).filter((x) => x.id.includes('甲')).map((x) => x.id);
    expect(written.length).toBeGreaterThan(0);
    // B left only its own id: A's is still there, so the next import repairs the index.
    expect((await db.settings.get(INDEX_PENDING_KEY))?.value).toEqual(['run-a']);
    // The extension's imports hold the data lock: C knows A is not running, and clears its id.
    await importIntoDb(db, [report('c.csv', c)], options('run-c', { lock: memoryDataLock() }));
    const index = new Set((await loadBuyerIndex(db)).ids);
    for (const id of written) expect(index.has(id), id).toBe(true);
    expect(index.size).toBe((await allBuyers(db)).length);
    expect(await db.settings.get(INDEX_PENDING_KEY)).toBeUndefined();
  });
});

describe('an import and a restore', () => {
  /** A backup of a shop imported in two runs (its texts in two chunks), as a file source. */
  async function backupOfTwoImports() {
    const other = freshDb();
    await importIntoDb(other, [report('c.csv', shop(3, '丙', '6'))], options('run-c'));
    await importIntoDb(other, [report('d.csv', shop(4, '丁', '5'))], options('run-d'));
    let text = '';
    for await (const chunk of backupChunks(other, 1)) text += chunk;
    const source = sourceFromBytes('backup.json', new TextEncoder().encode(text));
    return { buyers: await allBuyers(other), source };
  }

  it('are never at once: a restore is refused while an import runs, and an import while a restore runs', async () => {
    const lock = memoryDataLock();
    const db = freshDb();
    await importIntoDb(db, [report('a.csv', shop(1, '甲', '7'))], options('run-a'));
    const { source, buyers } = await backupOfTwoImports();
    const read = await checkBackup(source, db);
    if (!read.ok) throw new Error('backup refused');

    let wrote!: () => void;
    const writing = new Promise<void>((resolve) => (wrote = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const importing = importIntoDb(
      db,
      [report('b.csv', shop(2, '乙', '8'))],
      options('run-b', {
        lock,
        limits: { holdOrders: 1, batchSize: 50 },
        read: pausing(() => (wrote(), released)),
      }),
    );
    await writing;
    const refused = await restoreBackup(db, source, read.info, { now: 2, lock }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DataBusy);
    expect((refused as DataBusy).holder).toBe('import');
    release();
    await importing;
    expect((await allBuyers(db)).some((x) => x.id.includes('乙'))).toBe(true);

    // Now the restore; an import started meanwhile is refused and writes nothing.
    let restoring!: () => void;
    const started = new Promise<void>((resolve) => (restoring = resolve));
    const restore = restoreBackup(db, source, read.info, { now: 3, lock, onProgress: () => restoring() });
    await started;
    const blocked = await failure(importIntoDb(db, [report('e.csv', shop(5, '戊', '4'))], options('run-e', { lock })));
    expect(blocked).toBeInstanceOf(DataBusy);
    expect((blocked as DataBusy).holder).toBe('restore');
    expect((await restore).ok).toBe(true);
    expect(view(await allBuyers(db))).toEqual(view(buyers));
    expect(await db.importRuns.get('run-e')).toBeUndefined();
  });

  it('without the lock, an import that finds the data restored under it stops, and the restored buyers stay whole', async () => {
    const db = freshDb();
    await importIntoDb(db, [report('a.csv', shop(1, '甲', '7'))], options('run-a'));
    const { source, buyers } = await backupOfTwoImports();
    const read = await checkBackup(source, db);
    if (!read.ok) throw new Error('backup refused');
    // The import writes its first buyers, then the restore replaces everything, then the import goes on.
    const importing = importIntoDb(
      db,
      [report('b.csv', shop(2, '乙', '8'))],
      options('run-b', {
        limits: { holdOrders: 1, batchSize: 50 },
        read: pausing(async () => {
          if ((await db.importRuns.get('run-a')) === undefined) return;
          const restored = await restoreBackup(db, source, read.info, { now: 2 });
          expect(restored.ok).toBe(true);
        }),
      }),
    );
    const stopped = await failure(importing);
    expect(stopped.run?.failure).toBe('导入期间数据被备份恢复替换，导入已停止，没有写入恢复后的数据。请重新导入。');
    // Every restored buyer reads back as it was backed up, and nothing of the import is in the restored data.
    expect(view(await allBuyers(db))).toEqual(view(buyers));
    expect(await getBuyer(db, buyers[0]!.id)).toEqual(buyers[0]);
    expect([...(await loadBuyerIndex(db)).ids].sort()).toEqual(buyers.map((x) => x.id).sort());
    expect(await db.importRuns.get('run-b')).toBeUndefined();
    expect(await db.settings.get(INDEX_PENDING_KEY)).toBeUndefined();
  });

  it('with the lock, a cancelled import leaves every stored record as it was (its run record aside)', async () => {
    const lock = memoryDataLock();
    const db = freshDb();
    await importIntoDb(db, [report('a.csv', shop(1, '甲', '7'))], options('run-a', { lock }));
    // Every table, whatever the buyer engine stores: nothing but the run's own record may differ.
    const stored = async () =>
      Object.fromEntries(
        await Promise.all(
          db.tables.filter((t) => t.name !== 'importRuns').map(async (t) => [t.name, await t.toArray()] as const),
        ),
      );
    const before = await stored();
    const abort = new AbortController();
    const stopped = await failure(
      importIntoDb(
        db,
        [report('b.csv', shop(2, '乙', '8'))],
        options('run-b', {
          lock,
          signal: abort.signal,
          limits: { chunkOrders: 30 },
          onProgress: (p) => void (p.phase === 'writing' && (p.written ?? 0) > 5 && abort.abort()),
        }),
      ),
    );
    expect(await stored()).toEqual(before);
    expect(stopped.rolledBack).toBe(true);
    expect(await lock.holder()).toBeNull();
  });
});
