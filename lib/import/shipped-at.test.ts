import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OrderFragmentSchema } from '../schemas/order';
import { TAOBAO_ITEM_HEADERS } from './formats/taobao-headers';
import { type ImportOptions, readAllOrders } from './read-orders';
import { sourceFromBytes } from './source';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../tests/fixtures/exports/${name}`, import.meta.url)));

async function read(name: string, bytes: Uint8Array, options: ImportOptions = {}) {
  const result = await readAllOrders(sourceFromBytes(name, bytes), options);
  for (const f of result.fragments) OrderFragmentSchema.parse(f);
  return result;
}

/** A Taobao item report written the way the seller backend does, from header → cell maps. */
function taobaoItemReport(rows: Record<string, string>[]): Uint8Array {
  const lines = [
    TAOBAO_ITEM_HEADERS.join(','),
    ...rows.map((row) => TAOBAO_ITEM_HEADERS.map((h) => row[h] ?? '').join(',')),
  ];
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

const itemRow = (line: string, status: string, shipped: string): Record<string, string> => ({
  子订单编号: line,
  主订单编号: '2900099',
  商品标题: '羊毛开衫',
  购买数量: '1',
  订单状态: status,
  买家实付金额: '199.00',
  退款金额: '无退款申请',
  订单创建时间: '2026-11-18 09:00:00',
  订单付款时间: '2026-11-18 09:01:00',
  发货时间: shipped,
});

describe('shipping time from exports', () => {
  it('reads 发货时间 from the Taobao item report, empty while the parcel has not left', async () => {
    const bytes = taobaoItemReport([
      itemRow('2900099001', '卖家已发货，等待买家确认', '2026-11-20 14:30:00'),
      itemRow('2900099002', '买家已付款，等待卖家发货', ''),
    ]);
    const { fragments, format } = await read('ExportOrderDetailList.csv', bytes);
    expect(format.id).toBe('taobao_item');
    expect(fragments.map((f) => [f.lines[0]!.lineId, f.status, f.shippedAt])).toEqual([
      ['2900099001', 'shipped', '2026-11-20 14:30:00'],
      ['2900099002', 'paid', null],
    ]);
  });

  it('keeps an order whose 发货时间 is unreadable, with a warning instead of the time', async () => {
    const { fragments, issues } = await read(
      'ExportOrderDetailList.csv',
      taobaoItemReport([itemRow('2900099001', '卖家已发货，等待买家确认', '下周一')]),
    );
    expect(fragments.map((f) => [f.orderId, f.shippedAt])).toEqual([['2900099', null]]);
    expect(issues.map((i) => [i.severity, i.code, i.columnName])).toEqual([['warning', 'import_badDate', '发货时间']]);
  });

  it('reads 发货时间 from the Pinduoduo export', async () => {
    const { fragments } = await read('pinduoduo-orders-20251010.csv', fixture('pinduoduo-orders-20251010.csv'));
    expect(fragments.slice(0, 3).map((f) => f.shippedAt)).toEqual(['2025-10-07 18:00:00', '2025-10-09 10:00:00', null]);
  });

  it("reads Shopify's Fulfilled at in the shop's time zone, on the order's first row", async () => {
    const { fragments } = await read('orders_export_1.csv', fixture('orders_export_1.csv'));
    expect(fragments.map((f) => [f.orderId, f.shippedAt])).toEqual([
      ['#1001', '2025-10-08 16:00:00'],
      ['#1002', null],
      ['#1003', null],
    ]);
  });

  it('leaves shippedAt off the Taobao order report, which has no shipping time', async () => {
    const { fragments } = await read('ExportOrderList202510071230.csv', fixture('ExportOrderList202510071230.csv'));
    expect(fragments.length).toBeGreaterThan(0);
    expect(fragments.some((f) => 'shippedAt' in f)).toBe(false);
  });

  it('reads a generic table whose shipping-time column was mapped', async () => {
    const text = '买家,时间,实付,发货\n小王,2025-01-02 03:04:05,10.00,2025-01-03 08:00\n小李,2025-01-03,5,\n';
    const { fragments } = await read('g.csv', new TextEncoder().encode(text), {
      format: 'generic',
      mapping: { buyer: '买家', time: '时间', amount: '实付', shipTime: '发货' },
    });
    expect(fragments.map((f) => [f.buyerKey, f.shippedAt])).toEqual([
      ['小王', '2025-01-03 08:00:00'],
      ['小李', null],
    ]);
  });
});
