import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE_SETTINGS } from '../../lib/metrics/profile';
import type { Order } from '../../lib/schemas/order';
import { analyzeOrders } from './analyze-core';

function order(overrides: Partial<Order>): Order {
  return {
    platform: 'taobao',
    orderId: 'x',
    buyerKey: 'k',
    buyerNick: null,
    status: 'completed',
    rawStatus: null,
    createdAt: '2024-06-01 10:00:00',
    paidAt: '2024-06-01 10:00:00',
    paidCents: 12_345,
    refundCents: null,
    lines: [],
    sources: [],
    ...overrides,
  };
}

describe('analyzeOrders', () => {
  const { rows, model, ordersWithoutBuyer } = analyzeOrders(
    [
      order({ orderId: '1', buyerKey: 'amy' }),
      order({ orderId: '2', buyerKey: 'amy', paidAt: '2024-01-10 10:00:00', paidCents: 30_000, refundCents: 10_000 }),
      order({ orderId: '3', buyerKey: 'bob', status: 'awaiting_payment', paidAt: null }),
      order({ orderId: '4', buyerKey: 'amy', platform: 'jd' }),
      order({ orderId: '5', buyerKey: null }),
    ],
    '2024-06-30',
    DEFAULT_PROFILE_SETTINGS,
  );

  it('keeps the same buyer key on two platforms apart and skips orders without a buyer', () => {
    expect(rows.map((r) => `${r.platform}:${r.buyer}`)).toEqual(['jd:amy', 'taobao:amy', 'taobao:bob']);
    expect(ordersWithoutBuyer).toBe(1);
    expect(model.buyers).toBe(2);
  });

  it('reports money in yuan and dates as the buyer sees them', () => {
    expect(rows[1]).toMatchObject({
      buyer: 'amy',
      paidOrders: 2,
      netTotal: 323.45,
      aov: 161.73,
      firstPaidDate: '2024-01-10',
      lastPaidDate: '2024-06-01',
      recencyDays: 29,
      stage: 'active',
      level: 'VIP2',
    });
  });

  it('lists a buyer who never paid as a prospect without level or segment', () => {
    expect(rows[2]).toMatchObject({
      buyer: 'bob',
      paidOrders: 0,
      netTotal: 0,
      recencyDays: null,
      stage: 'prospect',
      level: null,
      rfm: null,
      rfm8: null,
      layer: null,
    });
  });
});
