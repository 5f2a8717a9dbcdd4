import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeBuyerMetrics } from '../metrics/compute';
import { DEFAULT_COUNTING_RULES, type CountingRules } from '../metrics/rules';
import { mergeOrder } from '../orders/merge';
import type { OrderFragment } from '../schemas/order';
import { decodeBuyer, encodeBuyer } from './buyer-codec';
import { Hold } from './import-hold';
import { Lexicon } from './lexicon';

const fragment = (over: Partial<OrderFragment>): OrderFragment => ({
  platform: 'taobao',
  orderId: '2917000373085930914',
  buyerKey: 'tb_buyer',
  buyerNick: null,
  status: 'paid',
  rawStatus: '买家已付款，等待卖家发货',
  createdAt: '2026-11-19 20:37:54',
  paidAt: '2026-11-19 20:53:50',
  paidCents: 22900,
  refundCents: 0,
  lines: [{ lineId: '', title: '柚见 屏障修护面霜50g', quantity: 1 }],
  ...over,
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
    const time = fc.option(fc.constantFrom('2026-11-19 20:37:54', '1999-01-01 00:00:00', '2024-02-29 23:59:59'), {
      nil: null,
    });
    const arbitraryFragment = fc
      .record({
        orderId,
        createdAt: time,
        paidAt: time,
        paidCents: fc.option(fc.integer({ min: -5000, max: 10_000_000 }), { nil: null }),
        refundCents: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: null }),
        status: fc.option(fc.constantFrom('paid', 'completed', 'closed', 'unknown'), { nil: null }),
        buyerNick: fc.option(fc.constantFrom('小林', 'Lin'), { nil: null }),
        trackingNo: fc.option(fc.constantFrom('YT1234567890123', '773012345678901'), { nil: undefined }),
        carrier: fc.option(fc.constantFrom('圆通速递', '顺丰速运'), { nil: undefined }),
        lines: fc.oneof(
          fc.constant([]),
          fc.array(
            fc.record({
              lineId: fc.constantFrom('', '1', '2'),
              title: fc.constantFrom('杯子', '桌布 长方形'),
              quantity: fc.integer({ min: 0, max: 3 }),
            }),
            { minLength: 1, maxLength: 3 },
          ),
        ),
      })
      .map((over) => fragment(over as Partial<OrderFragment>));
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

  it('keeps orders with the same id apart when they belong to different buyers, and finds each among thousands', () => {
    const hold = new Hold('run-1');
    const ids = Array.from({ length: 6000 }, (_, i) => String(2917000373085930000n + BigInt(i * 7919)));
    for (const id of ids) hold.add(fragment({ orderId: id, buyerKey: 'many' }));
    hold.add(fragment({ orderId: ids[17]!, buyerKey: 'other', paidCents: 100 }));
    hold.add(fragment({ orderId: 'SO-1', buyerKey: 'many' }));
    hold.add(fragment({ orderId: 'SO-1', buyerKey: 'other', paidCents: 200 }));
    // Later fragments of existing orders merge into them, not into another buyer's order.
    hold.add(fragment({ orderId: ids[5999]!, buyerKey: 'many', status: 'completed', rawStatus: '交易成功' }));
    hold.add(
      fragment({ orderId: 'SO-1', buyerKey: 'other', paidCents: 200, status: 'completed', rawStatus: '交易成功' }),
    );
    const buyers = hold.buyers.get('taobao')!;
    const many = hold.ordersOf(buyers.get('many')!);
    const other = hold.ordersOf(buyers.get('other')!);
    expect(many.map((o) => o.orderId)).toEqual([...ids, 'SO-1']);
    expect(many[5999]!.status).toBe('completed');
    expect(many.at(-1)!.status).toBe('paid');
    expect(other.map((o) => [o.orderId, o.paidCents, o.status])).toEqual([
      [ids[17], 100, 'paid'],
      ['SO-1', 200, 'completed'],
    ]);
    expect(hold.find(buyers.get('many')!, ids[4321]!)).toBe(4321);
    expect(hold.find(buyers.get('other')!, ids[4321]!)).toBe(-1);
  });

  it("lists each buyer's orders in the order they were read, across platforms, and keeps listing after the buyers were first asked for", () => {
    const hold = new Hold('run-1');
    const keys = ['a', 'b', 'c', 'a', 'c', 'a'];
    keys.forEach((buyerKey, i) =>
      hold.add(fragment({ orderId: `29170003730859300${String(i).padStart(2, '0')}`, buyerKey })),
    );
    hold.add(fragment({ platform: 'jd', orderId: '2917000373085930000', buyerKey: 'a' }));
    const ids = (platform: 'taobao' | 'jd', key: string) =>
      hold.ordersOf(hold.buyers.get(platform)!.get(key)!).map((o) => o.orderId.slice(-2));
    expect(ids('taobao', 'a')).toEqual(['00', '03', '05']);
    expect(ids('taobao', 'c')).toEqual(['02', '04']);
    expect(ids('jd', 'a')).toEqual(['00']);
    // After the buyers were listed (orphans being tied, a second file): new rows and new buyers still show.
    hold.add(fragment({ orderId: '2917000373085930006', buyerKey: 'b' }));
    hold.add(fragment({ orderId: '2917000373085930007', buyerKey: 'd' }));
    const e = hold.buyer('taobao', 'e');
    expect(ids('taobao', 'b')).toEqual(['01', '06']);
    expect(ids('taobao', 'd')).toEqual(['07']);
    expect(hold.buyers.get('taobao')!.get('e')).toBe(e);
    expect([...hold.buyers.get('taobao')!.keys()]).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('encodes a new buyer straight from its packed orders exactly as the record would be encoded', () => {
    const packable = fc
      .record({
        orderId: fc.oneof(
          fc.stringMatching(/^[1-9][0-9]{9,23}$/),
          fc.stringMatching(/^0[0-9]{9,12}$/),
          fc.constantFrom('#1001', 'SO-"2"', '240301ABC'),
        ),
        buyerKey: fc.constantFrom('小林', 'b"2', 'tb_3', 'tab\there', '\ud83d'),
        buyerNick: fc.option(fc.constantFrom('小林', 'Lin\\n'), { nil: null }),
        createdAt: fc.option(fc.constantFrom('2026-11-19 20:37:54', '2024-02-29 00:00:01'), { nil: null }),
        paidAt: fc.option(fc.constantFrom('2026-11-19 20:53:50', '2024-03-01 23:59:59'), { nil: null }),
        paidCents: fc.option(fc.integer({ min: -5000, max: 10_000_000 }), { nil: null }),
        refundCents: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: null }),
        status: fc.option(fc.constantFrom('paid', 'completed', 'closed', 'awaiting_payment', 'unknown'), { nil: null }),
        rawStatus: fc.option(fc.constantFrom('交易成功', '交易关闭（买家拍错了）', 'a\tb'), { nil: null }),
        // Unique per order and written out; the carrier is named in the lexicon like a title.
        trackingNo: fc.option(fc.constantFrom('YT1234567890123', 'SF"1\\', '单号1', 'a\u0001b', '\ud83d'), {
          nil: undefined,
        }),
        carrier: fc.option(fc.constantFrom('圆通速递', 'J&T "Express"', '\ud83d'), { nil: undefined }),
        lines: fc.oneof(
          fc.constant([]),
          fc.tuple(
            fc.record(
              {
                lineId: fc.constantFrom('', '1'),
                title: fc.constantFrom('杯子', '桌布 "长方形"'),
                quantity: fc.integer({ min: 0, max: 3 }),
                refundCents: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
                category: fc.option(fc.constantFrom('家居'), { nil: undefined }),
              },
              { requiredKeys: ['lineId', 'title', 'quantity'] },
            ),
          ),
        ),
      })
      .map((over) => fragment(over as Partial<OrderFragment>));
    const rules = fc.constantFrom<CountingRules>(DEFAULT_COUNTING_RULES, {
      countedStatuses: ['completed'],
      countMissingStatus: true,
      requirePaidAt: false,
    });
    fc.assert(
      fc.property(
        fc.array(packable, { minLength: 1, maxLength: 12 }),
        rules,
        fc.boolean(),
        (fragments, rule, withLexicon) => {
          const hold = new Hold('run-1');
          const lexicon = withLexicon ? new Lexicon('gen') : undefined;
          lexicon?.claim(1);
          for (const f of fragments) hold.add(structuredClone(f));
          for (const b of hold.buyers.get('taobao')!.values()) {
            const packed = hold.newBuyerDoc(b, rule, 42, lexicon);
            const orders = hold.ordersOf(b);
            const record = {
              id: b.id,
              platform: b.platform,
              buyerKey: b.buyerKey,
              nick: b.nick ?? b.buyerKey,
              orders,
              metrics: computeBuyerMetrics(orders, rule),
              updatedAt: 42,
            };
            // These fragments all fit the packed form: only an order merged from several is kept as an object.
            expect(packed === null).toBe(fragments.filter((f) => f.buyerKey === b.buyerKey).length > orders.length);
            if (!packed) continue;
            expect(packed.doc).toBe(encodeBuyer(record, { itemsDerived: true, lexicon }));
            expect(decodeBuyer(packed.doc, b.buyerKey, lexicon)).toEqual(record);
            const { lastItems: _l, categories: _c, ...counted } = record.metrics;
            expect(packed.metrics).toEqual(counted);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
