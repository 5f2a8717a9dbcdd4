// `analyze FILE... [--as-of YYYY-MM-DD] [--format ID] [--map field=COLUMN,...] [--locale zh-CN|en]`
// Imports order exports and prints one JSON object per buyer per line (level, RFM, 8-class,
// layer, stage); a summary and the importer's issues go to stderr. Exit code 0 when every row was
// read, 1 when the input is malformed (a file could not be read, or rows were skipped), 2 on bad usage.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { isLocalDate, todayLocal } from '../../lib/dates/local-date';
import { FORMAT_IDS, readOrders, type FormatId } from '../../lib/import';
import { formatIssue, ImportError, type ImportIssue } from '../../lib/import/issues';
import { ColumnMappingSchema, type ColumnMapping } from '../../lib/import/mapping';
import { DEFAULT_PROFILE_SETTINGS, type ProfileSettings } from '../../lib/metrics/profile';
import { mergeFragments } from '../../lib/orders/merge';
import type { UiLocale } from '../../lib/schemas/common';
import type { Order } from '../../lib/schemas/order';
import { analyzeOrders, type AnalyzeRow } from './analyze-core';

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
      if (date === undefined || !isLocalDate(date)) return { error: `--as-of needs a date YYYY-MM-DD, got ${String(date)}` };
      options.asOf = date;
    } else if (flag === '--format') {
      const format = value();
      if (!FORMATS.includes(format as (typeof FORMATS)[number])) return { error: `--format must be one of ${FORMATS.join(', ')}` };
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
  if (!parsed.success) return { error: `--map: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'mapping'}: ${i.message}`).join('; ')}` };
  return { mapping: parsed.data };
}

function fileSource(path: string) {
  return {
    name: basename(path),
    size: statSync(path).size,
    async *chunks(): AsyncIterable<Uint8Array> {
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) yield chunk as Uint8Array;
    },
  };
}

/** The whole command without printing: import every file, merge, analyze. */
export async function analyzeFiles(options: AnalyzeOptions, settings: ProfileSettings = DEFAULT_PROFILE_SETTINGS): Promise<AnalyzeResult> {
  const orders = new Map<string, Order>();
  const issues: ImportIssue[] = [];
  const failedFiles: string[] = [];
  let fragments = 0;
  const runId = `cli-${Date.now()}`;
  for (const path of options.files) {
    const attempts = formatAttempts(options.format);
    for (const [i, format] of attempts.entries()) {
      let consumed = false;
      try {
        const readOptions = { ...(format ? { format } : {}), ...(options.mapping ? { mapping: options.mapping } : {}) };
        for await (const batch of readOrders(fileSource(path), readOptions)) {
          consumed = true;
          fragments += batch.fragments.length;
          issues.push(...batch.issues);
          mergeFragments(orders, batch.fragments, runId);
        }
        break;
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        // The header did not fit this format: try the next one; report only the last refusal.
        if (!consumed && i < attempts.length - 1) continue;
        issues.push(error.issue);
        failedFiles.push(path);
      }
    }
  }
  const analyzed = analyzeOrders(orders.values(), options.asOf, settings);
  return {
    rows: analyzed.rows,
    issues,
    failedFiles,
    summary: {
      asOf: options.asOf,
      files: options.files.length,
      fragments,
      orders: orders.size,
      buyers: analyzed.rows.length,
      payingBuyers: analyzed.model.buyers,
      ordersWithoutBuyer: analyzed.ordersWithoutBuyer,
      netTotals: analyzed.netTotals,
      errors: issues.filter((i) => i.severity === 'error').length,
      warnings: issues.filter((i) => i.severity === 'warning').length,
    },
  };
}

/** Issues printed one per line; beyond this many, only the count. */
const MAX_PRINTED_ISSUES = 100;

export async function run(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if ('error' in options) {
    process.stderr.write(`${options.error}\n${USAGE}\n`);
    return 2;
  }
  const result = await analyzeFiles(options);
  const out: string[] = [];
  for (const row of result.rows) out.push(JSON.stringify(row));
  if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
  for (const issue of result.issues.slice(0, MAX_PRINTED_ISSUES)) process.stderr.write(`${formatIssue(issue, options.locale)}\n`);
  if (result.issues.length > MAX_PRINTED_ISSUES) process.stderr.write(`… ${result.issues.length - MAX_PRINTED_ISSUES} more\n`);
  process.stderr.write(`${JSON.stringify({ summary: result.summary })}\n`);
  return result.failedFiles.length > 0 || result.summary.errors > 0 ? 1 : 0;
}
