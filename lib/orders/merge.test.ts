import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Order, OrderFragment, OrderLine } from '../schemas/order';
import { effectivePaidCents, effectiveRefundCents, mergeFragments, mergeOrder } from './merge';

function fragment(overrides: Partial<OrderFragment> = {}): OrderFragment {
  return {
    platform: 'taobao',
    orderId: '2900000001',
    buyerKey: 'tb_buyer',
    buyerNick: null,
    status: null,
    rawStatus: null,
    createdAt: null,
    paidAt: null,
    paidCents: null,
    refundCents: null,
    lines: [],
    ...overrides,
  };
}

const line = (lineId: string, paidCents?: number, refundCents?: number): OrderLine => ({
  lineId,
  title: `item ${lineId}`,
  quantity: 1,
  ...(paidCents === undefined ? {} : { paidCents }),
  ...(refundCents === undefined ? {} : { refundCents }),
});

const foldAll = (fragments: OrderFragment[], sourceId: string, start: Order | null = null) =>
  fragments.reduce<Order | null>((order, f) => mergeOrder(order, f, sourceId), start) as Order;

// A true order, and fragments that each tell part of it (some fields unknown, some lines only).
const consistentFragments = fc
  .record({
    status: fc.constantFrom('awaiting_payment', 'paid', 'shipped', 'completed', 'closed') as fc.Arbitrary<
      OrderFragment['status']
    >,
    paidAt: fc.constantFrom('2024-05-01 10:00:00', '2024-06-18 23:59:59'),
    paidCents: fc.integer({ min: 0, max: 1_000_000 }),
    lines: fc.uniqueArray(
      fc.record({ lineId: fc.stringMatching(/^[0-9a-c]{1,3}$/), paidCents: fc.integer({ min: 0, max: 50_000 }) }),
      { selector: (l) => l.lineId, minLength: 1, maxLength: 6 },
    ),
  })
  .chain((truth) =>
    fc
      .array(
        fc.record({
          knowsOrderFields: fc.boolean(),
          lineMask: fc.array(fc.boolean(), { minLength: truth.lines.length, maxLength: truth.lines.length }),
        }),
        { minLength: 1, maxLength: 6 },
      )
      .map((parts) =>
        parts.map((part) =>
          fragment({
            status: part.knowsOrderFields ? truth.status : null,
            paidAt: part.knowsOrderFields ? truth.paidAt : null,
            paidCents: part.knowsOrderFields ? truth.paidCents : null,
            lines: truth.lines.filter((_, i) => part.lineMask[i]).map((l) => line(l.lineId, l.paidCents)),
          }),
        ),
      ),
  );

describe('mergeOrder', () => {
  it('is idempotent: merging the same fragment again changes nothing', () => {
    fc.assert(
      fc.property(consistentFragments, (fragments) => {
        const once = foldAll(fragments, 'run-1');
        const twice = foldAll(fragments, 'run-1', once);
        expect(twice).toEqual(once);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same order whatever order the fragments arrive in', () => {
    fc.assert(
      fc.property(
        consistentFragments.chain((f) =>
          fc.tuple(fc.constant(f), fc.shuffledSubarray(f, { minLength: f.length, maxLength: f.length })),
        ),
        ([fragments, shuffled]) => {
          expect(foldAll(shuffled, 'run-1')).toEqual(foldAll(fragments, 'run-1'));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('does not double amounts when a file is imported twice or two exports overlap', () => {
    const exportA = [fragment({ paidCents: 30000, lines: [line('1', 10000), line('2', 20000)] })];
    const exportB = [fragment({ lines: [line('2', 20000)] }), fragment({ lines: [line('3', 5000)] })];
    const orders = new Map<string, Order>();
    mergeFragments(orders, exportA, 'run-a');
    mergeFragments(orders, exportA, 'run-a2');
    mergeFragments(orders, exportB, 'run-b');
    expect(orders.size).toBe(1);
    const order = [...orders.values()][0] as Order;
    expect(order.lines.map((l) => l.lineId)).toEqual(['1', '2', '3']);
    expect(order.sources).toEqual(['run-a', 'run-a2', 'run-b']);
    expect(effectivePaidCents(order)).toBe(30000);
    expect(effectivePaidCents({ ...order, paidCents: null })).toBe(35000);
  });

  it('lets a later export update the status but never erases known values with blanks', () => {
    const paid = mergeOrder(
      null,
      fragment({
        status: 'paid',
        rawStatus: '买家已付款，等待卖家发货',
        paidAt: '2024-05-01 10:00:00',
        paidCents: 9900,
      }),
      'run-1',
    );
    const done = mergeOrder(paid, fragment({ status: 'completed', rawStatus: '交易成功', buyerKey: null }), 'run-2');
    expect(done.status).toBe('completed');
    expect(done.rawStatus).toBe('交易成功');
    expect(done.paidAt).toBe('2024-05-01 10:00:00');
    expect(done.paidCents).toBe(9900);
    expect(done.buyerKey).toBe('tb_buyer');
    expect(paid.status).toBe('paid'); // inputs untouched
  });

  it('keeps the shipping time: a later export that knows it sets it, one without the column or with a blank does not erase it', () => {
    const paid = mergeOrder(null, fragment({ status: 'paid', shippedAt: null }), 'run-1');
    // A blank cell and a missing column both mean "not known": stored the same way.
    expect(paid).toEqual(mergeOrder(null, fragment({ status: 'paid' }), 'run-1'));
    const shipped = mergeOrder(paid, fragment({ status: 'shipped', shippedAt: '2024-05-02 18:00:00' }), 'run-2');
    expect(shipped.shippedAt).toBe('2024-05-02 18:00:00');
    // The Taobao order report has no such column; an item report row of an unshipped line is blank.
    expect(mergeOrder(shipped, fragment({ status: 'completed' }), 'run-3').shippedAt).toBe('2024-05-02 18:00:00');
    expect(mergeOrder(shipped, fragment({ shippedAt: null }), 'run-4').shippedAt).toBe('2024-05-02 18:00:00');
    expect(mergeOrder(shipped, fragment({ shippedAt: '2024-05-03 09:00:00' }), 'run-5').shippedAt).toBe(
      '2024-05-03 09:00:00',
    );
  });

  it('settles two lines of one export shipped at different times on the earlier, in any row order', () => {
    const a = fragment({ shippedAt: '2024-05-03 09:00:00', lines: [line('1')] });
    const b = fragment({ shippedAt: '2024-05-02 18:00:00', lines: [line('2')] });
    expect(foldAll([a, b], 'run-1').shippedAt).toBe('2024-05-02 18:00:00');
    expect(foldAll([b, a], 'run-1').shippedAt).toBe('2024-05-02 18:00:00');
  });

  it('keeps the parcel: a later export that names the tracking number and carrier fills them, one without does not erase them', () => {
    const paid = mergeOrder(null, fragment({ status: 'paid' }), 'run-1');
    expect(paid.trackingNo).toBeUndefined();
    const shipped = mergeOrder(
      paid,
      fragment({ status: 'shipped', trackingNo: 'YT1234567890123', carrier: '圆通速递' }),
      'run-2',
    );
    expect([shipped.trackingNo, shipped.carrier]).toEqual(['YT1234567890123', '圆通速递']);
    // An export without the columns, or a row of an order exported before it shipped.
    const later = mergeOrder(shipped, fragment({ status: 'completed' }), 'run-3');
    expect([later.status, later.trackingNo, later.carrier]).toEqual(['completed', 'YT1234567890123', '圆通速递']);
    // Re-sent with another courier: the newer export wins.
    const resent = mergeOrder(later, fragment({ trackingNo: 'SF0001', carrier: '顺丰速运' }), 'run-4');
    expect([resent.trackingNo, resent.carrier]).toEqual(['SF0001', '顺丰速运']);
  });

  it('settles two rows of one export naming different parcels the same way in any row order', () => {
    const a = fragment({ trackingNo: 'YT2', carrier: '圆通速递', lines: [line('1')] });
    const b = fragment({ trackingNo: 'YT1', lines: [line('2')] });
    expect(foldAll([a, b], 'run-1')).toEqual(foldAll([b, a], 'run-1'));
    expect(foldAll([a, b], 'run-1').trackingNo).toBe('YT1');
  });

  it('replaces a line seen again and keeps row order for numeric line ids', () => {
    const first = mergeOrder(null, fragment({ lines: [line('10', 100), line('2', 200), line('1', 300)] }), 'run-1');
    expect(first.lines.map((l) => l.lineId)).toEqual(['1', '2', '10']);
    const again = mergeOrder(first, fragment({ lines: [line('2', 250, 50)] }), 'run-2');
    expect(again.lines.find((l) => l.lineId === '2')).toEqual(line('2', 250, 50));
    expect(again.lines).toHaveLength(3);
  });

  it('refuses to merge a fragment of another order', () => {
    const order = mergeOrder(null, fragment(), 'run-1');
    expect(() => mergeOrder(order, fragment({ orderId: 'other' }), 'run-1')).toThrow();
    expect(() => mergeOrder(order, fragment({ platform: 'jd' }), 'run-1')).toThrow();
  });
});

describe('effective amounts', () => {
  it('prefers order-level amounts and falls back to line sums', () => {
    const lines = [line('1', 1000, 300), line('2', 2000), { lineId: '3', title: 'gift', quantity: 1 }];
    expect(effectivePaidCents({ paidCents: 2500, lines })).toBe(2500);
    expect(effectivePaidCents({ paidCents: null, lines })).toBe(3000);
    expect(effectiveRefundCents({ refundCents: 0, lines })).toBe(0);
    expect(effectiveRefundCents({ refundCents: null, lines })).toBe(300);
    expect(effectivePaidCents({ paidCents: null, lines: [] })).toBe(0);
  });
});
