// `analyze` tallies buyers while reading (and reads big files on two threads); these tests hold it
// to what it printed when it merged every order first and profiled each buyer from all of them.
// The reference below is that earlier implementation, kept here as the oracle.
import { createReadStream, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../lib/dates/local-date';
import { readOrders } from '../../lib/import';
import { ImportError, type ImportIssue } from '../../lib/import/issues';
import { computeBuyerMetrics } from '../../lib/metrics/compute';
import { metricsCurrency, netByCurrency } from '../../lib/metrics/money';
import { buildProfile, DEFAULT_PROFILE_SETTINGS } from '../../lib/metrics/profile';
import { MoneyTotals } from '../../lib/money/totals';
import { mergeFragments } from '../../lib/orders/merge';
import type { BuyerMetrics } from '../../lib/schemas/buyer';
import type { Platform } from '../../lib/schemas/common';
import type { Order } from '../../lib/schemas/order';
import { buildSegmentModel } from '../../lib/segments/model';
import { writeTaobaoCsv } from '../demo-data';
import { analyzeFiles, type AnalyzeOptions, type AnalyzeResult, type AnalyzeRow } from './analyze';

const EXPORTS = fileURLToPath(new URL('../../tests/fixtures/exports/', import.meta.url));
const SHOPEE_MY = fileURLToPath(new URL('../../tests/fixtures/consoles/orders/shopee-my.csv', import.meta.url));
const RFM_CSV = fileURLToPath(new URL('../../tests/fixtures/rfm/rfm_data_orders.csv', import.meta.url));

/**
 * The earlier `analyzeFiles`: every order merged in a map, then every buyer profiled from all of
 * theirs (computeBuyerMetrics + buildProfile), money in the buyer's currency and the others apart.
 */
async function reference(options: AnalyzeOptions): Promise<AnalyzeResult> {
  const orders = new Map<string, Order>();
  const issues: ImportIssue[] = [];
  const failedFiles: string[] = [];
  let fragments = 0;
  for (const path of options.files) {
    const attempts =
      options.format === 'auto'
        ? [undefined]
        : options.format === 'taobao'
          ? (['taobao_order', 'taobao_item'] as const)
          : [options.format];
    for (const [i, format] of attempts.entries()) {
      let consumed = false;
      try {
        const source = {
          name: basename(path),
          async *chunks() {
            for await (const c of createReadStream(path, { highWaterMark: 1 << 20 })) yield c as Uint8Array;
          },
        };
        for await (const batch of readOrders(source, {
          ...(format ? { format } : {}),
          ...(options.mapping ? { mapping: options.mapping } : {}),
        })) {
          consumed = true;
          fragments += batch.fragments.length;
          issues.push(...batch.issues);
          mergeFragments(orders, batch.fragments, 'reference');
        }
        break;
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        if (!consumed && i < attempts.length - 1) continue;
        issues.push(error.issue);
        failedFiles.push(path);
      }
    }
  }
  const byBuyer = new Map<string, { platform: Platform; buyerKey: string; orders: Order[] }>();
  let ordersWithoutBuyer = 0;
  for (const order of orders.values()) {
    if (order.buyerKey === null) {
      ordersWithoutBuyer++;
      continue;
    }
    const id = `${order.platform}:${order.buyerKey}`;
    const entry = byBuyer.get(id) ?? { platform: order.platform, buyerKey: order.buyerKey, orders: [] };
    byBuyer.set(id, entry);
    entry.orders.push(order);
  }
  const settings = DEFAULT_PROFILE_SETTINGS;
  const buyers: Array<{ platform: Platform; buyerKey: string; nick: string; metrics: BuyerMetrics }> = [
    ...byBuyer.values(),
  ].map((e) => ({
    platform: e.platform,
    buyerKey: e.buyerKey,
    nick: e.buyerKey,
    metrics: computeBuyerMetrics(e.orders, settings.rules),
  }));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  buyers.sort((a, b) => cmp(a.platform, b.platform) || cmp(a.buyerKey, b.buyerKey));
  const model = buildSegmentModel(
    buyers.map((b) => b.metrics),
    options.asOf,
  );
  const rows = buyers.map((buyer): AnalyzeRow => {
    const profile = buildProfile(buyer, settings, model, options.asOf);
    const m = profile.metrics;
    return {
      buyer: buyer.buyerKey,
      platform: buyer.platform,
      paidOrders: m.paidOrders,
      currency: metricsCurrency(m),
      netTotal: m.netCents / 100,
      aov: m.aovCents / 100,
      ...(m.otherMoney
        ? { otherTotals: Object.fromEntries(m.otherMoney.map((o) => [o.currency, o.netCents / 100])) }
        : {}),
      firstPaidDate: m.firstPaidDate,
      lastPaidDate: m.lastPaidDate,
      recencyDays: m.lastPaidDate === null ? null : daysBetween(m.lastPaidDate, options.asOf),
      stage: profile.stage.id,
      level: profile.level?.id ?? null,
      rfm: profile.rfm,
      rfm8: profile.rfm8,
      layer: profile.layer,
    };
  });
  const totals = new MoneyTotals();
  for (const b of buyers) totals.addAll(netByCurrency(b.metrics));
  return {
    rows,
    issues,
    failedFiles,
    summary: {
      asOf: options.asOf,
      files: options.files.length,
      fragments,
      orders: orders.size,
      buyers: rows.length,
      payingBuyers: model.buyers,
      ordersWithoutBuyer,
      netTotals: Object.fromEntries(totals.amounts().map((a) => [a.currency, a.cents / 100])),
      errors: issues.filter((i) => i.severity === 'error').length,
      warnings: issues.filter((i) => i.severity === 'warning').length,
    },
  };
}

const csvFixtures = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.(csv|txt)$/.test(f))
    .map((f) => join(dir, f))
    .sort();
const AS_OF = '2026-02-01';
const options = (files: string[], extra: Partial<AnalyzeOptions> = {}): AnalyzeOptions => ({
  files,
  asOf: AS_OF,
  format: 'auto',
  locale: 'en',
  ...extra,
});

async function expectSame(
  given: AnalyzeOptions,
  run: { threads: boolean; splitMinBytes?: number } = { threads: false },
): Promise<AnalyzeResult> {
  const expected = await reference(given);
  const actual = await analyzeFiles(given, DEFAULT_PROFILE_SETTINGS, run);
  expect(actual.rows).toEqual(expected.rows);
  expect(actual.issues).toEqual(expected.issues);
  expect(actual.failedFiles).toEqual(expected.failedFiles);
  expect(actual.summary).toEqual(expected.summary);
  return actual;
}

describe('analyze gives what merging every order gave', () => {
  it.each([...csvFixtures(EXPORTS), ...csvFixtures(join(EXPORTS, 'bad'))].map((f) => [basename(f), f]))(
    'on %s',
    async (_name, file) => {
      await expectSame(options([file]));
    },
  );

  it('on rows longer than the header, with and without text in the extra cells', async () => {
    const bytes = readFileSync(join(EXPORTS, 'ExportOrderList202510071230.csv'));
    const lines: Buffer[] = [];
    for (let at = 0; at < bytes.length;) {
      const end = bytes.indexOf(0x0a, at);
      lines.push(bytes.subarray(at, end < 0 ? bytes.length : end));
      at = end < 0 ? bytes.length : end + 1;
    }
    const cr = lines[1]!.at(-1) === 0x0d;
    const grow = (line: Buffer, extra: string) =>
      Buffer.concat([cr ? line.subarray(0, -1) : line, Buffer.from(extra), cr ? Buffer.from('\r') : Buffer.alloc(0)]);
    lines[1] = grow(lines[1]!, ',surplus');
    lines[2] = grow(lines[2]!, ',,');
    const file = join(mkdtempSync(join(tmpdir(), 'huitouke-analyze-wide-')), 'ExportOrderList-wide.csv');
    writeFileSync(file, Buffer.concat(lines.flatMap((line, i) => (i === 0 ? [line] : [Buffer.from('\n'), line]))));
    const result = await expectSame(options([file]));
    expect(result.issues.map((i) => i.code)).toContain('import_fieldCount');
  });

  it('on the R package rfm data read as a mapped table', async () => {
    const result = await expectSame(
      options([RFM_CSV], {
        asOf: '2006-12-31',
        format: 'generic',
        mapping: { buyer: 'customer_id', time: 'order_date', amount: 'revenue' },
      }),
    );
    expect(result.summary.buyers).toBe(995);
  });

  it('on every export at once, the order report given twice and both Taobao reports tried in turn', async () => {
    const files = csvFixtures(EXPORTS);
    const twice = join(EXPORTS, 'ExportOrderList202510071230.csv');
    const result = await expectSame(options([...files, twice]));
    // The repeated report's orders are counted once: fewer orders than fragments.
    expect(result.summary.orders).toBeLessThan(result.summary.fragments);
    await expectSame(
      options([twice, join(EXPORTS, 'ExportOrderDetailList202510091200.csv'), twice], { format: 'taobao' }),
    );
  });
});

describe('analyze with several currencies gives what merging every order gave', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huitouke-analyze-money-'));
  // One table of several buyers paying in CNY and MYR: a currency column, or a mark on the amount.
  const mixed = join(dir, 'mixed-currencies.csv');
  // Other buyers' orders first, so the rows below come after the first chunks read (cells of columns
  // analysis does not read are dropped from there on).
  const filler = Array.from(
    { length: 30_000 },
    (_, i) =>
      `f${i},filler-${i % 700},2025-06-${String(1 + (i % 28)).padStart(2, '0')} 10:00,${10 + (i % 90)}.00,,交易成功,${i % 5 === 0 ? 'MYR' : ''}`,
  );
  writeFileSync(
    mixed,
    [
      'order,buyer,time,amount,refund,status,currency',
      ...filler,
      // mix-a: two counted orders in each; the closed MYR order makes MYR the one with more orders.
      'a1,mix-a,2025-11-01 10:00,100.00,,交易成功,CNY',
      'a2,mix-a,2025-11-02 10:00,200.00,20.00,交易成功,CNY',
      'a3,mix-a,2025-11-03 10:00,RM 50.00,,交易成功,',
      'a4,mix-a,2025-11-04 10:00,60.00,,交易成功,MYR',
      'a5,mix-a,2025-11-05 10:00,RM 70.00,,交易关闭,',
      // mix-b: MYR by count although its CNY order is the largest; enough ringgit for a level in MYR only.
      'b1,mix-b,2025-10-01 10:00,5000.00,,交易成功,CNY',
      'b2,mix-b,2025-10-02 10:00,"RM 1,299.00",,交易成功,',
      'b3,mix-b,2025-12-02 10:00,"RM 1,299.00",,交易成功,',
      'b4,mix-b,2026-01-02 10:00,RM 899.00,,交易成功,MYR',
      // mix-c: one of each, nothing else to tell them apart: the code decides (CNY).
      'c1,mix-c,2025-12-20 10:00,88.00,,交易成功,CNY',
      'c2,mix-c,2025-12-21 10:00,RM 88.00,,交易成功,',
      // Only one currency each.
      'd1,cny-only,2025-09-01 10:00,1500.00,,交易成功,CNY',
      'd2,cny-only,2026-01-20 10:00,2500.00,,交易成功,CNY',
      'e1,myr-only,2025-08-01 10:00,RM 30.00,,交易成功,',
      'e2,myr-only,2025-08-09 10:00,RM 30.00,,交易关闭,',
      '',
    ].join('\n'),
  );
  const mapping = {
    order: 'order',
    buyer: 'buyer',
    time: 'time',
    amount: 'amount',
    refund: 'refund',
    status: 'status',
    currency: 'currency',
  };

  it('on one buyer paying in CNY and MYR, with every tie-break, and buyers in one currency', async () => {
    const result = await expectSame(options([mixed], { format: 'generic', mapping }));
    const row = (buyer: string) => result.rows.find((r) => r.buyer === buyer);
    expect(row('mix-a')).toMatchObject({
      paidOrders: 4,
      currency: 'MYR',
      netTotal: 110,
      aov: 55,
      otherTotals: { CNY: 280 },
    });
    expect(row('mix-b')).toMatchObject({ paidOrders: 4, currency: 'MYR', netTotal: 3497, otherTotals: { CNY: 5000 } });
    expect(row('mix-c')).toMatchObject({ currency: 'CNY', netTotal: 88, otherTotals: { MYR: 88 } });
    expect(row('myr-only')).toMatchObject({ currency: 'MYR', netTotal: 30 });
    expect(row('myr-only')!.otherTotals).toBeUndefined();
    expect(Object.keys(result.summary.netTotals)).toEqual(['CNY', 'MYR']);
  });

  it('on a Shopee MY export with the mixed table, on two threads', { timeout: 60_000 }, async () => {
    const result = await expectSame(options([SHOPEE_MY, mixed], { format: 'auto', mapping }), {
      threads: true,
      splitMinBytes: 1,
    });
    expect(result.rows.filter((r) => r.platform === 'shopee').every((r) => r.currency === 'MYR')).toBe(true);
  });
});

describe('analyze on two threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huitouke-analyze-split-'));
  const big = join(dir, 'ExportOrderList-split.csv');
  writeTaobaoCsv(big, { buyers: 400, orders: 2000, seed: 7, asOf: AS_OF });

  it('gives the rows, issues and counts of one reader', { timeout: 60_000 }, async () => {
    const result = await expectSame(options([big]), { threads: true, splitMinBytes: 1 });
    expect(result.summary.orders).toBe(2000);
  });

  it('counts an order once when the two parts and a second file repeat it', { timeout: 60_000 }, async () => {
    // The first half of the file again, as a second export: its orders are in both parts' range.
    const text = readFileSync(big);
    const overlap = join(dir, 'ExportOrderList-overlap.csv');
    writeFileSync(overlap, text.subarray(0, text.lastIndexOf(0x0a, Math.floor(text.length * 0.7)) + 1));
    const result = await expectSame(options([big, overlap]), { threads: true, splitMinBytes: 1 });
    expect(result.summary.orders).toBe(2000);
    expect(result.summary.fragments).toBeGreaterThan(2000);
  });
});
