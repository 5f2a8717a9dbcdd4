import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoOrders, TAOBAO_HEADER_ROW, taobaoRow, type DemoOrder } from '../demo';
import { sourceFromBytes, type ImportSource } from '../import';
import { TAOBAO_ITEM_HEADERS } from '../import/formats/taobao-headers';
import { computeBuyerMetrics } from '../metrics/compute';
import { DEFAULT_COUNTING_RULES } from '../metrics/rules';
import type { Order } from '../schemas/order';
import { loadBuyerIndex } from './buyer-index';
import { getBuyer, scanBuyers } from './buyer-store';
import { HuitoukeDb } from './database';
import { importedDataAsOf, importIntoDb, type ImportStoreOptions } from './import-store';
import type { BuyerRecord } from './records';
import { SETTINGS_KEY } from './settings';

const FIXTURES = join(__dirname, '..', '..', 'tests', 'fixtures', 'exports');
const AS_OF = '2026-11-20';
const open: HuitoukeDb[] = [];

afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

function freshDb(): HuitoukeDb {
  const db = new HuitoukeDb(`test-${Math.random().toString(36).slice(2)}`);
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
const fixture = (path: string): ImportSource =>
  sourceFromBytes(basename(path), new Uint8Array(readFileSync(join(FIXTURES, path))));
const gb = (name: string, rows: string[]): ImportSource =>
  sourceFromBytes(name, new Uint8Array(iconv.encode(rows.join('\n') + '\n', 'gb18030')), [4096]);
const orderReport = (name: string, orders: DemoOrder[]) => gb(name, [TAOBAO_HEADER_ROW, ...orders.map(taobaoRow)]);

const yuan = (cents: number) => (cents / 100).toFixed(2);
/** The 子订单 report of the same orders: one row per line, line amounts, no buyer column. */
function itemReport(name: string, orders: DemoOrder[]): ImportSource {
  const rows = orders.flatMap((o) =>
    o.lines.map((line, k) => {
      const cells: Record<(typeof TAOBAO_ITEM_HEADERS)[number], string> = {
        子订单编号: `="${o.orderId}${String(k + 1).padStart(3, '0')}"`,
        主订单编号: `="${o.orderId}"`,
        商品标题: line.title,
        商品价格: yuan(line.priceCents),
        购买数量: String(line.quantity),
        外部系统编号: '',
        商品属性: '',
        套餐信息: '',
        备注: '',
        订单状态: o.rawStatus,
        商家编码: line.productId,
        买家应付货款: yuan(line.priceCents * line.quantity),
        买家实付金额: yuan(line.priceCents * line.quantity),
        打款商家金额: '0.00元',
        退款状态: '没有申请退款',
        退款金额: '无退款申请',
        订单创建时间: o.createdAt,
        订单付款时间: o.paidAt ?? '',
        发货时间: '',
        物流单号: '',
        物流公司: '',
      };
      return TAOBAO_ITEM_HEADERS.map((h) => cells[h]).join(',');
    }),
  );
  return gb(name, [TAOBAO_ITEM_HEADERS.join(','), ...rows]);
}

/** Every stored buyer record, deleted ones included. */
async function allBuyers(db: HuitoukeDb): Promise<BuyerRecord[]> {
  const out: BuyerRecord[] = [];
  await scanBuyers(db, (page) => void out.push(...page));
  return out;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byOrderId = (a: Order, b: Order) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);
const withoutSources = ({ sources: _sources, ...rest }: Order) => rest;

/** What a user can see of the database: buyers with orders and metrics, orphans, index, segment model. */
async function snapshot(db: HuitoukeDb) {
  const buyers = (await allBuyers(db)).sort(byId).map((b) => ({
    id: b.id,
    nick: b.nick,
    metrics: b.metrics,
    orders: [...b.orders].sort(byOrderId).map(withoutSources),
  }));
  const orphans = (await db.orphans.toArray())
    .flatMap((b) => b.orders)
    .sort(byOrderId)
    .map(withoutSources);
  const index = await loadBuyerIndex(db);
  const entries = index.ids
    .map((id, i) => ({
      id,
      nick: index.nicks[i],
      platform: index.platforms[i],
      paidOrders: index.paidOrders[i],
      netCents: index.netCents[i],
      first: index.firstPaidDate[i],
      last: index.lastPaidDate[i],
      refunds: index.refundOrders[i],
    }))
    .sort(byId);
  const model = (await db.settings.get(SETTINGS_KEY.segmentModel))?.value;
  return { buyers, orphans, index: entries, model };
}

const shop = (seed: number, buyers = 60, orders = 300) => [
  ...generateDemoOrders({ buyers, orders, seed, asOf: AS_OF }),
];

describe('importIntoDb', () => {
  it('gives the same buyers, metrics and index when the same file is imported twice, and counts nothing twice', async () => {
    const db = freshDb();
    const orders = shop(1);
    const first = await importIntoDb(db, [orderReport('ExportOrderList.csv', orders)], options('run-1'));
    const once = await snapshot(db);
    const second = await importIntoDb(db, [orderReport('ExportOrderList.csv', orders)], options('run-2'));
    expect(await snapshot(db)).toEqual(once);
    expect(first.run.newOrders).toBe(orders.length);
    expect(second.run.newOrders).toBe(0);
    expect(second.run.orders).toBe(first.run.orders);
    expect(second.run.buyersTouched).toBe(first.run.buyersTouched);
    expect(once.index).toHaveLength(new Set(orders.map((o) => o.buyerNick)).size);
    // Each order keeps a record of both runs, once each.
    const stored = (await allBuyers(db)).flatMap((b) => b.orders);
    expect(stored).toHaveLength(orders.length);
    expect(stored.every((o) => o.sources.join() === 'run-1,run-2')).toBe(true);
  });

  it('keeps what another tab stored after this import looked: the buyers are merged, not replaced', async () => {
    const db = freshDb();
    const orders = shop(3);
    const half = Math.floor(orders.length / 2);
    await importIntoDb(db, [orderReport('first-half.csv', orders.slice(0, half))], options('run-1'));
    const merged = await snapshot(db);
    // The second import takes its list of stored shards before the first one wrote (two tabs at once).
    const table = db.buyerShards;
    const realCollection = table.toCollection.bind(table);
    table.toCollection = () => Object.assign(realCollection(), { primaryKeys: async () => [] });
    const { run } = await importIntoDb(db, [orderReport('second-half.csv', orders.slice(half))], options('run-2'));
    table.toCollection = realCollection;
    // Its summary counts each of its orders once, though some buyers were merged a second time.
    expect([run.orders, run.newOrders]).toEqual([orders.length - half, orders.length - half]);
    const both = freshDb();
    await importIntoDb(both, [orderReport('all.csv', orders)], options('run-1'));
    expect((await snapshot(db)).buyers).toEqual((await snapshot(both)).buyers);
    expect(merged.buyers.length).toBeGreaterThan(0);
  });

  it('re-imports a real-shaped Taobao fixture without doubling amounts', async () => {
    const db = freshDb();
    const first = await importIntoDb(db, [fixture('ExportOrderList202510071230.csv')], options('run-1'));
    const before = await getBuyer(db, 'taobao:tb_xiaolin');
    const second = await importIntoDb(db, [fixture('ExportOrderList202510071230.csv')], options('run-2'));
    expect(second.run.newOrders).toBe(0);
    expect(second.run.orders).toBe(first.run.orders);
    const after = await getBuyer(db, 'taobao:tb_xiaolin');
    expect(after?.metrics).toEqual(before?.metrics);
    expect(after?.orders).toHaveLength(before?.orders.length ?? -1);
    expect(before?.metrics.paidOrders).toBeGreaterThan(1);
  });

  it("re-imports into buyers an older version stored (format 1 docs): nothing counted twice, the buyers rewritten in today's format", async () => {
    const db = freshDb();
    const saved = JSON.parse(readFileSync(join(FIXTURES, '..', 'db', 'v4.json'), 'utf8')) as {
      tables: Record<string, object[]>;
    };
    await db.open();
    for (const [table, rows] of Object.entries(saved.tables)) await db.table(table).bulkAdd(rows);
    const docs = async () => (await db.buyerShards.toArray()).flatMap((s) => s.docs);
    expect((await docs()).every((d) => d.startsWith('{"v":1,'))).toBe(true);
    const before = await allBuyers(db);
    const again = await importIntoDb(
      db,
      [fixture('ExportOrderList202510071230.csv'), fixture('orders_export_1.csv')],
      options('run-2'),
    );
    expect(again.run.orders).toBeGreaterThan(0);
    expect(again.run.newOrders).toBe(0);
    const after = new Map((await allBuyers(db)).map((b) => [b.id, b]));
    expect(after.size).toBe(before.length);
    for (const b of before) {
      const now = after.get(b.id)!;
      // The same amounts; the re-import fills in the currency that version did not keep (Shopify's EUR/USD).
      const { currency: _currency, ...metrics } = now.metrics;
      expect(metrics, b.id).toEqual(b.metrics);
      expect(now.metrics.currency, b.id).toBe(b.platform === 'shopify' ? now.orders[0]!.currency : undefined);
      if (b.platform === 'shopify') expect(['EUR', 'USD']).toContain(now.metrics.currency);
      // The same orders; the exports now name the parcels of shipped orders, which the re-import fills in.
      expect(
        now.orders.map(({ trackingNo: _t, carrier: _c, currency: _m, ...o }) => ({ ...o, sources: [] })),
        b.id,
      ).toEqual(b.orders.map((o) => ({ ...o, sources: [] })));
      expect(
        b.orders.some((o) => o.trackingNo !== undefined),
        b.id,
      ).toBe(false);
      expect(
        now.orders.every((o) => o.sources.includes('run-2') && o.sources.includes('fixture-run')),
        b.id,
      ).toBe(true);
    }
    expect((await docs()).every((d) => d.startsWith('{"v":3,'))).toBe(true);
    expect(after.get('taobao:sunny_小雨')!.orders[0]).toMatchObject({
      status: 'shipped',
      trackingNo: 'YT7512345678901',
      carrier: '圆通速递',
    });
  });

  it.each([
    ['ExportOrderList202601150915.csv', {}],
    ['ExportOrderDetailList202510091200.csv', {}],
    ['Order.all.20251001_20251031.csv', {}],
    ['Order.all.tw.20251001_20251031.txt', {}],
    ['douyin-orders-20251010.csv', {}],
    ['jd-orders-20251010.csv', {}],
    ['orders_export_1.csv', {}],
    [
      'generic-orders.csv',
      { format: 'generic', mapping: { buyer: '客户', time: '下单日期', amount: '金额', item: '商品' } },
    ],
  ] as const)('imports %s twice with the same result', async (name, extra) => {
    const db = freshDb();
    const first = await importIntoDb(db, [fixture(name)], options('run-1', extra));
    const once = await snapshot(db);
    const second = await importIntoDb(db, [fixture(name)], options('run-2', extra));
    expect(first.run.orders).toBeGreaterThan(0);
    expect(first.run.newOrders).toBe(first.run.orders);
    expect(second.run.newOrders).toBe(0);
    expect(second.run.orders).toBe(first.run.orders);
    expect(await snapshot(db)).toEqual(once);
    const stored = [...once.buyers.flatMap((b) => b.orders), ...once.orphans];
    expect(stored).toHaveLength(first.run.orders);
  });

  it('counts every order once across two overlapping exports (Jan–Jun and Apr–Dec)', async () => {
    const orders = shop(2).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
    const cut = (from: number, to: number) =>
      orders.slice(Math.floor(orders.length * from), Math.floor(orders.length * to));
    const early = cut(0, 0.6);
    const late = cut(0.4, 1);
    const overlap = early.length + late.length - orders.length;
    expect(overlap).toBeGreaterThan(50);

    const clean = freshDb();
    await importIntoDb(clean, [orderReport('all.csv', orders)], options('run-all'));
    const expected = await snapshot(clean);

    const twoRuns = freshDb();
    await importIntoDb(twoRuns, [orderReport('h1.csv', early)], options('run-a'));
    const b = await importIntoDb(twoRuns, [orderReport('h2.csv', late)], options('run-b'));
    expect(b.run.orders).toBe(late.length);
    expect(b.run.newOrders).toBe(late.length - overlap);
    expect(await snapshot(twoRuns)).toEqual(expected);

    const oneRun = freshDb();
    const both = await importIntoDb(
      oneRun,
      [orderReport('h2.csv', late), orderReport('h1.csv', early)],
      options('run-ab'),
    );
    expect(both.run.orders).toBe(orders.length);
    expect(both.run.newOrders).toBe(orders.length);
    expect(both.run.rows).toBe(early.length + late.length);
    expect(await snapshot(oneRun)).toEqual(expected);
  });

  describe('a Taobao order report and the item report of the same orders', () => {
    const orders = shop(3, 30, 120);
    const multiLine = orders.filter((o) => o.lines.length > 1);
    const paidTotal = (db: HuitoukeDb) => allBuyers(db).then((bs) => bs.reduce((s, b) => s + b.metrics.netCents, 0));

    async function expectEnriched(db: HuitoukeDb, orderOnlyNet: number) {
      expect(await paidTotal(db)).toBe(orderOnlyNet);
      expect(await db.orphans.toArray().then((bs) => bs.flatMap((b) => b.orders))).toEqual([]);
      const stored = new Map((await allBuyers(db)).flatMap((b) => b.orders).map((o) => [o.orderId, o]));
      for (const o of multiLine) {
        const titles = stored.get(o.orderId)?.lines.map((l) => l.title) ?? [];
        for (const line of o.lines) expect(titles).toContain(line.title);
      }
    }

    async function orderReportOnly() {
      const db = freshDb();
      await importIntoDb(db, [orderReport('orders.csv', orders)], options('run-o'));
      return paidTotal(db);
    }

    it('in one import, whichever file comes first: items enrich the orders and amounts are not doubled', async () => {
      expect(multiLine.length).toBeGreaterThan(5);
      const net = await orderReportOnly();
      expect(net).toBeGreaterThan(0);
      for (const files of [
        [itemReport('items.csv', orders), orderReport('orders.csv', orders)],
        [orderReport('orders.csv', orders), itemReport('items.csv', orders)],
      ]) {
        const db = freshDb();
        const { run } = await importIntoDb(db, files, options('run-1'));
        expect(run.ordersWithoutBuyer).toBe(0);
        expect(run.orders).toBe(orders.length);
        await expectEnriched(db, net);
      }
    });

    it('in two imports, in either order', async () => {
      const net = await orderReportOnly();
      const itemsFirst = freshDb();
      const items = await importIntoDb(itemsFirst, [itemReport('items.csv', orders)], options('run-1'));
      expect(items.run.ordersWithoutBuyer).toBe(orders.length);
      expect(await allBuyers(itemsFirst)).toHaveLength(0);
      const later = await importIntoDb(itemsFirst, [orderReport('orders.csv', orders)], options('run-2'));
      expect(later.run.newOrders).toBe(0);
      await expectEnriched(itemsFirst, net);

      const ordersFirst = freshDb();
      await importIntoDb(ordersFirst, [orderReport('orders.csv', orders)], options('run-1'));
      const enrich = await importIntoDb(ordersFirst, [itemReport('items.csv', orders)], options('run-2'));
      expect(enrich.run.ordersWithoutBuyer).toBe(0);
      expect(enrich.run.newOrders).toBe(0);
      await expectEnriched(ordersFirst, net);
      expect(await snapshot(ordersFirst)).toEqual(await snapshot(itemsFirst));
    });
  });

  it('keeps a Pinduoduo export (no buyer id) as orders without a buyer and says so', async () => {
    const db = freshDb();
    const { run } = await importIntoDb(db, [fixture('pinduoduo-orders-20251010.csv')], options('run-1'));
    const orphans = (await db.orphans.toArray()).flatMap((b) => b.orders);
    expect(await allBuyers(db)).toHaveLength(0);
    expect(orphans.length).toBe(run.orders);
    expect(run.orders).toBeGreaterThan(0);
    expect(run.ordersWithoutBuyer).toBe(run.orders);
    expect(orphans.every((o) => o.platform === 'pinduoduo' && o.buyerKey === null)).toBe(true);
    const again = await importIntoDb(db, [fixture('pinduoduo-orders-20251010.csv')], options('run-2'));
    expect(again.run.newOrders).toBe(0);
    expect((await db.orphans.toArray()).flatMap((b) => b.orders)).toHaveLength(orphans.length);
  });

  it('reports bad rows with file, line and column, and still stores the good rows', async () => {
    const db = freshDb();
    const { run, issues } = await importIntoDb(db, [fixture('bad/ExportOrderList-bad-values.csv')], options('run-1'));
    const amount = issues.find((i) => i.code === 'import_badAmount');
    expect(amount).toMatchObject({
      file: 'ExportOrderList-bad-values.csv',
      severity: 'error',
      column: 9,
      columnName: '买家实际支付金额',
    });
    expect(amount?.line).toBeGreaterThan(1);
    expect(issues.some((i) => i.code === 'import_idMangled')).toBe(true);
    expect(run.errors).toBe(issues.filter((i) => i.severity === 'error').length);
    expect(
      run.issueSample.some(
        (line) => line.includes('ExportOrderList-bad-values.csv') && line.includes('买家实际支付金额'),
      ),
    ).toBe(true);
    expect(await getBuyer(db, 'taobao:buyer_1')).toBeDefined();
    expect(await getBuyer(db, 'taobao:buyer_4')).toBeUndefined();
    expect(await allBuyers(db)).toHaveLength(run.buyersTouched);
    expect(run.buyersTouched).toBeGreaterThan(3);
  });

  it('stores metrics computed from the stored orders and an index and segment model that agree with them', async () => {
    const db = freshDb();
    const { model } = await importIntoDb(db, [orderReport('a.csv', shop(4))], options('run-1'));
    const buyers = await allBuyers(db);
    for (const b of buyers) expect(b.metrics).toEqual(computeBuyerMetrics(b.orders, DEFAULT_COUNTING_RULES));
    const { index } = await snapshot(db);
    expect(index.map((e) => e.id)).toEqual(buyers.map((b) => b.id).sort());
    expect(model.buyers).toBe(buyers.filter((b) => b.metrics.paidOrders > 0).length);
    expect((await snapshot(db)).model).toEqual(model);
  });
});

describe('how current the imported orders are', () => {
  it('is the day of the newest order time in the imported data, not the day of the import', async () => {
    const db = freshDb();
    // The Pinduoduo export of 2025-10-10 (its newest time: an order shipped on 10-09), the last import on 10-14.
    const { run } = await importIntoDb(db, [fixture('pinduoduo-orders-20251010.csv')], options('run-pdd'));
    expect(run.newestOrderAt).toBe('2025-10-09 10:00:00');
    expect(await importedDataAsOf(db, '2025-10-14')).toBe('2025-10-09');
    // Never after the import day (a row dated later is a typo); the import day when no run kept a time.
    expect(await importedDataAsOf(db, '2025-10-08')).toBe('2025-10-08');
    await db.importRuns.update('run-pdd', { newestOrderAt: undefined });
    expect(await importedDataAsOf(db, '2025-10-14')).toBe('2025-10-14');
  });
});
