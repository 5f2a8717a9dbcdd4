import { describe, expect, it } from 'vitest';
import { buyerIndexOrEmpty, emptyBuyerIndex, indexPopulation, upsertIndex } from '../db/buyer-index';
import { DEFAULT_PROFILE_SETTINGS } from '../metrics/profile';
import { buildSegmentModel } from '../segments/model';
import { deriveBuyerRows, type BuyerRow } from './buyer-rows';
import {
  BuyersTableState,
  createBuyersTableService,
  filterRows,
  NO_FILTERS,
  rowAt,
  windowCovers,
  windowFor,
  WINDOW_BLOCK,
  type RowSource,
} from './buyers-table';
import { MAX_WINDOW_ROWS, type BuyerFilters, type BuyersTableReply, type LoadRequest } from './buyers-table-protocol';

function row(index: number, over: Partial<BuyerRow> = {}): BuyerRow {
  return {
    index,
    buyer: `b${index}`,
    nick: `nick${index}`,
    platform: 'taobao',
    paidOrders: 1,
    currency: 'CNY',
    netCents: 1000,
    aovCents: 1000,
    otherNet: [],
    firstPaidDate: '2025-01-01',
    lastPaidDate: '2025-01-01',
    recencyDays: 10,
    stage: 'active',
    level: 'VIP1',
    rfm: null,
    rfm8: null,
    layer: null,
    ...over,
  };
}
const f = (over: Partial<BuyerFilters>): BuyerFilters => ({ ...NO_FILTERS, ...over });
const ids = (rows: readonly BuyerRow[]) => rows.map((r) => r.index);

describe('filtering the buyers table', () => {
  const rows = [
    row(0, { nick: '小王 ABC', level: null, stage: 'prospect' }),
    row(1, { buyer: 'Alice-Shop', nick: '阿丽', rfm8: 'important_value', layer: 'gold', platform: 'jd' }),
    row(2, { level: 'VIP2', rfm8: 'general_keep', layer: 'normal', stage: 'silent' }),
    row(3, { nick: 'abcde', level: 'VIP2', rfm8: 'important_keep', layer: 'gold', stage: 'silent', platform: 'jd' }),
  ];

  it('keeps every row without filters', () => {
    expect(ids(filterRows(rows, NO_FILTERS))).toEqual([0, 1, 2, 3]);
  });

  it("level '-' keeps buyers without a level; a level id keeps that level only", () => {
    expect(ids(filterRows(rows, f({ level: '-' })))).toEqual([0]);
    expect(ids(filterRows(rows, f({ level: 'VIP2' })))).toEqual([2, 3]);
  });

  it('segment matches the RFM-8 segment or the layer', () => {
    expect(ids(filterRows(rows, f({ segment: 'gold' })))).toEqual([1, 3]);
    expect(ids(filterRows(rows, f({ segment: 'important_keep' })))).toEqual([3]);
  });

  it('search looks in nick and buyer key, ignoring case and surrounding spaces', () => {
    expect(ids(filterRows(rows, f({ q: '  ABC ' })))).toEqual([0, 3]);
    expect(ids(filterRows(rows, f({ q: 'alice' })))).toEqual([1]);
    expect(ids(filterRows(rows, f({ q: 'zzz' })))).toEqual([]);
  });

  it('filters combine', () => {
    expect(ids(filterRows(rows, f({ stage: 'silent', platform: 'jd' })))).toEqual([3]);
    expect(ids(filterRows(rows, f({ stage: 'silent', segment: 'normal', q: 'nick' })))).toEqual([2]);
  });
});

describe('the window the page asks for', () => {
  it('holds the visible range with rows to spare, in whole blocks', () => {
    for (const [first, last] of [
      [0, 0],
      [0, 30],
      [37, 80],
      [1234, 1270],
      [199_960, 199_999],
    ] as const) {
      const w = windowFor(first, last);
      expect(windowCovers(w, first, last)).toBe(true);
      expect(w.start % WINDOW_BLOCK).toBe(0);
      expect(w.end % WINDOW_BLOCK).toBe(0);
      expect(w.end - w.start).toBeLessThanOrEqual(MAX_WINDOW_ROWS);
      // Scrolling a little further still finds rows already fetched.
      expect(windowCovers(w, Math.max(0, first - 10), last + 10)).toBe(true);
    }
  });

  it('is asked again once the range leaves it', () => {
    const w = windowFor(100, 130);
    expect(windowCovers(w, 100 + 3 * WINDOW_BLOCK, 130 + 3 * WINDOW_BLOCK)).toBe(false);
    expect(windowCovers(w, 0, 10)).toBe(false);
  });
});

describe('answering queries from the rows kept in the worker', () => {
  const rows = Array.from({ length: 1000 }, (_, i) =>
    row(i, { stage: i % 4 === 0 ? 'silent' : 'active', platform: i < 10 ? 'jd' : 'taobao' }),
  );

  it('answers counts, the distinct platforms and only the asked window', () => {
    const state = new BuyersTableState();
    state.setRows(rows);
    const result = state.query({ seq: 7, filters: f({ stage: 'silent' }), start: 50, end: 100 });
    expect(result).toMatchObject({ seq: 7, total: 250, all: 1000, platforms: ['jd', 'taobao'], start: 50 });
    expect(ids(result.rows)).toEqual(Array.from({ length: 50 }, (_, k) => (50 + k) * 4));
    expect(rowAt(result, 51)?.index).toBe(204);
    expect(rowAt(result, 49)).toBeUndefined();
    expect(rowAt(result, 100)).toBeUndefined();
  });

  it('a window past the end is cut to the rows there are', () => {
    const state = new BuyersTableState();
    state.setRows(rows);
    const result = state.query({ seq: 1, filters: f({ platform: 'jd' }), start: 0, end: 50 });
    expect(result.total).toBe(10);
    expect(result.rows).toHaveLength(10);
    const beyond = state.query({ seq: 2, filters: f({ platform: 'jd' }), start: 200, end: 250 });
    expect(beyond).toMatchObject({ total: 10, start: 10, rows: [] });
  });

  it('a stored value with columns of unequal length reads as no buyers, not as a crash', () => {
    const index = upsertIndex(emptyBuyerIndex(), [
      {
        id: 'taobao:a',
        nick: 'a',
        platform: 'taobao',
        metrics: {
          paidOrders: 1,
          netCents: 100,
          aovCents: 100,
          firstPaidDate: '2025-01-01',
          lastPaidDate: '2025-01-01',
          refundOrders: 0,
        },
      },
    ]);
    const model = buildSegmentModel(indexPopulation(index), '2025-06-01');
    const good = deriveBuyerRows(
      buyerIndexOrEmpty(structuredClone(index)),
      DEFAULT_PROFILE_SETTINGS,
      model,
      '2025-06-01',
    );
    expect(good.map((r) => r.buyer)).toEqual(['a']);
    const broken = { ...structuredClone(index), nicks: [] };
    expect(deriveBuyerRows(buyerIndexOrEmpty(broken), DEFAULT_PROFILE_SETTINGS, model, '2025-06-01')).toEqual([]);
  });
});

/** A source whose rows the test hands out by hand, per load. */
function manualSource() {
  const loads: Array<{
    load: LoadRequest;
    emit: (rows: readonly BuyerRow[]) => void;
    fail: (e: unknown) => void;
    stopped: boolean;
  }> = [];
  const source: RowSource = (load, onRows, onError) => {
    const entry = { load, emit: onRows, fail: onError, stopped: false };
    loads.push(entry);
    return () => void (entry.stopped = true);
  };
  return { source, loads };
}
const LOAD = { type: 'load', asOf: '2025-06-01', profile: DEFAULT_PROFILE_SETTINGS } as const;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the worker side of the protocol', () => {
  const rows = Array.from({ length: 300 }, (_, i) => row(i, { nick: i % 2 ? `odd${i}` : `even${i}` }));

  it('answers a query once the load has rows, and only the newest of queries waiting', async () => {
    const { source, loads } = manualSource();
    const replies: BuyersTableReply[] = [];
    const service = createBuyersTableService(source, (r) => replies.push(r));
    void service.receive(LOAD);
    void service.receive({ type: 'query', seq: 1, filters: NO_FILTERS, start: 0, end: 50 });
    void service.receive({ type: 'query', seq: 2, filters: f({ q: 'odd' }), start: 0, end: 50 });
    await flush();
    expect(replies).toEqual([]);
    loads[0]!.emit(rows);
    await flush();
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ type: 'result', seq: 2, total: 150, all: 300 });
  });

  it('a second load while the first is still loading answers from the second', async () => {
    const { source, loads } = manualSource();
    const replies: BuyersTableReply[] = [];
    const service = createBuyersTableService(source, (r) => replies.push(r));
    void service.receive(LOAD);
    void service.receive({ type: 'query', seq: 1, filters: NO_FILTERS, start: 0, end: 50 });
    void service.receive({ ...LOAD, asOf: '2025-06-02' });
    expect(loads[0]!.stopped).toBe(true);
    loads[0]!.emit(rows.slice(0, 5));
    await flush();
    expect(replies).toEqual([]);
    loads[1]!.emit(rows);
    await flush();
    expect(replies).toEqual([expect.objectContaining({ type: 'result', seq: 1, all: 300 })]);
  });

  it('says when the rows change under a load, so the page asks again', async () => {
    const { source, loads } = manualSource();
    const replies: BuyersTableReply[] = [];
    const service = createBuyersTableService(source, (r) => replies.push(r));
    void service.receive(LOAD);
    loads[0]!.emit(rows);
    loads[0]!.emit(rows);
    expect(replies).toEqual([]);
    loads[0]!.emit(rows.slice(0, 10));
    expect(replies).toEqual([{ type: 'changed' }]);
    await service.receive({ type: 'query', seq: 3, filters: NO_FILTERS, start: 0, end: 50 });
    expect(replies[1]).toMatchObject({ type: 'result', all: 10, total: 10 });
  });

  it('exports the matching rows as the same UTF-8 CSV with BOM the page used to build', async () => {
    const { source, loads } = manualSource();
    const replies: BuyersTableReply[] = [];
    const service = createBuyersTableService(source, (r) => replies.push(r));
    void service.receive(LOAD);
    loads[0]!.emit(rows);
    await service.receive({ type: 'export', id: 9, filters: f({ q: 'ODD1' }) });
    const reply = replies[0]!;
    if (reply.type !== 'csv') throw new Error(`expected csv, got ${reply.type}`);
    expect(reply.id).toBe(9);
    expect(reply.blob.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await reply.blob.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.subarray(3)).split('\r\n');
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['buyer', 'nick', 'platform']);
    const nicks = lines.slice(1, -1).map((l) => l.split(',')[1]);
    expect(nicks).toEqual(rows.filter((r) => r.nick.startsWith('odd1')).map((r) => r.nick));
    expect(lines.at(-1)).toBe('');
  });

  it('rejects messages that are not part of the protocol, and never sends a window larger than allowed', async () => {
    const { source, loads } = manualSource();
    const replies: BuyersTableReply[] = [];
    const service = createBuyersTableService(source, (r) => replies.push(r));
    void service.receive(LOAD);
    loads[0]!.emit(rows);
    await service.receive({ type: 'query', seq: 1, filters: NO_FILTERS, start: 0, end: MAX_WINDOW_ROWS + 1 });
    await service.receive('load');
    expect(replies).toEqual([
      { type: 'failed', message: expect.any(String) },
      { type: 'failed', message: expect.any(String) },
    ]);
  });

  it('a failing source is reported and leaves an empty table', async () => {
    const { source, loads } = manualSource();
    const replies: BuyersTableReply[] = [];
    const service = createBuyersTableService(source, (r) => replies.push(r));
    void service.receive(LOAD);
    loads[0]!.fail(new Error('database closed'));
    await service.receive({ type: 'query', seq: 1, filters: NO_FILTERS, start: 0, end: 50 });
    expect(replies).toEqual([
      { type: 'failed', message: 'database closed' },
      expect.objectContaining({ type: 'result', all: 0, total: 0 }),
    ]);
  });
});

describe('the buyers table totals', () => {
  it('sum the matching buyers per currency, never across currencies', () => {
    const state = new BuyersTableState();
    state.setRows([
      row(0, { netCents: 73_800 }),
      row(1, { platform: 'shopee', currency: 'MYR', netCents: 134_890 }),
      row(2, { platform: 'shopify', currency: 'USD', netCents: 5_000, otherNet: [{ currency: 'MYR', cents: 8_800 }] }),
    ]);
    const all = { level: '', segment: '', stage: '', platform: '', q: '' } as const;
    expect(state.query({ seq: 1, filters: all, start: 0, end: 10 }).netTotals).toEqual([
      { currency: 'CNY', cents: 73_800 },
      { currency: 'MYR', cents: 143_690 },
      { currency: 'USD', cents: 5_000 },
    ]);
    expect(state.query({ seq: 2, filters: { ...all, platform: 'shopee' }, start: 0, end: 10 }).netTotals).toEqual([
      { currency: 'MYR', cents: 134_890 },
    ]);
  });
});

describe('the buyer index and currencies', () => {
  const metrics = (over: object) => ({
    paidOrders: 1,
    netCents: 100,
    aovCents: 100,
    firstPaidDate: '2025-01-01',
    lastPaidDate: '2025-01-01',
    refundOrders: 0,
    ...over,
  });

  it("keeps each buyer's currency and other currencies, and an index stored before currencies reads as CNY", () => {
    const old = upsertIndex(emptyBuyerIndex(), [
      { id: 'taobao:a', nick: 'a', platform: 'taobao', metrics: metrics({}) },
    ]);
    expect(old.currency).toBeUndefined();
    const stored = buyerIndexOrEmpty(JSON.parse(JSON.stringify(old)));
    expect(
      deriveBuyerRows(
        stored,
        DEFAULT_PROFILE_SETTINGS,
        buildSegmentModel(indexPopulation(stored), '2025-02-01'),
        '2025-02-01',
      )[0],
    ).toMatchObject({ currency: 'CNY', otherNet: [] });

    upsertIndex(stored, [
      {
        id: 'shopify:b',
        nick: 'b',
        platform: 'shopify',
        metrics: metrics({
          currency: 'USD',
          netCents: 5_000,
          otherMoney: [{ currency: 'MYR', paidOrders: 1, netCents: 8_800, refundCents: 0 }],
        }),
      },
    ]);
    const again = buyerIndexOrEmpty(JSON.parse(JSON.stringify(stored)));
    expect(again.currency).toEqual(['', 'USD']);
    const rows = deriveBuyerRows(
      again,
      DEFAULT_PROFILE_SETTINGS,
      buildSegmentModel(indexPopulation(again), '2025-02-01'),
      '2025-02-01',
    );
    expect(rows.map((r) => [r.currency, r.netCents, r.otherNet])).toEqual([
      ['CNY', 100, []],
      ['USD', 5_000, [{ currency: 'MYR', cents: 8_800 }]],
    ]);
  });
});
