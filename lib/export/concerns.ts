import { currencyContext } from '../money/settings';
import type { ConcernRecord } from '../db/records';
import { resolveLevel } from '../levels/ladder';
import type { ProfileSettings } from '../metrics/profile';
import { wallClock } from '../reminders/time';
import type { BuyerMetrics, StageId } from '../schemas/buyer';
import type { Platform } from '../schemas/common';
import { resolveStage } from '../stages/stages';
import { csvChunks, csvRow, type CsvValue } from './csv';

/**
 * Tagged concerns as rows for supervisors: what buyers worried about, who they are and what they
 * bought. One row per concern. The stage is the buyer's stage on the day they raised it (from
 * their paid dates), so "what do silent buyers ask" stays true after they buy again; the level
 * and the item/category are the buyer's as of the export.
 */
export interface ConcernRow {
  buyer: string;
  nick: string;
  platform: Platform;
  level: string | null;
  stage: StageId;
  concern: string;
  concernName: string;
  /** The buyer's words. */
  quote: string;
  /** Shop-local `YYYY-MM-DD HH:mm:ss`. */
  time: string;
  date: string;
  agent: string;
  item: string | null;
  category: string | null;
  resolved: boolean;
  source: 'agent' | 'auto';
  /** The product the buyer was asking about (the last product card before the message), when the console showed one. */
  product: string | null;
  productId: string | null;
}

/** The parts of a buyer record a concern row needs. */
export interface ConcernBuyer {
  nick: string;
  metrics: Pick<
    BuyerMetrics,
    'paidOrders' | 'netCents' | 'paidDates' | 'lastItems' | 'categories' | 'currency' | 'otherMoney'
  >;
  /**
   * The latest item and its category as the shop's product category table says
   * (lib/categories/table.ts, lastItemAndCategory); without it, what the imported lines say.
   */
  latest?: { item: string | null; category: string | null };
}

export interface ConcernRowContext {
  profile: Pick<ProfileSettings, 'ladder' | 'stages'> & Partial<Pick<ProfileSettings, 'money'>>;
  timeZone: string;
  /** Concern id → its name in the export's language. */
  concernName: (id: string) => string;
}

function localTime(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.date} ${p(w.hour)}:${p(w.minute)}:${p(w.second)}`;
}

/** The last paid date on or before `date` (paid dates are ascending), or null. */
function lastPaidOnOrBefore(paidDates: readonly string[], date: string): string | null {
  let lo = 0;
  let hi = paidDates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (paidDates[mid]! <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : paidDates[lo - 1]!;
}

export function concernRow(record: ConcernRecord, buyer: ConcernBuyer | undefined, ctx: ConcernRowContext): ConcernRow {
  const metrics = buyer?.metrics;
  const last = metrics ? lastPaidOnOrBefore(metrics.paidDates, record.date) : null;
  const item = metrics?.lastItems[0];
  return {
    buyer: record.buyerId.slice(record.buyerId.indexOf(':') + 1),
    nick: record.nick || buyer?.nick || '',
    platform: record.platform,
    level: metrics
      ? (resolveLevel(metrics, ctx.profile.ladder, currencyContext(ctx.profile.money, metrics.currency))?.id ?? null)
      : null,
    stage: resolveStage(last, record.date, ctx.profile.stages).id,
    concern: record.concern,
    concernName: ctx.concernName(record.concern),
    quote: record.quote,
    time: localTime(record.at, ctx.timeZone),
    date: record.date,
    agent: record.agent,
    item: buyer?.latest ? buyer.latest.item : (item?.title ?? null),
    category: buyer?.latest ? buyer.latest.category : (item?.category ?? metrics?.categories[0] ?? null),
    resolved: record.resolved,
    source: record.source,
    product: record.product?.title || null,
    productId: record.product?.id ?? null,
  };
}

/** Every present criterion must hold; a list holds when the row matches any entry. */
export interface ConcernFilter {
  /** Inclusive shop-local dates. */
  from?: string;
  to?: string;
  concerns?: readonly string[];
  platforms?: readonly Platform[];
  /** Level ids; '-' = buyers without a level. */
  levels?: readonly string[];
  stages?: readonly StageId[];
  categories?: readonly string[];
}

const listHolds = <T>(list: readonly T[] | undefined, value: T) => !list || list.length === 0 || list.includes(value);

/** Date and concern are known from the concern record alone: check them before reading buyers. */
export function recordMatches(
  record: Pick<ConcernRecord, 'date' | 'concern' | 'platform' | 'deletedAt'>,
  f: ConcernFilter,
): boolean {
  if (record.deletedAt !== undefined) return false;
  if (f.from && record.date < f.from) return false;
  if (f.to && record.date > f.to) return false;
  return listHolds(f.concerns, record.concern) && listHolds(f.platforms, record.platform);
}

export function rowMatches(row: ConcernRow, f: ConcernFilter): boolean {
  return (
    (!f.from || row.date >= f.from) &&
    (!f.to || row.date <= f.to) &&
    listHolds(f.concerns, row.concern) &&
    listHolds(f.platforms, row.platform) &&
    listHolds(f.levels, row.level ?? '-') &&
    listHolds(f.stages, row.stage) &&
    (!f.categories || f.categories.length === 0 || (row.category !== null && f.categories.includes(row.category)))
  );
}

export const CONCERN_CSV_HEADER = [
  'buyer',
  'nick',
  'platform',
  'level',
  'stage',
  'concern',
  'concernName',
  'quote',
  'time',
  'agent',
  'item',
  'category',
  'resolved',
  'source',
  'product',
  'productId',
] as const;

export function concernCsvValues(r: ConcernRow): CsvValue[] {
  return [
    r.buyer,
    r.nick,
    r.platform,
    r.level,
    r.stage,
    r.concern,
    r.concernName,
    r.quote,
    r.time,
    r.agent,
    r.item,
    r.category,
    r.resolved,
    r.source,
    r.product,
    r.productId,
  ];
}

/** CSV with BOM, CRLF and formula neutralisation (see csv.ts), in chunks for a Blob. */
export function concernCsvChunks(rows: Iterable<ConcernRow>, rowsPerChunk?: number): Generator<string> {
  const values = (function* () {
    for (const r of rows) yield concernCsvValues(r);
  })();
  return csvChunks(CONCERN_CSV_HEADER, values, rowsPerChunk);
}

/**
 * The same CSV written batch by batch while rows are still being read: the head (BOM and header
 * row) first, then each batch's rows.
 */
export function concernCsvHead(): string {
  return csvChunks(CONCERN_CSV_HEADER, []).next().value ?? '';
}

export function concernCsvBody(rows: readonly ConcernRow[]): string {
  return rows.map((r) => csvRow(concernCsvValues(r))).join('');
}

/** JSON array pieces: `[`, then each batch (`first` says whether a comma is needed), then the end. */
export const CONCERN_JSON_HEAD = '[';
export const CONCERN_JSON_TAIL = '\n]\n';
export function concernJsonBody(rows: readonly ConcernRow[], first: boolean): string {
  return rows.map((r, i) => (first && i === 0 ? '\n' : ',\n') + JSON.stringify(r)).join('');
}

/** A JSON array, one row object per line, in chunks. */
export function* concernJsonChunks(rows: Iterable<ConcernRow>, rowsPerChunk = 2000): Generator<string> {
  yield CONCERN_JSON_HEAD;
  let batch: ConcernRow[] = [];
  let first = true;
  for (const r of rows) {
    batch.push(r);
    if (batch.length === rowsPerChunk) {
      yield concernJsonBody(batch, first);
      first = false;
      batch = [];
    }
  }
  yield concernJsonBody(batch, first) + CONCERN_JSON_TAIL;
}
