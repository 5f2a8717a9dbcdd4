import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyBuyerIndex, upsertIndex } from '../db/buyer-index';
import { HuitoukeDb } from '../db/database';
import { SETTINGS_KEY } from '../db/settings';
import { DEFAULT_PROFILE_SETTINGS } from '../metrics/profile';
import type { BuyerMetrics } from '../schemas/buyer';
import { SegmentModelSchema } from '../segments/model';
import { createBuyersTableService, NO_FILTERS } from './buyers-table';
import type { BuyersTableReply } from './buyers-table-protocol';
import { databaseRowSource } from './buyers-table-source';

const open: HuitoukeDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

const metrics = (paidOrders: number, netCents: number, last: string): BuyerMetrics => ({
  paidOrders,
  netCents,
  aovCents: Math.round(netCents / paidOrders),
  firstPaidDate: last,
  lastPaidDate: last,
  paidDates: [last],
  refundOrders: 0,
  refundCents: 0,
  allOrders: paidOrders,
  lastItems: [],
  categories: [],
});
const indexOf = (n: number) =>
  upsertIndex(
    emptyBuyerIndex(),
    Array.from({ length: n }, (_, i) => ({
      id: `taobao:b${i}`,
      nick: `买家${i}`,
      platform: 'taobao' as const,
      metrics: metrics(1 + (i % 3), 1000 * (i + 1), '2025-05-01'),
    })),
  );
const LOAD = { type: 'load', asOf: '2025-06-01', profile: DEFAULT_PROFILE_SETTINGS } as const;

async function setup(value: unknown) {
  const db = new HuitoukeDb(`test-${Math.random().toString(36).slice(2)}`);
  open.push(db);
  await db.settings.put({ key: SETTINGS_KEY.buyerIndex, value, updatedAt: 1 });
  const replies: BuyersTableReply[] = [];
  const service = createBuyersTableService(databaseRowSource(db), (r) => replies.push(r));
  const query = async (seq: number) => {
    await service.receive({ type: 'query', seq, filters: NO_FILTERS, start: 0, end: 50 });
    const reply = replies.findLast((r) => r.type === 'result' && r.seq === seq);
    if (reply?.type !== 'result') throw new Error('no answer');
    return reply;
  };
  return { db, replies, service, query };
}

describe('rows from the extension database', () => {
  it('derives the stored buyers, building and storing the segment model the date needs', async () => {
    const { db, service, query } = await setup(indexOf(5));
    void service.receive(LOAD);
    const answer = await query(1);
    expect(answer).toMatchObject({ all: 5, total: 5, platforms: ['taobao'] });
    expect(answer.rows.map((r) => r.nick)).toEqual(['买家0', '买家1', '买家2', '买家3', '买家4']);
    expect(answer.rows.every((r) => r.recencyDays === 31 && r.stage === 'active')).toBe(true);
    const model = SegmentModelSchema.parse((await db.settings.get(SETTINGS_KEY.segmentModel))?.value);
    expect(model).toMatchObject({ asOf: '2025-06-01', buyers: 5 });
  });

  it('says the rows changed when an import stores a new index, and answers from it', async () => {
    const { db, replies, service, query } = await setup(indexOf(5));
    void service.receive(LOAD);
    expect((await query(1)).all).toBe(5);
    await db.settings.put({ key: SETTINGS_KEY.buyerIndex, value: indexOf(8), updatedAt: 2 });
    await vi.waitFor(() => expect(replies).toContainEqual({ type: 'changed' }));
    expect((await query(2)).all).toBe(8);
  });

  it('an index whose columns disagree in length shows no buyers', async () => {
    const broken = { ...indexOf(4), nicks: ['only one'] };
    const { service, query } = await setup(broken);
    void service.receive(LOAD);
    expect(await query(1)).toMatchObject({ all: 0, total: 0, rows: [] });
  });
});
