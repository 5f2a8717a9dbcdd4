// `analyze FILE... [--as-of YYYY-MM-DD] [--format ID] [--map field=COLUMN,...] [--locale zh-CN|en]`
// Imports order exports and prints one JSON object per buyer per line (level, RFM, 8-class,
// layer, stage); a summary and the importer's issues go to stderr. Exit code 0 when every row was
// read, 1 when the input is malformed (a file could not be read, or rows were skipped), 2 on bad usage.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { isLocalDate, todayLocal } from '../../lib/dates/local-date';
import { FORMAT_IDS, type FormatId } from '../../lib/import';
import { formatIssue, type ImportIssue } from '../../lib/import/issues';
import { ColumnMappingSchema, type ColumnMapping } from '../../lib/import/mapping';
import { DEFAULT_PROFILE_SETTINGS, type ProfileSettings } from '../../lib/metrics/profile';
import type { SecondPart } from '../../lib/import/split-read';
import { BuyerTally, OrderKeySet } from '../../lib/metrics/buyer-tally';
import { mergeFragments } from '../../lib/orders/merge';
import type { UiLocale } from '../../lib/schemas/common';
import type { Order } from '../../lib/schemas/order';
import { analyzeTally, streamTally, type AnalyzeRow } from './analyze-core';
import { tallyPart, type PartJob, type PartResult } from './analyze-part';
import type { WorkerJob, WorkerMessage, WorkerResult } from './analyze-worker';

export type { AnalyzeRow } from './analyze-core';

/** The importer's format ids, plus `auto` and `taobao` (either Taobao report: order list or item list). */
export const FORMATS = ['auto', 'taobao', ...FORMAT_IDS] as const;

/** Importer formats to try in turn for a requested format; undefined = detect. */
function formatAttempts(format: (typeof FORMATS)[number]): Array<FormatId | undefined> {
  if (format === 'auto') return [undefined];
  if (format === 'taobao') return ['taobao_order', 'taobao_item'];
  return [format];
}

export interface AnalyzeOptions {
  files: string[];
  asOf: string;
  format: (typeof FORMATS)[number];
  mapping?: ColumnMapping;
  locale: UiLocale;
}

export interface AnalyzeSummary {
  asOf: string;
  files: number;
  fragments: number;
  orders: number;
  buyers: number;
  payingBuyers: number;
  ordersWithoutBuyer: number;
  /** What the buyers spent, per currency ({ CNY: 1234.5, MYR: 49.7 }): currencies are never added together. */
  netTotals: Record<string, number>;
  errors: number;
  warnings: number;
}

export interface AnalyzeResult {
  rows: AnalyzeRow[];
  summary: AnalyzeSummary;
  issues: ImportIssue[];
  /** A file that could not be read at all; its orders are missing from `rows`. */
  failedFiles: string[];
}

const USAGE = `usage: analyze FILE... [--as-of YYYY-MM-DD] [--format ${FORMATS.join('|')}] [--map buyer=COL,order=COL,time=COL,amount=COL,status=COL] [--locale zh-CN|en]`;

export function parseArgs(argv: readonly string[], today: string = todayLocal()): AnalyzeOptions | { error: string } {
  const options: AnalyzeOptions = { files: [], asOf: today, format: 'auto', locale: 'zh-CN' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    // `--flag=value` and `--flag value` both work; the value of --map itself contains `=`.
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg, '=') : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--as-of') {
      const date = value();
      if (date === undefined || !isLocalDate(date))
        return { error: `--as-of needs a date YYYY-MM-DD, got ${String(date)}` };
      options.asOf = date;
    } else if (flag === '--format') {
      const format = value();
      if (!FORMATS.includes(format as (typeof FORMATS)[number]))
        return { error: `--format must be one of ${FORMATS.join(', ')}` };
      options.format = format as (typeof FORMATS)[number];
    } else if (flag === '--map') {
      const parsed = parseMapping(value() ?? '');
      if ('error' in parsed) return parsed;
      options.mapping = parsed.mapping;
    } else if (flag === '--locale') {
      const locale = value();
      if (locale !== 'zh-CN' && locale !== 'en') return { error: '--locale must be zh-CN or en' };
      options.locale = locale;
    } else if (flag.startsWith('--')) {
      return { error: `unknown option ${flag}` };
    } else {
      options.files.push(arg);
    }
  }
  if (options.files.length === 0) return { error: 'no input file' };
  return options;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** `buyer=customer_id,time=order_date` → a column mapping; header names may contain spaces. */
export function parseMapping(text: string): { mapping: ColumnMapping } | { error: string } {
  const raw: Record<string, string> = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    if (!pair.includes('=')) return { error: `--map expects field=COLUMN pairs, got "${pair}"` };
    const [field, column] = splitOnce(pair, '=');
    raw[field.trim()] = column.trim();
  }
  const parsed = ColumnMappingSchema.safeParse(raw);
  if (!parsed.success)
    return {
      error: `--map: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'mapping'}: ${i.message}`).join('; ')}`,
    };
  return { mapping: parsed.data };
}

/** An Excel workbook (a ZIP file) is read whole by one thread: its rows are found through the ZIP's directory, not row ends. */
function isZip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    closeSync(fd);
  }
}

/** Files at least this big are read by two threads (the second from a row end past FIRST_SHARE of the bytes). */
export const SPLIT_MIN_BYTES = 16 * 1024 * 1024;
/**
 * The worker first scans the bytes before the cut for row ends (RowEndScanner, several times
 * faster than parsing), then parses the rest; the main thread parses the first part, then merges.
 */
const FIRST_SHARE = 0.45;

export interface AnalyzeRunOptions {
  /** Read big files with a second thread; default true. */
  threads?: boolean;
  /** Files at least this big are split (tests make it small). */
  splitMinBytes?: number;
}

type Job = Omit<PartJob, 'path' | 'start' | 'end' | 'part' | 'options'>;

interface FileRead extends PartResult {
  /** Where the second thread started; null when the file was read whole. */
  plan: SecondPart | null;
}

/**
 * Read one file with one format, on two threads when it is big: the worker finds a row end past
 * FIRST_SHARE of the bytes and reads from there, this thread reads up to it. `plan` repeats the
 * cut of an earlier pass (null: read it whole). Issues come in line order, as reading it whole.
 */
async function readFile(
  path: string,
  options: PartJob['options'],
  job: Job,
  run: Required<AnalyzeRunOptions>,
  /** First pass: every order key read so far; this file's are added, and its repeats returned as suspects. */
  seen: OrderKeySet | undefined,
  plan?: SecondPart | null,
): Promise<FileRead> {
  const size = statSync(path).size;
  const split =
    run.threads && size >= run.splitMinBytes && options.format !== 'shopify' && plan !== null && !isZip(path);
  if (!split)
    return { ...(await tallyPart({ ...job, path, options, start: 0, end: null }, undefined, seen)), plan: null };
  const worker = new Worker(new URL('./analyze-worker.mjs', import.meta.url), {
    workerData: {
      job: { ...job, path, options },
      from: Math.floor(size * FIRST_SHARE),
      plan: plan ?? null,
    } satisfies WorkerJob,
  });
  let onCut!: (plan: SecondPart | null) => void;
  const cut = new Promise<SecondPart | null>((resolve) => (onCut = resolve));
  const done = new Promise<WorkerResult | null>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'cut') {
        onCut(message.plan);
        if (!message.plan) resolve(null);
      } else resolve(message.result);
    });
    worker.on('error', (error) => {
      onCut(null);
      reject(error);
    });
    worker.on('exit', (code) => reject(new Error(`analyze: the second reader stopped (exit code ${code})`)));
  });
  try {
    const first = plan
      ? await tallyPart(
          { ...job, path, options, start: 0, end: plan.at, part: { endsAtRowEnd: true } },
          undefined,
          seen,
        )
      : await tallyPart(
          { ...job, path, options, start: 0, end: null },
          { from: Math.floor(size * FIRST_SHARE), at: cut.then((p) => p?.at ?? null) },
          seen,
        );
    const second = await done;
    const found = await cut;
    if (!second) return { ...first, plan: null };
    first.tally.merge(second.tally);
    // The second part's keys join the first's: one seen in both parts is a repeat too.
    const suspects = [...first.suspects, ...second.suspects];
    const pairs = second.seen;
    if (first.seen && pairs)
      for (let i = 0; i < pairs.length; i += 2)
        if (first.seen.addHash(pairs[i]!, pairs[i + 1]!)) suspects.push(pairs[i]!, pairs[i + 1]!);
    return {
      tally: first.tally,
      held: [...first.held, ...second.held],
      seen: first.seen,
      suspects,
      issues: [...first.issues, ...second.issues],
      fragments: first.fragments + second.fragments,
      consumed: first.consumed || second.consumed,
      fileError: first.fileError ?? second.fileError,
      plan: found,
    };
  } finally {
    await worker.terminate();
  }
}

/**
 * The whole command without printing: import every file, tally every buyer, analyze.
 *
 * Orders are not kept: each is added to its buyer's totals as it is read, so memory grows with
 * buyers. An order must be counted once with all its rows merged, so every order key also goes
 * through a fixed-size filter; when one may have been seen before (a file given twice, an item
 * report's several rows per order, or a rare false alarm), a second pass reads the files again,
 * merges the orders with those keys whole (as importing them would) and tallies everything else.
 * The rows are exactly those of merging every order and profiling every buyer.
 */
export async function analyzeFiles(
  options: AnalyzeOptions,
  settings: ProfileSettings = DEFAULT_PROFILE_SETTINGS,
  runOptions: AnalyzeRunOptions = {},
): Promise<AnalyzeResult> {
  const read = await tallyFiles(options, settings, runOptions);
  const analyzed = analyzeTally(read.tally, options.asOf, settings);
  return {
    rows: analyzed.rows,
    issues: read.issues,
    failedFiles: read.failedFiles,
    summary: summaryOf(options, read, analyzed.rows.length, analyzed),
  };
}

interface TalliedFiles {
  tally: BuyerTally;
  orders: number;
  fragments: number;
  issues: ImportIssue[];
  failedFiles: string[];
}

function summaryOf(
  options: AnalyzeOptions,
  read: TalliedFiles,
  buyers: number,
  analyzed: { model: { buyers: number }; ordersWithoutBuyer: number; netTotals: Record<string, number> },
): AnalyzeSummary {
  return {
    asOf: options.asOf,
    files: options.files.length,
    fragments: read.fragments,
    orders: read.orders,
    buyers,
    payingBuyers: analyzed.model.buyers,
    ordersWithoutBuyer: analyzed.ordersWithoutBuyer,
    netTotals: analyzed.netTotals,
    errors: read.issues.filter((i) => i.severity === 'error').length,
    warnings: read.issues.filter((i) => i.severity === 'warning').length,
  };
}

/** Every file read and tallied (analyzeFiles without the rows). */
export async function tallyFiles(
  options: AnalyzeOptions,
  settings: ProfileSettings = DEFAULT_PROFILE_SETTINGS,
  runOptions: AnalyzeRunOptions = {},
): Promise<TalliedFiles> {
  const run: Required<AnalyzeRunOptions> = { threads: true, splitMinBytes: SPLIT_MIN_BYTES, ...runOptions };
  const issues: ImportIssue[] = [];
  const failedFiles: string[] = [];
  const runId = `cli-${Date.now()}`;
  const readOptions = (format: FormatId | undefined): PartJob['options'] => ({
    ...(format ? { format } : {}),
    ...(options.mapping ? { mapping: options.mapping } : {}),
  });
  const totalBytes = options.files.reduce((sum, path) => sum + statSync(path).size, 0);
  // Sized for about one order per 300 bytes (a Taobao row is 200-450); it grows past that.
  const seen = new OrderKeySet(totalBytes / 300);
  const tally = new BuyerTally(settings.rules);
  const suspects: number[] = [];
  /** What each file was read as, for the second pass: its format and cut; null = nothing read. */
  const chosen: Array<{ format: FormatId | undefined; plan: SecondPart | null } | null> = [];
  let fragments = 0;
  for (const path of options.files) {
    const attempts = formatAttempts(options.format);
    let read: { format: FormatId | undefined; plan: SecondPart | null } | null = null;
    for (const [i, format] of attempts.entries()) {
      const result = await readFile(path, readOptions(format), { rules: settings.rules, runId }, run, seen);
      // The header did not fit this format: try the next one; report only the last refusal.
      if (result.fileError && !result.consumed && i < attempts.length - 1) continue;
      for (const issue of result.issues) issues.push(issue);
      if (result.fileError) {
        issues.push(result.fileError);
        failedFiles.push(path);
      }
      if (result.consumed) read = { format, plan: result.plan };
      fragments += result.fragments;
      tally.merge(result.tally);
      for (const key of result.suspects) suspects.push(key);
      break;
    }
    chosen.push(read);
  }
  let final = tally;
  if (suspects.length > 0) {
    // Second pass: the suspects merged whole, everything else tallied again.
    final = new BuyerTally(settings.rules);
    const held = new Map<string, Order>();
    for (const [i, path] of options.files.entries()) {
      const read = chosen[i];
      if (!read) continue;
      const result = await readFile(
        path,
        readOptions(read.format),
        { rules: settings.rules, runId, suspects: Int32Array.from(suspects) },
        run,
        undefined,
        read.plan,
      );
      final.merge(result.tally);
      mergeFragments(held, result.held, runId);
    }
    for (const order of held.values()) final.add(order);
  }
  return { tally: final, orders: final.orders, fragments, issues, failedFiles };
}

/** Issues printed one per line; beyond this many, only the count. */
const MAX_PRINTED_ISSUES = 100;
/** Output lines written at a time. */
const OUTPUT_BLOCK = 2000;

export async function run(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if ('error' in options) {
    process.stderr.write(`${options.error}\n${USAGE}\n`);
    return 2;
  }
  const read = await tallyFiles(options);
  const analyzed = streamTally(read.tally, options.asOf, DEFAULT_PROFILE_SETTINGS);
  // Each row is made as it is written, in blocks: the rows of millions of buyers are never all held.
  let block: string[] = [];
  for (const row of analyzed.rows()) {
    block.push(JSON.stringify(row));
    if (block.length < OUTPUT_BLOCK) continue;
    if (!process.stdout.write(`${block.join('\n')}\n`)) await once(process.stdout, 'drain');
    block = [];
  }
  if (block.length > 0) process.stdout.write(`${block.join('\n')}\n`);
  const result = {
    issues: read.issues,
    failedFiles: read.failedFiles,
    summary: summaryOf(options, read, analyzed.buyers, analyzed),
  };
  for (const issue of result.issues.slice(0, MAX_PRINTED_ISSUES))
    process.stderr.write(`${formatIssue(issue, options.locale)}\n`);
  if (result.issues.length > MAX_PRINTED_ISSUES)
    process.stderr.write(`… ${result.issues.length - MAX_PRINTED_ISSUES} more\n`);
  process.stderr.write(`${JSON.stringify({ summary: result.summary })}\n`);
  return result.failedFiles.length > 0 || result.summary.errors > 0 ? 1 : 0;
}
