import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeFiles, parseArgs, type AnalyzeRow } from './analyze';

const RFM_CSV = fileURLToPath(new URL('../../tests/fixtures/rfm/rfm_data_orders.csv', import.meta.url));

describe('analyze arguments', () => {
  it('reads files, as-of date, format and column mapping', () => {
    const options = parseArgs(
      [
        'a.csv',
        '--format',
        'generic',
        '--map',
        'buyer=customer_id,time=order date,amount=revenue',
        '--as-of=2006-12-31',
        'b.csv',
      ],
      '2024-01-01',
    );
    expect(options).toEqual({
      files: ['a.csv', 'b.csv'],
      asOf: '2006-12-31',
      format: 'generic',
      locale: 'zh-CN',
      mapping: { buyer: 'customer_id', time: 'order date', amount: 'revenue' },
    });
    expect(parseArgs(['a.csv'], '2024-01-01')).toMatchObject({ asOf: '2024-01-01', format: 'auto' });
  });

  it('refuses bad usage with a reason', () => {
    expect(parseArgs([], '2024-01-01')).toHaveProperty('error');
    expect(parseArgs(['a.csv', '--as-of', '2006-13-01'])).toHaveProperty('error');
    expect(parseArgs(['a.csv', '--format', 'ebay'])).toHaveProperty('error');
    expect(parseArgs(['a.csv', '--map', 'shopper=x'])).toHaveProperty('error');
    expect(parseArgs(['a.csv', '--map', 'buyer'])).toHaveProperty('error');
    expect(parseArgs(['a.csv', '--verbose'])).toHaveProperty('error');
  });
});

describe('analyze an Excel download', () => {
  const exportFile = (name: string) => fileURLToPath(new URL(`../../tests/fixtures/exports/${name}`, import.meta.url));

  it('names the buyers of the Shopee workbook', async () => {
    const result = await analyzeFiles({
      asOf: '2025-11-01',
      format: 'auto',
      locale: 'zh-CN',
      files: [exportFile('Order.all.20251001_20251031.xlsx')],
    });
    expect(result.rows.map((r) => [r.buyer, r.paidOrders, r.netTotal])).toEqual([
      ['aisyah.shop', 1, 49.7],
      ['kenny_lim', 1, 16.9],
    ]);
  });

  it.each([
    ['Order.all.20251001_20251031.xlsx', 'Order.all.20251001_20251031.csv'],
    ['douyin-orders-20251010.xlsx', 'douyin-orders-20251010.csv'],
  ])('gives the same buyers from %s as from %s', async (xlsx, csv) => {
    const options = { asOf: '2025-11-01', format: 'auto' as const, locale: 'zh-CN' as const };
    const fromXlsx = await analyzeFiles({ ...options, files: [exportFile(xlsx)] });
    const fromCsv = await analyzeFiles({ ...options, files: [exportFile(csv)] });
    expect(fromXlsx.summary.orders).toBeGreaterThan(0);
    expect(fromXlsx.rows).toEqual(fromCsv.rows);
    expect(fromXlsx.summary).toEqual(fromCsv.summary);
  });
});

describe('analyze rfm_data_orders.csv like the R package rfm 0.3.0', async () => {
  const result = await analyzeFiles({
    files: [RFM_CSV],
    asOf: '2006-12-31',
    format: 'generic',
    locale: 'en',
    mapping: { buyer: 'customer_id', time: 'order_date', amount: 'revenue' },
  });
  const byName = new Map(result.rows.map((row) => [row.buyer, row]));

  it('reads every order and every customer without issues', () => {
    expect(result.issues).toEqual([]);
    expect(result.summary).toMatchObject({ orders: 4906, buyers: 995, payingBuyers: 995, errors: 0 });
  });

  it.each([
    ["Abbey O'Reilly", 205, 6, 472, 343],
    ['Add Senger', 140, 3, 340, 412],
    ['Aden Lesch', 194, 4, 405, 323],
    ['Aden Murphy', 98, 7, 596, 544],
    ['Admiral Senger', 132, 5, 448, 433],
  ])('gives %s recency %i, %i orders, %i and score %i', (name, recency, orders, amount, score) => {
    const row = byName.get(name) as AnalyzeRow;
    expect(row).toMatchObject({ recencyDays: recency, paidOrders: orders, netTotal: amount, rfm: { score } });
  });

  it('bins every customer on the published breaks', () => {
    const bin = (value: number, breaks: number[]) => 1 + breaks.filter((b) => value >= b).length;
    for (const row of result.rows) {
      expect(row.rfm).toEqual({
        r: 6 - bin(row.recencyDays as number, [115, 181, 297.4, 482]),
        f: bin(row.paidOrders, [4, 5, 6, 8]),
        m: bin(row.netTotal, [255.8, 382, 506.4, 666]),
        score: expect.any(Number),
      });
      const rfm = row.rfm as NonNullable<AnalyzeRow['rfm']>;
      expect(rfm.score).toBe(rfm.r * 100 + rfm.f * 10 + rfm.m);
    }
  });
});

describe('analyze with malformed input', () => {
  it('reports where the problem is and marks the run as failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huitouke-analyze-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'customer_id,order_date,revenue\nann,2006-01-05,10\nbob,not a date,12\n');
    const result = await analyzeFiles({
      files: [file],
      asOf: '2006-12-31',
      format: 'generic',
      locale: 'en',
      mapping: { buyer: 'customer_id', time: 'order_date', amount: 'revenue' },
    });
    expect(result.summary.errors).toBeGreaterThan(0);
    expect(result.issues[0]).toMatchObject({ file: 'bad.csv', line: 3, column: 2, severity: 'error' });
    expect(result.rows.map((r) => r.buyer)).toEqual(['ann']);
  });

  it('fails a file whose mapped column does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huitouke-analyze-'));
    const file = join(dir, 'cols.csv');
    writeFileSync(file, 'who,when,how much\nann,2006-01-05,10\n');
    const result = await analyzeFiles({
      files: [file],
      asOf: '2006-12-31',
      format: 'generic',
      locale: 'en',
      mapping: { buyer: 'customer_id', time: 'order_date', amount: 'revenue' },
    });
    expect(result.failedFiles).toEqual([file]);
    expect(result.rows).toEqual([]);
  });
});

describe('analyze with several currencies', () => {
  it('prints each buyer in their currency and the totals per currency, never one sum', async () => {
    const exports = (name: string) => fileURLToPath(new URL(`../../tests/fixtures/exports/${name}`, import.meta.url));
    const result = await analyzeFiles({
      files: [exports('ExportOrderList202510071230.csv'), exports('Order.all.20251001_20251031.csv')],
      asOf: '2025-12-31',
      format: 'auto',
      locale: 'en',
    });
    const aisyah = result.rows.find((r) => r.buyer === 'aisyah.shop')!;
    expect(aisyah).toMatchObject({ platform: 'shopee', currency: 'MYR', netTotal: 49.7 });
    expect(result.rows.filter((r) => r.platform === 'taobao').every((r) => r.currency === 'CNY')).toBe(true);
    const yuan = result.rows.filter((r) => r.currency === 'CNY').reduce((sum, r) => sum + r.netTotal * 100, 0);
    const ringgit = result.rows.filter((r) => r.currency === 'MYR').reduce((sum, r) => sum + r.netTotal * 100, 0);
    expect(Object.keys(result.summary.netTotals)).toEqual(['CNY', 'MYR']);
    expect(Math.round(result.summary.netTotals.CNY! * 100)).toBe(Math.round(yuan));
    expect(Math.round(result.summary.netTotals.MYR! * 100)).toBe(Math.round(ringgit));
  });
});
