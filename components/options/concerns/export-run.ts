import { lastItemAndCategory, type Categorizer } from '@/lib/categories/table';
import { getBuyers } from '@/lib/db/buyer-store';
import type { HuitoukeDb } from '@/lib/db/database';
import type { BuyerRecord, ConcernRecord } from '@/lib/db/records';
import { addDays } from '@/lib/dates/local-date';
import {
  CONCERN_JSON_HEAD,
  CONCERN_JSON_TAIL,
  concernCsvBody,
  concernCsvHead,
  concernJsonBody,
  concernRow,
  recordMatches,
  rowMatches,
  type ConcernBuyer,
  type ConcernFilter,
  type ConcernRowContext,
} from '@/lib/export/concerns';
import { epochAt } from '@/lib/reminders/time';

export const EXPORT_BATCH = 1000;

/** Concern records passing the filters that need no buyer (date, concern, platform), oldest first. */
export async function matchingRecords(db: HuitoukeDb, f: ConcernFilter, timeZone: string): Promise<ConcernRecord[]> {
  // `at` is indexed; widen by a day on each side and let the shop-local date decide exactly.
  const lo = f.from ? epochAt(addDays(f.from, -1), 0, timeZone) : -Infinity;
  const hi = f.to ? epochAt(addDays(f.to, 2), 0, timeZone) : Infinity;
  const base = f.from || f.to ? db.concerns.where('at').between(lo, hi, true, false) : db.concerns.orderBy('at');
  return base.filter((r) => recordMatches(r, f)).toArray();
}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface ExportOutcome {
  parts: string[];
  rows: number;
}

/**
 * Build the export a batch at a time: read the batch's buyers, derive rows, apply the buyer-side
 * filters (level, stage, category), and append the batch's text. The page stays responsive and
 * shows progress; the pieces go into a Blob without ever being joined into one string.
 */
export async function runConcernExport(
  db: HuitoukeDb,
  records: readonly ConcernRecord[],
  f: ConcernFilter,
  ctx: ConcernRowContext,
  format: 'csv' | 'json',
  onProgress: (done: number, total: number) => void,
  categorizer: Categorizer,
): Promise<ExportOutcome> {
  const parts = [format === 'csv' ? concernCsvHead() : CONCERN_JSON_HEAD];
  const buyers = new Map<string, ConcernBuyer | undefined>();
  let rows = 0;
  for (let i = 0; i < records.length; i += EXPORT_BATCH) {
    const batch = records.slice(i, i + EXPORT_BATCH);
    const missing = [...new Set(batch.map((r) => r.buyerId))].filter((id) => !buyers.has(id));
    const found = await getBuyers(db, missing);
    missing.forEach((id, k) => buyers.set(id, toBuyer(found[k], categorizer)));
    const out = batch.map((r) => concernRow(r, buyers.get(r.buyerId), ctx)).filter((row) => rowMatches(row, f));
    if (out.length) parts.push(format === 'csv' ? concernCsvBody(out) : concernJsonBody(out, rows === 0));
    rows += out.length;
    onProgress(Math.min(i + EXPORT_BATCH, records.length), records.length);
    await yieldToPage();
  }
  if (format === 'json') parts.push(CONCERN_JSON_TAIL);
  return { parts, rows };
}

function toBuyer(rec: BuyerRecord | undefined, categorizer: Categorizer): ConcernBuyer | undefined {
  return rec && !rec.deletedAt
    ? { nick: rec.nick, metrics: rec.metrics, latest: lastItemAndCategory(rec.orders, categorizer) }
    : undefined;
}
