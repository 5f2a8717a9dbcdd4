import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { generateTaobaoExport } from '../demo';
import { sourceFromBytes } from '../import';
import { DEFAULT_COUNTING_RULES } from '../metrics/rules';
import type { BuyerMetrics } from '../schemas/buyer';
import { emptyBuyerIndex, loadBuyerIndex, rebuildBuyerIndex, upsertIndex, type BuyerIndex } from './buyer-index';
import { countBuyers, scanBuyers } from './buyer-store';
import { HuitoukeDb } from './database';
import { importIntoDb } from './import-store';
import { SETTINGS_KEY } from './settings';

const open: HuitoukeDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

const metrics = (paidOrders: number, netCents: number, last: string | null): BuyerMetrics => ({
  paidOrders,
  netCents,
  aovCents: paidOrders ? Math.round(netCents / paidOrders) : 0,
  firstPaidDate: last,
  lastPaidDate: last,
  paidDates: last ? [last] : [],
  refundOrders: 0,
  refundCents: 0,
  allOrders: paidOrders,
  lastItems: [],
  categories: [],
});
const entry = (id: string, paid: number, net: number, last: string | null = '2026-01-02') => ({
  id: `taobao:${id}`,
  nick: id,
  platform: 'taobao' as const,
  metrics: metrics(paid, net, last),
});

/** The index as a set of rows, whatever the positions. */
const rows = (index: BuyerIndex) =>
  index.ids
    .map((id, i) => [
      id,
      index.nicks[i],
      index.platforms[i],
      index.paidOrders[i],
      index.netCents[i],
      index.aovCents[i],
      index.firstPaidDate[i],
      index.lastPaidDate[i],
      index.refundOrders[i],
    ])
    .sort();

describe('buyer index', () => {
  it('replaces a buyer in place and appends new ones, across repeated upserts into one index', () => {
    const index = upsertIndex(emptyBuyerIndex(), [entry('a', 1, 100), entry('b', 2, 200)]);
    upsertIndex(index, [entry('b', 3, 900), entry('c', 1, 50, null)]);
    upsertIndex(index, [entry('a', 4, 400)]);
    expect(index.ids).toEqual(['taobao:a', 'taobao:b', 'taobao:c']);
    expect(index.paidOrders).toEqual([4, 3, 1]);
    expect(index.netCents).toEqual([400, 900, 50]);
    expect(index.lastPaidDate).toEqual(['2026-01-02', '2026-01-02', '']);
    for (const column of Object.values(index)) if (Array.isArray(column)) expect(column).toHaveLength(3);
  });

  it('finds buyers again when the arrays were changed outside upsertIndex', () => {
    const index = upsertIndex(emptyBuyerIndex(), [entry('a', 1, 100), entry('b', 1, 100)]);
    for (const column of Object.values(index)) if (Array.isArray(column)) column.shift();
    upsertIndex(index, [entry('b', 5, 500)]);
    expect(index.ids).toEqual(['taobao:b']);
    expect(index.paidOrders).toEqual([5]);
  });

  it('reads as empty when the stored value does not parse', async () => {
    const db = new HuitoukeDb(`test-${Math.random().toString(36).slice(2)}`);
    open.push(db);
    await db.settings.put({ key: SETTINGS_KEY.buyerIndex, value: { version: 99 }, updatedAt: 1 });
    expect(await loadBuyerIndex(db)).toEqual(emptyBuyerIndex());
  });

  it('is rebuilt from the stored buyers with the same rows an import keeps', async () => {
    const db = new HuitoukeDb(`test-${Math.random().toString(36).slice(2)}`);
    open.push(db);
    const text = [...generateTaobaoExport({ buyers: 80, orders: 240, seed: 5, asOf: '2026-11-20' })].join('\n') + '\n';
    await importIntoDb(db, [sourceFromBytes('orders.csv', new Uint8Array(iconv.encode(text, 'gb18030')))], {
      rules: DEFAULT_COUNTING_RULES,
      locale: 'zh-CN',
      asOf: '2026-11-20',
      runId: 'run-1',
    });
    const kept = await loadBuyerIndex(db);
    let stored = 0;
    await scanBuyers(db, (page) => void (stored += page.length));
    expect(kept.ids).toHaveLength(stored);
    // The popup's buyer count is the one the import stored beside the index.
    expect(await countBuyers(db)).toBe(stored);
    expect(rows(await rebuildBuyerIndex(db))).toEqual(rows(kept));
  });
});
