import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OrderFragmentSchema, type OrderFragment } from '../schemas/order';
import { ImportIssueSchema } from './issues';
import { type ImportOptions, readAllOrders } from './read-orders';
import { sourceFromBytes } from './source';

const load = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../tests/fixtures/exports/${name}`, import.meta.url)));

async function read(name: string, options: ImportOptions = {}) {
  const result = await readAllOrders(sourceFromBytes(name, load(name)), options);
  for (const f of result.fragments) OrderFragmentSchema.parse(f);
  for (const i of result.issues) ImportIssueSchema.parse(i);
  return result;
}

describe('Taobao order report', () => {
  it('reads the 54-column GB18030 export with its quirks', async () => {
    const { fragments, issues, format, encoding } = await read('ExportOrderList202510071230.csv');
    expect(encoding).toBe('gb18030');
    expect(format).toMatchObject({ id: 'taobao_order', variant: '54', platform: 'taobao' });
    expect(issues).toEqual([]);
    expect(fragments).toHaveLength(6);
    expect(fragments[0]).toEqual({
      platform: 'taobao',
      orderId: '2900012345678901',
      buyerKey: 'tb_xiaolin',
      buyerNick: null,
      status: 'completed',
      rawStatus: '交易成功',
      createdAt: '2025-10-01 10:00:00',
      paidAt: '2025-10-01 10:00:05',
      paidCents: 5900,
      refundCents: 0,
      lines: [{ lineId: '', title: '北欧风陶瓷马克杯', quantity: 1 }],
      trackingNo: 'SF1402345678901',
      carrier: '顺丰速运',
    });
    expect(fragments.map((f) => f.status)).toEqual([
      'completed',
      'awaiting_payment',
      'paid',
      'shipped',
      'closed',
      'completed',
    ]);
    expect(fragments[1]).toMatchObject({
      buyerKey: '落叶知秋88',
      paidAt: null,
      paidCents: 12850,
      lines: [{ quantity: 2 }],
    });
    expect(fragments[2]).toMatchObject({ rawStatus: '买家已付款，等待卖家发货', paidCents: 129900 });
    expect(fragments[4]!.rawStatus).toBe('交易关闭（买家不想买了）');
    expect(fragments[5]).toMatchObject({ refundCents: 2000, lines: [{ title: '收纳篮 三件套', quantity: 3 }] });
  });

  it('keeps phones and addresses off fragments unless storing contact details is allowed', async () => {
    const without = await read('ExportOrderList202510071230.csv');
    expect(without.fragments.some((f) => 'phone' in f || 'address' in f)).toBe(false);
    const withContact = await read('ExportOrderList202510071230.csv', { storeContact: true });
    expect(withContact.fragments[0]).toMatchObject({
      phone: '13800138000',
      address: '浙江省 杭州市 西湖区 文三路 100号(310000)',
    });
    expect(withContact.fragments[2]!.phone).toBe('13912345678');
  });

  it('reads the newer 61-column export', async () => {
    const { fragments, format } = await read('ExportOrderList202601150915.csv');
    expect(format).toMatchObject({ id: 'taobao_order', variant: '61', confidence: 1 });
    expect(fragments.map((f) => [f.orderId, f.buyerKey, f.status, f.paidCents])).toEqual([
      ['3100098765432101', 'hz_阿杰', 'completed', 23900],
      ['3100098765432102', 'tb_xiaolin', 'shipped', 4500],
    ]);
  });

  it('reads the item report as one line per sub-order, with no buyer', async () => {
    const { fragments, format } = await read('ExportOrderDetailList202510091200.csv');
    expect(format.id).toBe('taobao_item');
    expect(fragments.map((f) => [f.orderId, f.lines[0]!.lineId])).toEqual([
      ['2900012345678907', '2900012345678901001'],
      ['2900012345678907', '2900012345678901002'],
      ['2900012345678908', '2900012345678908001'],
    ]);
    expect(fragments.every((f) => f.buyerKey === null && f.paidCents === null)).toBe(true);
    expect(fragments[0]!.lines[0]).toEqual({
      lineId: '2900012345678901001',
      title: '北欧风陶瓷马克杯',
      quantity: 2,
      sku: 'MUG-350-W',
      paidCents: 5900,
      refundCents: 0,
    });
    expect(fragments[1]!.lines[0]).toMatchObject({ sku: '颜色分类:胡桃色', paidCents: 1500, refundCents: 1500 });
  });
});

describe('other Chinese platforms', () => {
  it('reads Pinduoduo (UTF-8 with BOM) with no buyer identity', async () => {
    const { fragments, encoding } = await read('pinduoduo-orders-20251010.csv');
    expect(encoding).toBe('utf-8');
    expect(fragments.map((f) => [f.orderId, f.buyerKey, f.status, f.paidCents, f.refundCents])).toEqual([
      ['251007-607198974342268', null, 'completed', 4290, 0],
      ['251008-112233445566778', null, 'closed', 9980, null],
      ['251009-998877665544332', null, 'paid', 105900, 0],
    ]);
    expect(fragments[0]).toMatchObject({
      createdAt: '2025-10-07 09:12:33',
      lines: [{ title: '加厚珊瑚绒毯子', quantity: 1, sku: 'BLK-150' }],
    });
    expect(fragments[1]!.rawStatus).toBe('已发货，退款成功');
  });

  it('reads Douyin sub-orders with comma amounts and after-sale refunds', async () => {
    const { fragments } = await read('douyin-orders-20251010.csv');
    expect(
      fragments.map((f) => [f.orderId, f.lines[0]!.lineId, f.lines[0]!.paidCents, f.lines[0]!.refundCents]),
    ).toEqual([
      ['6929012345678901234', '6929012345678901235', 259800, 0],
      ['6929012345678901234', '6929012345678901236', 5900, 5900],
      ['6929098765432109876', '6929098765432109877', 139900, 0],
    ]);
    expect(fragments.every((f) => f.buyerKey === null)).toBe(true);
    expect(fragments[1]!.rawStatus).toBe('已完成（退款成功，退款金额59.00元）');
    expect(fragments[2]).toMatchObject({ status: 'awaiting_payment', paidAt: null });
  });

  it('uses a Douyin buyer nickname as the buyer when the export has one', async () => {
    const text =
      '主订单编号,子订单编号,选购商品,商品数量,订单应付金额,订单提交时间,订单状态,售后状态,买家昵称\n' +
      '69290001,69290002,真丝枕套,1,"1,299.00",2025-10-07 20:15:00,已完成,-,小鹿爱买买\n';
    const { fragments } = await readAllOrders(sourceFromBytes('dy.csv', new TextEncoder().encode(text)));
    expect(fragments[0]).toMatchObject({ buyerKey: '小鹿爱买买', buyerNick: null, lines: [{ paidCents: 129900 }] });
  });

  it('reads JD POP (GB18030) with 下单帐号 as the buyer and Excel-style dates', async () => {
    const { fragments, encoding } = await read('jd-orders-20251010.csv');
    expect(encoding).toBe('gb18030');
    expect(
      fragments.map((f) => [f.orderId, f.buyerKey, f.status, f.createdAt, f.paidCents, f.lines[0]!.lineId]),
    ).toEqual([
      ['301234567890', 'jd_7a8b9c2d', 'completed', '2025-10-07 09:05:00', 13800, '100012345678'],
      ['301234567890', 'jd_7a8b9c2d', 'completed', '2025-10-07 09:05:00', 13800, '100012345679'],
      ['301234567999', 'jd_lisa_88', 'awaiting_payment', '2025-10-08 23:59:00', 17800, '100012345678'],
    ]);
  });
});

describe('Shopify', () => {
  it('groups line-item rows into orders and converts times to the shop zone', async () => {
    const { fragments, issues } = await read('orders_export_1.csv');
    expect(issues).toEqual([]);
    expect(fragments).toHaveLength(3);
    expect(fragments[0]).toEqual({
      platform: 'shopify',
      orderId: '#1001',
      buyerKey: 'anna.schmidt@example.com',
      buyerNick: 'Anna Schmidt',
      status: 'completed',
      rawStatus: 'paid/fulfilled',
      createdAt: '2025-10-07 15:50:26',
      paidAt: '2025-10-07 15:50:30',
      shippedAt: '2025-10-08 16:00:00',
      paidCents: 6890,
      refundCents: 0,
      currency: 'EUR',
      lines: [
        { lineId: '1:MUG-W', title: 'Ceramic Mug - White', quantity: 2, sku: 'MUG-W' },
        { lineId: '2:Coaster, walnut', title: 'Coaster, walnut', quantity: 1 },
      ],
    });
    expect(fragments[1]).toMatchObject({
      orderId: '#1002',
      status: 'paid',
      createdAt: '2025-10-08 14:29:41',
      paidCents: 112000,
      refundCents: 1500,
      currency: 'USD',
    });
    expect(fragments[1]!.lines[0]!.title).toBe('Wool Rug "Nordic"');
    expect(fragments[2]).toMatchObject({ orderId: '#1003', status: 'closed', buyerKey: 'anna.schmidt@example.com' });
  });

  it('keeps line ids distinct when the rows of an order are not together', async () => {
    const [header, a1, a2, b] = new TextDecoder().decode(load('orders_export_1.csv')).trimEnd().split('\n');
    const shuffled = new TextEncoder().encode([header, a1, b, a2].join('\n'));
    const { fragments } = await readAllOrders(sourceFromBytes('s.csv', shuffled));
    expect(fragments.map((f) => [f.orderId, f.lines.map((l) => l.lineId)])).toEqual([
      ['#1001', ['1:MUG-W']],
      ['#1002', ['1:RUG-N']],
      ['#1001', ['2:Coaster, walnut']],
    ]);
  });

  it('uses the configured time zone', async () => {
    const { fragments } = await read('orders_export_1.csv', { timeZone: 'Europe/Berlin' });
    expect(fragments[0]!.createdAt).toBe('2025-10-07 09:50:26');
  });
});

describe('Shopee', () => {
  it('reads the English export with RM prefixes, one fragment per product row', async () => {
    const { fragments } = await read('Order.all.20251001_20251031.csv');
    expect(
      fragments.map((f) => [f.orderId, f.buyerKey, f.status, f.paidCents, f.lines[0]!.lineId, f.lines[0]!.paidCents]),
    ).toEqual([
      ['251007ABCDEF12', 'aisyah.shop', 'completed', 4970, 'MUG-W|White', 4580],
      ['251007ABCDEF12', 'aisyah.shop', 'completed', 4970, 'MUG-B|Black', 2290],
      ['251008GHIJKL34', 'kenny_lim', 'paid', 1690, 'Tea Towel', 1200],
    ]);
    expect(fragments[0]).toMatchObject({ createdAt: '2025-10-07 14:32:00', paidAt: '2025-10-07 14:35:00' });
  });

  it('reads the Taiwan export (UTF-16LE, tab-separated, NT$ amounts)', async () => {
    const { fragments, encoding, format } = await read('Order.all.tw.20251001_20251031.txt');
    expect(encoding).toBe('utf-16le');
    expect(format).toMatchObject({ id: 'shopee', variant: 'zh-TW' });
    expect(fragments.map((f) => [f.orderId, f.buyerKey, f.status, f.rawStatus, f.paidCents])).toEqual([
      ['251007TW0001AB', 'mei_ling.tw', 'completed', '已完成', 134000],
      ['251009TW0002CD', 'a_chen', 'closed', '不成立', 41000],
    ]);
    expect(fragments[0]!.lines[0]).toEqual({
      lineId: 'SOAP-LV|薰衣草',
      title: '手工皂禮盒',
      quantity: 2,
      sku: 'SOAP-LV',
      paidCents: 128000,
    });
  });
});

describe('the currency of an order', () => {
  const shopee = (rows: string[]) =>
    new TextEncoder().encode(
      [
        'Order ID,Order Status,Return / Refund Status,Shipping Option,Order Creation Date,Order Paid Time,Product Name,Quantity,Grand Total,Username (Buyer),Receiver Name,Country',
        ...rows,
      ].join('\n'),
    );
  const readBytes = async (name: string, bytes: Uint8Array, options: ImportOptions = {}) => {
    const result = await readAllOrders(sourceFromBytes(name, bytes), options);
    for (const f of result.fragments) OrderFragmentSchema.parse(f);
    return result;
  };

  it('is MYR for a Shopee Malaysia export (RM amounts), TWD for Shopee Taiwan (NT$, its headers)', async () => {
    expect((await read('Order.all.20251001_20251031.csv')).fragments.map((f) => f.currency)).toEqual([
      'MYR',
      'MYR',
      'MYR',
    ]);
    expect((await read('Order.all.tw.20251001_20251031.txt')).fragments.map((f) => f.currency)).toEqual(['TWD', 'TWD']);
  });

  it('follows the Shopee site of the Country column when the amounts carry no mark', async () => {
    const { fragments, issues } = await readBytes(
      'Order.all.csv',
      shopee([
        'A1,Completed,,,2025-10-07 14:32,2025-10-07 14:35,Mug,1,120000,an,R,VN',
        'A2,Completed,,,2025-10-07 14:32,2025-10-07 14:35,Mug,1,12.90,sg,R,Singapore',
        'A3,Completed,,,2025-10-07 14:32,2025-10-07 14:35,Mug,1,350,th,R,TH',
      ]),
    );
    expect(issues).toEqual([]);
    expect(fragments.map((f) => [f.orderId, f.currency, f.paidCents])).toEqual([
      ['A1', 'VND', 12_000_000],
      ['A2', 'SGD', 1290],
      ['A3', 'THB', 35_000],
    ]);
  });

  it('reads đồng grouped with dots as whole đồng, and takes the shop setting when nothing in the export says', async () => {
    const { fragments } = await readBytes(
      'Order.all.csv',
      shopee(['A1,Completed,,,2025-10-07 14:32,2025-10-07 14:35,Mug,1,₫120.000,an,R,']),
    );
    expect(fragments[0]).toMatchObject({ currency: 'VND', paidCents: 12_000_000 });
    const plain = shopee(['A2,Completed,,,2025-10-07 14:32,2025-10-07 14:35,Mug,1,12.90,an,R,']);
    expect((await readBytes('Order.all.csv', plain, { currency: 'PHP' })).fragments[0]!.currency).toBe('PHP');
    // Nothing said and no setting: CNY, which an order leaves out.
    expect((await readBytes('Order.all.csv', plain)).fragments[0]!.currency).toBeUndefined();
  });

  it('is CNY (left out) on the mainland platforms, whatever the shop setting', async () => {
    const { fragments } = await read('ExportOrderList202510071230.csv', { currency: 'MYR' });
    expect(fragments.length).toBeGreaterThan(0);
    expect(fragments.every((f) => f.currency === undefined)).toBe(true);
  });

  it('refuses a row whose currency column names no currency, saying where', async () => {
    const csv =
      'buyer,time,amount,currency\nann,2025-10-01 10:00:00,12.90,MYR\nbob,2025-10-01 10:00:00,5.00,monopoly money\n';
    const mapping = { buyer: 'buyer', time: 'time', amount: 'amount', currency: 'currency' };
    const { fragments, issues } = await readBytes('table.csv', new TextEncoder().encode(csv), {
      format: 'generic',
      mapping,
    });
    expect(fragments.map((f) => [f.buyerKey, f.currency])).toEqual([['ann', 'MYR']]);
    expect(issues).toMatchObject([
      { line: 3, column: 4, columnName: 'currency', severity: 'error', code: 'import_unknownCurrency' },
    ]);
  });
});

describe('generic table', () => {
  const mapping = { buyer: '客户', time: '下单日期', amount: '金额', item: '商品' };

  it('reads a mapped table: one order per row, completed, on the chosen platform', async () => {
    const { fragments, format } = await read('generic-orders.csv', { mapping, platform: 'taobao' });
    expect(format).toMatchObject({ id: 'generic', platform: 'taobao', mapping });
    expect(fragments.map((f) => [f.buyerKey, f.createdAt, f.paidCents, f.status, f.lines[0]!.title])).toEqual([
      ['王芳', '2025-09-01 00:00:00', 12800, 'completed', '手冲咖啡壶'],
      ['王芳', '2025-09-20 00:00:00', 6400, 'completed', '滤纸 100 张'],
      ['陈先生', '2025-09-21 14:05:00', 105000, 'completed', '磨豆机'],
    ]);
    expect(new Set(fragments.map((f) => f.orderId)).size).toBe(3);
    expect(fragments.every((f) => f.platform === 'taobao' && /^row-[0-9a-z]{14}$/.test(f.orderId))).toBe(true);
  });

  it('derives the same order ids from the same rows in another file, so re-imports dedupe', async () => {
    const first = await read('generic-orders.csv', { mapping });
    const text = new TextDecoder().decode(load('generic-orders.csv'));
    const [header, ...rows] = text.trimEnd().split('\n');
    const reordered = new TextEncoder().encode(`\ufeff${[header, ...rows.reverse()].join('\r\n')}\r\n`);
    const second = await readAllOrders(sourceFromBytes('客户订单-副本.csv', reordered), { mapping });
    expect(second.fragments.map((f) => f.orderId).sort()).toEqual(first.fragments.map((f) => f.orderId).sort());
  });

  it('uses the order column and status column when mapped', async () => {
    const text =
      '单号,买家,时间,实付,状态\nA1,小王,2025-01-02 03:04:05,10.00,交易成功\nA2,小李,2025-01-03,5,等待买家付款\n';
    const { fragments } = await readAllOrders(sourceFromBytes('g.csv', new TextEncoder().encode(text)), {
      format: 'generic',
      mapping: { order: '单号', buyer: '买家', time: '时间', amount: '实付', status: '状态' },
    });
    expect(fragments.map((f) => [f.orderId, f.status, f.rawStatus, f.platform])).toEqual([
      ['A1', 'completed', '交易成功', 'other'],
      ['A2', 'awaiting_payment', '等待买家付款', 'other'],
    ]);
  });
});

describe('the parcel (tracking number and carrier)', () => {
  const parcels = (fragments: readonly OrderFragment[]) =>
    fragments.map((f) => [f.orderId, f.status, f.trackingNo ?? null, f.carrier ?? null]);

  it('is read from Taobao 物流单号 / 物流公司 without the No: Taobao writes before it, for shipped and completed orders only', async () => {
    expect(parcels((await read('ExportOrderList202510071230.csv')).fragments)).toEqual([
      ['2900012345678901', 'completed', 'SF1402345678901', '顺丰速运'],
      ['2900012345678902', 'awaiting_payment', null, null],
      ['2900012345678903', 'paid', null, null],
      ['2900012345678904', 'shipped', 'YT7512345678901', '圆通速递'],
      ['2900012345678905', 'closed', null, null],
      ['2900012345678906', 'completed', '75123456789012', '中通快递'],
    ]);
    expect(parcels((await read('ExportOrderList202601150915.csv')).fragments)).toEqual([
      ['3100098765432101', 'completed', 'JT5012345678901', '极兔速递'],
      ['3100098765432102', 'shipped', 'YD4312345678901', '韵达快递'],
    ]);
    expect(parcels((await read('ExportOrderDetailList202510091200.csv')).fragments)).toEqual([
      ['2900012345678907', 'completed', 'SF1402345678999', '顺丰速运'],
      ['2900012345678907', 'completed', 'SF1402345678999', '顺丰速运'],
      ['2900012345678908', 'paid', null, null],
    ]);
  });

  it('is read from Pinduoduo 快递单号 / 快递公司, Douyin 快递单号 / 物流公司 and JD 运单号 / 快递公司', async () => {
    expect(parcels((await read('pinduoduo-orders-20251010.csv')).fragments)).toEqual([
      ['251007-607198974342268', 'completed', 'YT1234567890', '圆通快递'],
      ['251008-112233445566778', 'closed', 'YT1234567891', '圆通快递'],
      ['251009-998877665544332', 'paid', null, null],
    ]);
    expect(parcels((await read('douyin-orders-20251010.csv')).fragments)).toEqual([
      ['6929012345678901234', 'completed', '78912345678901', '中通快递'],
      ['6929012345678901234', 'completed', '78912345678901', '中通快递'],
      ['6929098765432109876', 'awaiting_payment', null, null],
    ]);
    expect(parcels((await read('jd-orders-20251010.csv')).fragments)).toEqual([
      ['301234567890', 'completed', 'JDVA12345678901', '京东快递'],
      ['301234567890', 'completed', 'JDVA12345678901', '京东快递'],
      ['301234567999', 'awaiting_payment', null, null],
    ]);
  });

  it('is read from Shopee Tracking Number* / Shipping Option and the Taiwan 包裹查詢號碼 / 寄送方式', async () => {
    expect(parcels((await read('Order.all.20251001_20251031.csv')).fragments)).toEqual([
      ['251007ABCDEF12', 'completed', 'MY2510071234', 'Standard Delivery'],
      ['251007ABCDEF12', 'completed', 'MY2510071234', 'Standard Delivery'],
      ['251008GHIJKL34', 'paid', null, 'Standard Delivery'],
    ]);
    expect(parcels((await read('Order.all.tw.20251001_20251031.txt')).fragments)).toEqual([
      ['251007TW0001AB', 'completed', 'TW2510071234567', '7-ELEVEN'],
      ['251009TW0002CD', 'closed', null, '全家'],
    ]);
  });

  it("is read from a Shopify export that has Tracking Number / Tracking Company (an app export; Shopify's own has neither)", async () => {
    expect(
      (await read('orders_export_1.csv')).fragments.some((f) => f.trackingNo !== undefined || f.carrier !== undefined),
    ).toBe(false);
    const [header, a1, a2, ...rest] = new TextDecoder().decode(load('orders_export_1.csv')).trimEnd().split('\n');
    const text = [
      `${header},Tracking Number,Tracking Company`,
      `${a1},="1Z999AA10123456784",UPS`,
      `${a2},,`,
      ...rest.map((r) => `${r},,`),
    ].join('\n');
    const { fragments } = await readAllOrders(sourceFromBytes('orders_export_2.csv', new TextEncoder().encode(text)));
    expect(parcels(fragments)).toEqual([
      ['#1001', 'completed', '1Z999AA10123456784', 'UPS'],
      ['#1002', 'paid', null, null],
      ['#1003', 'closed', null, null],
    ]);
  });

  it('is read from a generic table when mapped, and a number Excel turned into 7.5E+14 is a warning, not a lost order', async () => {
    const text =
      '买家,时间,实付,单号,快递\n小王,2025-01-02,10.00,YT100,圆通\n小李,2025-01-03,5,7.51235E+14,中通\n小张,2025-01-04,6,无,-\n';
    const { fragments, issues } = await readAllOrders(sourceFromBytes('g.csv', new TextEncoder().encode(text)), {
      format: 'generic',
      mapping: { buyer: '买家', time: '时间', amount: '实付', trackingNo: '单号', carrier: '快递' },
    });
    expect(fragments.map((f) => [f.buyerKey, f.trackingNo ?? null, f.carrier ?? null])).toEqual([
      ['小王', 'YT100', '圆通'],
      ['小李', null, '中通'],
      ['小张', null, null],
    ]);
    expect(issues).toEqual([
      expect.objectContaining({
        line: 3,
        column: 4,
        columnName: '单号',
        severity: 'warning',
        code: 'import_idMangled',
      }),
    ]);
  });
});
