import { describe, expect, it } from 'vitest';
import type { Order } from '../schemas/order';
import { BuyerTally, OrderKeySet } from './buyer-tally';
import { computeBuyerMetrics } from './compute';

function order(id: number, overrides: Partial<Order> = {}): Order {
  const day = String(1 + (id % 28)).padStart(2, '0');
  return {
    platform: 'taobao', orderId: String(id), buyerKey: `b${id % 7}`, buyerNick: null, status: id % 5 === 0 ? 'closed' : 'completed', rawStatus: null,
    createdAt: `2025-0${1 + (id % 9)}-${day} 10:00:00`, paidAt: id % 11 === 0 ? null : `2025-0${1 + (id % 9)}-${day} 10:00:00`,
    paidCents: 1000 + id, refundCents: id % 13 === 0 ? 1000 + id : null, lines: [], sources: [], ...overrides,
  };
}

describe('BuyerTally', () => {
  const orders = Array.from({ length: 300 }, (_, i) => order(i));
  orders.push(order(300, { buyerKey: null }));

  it('sums each buyer as computeBuyerMetrics does from all their orders', () => {
    const tally = new BuyerTally();
    for (const o of orders) tally.add(o);
    expect(tally.orders).toBe(301);
    expect(tally.ordersWithoutBuyer).toBe(1);
    for (const [key, totals] of tally.buyers) {
      const metrics = computeBuyerMetrics(orders.filter((o) => `taobao:${o.buyerKey}` === key));
      expect(totals).toEqual({
        platform: 'taobao', buyerKey: key.slice(7), paidOrders: metrics.paidOrders, netCents: metrics.netCents,
        firstPaidDate: metrics.firstPaidDate, lastPaidDate: metrics.lastPaidDate,
      });
    }
  });

  it('merges tallies of parts, directly or through the wire form, into the tally of the whole', () => {
    const whole = new BuyerTally();
    for (const o of orders) whole.add(o);
    const a = new BuyerTally();
    const b = new BuyerTally();
    const c = new BuyerTally();
    orders.forEach((o, i) => [a, b, c][i % 3]!.add(o));
    a.merge(b);
    a.merge(structuredClone(c.toWire()));
    expect(a.orders).toBe(whole.orders);
    expect(a.ordersWithoutBuyer).toBe(whole.ordersWithoutBuyer);
    expect(new Map([...a.buyers].sort())).toEqual(new Map([...whole.buyers].sort()));
  });
});

describe('OrderKeySet', () => {
  it('tells a key seen before from a new one, across growth and a copy between threads', () => {
    const set = new OrderKeySet(4);
    for (let i = 0; i < 5000; i++) expect(set.add(`taobao:${i}`)).toBe(false);
    expect(set.size).toBe(5000);
    for (let i = 0; i < 5000; i += 7) expect(set.add(`taobao:${i}`)).toBe(true);
    const copy = OrderKeySet.fromArray(set.toArray());
    expect(copy.has('taobao:4999')).toBe(true);
    expect(copy.has('jd:4999')).toBe(false);
    expect(copy.add('taobao:5000')).toBe(false);
  });
});
