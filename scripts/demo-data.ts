// Writes the demo shop's data into the console's build output:
//   demo/dist/data/ExportOrderList<stamp>.csv  (GB18030, as the Taobao seller backend writes it)
//   demo/dist/data/conversations.json          (the console's chats)
// Deterministic: the same options give byte-identical files.
//
//   npx tsx scripts/demo-data.ts [--out DIR] [--seed N] [--as-of YYYY-MM-DD] [--buyers N] [--orders N] [--csv-only]
// Big benchmark exports stream row by row, e.g. --buyers 200000 --orders 1000000 --csv-only --out /tmp/bench.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { EXPORT_EOL, generateConversations, generateTaobaoExport, taobaoExportFileName, DEMO_AS_OF, type DemoOptions } from '../lib/demo/index';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_DATA_DIR = join(root, 'demo', 'dist', 'data');

export interface DemoDataResult { csvPath: string; conversationsPath: string | null; rows: number; bytes: number }

/** Streams the export to `path` in GB18030, a batch of rows at a time. */
export function writeTaobaoCsv(path: string, options: DemoOptions): { rows: number; bytes: number } {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  let rows = 0;
  let bytes = 0;
  let batch = '';
  const flush = () => {
    const buf = iconv.encode(batch, 'gb18030');
    writeSync(fd, buf);
    bytes += buf.length;
    batch = '';
  };
  try {
    for (const row of generateTaobaoExport(options)) {
      batch += row + EXPORT_EOL;
      rows++;
      if (batch.length > 1 << 20) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return { rows: rows - 1, bytes };
}

export function writeDemoData(outDir = DEFAULT_DATA_DIR, options: DemoOptions = {}, csvOnly = false): DemoDataResult {
  const csvPath = join(outDir, taobaoExportFileName(options.asOf ?? DEMO_AS_OF));
  const { rows, bytes } = writeTaobaoCsv(csvPath, options);
  let conversationsPath: string | null = null;
  if (!csvOnly) {
    conversationsPath = join(outDir, 'conversations.json');
    writeFileSync(conversationsPath, JSON.stringify(generateConversations(options), null, 2) + '\n');
  }
  return { csvPath, conversationsPath, rows, bytes };
}

function parseArgs(argv: string[]): { out: string; options: DemoOptions; csvOnly: boolean } {
  const options: DemoOptions = {};
  let out = DEFAULT_DATA_DIR;
  let csvOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--out') out = resolve(value());
    else if (flag === '--seed') options.seed = Number(value());
    else if (flag === '--as-of') options.asOf = value();
    else if (flag === '--buyers') options.buyers = Number(value());
    else if (flag === '--orders') options.orders = Number(value());
    else if (flag === '--csv-only') csvOnly = true;
    else throw new Error(`unknown option ${flag}`);
  }
  return { out, options, csvOnly };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { out, options, csvOnly } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const result = writeDemoData(out, options, csvOnly);
  console.log(`demo data: ${result.rows} orders, ${(result.bytes / 1e6).toFixed(1)} MB → ${result.csvPath} (${Date.now() - started} ms)`);
  if (result.conversationsPath) console.log(`demo data: conversations → ${result.conversationsPath}`);
}
