import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceFromBytes } from '../import/source';
import { DEFAULT_COUNTING_RULES } from '../metrics/rules';
import type { ConsoleOrder } from '../schemas/messages';
import { HuitoukeDb } from './database';
import { importIntoDb, type ImportStoreOptions } from './import-store';
import { buyerWithConsole, latestImportAt, liveOrdersFor, orderLinksFor, recordConsoleOrders } from './order-links';

const TZ = 'Asia/Shanghai';
const FIXTURE = join(process.cwd(), 'tests', 'fixtures', 'exports', 'pinduoduo-orders-20251010.csv');
const open: HuitoukeDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});
function freshDb(): HuitoukeDb {
  const db = new HuitoukeDb(`links-${Math.random().toString(36).slice(2)}`);
  open.push(db);
  return db;
}
const NOW = Date.now();
const options = (runId: string): ImportStoreOptions => ({
  rules: DEFAULT_COUNTING_RULES,
  locale: 'zh-CN',
  asOf: '2025-10-11',
  runId,
  now: () => NOW,
});
const importPdd = (db: HuitoukeDb, runId: string) =>
  importIntoDb(
    db,
    [sourceFromBytes('pinduoduo-orders-20251010.csv', new Uint8Array(readFileSync(FIXTURE)))],
    options(runId),
  );

const PANEL: ConsoleOrder[] = [
  { id: '251007-607198974342268', status: 'completed' },
  { id: '251008-112233445566778', status: 'shipped', tracking: 'YT1234567891' },
];
const seen = (orders: ConsoleOrder[], buyerKey = 'uid_8823') => ({ platform: 'pinduoduo' as const, buyerKey, orders });
const buyer = (db: HuitoukeDb, buyerKey = 'uid_8823') =>
  buyerWithConsole(db, { platform: 'pinduoduo', buyerKey, nick: '墨墨' }, DEFAULT_COUNTING_RULES);

describe('orders seen in the console (issue 19)', () => {
  it('ties imported Pinduoduo orders without a buyer to the buyer whose panel shows them', async () => {
    const db = freshDb();
    await importPdd(db, 'run-1');
    expect(await buyer(db)).toBeUndefined();
    expect(await recordConsoleOrders(db, seen(PANEL), TZ, NOW)).toBe(4);
    const found = await buyer(db);
    expect(found?.record.id).toBe('pinduoduo:uid_8823');
    expect(found?.record.orders.map((o) => o.orderId).sort()).toEqual(PANEL.map((o) => o.id).sort());
    // The export's amounts count (42.90 paid; 99.80 paid and refunded), not the console's.
    expect(found?.record.metrics.allOrders).toBe(2);
    expect({ paid: found?.record.metrics.paidOrders, net: found?.record.metrics.netCents }).toEqual({
      paid: 1,
      net: 4290,
    });
    expect(found?.linkedCount).toBe(2);
    expect(found?.consoleOnly).toEqual([]);
    expect(await latestImportAt(db)).toBe(NOW);
  });

  it('writes nothing for the same reading again, from a second tab, or after a restart', async () => {
    const db = freshDb();
    await importPdd(db, 'run-1');
    const [a, b] = await Promise.all([
      recordConsoleOrders(db, seen(PANEL), TZ, NOW),
      recordConsoleOrders(db, seen(PANEL), TZ, NOW + 5),
    ]);
    expect(a + b).toBe(4);
    expect(await recordConsoleOrders(db, seen(PANEL), TZ, NOW + 60_000)).toBe(0);
    expect(await orderLinksFor(db, 'pinduoduo:uid_8823')).toHaveLength(2);
    expect((await buyer(db))?.record.metrics.allOrders).toBe(2);
  });

  it('keeps a link for good: another buyer showing the same order does not take it', async () => {
    const db = freshDb();
    await recordConsoleOrders(db, seen(PANEL), TZ, NOW);
    expect(await recordConsoleOrders(db, seen(PANEL, 'uid_other'), TZ, NOW + 1)).toBe(0);
    expect(await orderLinksFor(db, 'pinduoduo:uid_other')).toEqual([]);
    expect(await buyer(db, 'uid_other')).toBeUndefined();
  });

  it('keeps an order no export has as a live order, then counts it once when an export brings it', async () => {
    const db = freshDb();
    const unpaid: ConsoleOrder = {
      id: '251007-607198974342268',
      status: 'awaiting_payment',
      paidCents: 4290,
      createdAt: '2025-10-07 09:12:33',
    };
    await recordConsoleOrders(db, seen([unpaid]), TZ, NOW);
    let found = await buyer(db);
    expect(found?.consoleOnly).toEqual([unpaid.id]);
    expect(found?.record.metrics.allOrders).toBe(1);
    expect(found?.record.metrics.paidOrders).toBe(0);
    // Paid now: the live order changes in place.
    expect(await recordConsoleOrders(db, seen([{ ...unpaid, status: 'paid' }]), TZ, NOW + 60_000)).toBe(1);
    found = await buyer(db);
    expect(found?.record.metrics.paidOrders).toBe(1);
    expect((await liveOrdersFor(db, 'pinduoduo:uid_8823'))[0]?.order.status).toBe('paid');

    await importPdd(db, 'run-1');
    found = await buyer(db);
    expect(found?.consoleOnly).toEqual([]);
    expect(found?.linkedCount).toBe(1);
    expect(found?.record.orders.filter((o) => o.orderId === unpaid.id)).toHaveLength(1);
    expect(found?.record.metrics.allOrders).toBe(1);
    // The export's version of the order (its lines) is the one shown.
    expect(found?.record.orders[0]?.lines.length).toBeGreaterThan(0);
  });

  it("keeps the export's tracking number over the console's", async () => {
    const db = freshDb();
    await importPdd(db, 'run-1');
    await recordConsoleOrders(
      db,
      seen([{ id: '251007-607198974342268', status: 'completed', tracking: 'YT999' }]),
      TZ,
      NOW,
    );
    const order = (await buyer(db))?.record.orders[0];
    // The export had one already: it stays.
    expect(order?.trackingNo).toBe('YT1234567890');
  });
});
