import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCategoryTable } from '@/lib/categories/table';
import { saveConcern } from '@/lib/db/annotations';
import { putBuyers } from '@/lib/db/buyer-store';
import { HuitoukeDb } from '@/lib/db/database';
import {
  loadCategorizer,
  mergeProductCategories,
  productCategories,
  removeProductCategory,
} from '@/lib/db/product-categories';
import type { BuyerRecord } from '@/lib/db/records';
import { computeBuyerMetrics } from '@/lib/metrics/compute';
import { DEFAULT_PROFILE_SETTINGS } from '@/lib/metrics/profile';
import type { Order } from '@/lib/schemas/order';
import { loadDashboard } from '../dashboard/data';
import { DEFAULT_APP_SETTINGS } from '@/lib/settings/app';
import { matchingRecords, runConcernExport } from './export-run';

let db: HuitoukeDb;
beforeEach(() => {
  db = new HuitoukeDb(`export-run-${Math.random().toString(36).slice(2)}`);
});
afterEach(async () => {
  await db.delete();
});

function buyer(key: string, ...titles: [string, string?][]): BuyerRecord {
  const orders: Order[] = titles.map(([title, sku], i) => ({
    platform: 'taobao',
    orderId: `${key}-${i}`,
    buyerKey: key,
    buyerNick: null,
    status: 'completed',
    rawStatus: '交易成功',
    createdAt: `2026-0${i + 1}-01 10:00:00`,
    paidAt: `2026-0${i + 1}-01 10:00:00`,
    paidCents: 10_000,
    refundCents: 0,
    lines: [{ lineId: '', title, quantity: 1, ...(sku ? { sku } : {}) }],
    sources: ['run-1'],
  }));
  return {
    id: `taobao:${key}`,
    platform: 'taobao',
    buyerKey: key,
    nick: key,
    orders,
    metrics: computeBuyerMetrics(orders),
    updatedAt: 1,
  };
}

async function concern(key: string, id: string) {
  await saveConcern(
    db,
    {
      buyerId: `taobao:${key}`,
      nick: key,
      platform: 'taobao',
      console: 'demo',
      conversationId: `demo:${key}`,
      messageId: id,
      concern: 'size',
      quote: '我165穿什么码',
      at: Date.UTC(2026, 5, 1),
      date: '2026-06-01',
      agent: '小王',
      source: 'agent',
    },
    1,
  );
}

async function exported(categories?: string[]) {
  const filter = categories ? { categories } : {};
  const records = await matchingRecords(db, filter, 'Asia/Shanghai');
  const out = await runConcernExport(
    db,
    records,
    filter,
    { profile: DEFAULT_PROFILE_SETTINGS, timeZone: 'Asia/Shanghai', concernName: (c) => c },
    'json',
    () => {},
    await loadCategorizer(db),
  );
  return (JSON.parse(out.parts.join('')) as { buyer: string; item: string | null; category: string | null }[]).map(
    (r) => [r.buyer, r.item, r.category],
  );
}

describe('the concern export by category', () => {
  it("filters by the category the imported product table gives the buyer's latest item", async () => {
    await putBuyers(db, [
      buyer('小林', ['小香风连衣裙']),
      buyer('阿杰', ['修护面霜 50g', 'CREAM-50']),
      buyer('豆豆', ['连衣裙 碎花'], ['婴儿湿巾 80抽']),
      buyer('路人', ['杂物']),
    ]);
    for (const key of ['小林', '阿杰', '豆豆', '路人']) await concern(key, `m-${key}`);
    // Before a table exists no buyer has a category, and a category filter keeps nothing.
    expect(await exported(['女装'])).toEqual([]);

    const table = readCategoryTable(new TextEncoder().encode('商品,类目\n连衣裙,女装\nCREAM-50,美妆\n湿巾,母婴\n'));
    expect(table.issues).toEqual([]);
    expect(await mergeProductCategories(db, table.rows, '主管', 2)).toEqual({ added: 3, changed: 0, unchanged: 0 });
    expect(await exported()).toEqual(
      expect.arrayContaining([
        ['小林', '小香风连衣裙', '女装'],
        ['阿杰', '修护面霜 50g', '美妆'],
        ['豆豆', '婴儿湿巾 80抽', '母婴'],
        ['路人', '杂物', null],
      ]),
    );
    expect(await exported(['女装'])).toEqual([['小林', '小香风连衣裙', '女装']]);
    expect((await exported(['美妆', '母婴'])).map((r) => r[0]).sort()).toEqual(['豆豆', '阿杰'].sort());

    // The same table again changes nothing; an edit takes effect at the next export.
    expect(await mergeProductCategories(db, table.rows, '主管', 3)).toEqual({ added: 0, changed: 0, unchanged: 3 });
    await removeProductCategory(db, (await productCategories(db)).find((r) => r.product === '湿巾')!.id, 4);
    expect(await exported(['母婴'])).toEqual([]);
    // 豆豆's latest item has no category now: the earlier dress gives one.
    expect(await exported(['女装'])).toEqual(expect.arrayContaining([['豆豆', '婴儿湿巾 80抽', '女装']]));
  });

  it('gives the dashboard\'s "concerns per category" the same categories', async () => {
    await putBuyers(db, [buyer('小林', ['小香风连衣裙'])]);
    await concern('小林', 'm1');
    expect((await loadDashboard(db, DEFAULT_APP_SETTINGS, '2026-06-02')).items.get('taobao:小林')).toEqual({
      item: '小香风连衣裙',
      category: null,
    });
    await mergeProductCategories(db, [{ product: '连衣裙', category: '女装' }], '主管', 2);
    expect((await loadDashboard(db, DEFAULT_APP_SETTINGS, '2026-06-02')).items.get('taobao:小林')).toEqual({
      item: '小香风连衣裙',
      category: '女装',
    });
  });
});
