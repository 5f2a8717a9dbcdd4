// Reading an Excel workbook against the same orders as CSV: wall time, orders per second and the
// heap's peak for the demo shop's Taobao report at 100,000 orders (or the sizes given), as .csv
// (GB18030, as Taobao writes it) and as .xlsx (scripts/fixtures/demo-workbook.ts). The workbook is
// streamed (its sheet inflated and scanned a piece at a time), so its peak should stay near the
// CSV's rather than grow with the sheet's size. Prints figures only; nothing asserts on them.
// Run: npm run bench:xlsx [-- 100000,300000]
import { mkdtempSync, openAsBlob, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoAsOf } from '../../lib/demo/time';
import { readOrders } from '../../lib/import/read-orders';
import { sourceFromBlob } from '../../lib/import/source';
import { writeTaobaoCsv } from '../demo-data';
import { writeDemoWorkbook } from '../fixtures/demo-workbook';
import { mb, round, table } from './lib/stats';

const SIZES = (process.argv[2] ?? '100000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function time(path: string): Promise<{ ms: number; orders: number; peak: number }> {
  collect();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  let orders = 0;
  const start = performance.now();
  const blob = await openAsBlob(path);
  for await (const batch of readOrders(sourceFromBlob(blob, path))) {
    orders += batch.fragments.length;
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
  }
  return { ms: performance.now() - start, orders, peak };
}

const dir = mkdtempSync(join(tmpdir(), 'htk-bench-xlsx-'));
try {
  const rows: (string | number)[][] = [['orders', 'file', 'MB', 'ms', 'orders/s', 'heap peak MB']];
  for (const orders of SIZES) {
    const options = { buyers: Math.round(orders / 5), orders, seed: 11, asOf: demoAsOf(Date.now()) };
    const csv = join(dir, `ExportOrderList-${orders}.csv`);
    const xlsx = join(dir, `ExportOrderList-${orders}.xlsx`);
    writeTaobaoCsv(csv, options);
    writeDemoWorkbook(xlsx, options);
    for (const path of [csv, xlsx]) {
      const r = await time(path);
      rows.push([
        orders,
        path.endsWith('.xlsx') ? 'xlsx' : 'csv',
        mb(statSync(path).size),
        round(r.ms, 0),
        round(r.orders / (r.ms / 1000), 0),
        mb(r.peak),
      ]);
    }
  }
  console.log(table(rows));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
