import { MoneyTotals, type Money } from '../money/totals';
import type { Platform } from '../schemas/common';
import { BUYER_CSV_HEADER, buyerCsvValues, type BuyerRow } from './buyer-rows';
import {
  BuyersTableRequestSchema,
  type BuyerFilters,
  type BuyersTableReply,
  type ExportRequest,
  type LoadRequest,
  type QueryRequest,
  type QueryResult,
} from './buyers-table-protocol';
import { csvChunks } from './csv';

/** The supervisor's buyers table without the page: which rows match, which window to fetch, the CSV. */

export const NO_FILTERS: BuyerFilters = { level: '', segment: '', stage: '', platform: '', q: '' };

/** Whether a row passes the filters ('' = any; level '-' = no level; segment = RFM-8 or layer). */
export function rowMatcher(filters: BuyerFilters): (r: BuyerRow) => boolean {
  const { level, segment, stage, platform } = filters;
  const q = filters.q.trim().toLowerCase();
  return (r) =>
    (!level || (level === '-' ? r.level === null : r.level === level)) &&
    (!segment || r.rfm8 === segment || r.layer === segment) &&
    (!stage || r.stage === stage) &&
    (!platform || r.platform === platform) &&
    (!q || r.nick.toLowerCase().includes(q) || r.buyer.toLowerCase().includes(q));
}

export function filterRows(rows: readonly BuyerRow[], filters: BuyerFilters): BuyerRow[] {
  return rows.filter(rowMatcher(filters));
}

/** Distinct platforms in order of first appearance. */
export function distinctPlatforms(rows: readonly BuyerRow[]): Platform[] {
  const seen = new Set<Platform>();
  for (const r of rows) seen.add(r.platform);
  return [...seen];
}

/** Windows are whole blocks, so scrolling within a block asks nothing new. */
export const WINDOW_BLOCK = 50;
/** Rows fetched ahead of the virtualizer's range in both directions, so slow scrolling never shows gaps. */
export const WINDOW_LEAD = 25;

export interface RowWindow {
  start: number;
  end: number;
}

/** The block-aligned window to fetch for the virtualizer's range [first, last] (overscan included). */
export function windowFor(first: number, last: number): RowWindow {
  const from = Math.max(0, first - WINDOW_LEAD);
  const to = Math.max(from, last + WINDOW_LEAD);
  return {
    start: Math.floor(from / WINDOW_BLOCK) * WINDOW_BLOCK,
    end: (Math.floor(to / WINDOW_BLOCK) + 1) * WINDOW_BLOCK,
  };
}

/** Whether a fetched window still holds the range [first, last] (without the lead). */
export function windowCovers(w: RowWindow, first: number, last: number): boolean {
  return w.start <= first && last < w.end;
}

/** The row shown at a position of the matching rows, when the answer holds it. */
export function rowAt(result: Pick<QueryResult, 'start' | 'rows'> | null, position: number): BuyerRow | undefined {
  if (!result || position < result.start) return undefined;
  return result.rows[position - result.start];
}

/** The file the page downloads: the same bytes downloadChunks makes (UTF-8 with BOM, CRLF). */
export function buyersCsvBlob(rows: readonly BuyerRow[]): Blob {
  return new Blob([...csvChunks(BUYER_CSV_HEADER, rows.map(buyerCsvValues))], { type: 'text/csv;charset=utf-8' });
}

/** Rows with the last filter's matches kept, so scrolling only slices. */
export class BuyersTableState {
  private rows: readonly BuyerRow[] = [];
  private platforms: Platform[] = [];
  private matched: { key: string; rows: BuyerRow[]; netTotals: Money[] | null } | null = null;

  /** False when `rows` are the rows already held. */
  setRows(rows: readonly BuyerRow[]): boolean {
    if (rows === this.rows) return false;
    this.rows = rows;
    this.platforms = distinctPlatforms(rows);
    this.matched = null;
    return true;
  }

  private matching(filters: BuyerFilters): BuyerRow[] {
    const key = JSON.stringify([
      filters.level,
      filters.segment,
      filters.stage,
      filters.platform,
      filters.q.trim().toLowerCase(),
    ]);
    if (this.matched?.key !== key) this.matched = { key, rows: filterRows(this.rows, filters), netTotals: null };
    return this.matched.rows;
  }

  /** What the matching buyers spent, one sum per currency (never one sum of several). */
  private netTotals(): Money[] {
    const matched = this.matched!;
    if (!matched.netTotals) {
      const totals = new MoneyTotals();
      for (const r of matched.rows) {
        totals.add(r.currency, r.netCents);
        totals.addAll(r.otherNet);
      }
      matched.netTotals = totals.amounts();
    }
    return matched.netTotals;
  }

  query(q: Omit<QueryRequest, 'type'>): QueryResult {
    const rows = this.matching(q.filters);
    const start = Math.min(q.start, rows.length);
    return {
      type: 'result',
      seq: q.seq,
      total: rows.length,
      all: this.rows.length,
      platforms: this.platforms,
      start,
      rows: rows.slice(start, Math.max(start, q.end)),
      netTotals: this.netTotals(),
    };
  }

  exportCsv(filters: BuyerFilters): Blob {
    return buyersCsvBlob(this.matching(filters));
  }
}

/** Where rows come from: calls `onRows` for the load's data now and whenever that data changes; returns a stop. */
export type RowSource = (
  load: LoadRequest,
  onRows: (rows: readonly BuyerRow[]) => void,
  onError: (error: unknown) => void,
) => () => void;

/**
 * The worker's side of the protocol, given a source of rows: queries and exports wait for the
 * newest load, answers to queries already overtaken by a newer one are skipped.
 */
export function createBuyersTableService(
  source: RowSource,
  post: (reply: BuyersTableReply) => void,
): { receive(data: unknown): Promise<void> } {
  const state = new BuyersTableState();
  let settle!: () => void;
  let ready = new Promise<void>((resolve) => (settle = resolve));
  let stop: (() => void) | undefined;
  let loads = 0;
  let latestSeq = -1;

  const load = (request: LoadRequest) => {
    stop?.();
    const load = ++loads;
    const previous = settle;
    let done!: () => void;
    ready = new Promise((resolve) => (done = resolve));
    settle = done;
    // Whoever waited for the previous load now waits for this one (see settled).
    previous();
    let first = true;
    stop = source(
      request,
      (rows) => {
        if (load !== loads) return;
        // A new load is answered by the page's next query; later changes have to be announced.
        if (state.setRows(rows) && !first) post({ type: 'changed' });
        first = false;
        done();
      },
      (error) => {
        if (load !== loads) return;
        state.setRows([]);
        done();
        post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
  };

  // The newest load's rows, even when another load starts while waiting.
  const settled = async () => {
    let seen: Promise<void>;
    do {
      seen = ready;
      await seen;
    } while (seen !== ready);
  };

  const query = async (request: QueryRequest) => {
    latestSeq = Math.max(latestSeq, request.seq);
    await settled();
    if (request.seq < latestSeq) return;
    post(state.query(request));
  };

  const exportCsv = async (request: ExportRequest) => {
    await settled();
    post({ type: 'csv', id: request.id, blob: state.exportCsv(request.filters) });
  };

  return {
    async receive(data: unknown) {
      const parsed = BuyersTableRequestSchema.safeParse(data);
      if (!parsed.success) return post({ type: 'failed', message: 'Invalid buyers table message' });
      const request = parsed.data;
      if (request.type === 'load') return load(request);
      if (request.type === 'query') return query(request);
      return exportCsv(request);
    },
  };
}
