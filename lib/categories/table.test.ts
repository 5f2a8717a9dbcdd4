import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Order } from '../schemas/order';
import { Categorizer, lastItemAndCategory, productKey, readCategoryTable } from './table';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('reading a product → category table', () => {
  it('reads a headed table in either column order, GBK as Excel saves it, and a headless one', () => {
    const gbk = new Uint8Array(iconv.encode('类目,商品\r\n女装,连衣裙\r\n美妆,="MUG-350-W"\r\n', 'gb18030'));
    expect(readCategoryTable(gbk)).toEqual({
      rows: [
        { product: '连衣裙', category: '女装', line: 2 },
        { product: 'MUG-350-W', category: '美妆', line: 3 },
      ],
      issues: [],
    });
    const headless = readCategoryTable(utf8('\ufeff3601234567\t母婴\nT恤\t女装\n'));
    expect(headless.rows.map((r) => [r.product, r.category])).toEqual([
      ['3601234567', '母婴'],
      ['T恤', '女装'],
    ]);
    expect(readCategoryTable(utf8('product,category\nmug,Kitchen\n')).rows).toEqual([
      { product: 'mug', category: 'Kitchen', line: 2 },
    ]);
  });

  it('names the line and column of every row it skips, and keeps the last of a product listed twice', () => {
    const text = [
      '商品,类目', // 1
      '连衣裙,女装', // 2
      ',女装', // 3: no product
      '面霜', // 4: one column
      '"多行\n标题",美妆', // 5–6: a quoted break is one row
      '奶瓶,', // 7: no category
      '连衣裙,裙装', // 8: same product as line 2
      `长标题,${'类'.repeat(61)}`, // 9
    ].join('\n');
    const { rows, issues } = readCategoryTable(utf8(text));
    expect(rows).toEqual([
      { product: '连衣裙', category: '裙装', line: 8 },
      { product: '多行\n标题', category: '美妆', line: 5 },
    ]);
    expect(issues.map((i) => [i.line, i.column, i.severity, i.code])).toEqual([
      [3, 1, 'error', 'categories_missingProduct'],
      [4, 2, 'error', 'categories_tooFewColumns'],
      [7, 2, 'error', 'categories_missingCategory'],
      [8, 1, 'warning', 'categories_duplicate'],
      [9, 2, 'error', 'categories_tooLong'],
    ]);
    expect(issues.find((i) => i.code === 'categories_duplicate')!.params).toEqual({ first: 2 });
  });

  it('refuses a spreadsheet file and an empty one as a whole', () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(readCategoryTable(xlsx).issues.map((i) => i.code)).toEqual(['categories_notText']);
    expect(readCategoryTable(utf8('\n\n')).issues.map((i) => [i.code, i.line])).toEqual([['categories_empty', 0]]);
  });
});

describe('categorising a line', () => {
  const table = new Categorizer([
    { product: 'SLK-48', category: '床品' },
    { product: '3601234599', category: '配饰' },
    { product: '法式碎花连衣裙', category: '连衣裙专区' },
    { product: '连衣裙', category: '女装' },
    { product: '碎花连衣裙', category: '碎花' },
    { product: '裙', category: '单字不算' },
    { product: 'Mug', category: 'Kitchen' },
    { product: '2025', category: '数字不算' },
    { product: '已删', category: '删除了', deletedAt: 5 },
  ]);

  it('by SKU or product id first, then the whole title, then the longest table word in the title', () => {
    expect(table.categoryOf({ title: '真丝枕套', sku: 'ＳＬＫ-48' })).toBe('床品');
    expect(table.categoryOf({ title: '真丝眼罩', lineId: '3601234599' })).toBe('配饰');
    expect(table.categoryOf({ title: '法式碎花连衣裙' })).toBe('连衣裙专区');
    expect(table.categoryOf({ title: '2025新款 碎花连衣裙 收腰' })).toBe('碎花');
    expect(table.categoryOf({ title: '小香风连衣裙' })).toBe('女装');
    expect(table.categoryOf({ title: 'Ceramic MUG - White' })).toBe('Kitchen');
  });

  it("leaves out one-character words, bare numbers and removed rows; falls back to the export's own category", () => {
    expect(table.categoryOf({ title: '半身裙 2025' })).toBeNull();
    expect(table.categoryOf({ title: '已删的商品' })).toBeNull();
    expect(table.categoryOf({ title: '半身裙', category: '下装' })).toBe('下装');
    expect(table.categories()).toEqual(
      [...new Set(['床品', '配饰', '连衣裙专区', '女装', '碎花', '单字不算', 'Kitchen', '数字不算'])].sort((a, b) =>
        a.localeCompare(b, 'zh-CN'),
      ),
    );
    expect(new Categorizer([]).empty).toBe(true);
    expect(productKey('  Ｔ恤　 短袖 ')).toBe('t恤 短袖');
  });

  it('gives a buyer the latest item and the category of the newest line that has one', () => {
    const order = (orderId: string, paidAt: string, ...titles: string[]): Order => ({
      platform: 'taobao',
      orderId,
      buyerKey: 'k',
      buyerNick: null,
      status: 'completed',
      rawStatus: null,
      createdAt: paidAt,
      paidAt,
      paidCents: 100,
      refundCents: 0,
      lines: titles.map((title, i) => ({ lineId: String(i), title, quantity: 1 })),
      sources: [],
    });
    const orders = [order('1', '2025-01-01 10:00:00', '小香风连衣裙'), order('2', '2025-03-01 10:00:00', '无名商品')];
    expect(lastItemAndCategory(orders, table)).toEqual({ item: '无名商品', category: '女装' });
    expect(lastItemAndCategory([orders[1]!], table)).toEqual({ item: '无名商品', category: null });
    expect(lastItemAndCategory([], table)).toEqual({ item: null, category: null });
  });
});
