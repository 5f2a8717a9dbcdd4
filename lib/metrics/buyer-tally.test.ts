import { describe, expect, it } from 'vitest';
import type { Order } from '../schemas/order';
import { BuyerTally, OrderKeySet, totalsMetrics, type BuyerTotals } from './buyer-tally';
import { computeBuyerMetrics } from './compute';

function order(id: number, overrides: Partial<Order> = {}): Order {
  const day = String(1 + (id % 28)).padStart(2, '0');
  return {
    platform: 'taobao',
    orderId: String(id),
    buyerKey: `b${id % 7}`,
    buyerNick: null,
    status: id % 5 === 0 ? 'closed' : 'completed',
    rawStatus: null,
    createdAt: `2025-0${1 + (id % 9)}-${day} 10:00:00`,
    paidAt: id % 11 === 0 ? null : `2025-0${1 + (id % 9)}-${day} 10:00:00`,
    paidCents: 1000 + id,
    refundCents: id % 13 === 0 ? 1000 + id : null,
    lines: [],
    sources: [],
    // Most buyers pay in CNY (no currency) and some orders in MYR or THB.
    ...(id % 3 === 0 ? { currency: 'MYR' } : id % 17 === 0 ? { currency: 'THB' } : {}),
    ...overrides,
  };
}

/** A tally's buyers in a form that does not depend on the order orders were added in. */
function view(tally: BuyerTally): Map<string, BuyerTotals> {
  return new Map(
    [...tally.buyers]
      .sort()
      .map(([key, b]) => [key, { ...b, money: [...b.money].sort((x, y) => (x.currency < y.currency ? -1 : 1)) }]),
  );
}

describe('BuyerTally', () => {
  const orders = Array.from({ length: 300 }, (_, i) => order(i));
  orders.push(order(300, { buyerKey: null }));

  it("sums each buyer as computeBuyerMetrics does from all their orders, in the buyer's currency and the others apart", () => {
    const tally = new BuyerTally();
    for (const o of orders) tally.add(o);
    expect(tally.orders).toBe(301);
    expect(tally.ordersWithoutBuyer).toBe(1);
    let mixed = 0;
    for (const [key, totals] of tally.buyers) {
      const metrics = computeBuyerMetrics(orders.filter((o) => `taobao:${o.buyerKey}` === key));
      if (metrics.otherMoney) mixed++;
      expect(totals).toMatchObject({ platform: 'taobao', buyerKey: key.slice(7) });
      expect(totalsMetrics(totals)).toEqual({
        paidOrders: metrics.paidOrders,
        firstPaidDate: metrics.firstPaidDate,
        lastPaidDate: metrics.lastPaidDate,
        netCents: metrics.netCents,
        aovCents: metrics.aovCents,
        refundCents: metrics.refundCents,
        ...(metrics.currency ? { currency: metrics.currency } : {}),
        ...(metrics.otherMoney ? { otherMoney: metrics.otherMoney } : {}),
      });
    }
    expect(mixed).toBe(tally.buyers.size);
  });

  it('takes the currency of most counted orders, then of most orders, then the first by code', () => {
    const tally = new BuyerTally();
    const add = (id: number, buyerKey: string, currency: string | undefined, status: Order['status'] = 'completed') =>
      tally.add(
        order(id, {
          buyerKey,
          status,
          paidAt: '2025-03-01 10:00:00',
          refundCents: null,
          ...(currency ? { currency } : { currency: undefined }),
        }),
      );
    add(1, 'more-paid', 'MYR');
    add(2, 'more-paid', 'MYR');
    add(3, 'more-paid', undefined);
    add(4, 'more-seen', undefined);
    add(5, 'more-seen', 'MYR');
    add(6, 'more-seen', 'MYR', 'closed');
    add(7, 'tie', 'THB');
    add(8, 'tie', 'MYR');
    const currencyOf = (key: string) => totalsMetrics(tally.buyers.get(`taobao:${key}`)!).currency;
    expect(currencyOf('more-paid')).toBe('MYR');
    expect(currencyOf('more-seen')).toBe('MYR');
    expect(currencyOf('tie')).toBe('MYR');
    expect(totalsMetrics(tally.buyers.get('taobao:tie')!).otherMoney).toEqual([
      { currency: 'THB', paidOrders: 1, netCents: 1007, refundCents: 0 },
    ]);
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
    expect(view(a)).toEqual(view(whole));
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
