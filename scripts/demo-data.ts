// Writes the demo shop's data into the console's build output:
//   demo/dist/data/ExportOrderList<stamp>.csv  (GB18030, as the Taobao seller backend writes it)
//   demo/dist/data/conversations.json          (the console's chats)
//   demo/dist/data/contacts.json               (the agents' contact history, for the dashboard; see demo/README.md)
// The shop is dated from the day it is built (shop-local date in Asia/Shanghai; --as-of overrides),
// and <stamp> is that day's midnight. Deterministic: the same options and day give byte-identical files.
//
//   npx tsx scripts/demo-data.ts [--out DIR] [--seed N] [--as-of YYYY-MM-DD] [--buyers N] [--orders N] [--csv-only]
// Big benchmark exports stream row by row, e.g. --buyers 200000 --orders 1000000 --csv-only --out /tmp/bench.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import {
  demoAsOf,
  EXPORT_EOL,
  generateConversations,
  generateDemoContacts,
  generateTaobaoExport,
  PINDUODUO_PANELS_FILE,
  pinduoduoDemo,
  pinduoduoExportFileName,
  taobaoExportFileName,
  type DemoOptions,
} from '../lib/demo/index';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_DATA_DIR = join(root, 'demo', 'dist', 'data');

export interface DemoDataResult {
  asOf: string;
  csvPath: string;
  conversationsPath: string | null;
  contactsPath: string | null;
  rows: number;
  bytes: number;
}

/** File names next to the export. */
export const CONVERSATIONS_FILE = 'conversations.json';
export const CONTACTS_FILE = 'contacts.json';

/** Demo options without a date take the day they run: the shop-local date of `now`. */
export type DemoDataOptions = Omit<DemoOptions, 'asOf'> & { asOf?: string };

export function datedOptions(options: DemoDataOptions, now = Date.now()): DemoOptions {
  return { ...options, asOf: options.asOf ?? demoAsOf(now) };
}

/**
 * The order export a demo build wrote into `dir` (Vite empties dist/ first, so there is one), named
 * for the day it was built. Without one, the path today's build would write, so a missing build
 * reads as a missing file.
 */
export function findDemoExport(dir = DEFAULT_DATA_DIR, now = Date.now()): string {
  const found = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => /^ExportOrderList\d{12}\.csv$/.test(name))
        .sort()
    : [];
  if (found.length > 1)
    throw new Error(`${dir} holds ${found.length} demo exports (${found.join(', ')}); rebuild with npm run build:demo`);
  return join(dir, found[0] ?? taobaoExportFileName(demoAsOf(now)));
}

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

export function writeDemoData(outDir = DEFAULT_DATA_DIR, given: DemoDataOptions = {}, csvOnly = false): DemoDataResult {
  const options = datedOptions(given);
  const csvPath = join(outDir, taobaoExportFileName(options.asOf));
  const { rows, bytes } = writeTaobaoCsv(csvPath, options);
  let conversationsPath: string | null = null;
  let contactsPath: string | null = null;
  if (!csvOnly) {
    conversationsPath = join(outDir, CONVERSATIONS_FILE);
    writeFileSync(conversationsPath, JSON.stringify(generateConversations(options), null, 2) + '\n');
    contactsPath = join(outDir, CONTACTS_FILE);
    writeFileSync(contactsPath, JSON.stringify(generateDemoContacts(options)) + '\n');
    // Pinduoduo mode: the chatting buyers' orders as a Pinduoduo export (UTF-8 with BOM, no buyer
    // column) and the order panels the console shows for them (issue 19: the demo shows linking).
    const pdd = pinduoduoDemo(options);
    writeFileSync(join(outDir, pinduoduoExportFileName(options.asOf)), '\ufeff' + pdd.text);
    writeFileSync(join(outDir, PINDUODUO_PANELS_FILE), JSON.stringify(pdd.panels) + '\n');
  }
  return { asOf: options.asOf, csvPath, conversationsPath, contactsPath, rows, bytes };
}

function parseArgs(argv: string[]): { out: string; options: DemoDataOptions; csvOnly: boolean } {
  const options: DemoDataOptions = {};
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
  console.log(
    `demo data as of ${result.asOf}: ${result.rows} orders, ${(result.bytes / 1e6).toFixed(1)} MB → ${result.csvPath} (${Date.now() - started} ms)`,
  );
  if (result.conversationsPath) console.log(`demo data: conversations → ${result.conversationsPath}`);
  if (result.contactsPath) console.log(`demo data: contact history → ${result.contactsPath}`);
}
