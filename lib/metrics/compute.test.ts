import { describe, expect, it } from 'vitest';
import type { Order } from '../schemas/order';
import { computeBuyerMetrics, LAST_ITEMS_MAX, ordersInLastDays } from './compute';
import { CountingRulesSchema, isCounted } from './rules';

let seq = 0;
function order(overrides: Partial<Order> = {}): Order {
  seq += 1;
  return {
    platform: 'taobao',
    orderId: `o${seq}`,
    buyerKey: 'buyer',
    buyerNick: null,
    status: 'completed',
    rawStatus: null,
    createdAt: '2024-05-01 09:00:00',
    paidAt: '2024-05-01 09:05:00',
    paidCents: 10000,
    refundCents: null,
    lines: [],
    sources: ['run-1'],
    ...overrides,
  };
}

describe('counting rules', () => {
  it('counts paid, shipped and completed orders and nothing else by default', () => {
    expect(isCounted(order({ status: 'paid' }))).toBe(true);
    expect(isCounted(order({ status: 'shipped' }))).toBe(true);
    expect(isCounted(order({ status: 'completed' }))).toBe(true);
    expect(isCounted(order({ status: 'awaiting_payment' }))).toBe(false);
    expect(isCounted(order({ status: 'closed' }))).toBe(false);
    expect(isCounted(order({ status: 'unknown' }))).toBe(false);
  });

  it('follows a configured status list and the missing-status switch', () => {
    const onlyCompleted = CountingRulesSchema.parse({ countedStatuses: ['completed'] });
    expect(isCounted(order({ status: 'shipped' }), onlyCompleted)).toBe(false);
    expect(isCounted(order({ status: 'completed' }), onlyCompleted)).toBe(true);
    expect(isCounted(order({ status: null }))).toBe(false);
    expect(isCounted(order({ status: null }), CountingRulesSchema.parse({ countMissingStatus: true }))).toBe(true);
  });

  it('needs a payment time unless requirePaidAt is off, then dates by creation', () => {
    const unpaidTime = order({ paidAt: null, createdAt: '2024-04-30 23:59:00' });
    expect(isCounted(unpaidTime)).toBe(false);
    const lenient = CountingRulesSchema.parse({ requirePaidAt: false });
    expect(computeBuyerMetrics([unpaidTime], lenient).paidDates).toEqual(['2024-04-30']);
    expect(isCounted(order({ paidAt: null, createdAt: null }), lenient)).toBe(false);
  });

  it('does not count an order whose refund leaves nothing paid', () => {
    expect(isCounted(order({ paidCents: 0 }))).toBe(false);
    expect(isCounted(order({ paidCents: 5000, refundCents: 5000 }))).toBe(false);
    expect(isCounted(order({ paidCents: 5000, refundCents: 4999 }))).toBe(true);
    expect(
      isCounted(
        order({ paidCents: null, lines: [{ lineId: '1', title: 'a', quantity: 1, paidCents: 800, refundCents: 800 }] }),
      ),
    ).toBe(false);
  });
});

describe('computeBuyerMetrics', () => {
  it('sums net amounts of counted orders and reports refunds separately', () => {
    const m = computeBuyerMetrics([
      order({ paidAt: '2024-03-10 10:00:00', paidCents: 30000, refundCents: 5000 }),
      order({ paidAt: '2024-01-02 08:00:00', paidCents: 10001 }),
      order({ paidAt: '2024-02-01 08:00:00', paidCents: 8000, refundCents: 8000, status: 'closed' }),
      order({ status: 'awaiting_payment', paidAt: null, paidCents: 99900 }),
    ]);
    expect(m.paidOrders).toBe(2);
    expect(m.netCents).toBe(35001);
    expect(m.aovCents).toBe(17501); // 17500.5 rounds up
    expect(m.firstPaidDate).toBe('2024-01-02');
    expect(m.lastPaidDate).toBe('2024-03-10');
    expect(m.paidDates).toEqual(['2024-01-02', '2024-03-10']);
    expect(m.refundOrders).toBe(2);
    expect(m.refundCents).toBe(13000);
    expect(m.allOrders).toBe(4);
  });

  it('gives a buyer without purchases zeros and no dates', () => {
    const m = computeBuyerMetrics([order({ status: 'awaiting_payment', paidAt: null })]);
    expect(m).toMatchObject({
      paidOrders: 0,
      netCents: 0,
      aovCents: 0,
      firstPaidDate: null,
      lastPaidDate: null,
      paidDates: [],
      allOrders: 1,
    });
  });

  it('lists the newest items first, at most 20, with their categories', () => {
    const orders = Array.from({ length: 12 }, (_, i) =>
      order({
        paidAt: `2024-05-${String(i + 1).padStart(2, '0')} 10:00:00`,
        lines: [
          { lineId: '1', title: `shirt ${i + 1}`, quantity: 1, category: i % 2 === 0 ? '女装' : '母婴' },
          { lineId: '2', title: `sock ${i + 1}`, quantity: 2 },
        ],
      }),
    );
    const m = computeBuyerMetrics(orders);
    expect(m.lastItems).toHaveLength(LAST_ITEMS_MAX);
    expect(m.lastItems[0]).toEqual({ title: 'shirt 12', date: '2024-05-12', category: '母婴' });
    expect(m.lastItems[1]).toEqual({ title: 'sock 12', date: '2024-05-12' });
    expect(m.lastItems.at(-1)?.title).toBe('sock 3');
    expect(m.categories).toEqual(['母婴', '女装']);
  });
});

describe('ordersInLastDays', () => {
  const metrics = { paidDates: ['2024-01-01', '2024-01-02', '2024-03-31', '2024-03-31', '2024-04-02'] };
  it('counts the window ending on the as-of date, inclusive', () => {
    // 2024-03-31 − 89 days = 2024-01-02
    expect(ordersInLastDays(metrics, '2024-03-31', 90)).toBe(3);
    expect(ordersInLastDays(metrics, '2024-03-31', 91)).toBe(4);
    expect(ordersInLastDays(metrics, '2024-03-31', 1)).toBe(2);
    expect(ordersInLastDays(metrics, '2024-03-30', 1)).toBe(0);
    expect(ordersInLastDays(metrics, '2024-03-31', 0)).toBe(0);
  });
});
