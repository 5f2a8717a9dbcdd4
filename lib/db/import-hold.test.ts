import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeOrder } from '../orders/merge';
import type { OrderFragment } from '../schemas/order';
import { Hold } from './import-hold';

const fragment = (over: Partial<OrderFragment>): OrderFragment => ({
  platform: 'taobao', orderId: '2917000373085930914', buyerKey: 'tb_buyer', buyerNick: null, status: 'paid',
  rawStatus: '买家已付款，等待卖家发货', createdAt: '2026-11-19 20:37:54', paidAt: '2026-11-19 20:53:50',
  paidCents: 22900, refundCents: 0, lines: [{ lineId: '', title: '柚见 屏障修护面霜50g', quantity: 1 }], ...over,
});

/** What merging the fragments one by one gives, per order id, in first-seen order. */
function folded(fragments: OrderFragment[]) {
  const out = new Map<string, ReturnType<typeof mergeOrder>>();
  for (const f of fragments) out.set(f.orderId, mergeOrder(out.get(f.orderId), structuredClone(f), 'run-1'));
  return [...out.values()];
}

function held(fragments: OrderFragment[]) {
  const hold = new Hold('run-1');
  for (const f of fragments) hold.add(structuredClone(f));
  const buyer = [...hold.buyers.get('taobao')!.values()][0]!;
  return hold.ordersOf(buyer);
}

describe('Hold', () => {
  it('gives back each order exactly as merging its fragments would, whatever the ids, times and amounts', () => {
    const orderId = fc.oneof(
      fc.stringMatching(/^[1-9][0-9]{9,23}$/), // packed as numbers
      fc.stringMatching(/^0[0-9]{9,18}$/), // a leading zero stays text
      fc.stringMatching(/^[0-9]{1,9}$/),
      fc.constantFrom('#1001', '251007-607198974342268', 'SO-2025-A'),
    );
    const time = fc.option(fc.constantFrom('2026-11-19 20:37:54', '1999-01-01 00:00:00', '2024-02-29 23:59:59'), { nil: null });
    const arbitraryFragment = fc.record({
      orderId, createdAt: time, paidAt: time,
      paidCents: fc.option(fc.integer({ min: -5000, max: 10_000_000 }), { nil: null }),
      refundCents: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: null }),
      status: fc.option(fc.constantFrom('paid', 'completed', 'closed', 'unknown'), { nil: null }),
      buyerNick: fc.option(fc.constantFrom('小林', 'Lin'), { nil: null }),
      lines: fc.oneof(
        fc.constant([]),
        fc.array(fc.record({ lineId: fc.constantFrom('', '1', '2'), title: fc.constantFrom('杯子', '桌布 长方形'), quantity: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 3 }),
      ),
    }).map((over) => fragment(over as Partial<OrderFragment>));
    fc.assert(
      fc.property(fc.array(arbitraryFragment, { minLength: 1, maxLength: 8 }), (fragments) => {
        expect(held(fragments)).toEqual(folded(fragments));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps contact details and repeated fragments of one order merged', () => {
    const fragments = [
      fragment({ phone: '13800138000', address: '浙江省 杭州市' }),
      fragment({ orderId: '2917000373085930915', status: 'awaiting_payment', paidAt: null }),
      fragment({ orderId: '2917000373085930915', status: 'paid', paidAt: '2026-11-20 08:00:00' }),
      fragment({ orderId: '#1001', lines: [] }),
      fragment({ orderId: '#1001', paidCents: null, lines: [{ lineId: '7', title: '杯子', quantity: 2 }] }),
    ];
    expect(held(fragments)).toEqual(folded(fragments));
    expect(held(fragments)).toHaveLength(3);
  });
});
