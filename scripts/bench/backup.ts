// `npm run bench:backup`: memory and time of checking and restoring a backup file, in Node with
// fake-indexeddb (which keeps the database itself in the same heap, so the check is the clean figure).
//
// Imports a generated shop (default 200,000 orders; `--orders N`), writes its backup to a temporary
// file as the options page does (in pieces), then reads that file back: the check as the backup
// panel runs it (streamed), for comparison the file read whole and parsed (what the restore did
// before it streamed), and the restore into an empty database. Prints heap peaks above the heap
// before each step. Run with `node --expose-gc` (the npm script does) so each step starts collected.
import 'fake-indexeddb/auto';
import { createReadStream, mkdtempSync, openSync, closeSync, writeSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoAsOf, generateDemoOrders, TAOBAO_HEADER_ROW, taobaoRow } from '../../lib/demo';
import { backupChunks, checkBackup, restoreBackup } from '../../lib/db/backup';
import { HuitoukeDb } from '../../lib/db/database';
import { importIntoDb } from '../../lib/db/import-store';
import { sourceFromBytes, type ImportSource } from '../../lib/import/source';
import { DEFAULT_COUNTING_RULES } from '../../lib/metrics/rules';
import { mb, round, table } from './lib/stats';

function parseArgs(argv: string[]) {
  let orders = 200_000;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--orders') orders = Number(String(argv[++i]).replace(/[_,]/g, ''));
    else throw new Error(`unknown option ${argv[i]} (use --orders N)`);
  }
  return { orders };
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** Heap used above the start of `work`, sampled every 5 ms, and the time it took. */
async function measure<T>(work: () => Promise<T>): Promise<{ value: T; peakMB: number; seconds: number }> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const start = performance.now();
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { value, peakMB: mb(peak - base), seconds: round((performance.now() - start) / 1000) };
  } finally {
    clearInterval(timer);
  }
}

function fileSource(path: string): ImportSource {
  return {
    name: 'backup.json',
    size: statSync(path).size,
    async *chunks() {
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
        yield new Uint8Array(chunk as Buffer);
    },
  };
}

async function main() {
  const { orders } = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'htk-bench-backup-'));
  try {
    const shop = new HuitoukeDb('bench-shop');
    const csv = [
      TAOBAO_HEADER_ROW,
      ...[...generateDemoOrders({ buyers: Math.round(orders / 5), orders, seed: 11, asOf: demoAsOf(Date.now()) })].map(
        taobaoRow,
      ),
    ].join('\n');
    await importIntoDb(shop, [sourceFromBytes('orders.csv', new TextEncoder().encode(csv))], {
      rules: DEFAULT_COUNTING_RULES,
      locale: 'zh-CN',
      asOf: new Date().toISOString().slice(0, 10),
      runId: 'bench',
    });
    const path = join(dir, 'backup.json');
    const fd = openSync(path, 'w');
    for await (const chunk of backupChunks(shop, Date.now())) writeSync(fd, chunk);
    closeSync(fd);
    const fileMB = mb(statSync(path).size);

    const target = new HuitoukeDb('bench-target');
    await target.open();
    const check = await measure(() => checkBackup(fileSource(path), target));
    if (!check.value.ok) throw new Error(`check refused the file: ${JSON.stringify(check.value.problem)}`);
    const info = check.value.info;
    const whole = await measure(async () => JSON.parse(readFileSync(path, 'utf8')) as unknown);
    whole.value = null;
    const restore = await measure(() => restoreBackup(target, fileSource(path), info, { now: Date.now() }));
    if (!restore.value.ok) throw new Error('restore check failed');

    console.log(
      `backup of ${orders.toLocaleString('en')} orders (${info.counts.buyerShards} buyer shards): ${fileMB} MB file`,
    );
    console.log(
      table([
        ['step', 'seconds', 'heap peak MB'],
        ['check, streamed', check.seconds, check.peakMB],
        ['for comparison: file read whole and parsed', whole.seconds, whole.peakMB],
        ['restore, streamed (the database grows in this heap too)', restore.seconds, restore.peakMB],
      ]),
    );
    shop.close();
    target.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
