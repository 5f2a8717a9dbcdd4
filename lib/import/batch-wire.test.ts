import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../schemas/common';
import { OrderStatusSchema, type OrderFragment } from '../schemas/order';
import { fromWire, toWire, WireError } from './batch-wire';
import type { ImportBatch } from './read-orders';

const arbTime = fc.option(
  fc
    .tuple(
      fc.integer({ min: 2000, max: 2030 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 0, max: 86_399 }),
    )
    .map(
      ([y, m, d, s]) =>
        `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} ${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`,
    ),
  { nil: null },
);
const text = fc.string({ unit: 'binary', maxLength: 12 });
const arbFragment: fc.Arbitrary<OrderFragment> = fc.record(
  {
    platform: fc.constantFrom(...PLATFORMS),
    orderId: fc.string({ minLength: 1, maxLength: 20 }),
    buyerKey: fc.option(fc.string({ minLength: 1, maxLength: 10 }), { nil: null }),
    buyerNick: fc.option(text, { nil: null }),
    status: fc.option(fc.constantFrom(...OrderStatusSchema.options), { nil: null }),
    rawStatus: fc.option(text, { nil: null }),
    createdAt: arbTime,
    paidAt: arbTime,
    shippedAt: arbTime,
    paidCents: fc.option(fc.integer({ min: -1e12, max: 1e12 }), { nil: null }),
    refundCents: fc.option(fc.integer({ min: -1e12, max: 1e12 }), { nil: null }),
    lines: fc.array(
      fc.record(
        {
          lineId: text,
          title: text,
          quantity: fc.nat(1000),
          sku: text,
          category: text,
          paidCents: fc.integer(),
          refundCents: fc.integer(),
        },
        { requiredKeys: ['lineId', 'title', 'quantity'] },
      ),
      { maxLength: 4 },
    ),
    phone: text,
    address: text,
    trackingNo: fc.string({ minLength: 1, maxLength: 20 }),
    carrier: fc.string({ minLength: 1, maxLength: 8 }),
    currency: fc.constantFrom('MYR', 'TWD', 'USD'),
  },
  {
    requiredKeys: [
      'platform',
      'orderId',
      'buyerKey',
      'buyerNick',
      'status',
      'rawStatus',
      'createdAt',
      'paidAt',
      'paidCents',
      'refundCents',
      'lines',
    ],
  },
);

function batchOf(fragments: OrderFragment[]): ImportBatch {
  return {
    fragments,
    issues: [],
    bytesRead: 10,
    rowsRead: fragments.length,
    encoding: 'gb18030',
    format: {
      id: 'taobao_order',
      variant: '54',
      platform: 'taobao',
      confidence: 1,
      mapping: { buyer: '买家会员名' },
      headers: ['买家会员名'],
      missing: [],
    },
  };
}

describe('the wire form of a batch', () => {
  it('gives back every fragment as it was, optional fields absent or present', () => {
    fc.assert(
      fc.property(fc.array(arbFragment, { maxLength: 8 }), (fragments) => {
        const back = fromWire(structuredClone(toWire(batchOf(fragments))));
        expect(back).toEqual(batchOf(fragments));
        back.fragments.forEach((f, i) => {
          expect(Object.keys(f).sort()).toEqual(Object.keys(fragments[i]!).sort());
          f.lines.forEach((l, k) => expect(Object.keys(l).sort()).toEqual(Object.keys(fragments[i]!.lines[k]!).sort()));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a batch whose values are not what a fragment holds, naming where', () => {
    const good = toWire(
      batchOf([
        {
          platform: 'taobao',
          orderId: '1',
          buyerKey: 'a',
          buyerNick: null,
          status: 'paid',
          rawStatus: null,
          createdAt: '2026-01-02 03:04:05',
          paidAt: null,
          paidCents: 100,
          refundCents: 0,
          lines: [{ lineId: '', title: 't', quantity: 1 }],
        },
      ]),
    );
    const spoil = (at: number, value: unknown) => {
      const values = [...good.values];
      values[at] = value;
      return { ...good, values };
    };
    expect(() => fromWire(good)).not.toThrow();
    expect(() => fromWire(spoil(0, 'ebay'))).toThrow(new WireError('expected a platform', 0));
    expect(() => fromWire(spoil(1, ''))).toThrow(new WireError('expected an order id', 1));
    expect(() => fromWire(spoil(4, 'refunded'))).toThrow(new WireError('expected a status', 4));
    expect(() => fromWire(spoil(6, '2026-1-2'))).toThrow(new WireError('expected a local date-time', 6));
    expect(() => fromWire(spoil(9, 1.5))).toThrow(new WireError('expected a whole number', 9));
    expect(() => fromWire(spoil(13, ''))).toThrow(new WireError('expected text that is not empty', 13));
    expect(() => fromWire(spoil(14, 7))).toThrow(new WireError('expected text', 14));
    expect(() => fromWire(spoil(15, 'RM'))).toThrow(new WireError('expected a currency code', 15));
    expect(() => fromWire(spoil(16, 2))).toThrow(new WireError('batch ends inside a line', 17));
    expect(() => fromWire(spoil(19, -1))).toThrow(new WireError('expected a quantity', 19));
    expect(() => fromWire({ ...good, values: [...good.values, 'x'] })).toThrow(
      new WireError('values left after the last fragment', 24),
    );
    expect(() => fromWire({ ...good, count: 2 })).toThrow(new WireError('batch ends inside a fragment', 24));
    expect(() => fromWire({ ...good, encoding: 'latin1' })).toThrow(WireError);
  });
});
