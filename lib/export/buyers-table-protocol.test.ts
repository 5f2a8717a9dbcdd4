import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE_SETTINGS } from '../metrics/profile';
import type { BuyerRow } from './buyer-rows';
import { BuyersTableReplySchema, BuyersTableRequestSchema, MAX_WINDOW_ROWS } from './buyers-table-protocol';

const filters = { level: '', segment: '', stage: '', platform: '', q: '' };
const row: BuyerRow = {
  index: 0,
  buyer: 'b',
  nick: 'n',
  platform: 'taobao',
  paidOrders: 1,
  currency: 'CNY',
  netCents: 100,
  aovCents: 100,
  otherNet: [],
  firstPaidDate: null,
  lastPaidDate: null,
  recencyDays: null,
  stage: 'prospect',
  level: null,
  rfm: null,
  rfm8: null,
  layer: null,
};

describe('buyers table messages', () => {
  it('accepts the three requests the page sends', () => {
    for (const msg of [
      { type: 'load', asOf: '2025-06-01', profile: DEFAULT_PROFILE_SETTINGS },
      {
        type: 'query',
        seq: 3,
        filters: { ...filters, stage: 'silent', platform: 'jd', level: '-', q: '王' },
        start: 100,
        end: 150,
      },
      { type: 'export', id: 4, filters },
    ])
      expect(BuyersTableRequestSchema.safeParse(msg).success, msg.type).toBe(true);
  });

  it('rejects malformed requests', () => {
    const bad: unknown[] = [
      null,
      'query',
      { type: 'drop', filters },
      { type: 'load', asOf: '2025/06/01', profile: DEFAULT_PROFILE_SETTINGS },
      { type: 'load', asOf: '2025-06-01', profile: { ladder: { levels: [] } } },
      { type: 'query', seq: -1, filters, start: 0, end: 10 },
      { type: 'query', seq: 1, filters, start: 20, end: 10 },
      { type: 'query', seq: 1, filters, start: 0, end: MAX_WINDOW_ROWS + 1 },
      { type: 'query', seq: 1, filters, start: 0, end: 200_000 },
      { type: 'query', seq: 1, filters: { ...filters, stage: 'asleep' }, start: 0, end: 10 },
      { type: 'query', seq: 1, filters: { ...filters, platform: 'ebay' }, start: 0, end: 10 },
      { type: 'query', seq: 1, filters: { level: '' }, start: 0, end: 10 },
      { type: 'export', id: 1.5, filters },
    ];
    for (const msg of bad) expect(BuyersTableRequestSchema.safeParse(msg).success, JSON.stringify(msg)).toBe(false);
  });

  it('accepts answers within a window and rejects ones carrying more rows than a window', () => {
    const answer = {
      type: 'result',
      seq: 1,
      total: 1,
      all: 1,
      platforms: ['taobao'],
      start: 0,
      rows: [row],
      netTotals: [{ currency: 'CNY', cents: 100 }],
    };
    expect(BuyersTableReplySchema.safeParse(answer).success).toBe(true);
    expect(BuyersTableReplySchema.safeParse({ ...answer, rows: Array(MAX_WINDOW_ROWS + 1).fill(row) }).success).toBe(
      false,
    );
    expect(BuyersTableReplySchema.safeParse({ ...answer, rows: [{ ...row, stage: 'gone' }] }).success).toBe(false);
    expect(BuyersTableReplySchema.safeParse({ type: 'csv', id: 1, blob: new Blob(['x']) }).success).toBe(true);
    expect(BuyersTableReplySchema.safeParse({ type: 'csv', id: 1, blob: 'x' }).success).toBe(false);
  });
});
