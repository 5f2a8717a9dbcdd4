import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, sniffDelimiter } from './csv';
import { createDecoder, detectEncoding } from './encoding';
import { chooseFormat, detectFormat } from './formats/detect';
import { TAOBAO_ORDER_HEADERS_54 } from './formats/taobao-headers';
import { ImportError } from './issues';

function headerOf(name: string): string[] {
  const bytes = new Uint8Array(readFileSync(new URL(`../../tests/fixtures/exports/${name}`, import.meta.url)));
  const text = createDecoder(detectEncoding(bytes).encoding).decode(bytes);
  return new CsvTokenizer({ delimiter: sniffDelimiter(text) }).push(text)[0]!.fields;
}

/** Each real export with the format and variant it must be detected as; every other format must lose. */
const EXAMPLES = [
  ['ExportOrderList202510071230.csv', 'taobao_order', '54'],
  ['ExportOrderList202601150915.csv', 'taobao_order', '61'],
  ['ExportOrderDetailList202510091200.csv', 'taobao_item', 'item'],
  ['pinduoduo-orders-20251010.csv', 'pinduoduo', 'default'],
  ['douyin-orders-20251010.csv', 'douyin', 'default'],
  ['jd-orders-20251010.csv', 'jd', 'default'],
  ['orders_export_1.csv', 'shopify', 'default'],
  ['Order.all.20251001_20251031.csv', 'shopee', 'en'],
  ['Order.all.tw.20251001_20251031.txt', 'shopee', 'zh-TW'],
] as const;

describe('detectFormat', () => {
  for (const [file, id, variant] of EXAMPLES) {
    it(`detects ${file} as ${id} (${variant}) and nothing else`, () => {
      const detected = detectFormat(headerOf(file));
      expect(detected).toMatchObject({ id, variant });
      expect(detected!.confidence).toBeGreaterThanOrEqual(0.7);
      for (const [other, otherId, otherVariant] of EXAMPLES) {
        if (other === file) continue;
        const result = detectFormat(headerOf(other));
        expect(result?.id === id && result.variant === variant, `${other} detected as ${id}`).toBe(false);
        expect(result).toMatchObject({ id: otherId, variant: otherVariant });
      }
    });
  }

  it('matches Taobao headers whatever their trailing spaces', () => {
    const trimmed = detectFormat(TAOBAO_ORDER_HEADERS_54.map((h) => h.trim()));
    const padded = detectFormat(TAOBAO_ORDER_HEADERS_54.map((h) => ` ${h.trim()}  `));
    expect(trimmed).toMatchObject({ id: 'taobao_order', variant: '54', confidence: 1 });
    expect(padded).toMatchObject({ id: 'taobao_order', variant: '54', confidence: 1 });
    expect(trimmed!.mapping.paidTime).toBe('订单付款时间');
  });

  it('matches English headers without regard to case, and reports the mapping it used', () => {
    const detected = detectFormat(headerOf('orders_export_1.csv').map((h) => h.toUpperCase()));
    expect(detected).toMatchObject({ id: 'shopify', platform: 'shopify' });
    expect(detected!.mapping).toMatchObject({ order: 'NAME', buyer: 'EMAIL', time: 'CREATED AT', amount: 'TOTAL' });
  });

  it('matches Shopee Taiwan headers with or without the (單)/(品) suffixes and full-width brackets', () => {
    const current = headerOf('Order.all.tw.20251001_20251031.txt');
    const older = current.map((h) => h.replace(/ \((單|品)\)$/, ''));
    const fullWidth = current.map((h) => h.replace(' (', '（').replace(')', '）'));
    expect(older).toContain('訂單編號');
    expect(detectFormat(older)).toMatchObject({ id: 'shopee', variant: 'zh-TW', confidence: 1 });
    expect(detectFormat(fullWidth)).toMatchObject({ id: 'shopee', variant: 'zh-TW', confidence: 1 });
    expect(detectFormat(fullWidth)!.mapping.buyer).toBe('買家帳號（單）');
  });

  it('uses a Douyin buyer nickname column only when the export has one', () => {
    const base = headerOf('douyin-orders-20251010.csv');
    expect(detectFormat(base)!.mapping.buyer).toBeUndefined();
    expect(detectFormat([...base, '用户昵称'])!.mapping.buyer).toBe('用户昵称');
  });

  it('gives up on headers that only share a column or two with an export', () => {
    expect(detectFormat(['订单号', '下单帐号', '订单状态', '下单时间', '备注'])).toBeNull();
    expect(detectFormat(['日期', '客户名称', '备注'])).toBeNull();
    expect(detectFormat([])).toBeNull();
  });
});

describe('chooseFormat', () => {
  const generic = ['客户', '下单日期', '金额', '商品'];

  it('reads a table the user mapped as generic, with the platform they chose', () => {
    const { format, columns } = chooseFormat(
      generic,
      { mapping: { buyer: '客户', time: '下单日期', amount: '金额' }, platform: 'taobao' },
      'g.csv',
      1,
    );
    expect(format).toMatchObject({ id: 'generic', platform: 'taobao', variant: null });
    expect([columns.buyer, columns.time, columns.amount, columns.order]).toEqual([0, 1, 2, -1]);
  });

  it('says which fields a generic table still needs', () => {
    const attempt = () => chooseFormat(generic, { format: 'generic', mapping: { buyer: '客户' } }, 'g.csv', 1);
    expect(attempt).toThrow(ImportError);
    expect(attempt).toThrow(/Order time, Amount paid/);
  });

  it('says which mapped column is not in the header', () => {
    const attempt = () =>
      chooseFormat(generic, { mapping: { buyer: '客户', time: '日期', amount: '金额' } }, 'g.csv', 1);
    expect(attempt).toThrow(/"日期" chosen for "Order time"/);
  });

  it('lets an edited mapping replace the detected one', () => {
    const headers = headerOf('jd-orders-20251010.csv');
    const detected = detectFormat(headers)!;
    const { columns, format } = chooseFormat(
      headers,
      { mapping: { ...detected.mapping, amount: '订单金额' } },
      'jd.csv',
      1,
    );
    expect(format.mapping.amount).toBe('订单金额');
    expect(columns.amount).toBe(headers.indexOf('订单金额'));
  });

  it('names the missing columns when a chosen format does not fit', () => {
    expect(() => chooseFormat(generic, { format: 'jd' }, 'x.csv', 1)).toThrow(/订单号, 下单帐号, 订单状态, 下单时间/);
  });

  it('lists every supported export and its required columns for an unknown header', () => {
    let error: unknown;
    try {
      chooseFormat(['日期', '客户名称'], {}, 'unknown.csv', 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    const message = (error as ImportError).message;
    expect(message).toContain('unrecognised header (日期, 客户名称)');
    expect(message).toContain('Taobao/Tmall order report (订单编号, 买家会员名');
    expect(message).toContain('Shopee orders (Order ID, Username (Buyer)');
  });
});
