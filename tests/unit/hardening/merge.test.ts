import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAllOrders } from '../../../lib/import';
import { sourceFromBytes } from '../../../lib/import/source';
import { computeBuyerMetrics } from '../../../lib/metrics/compute';
import { isCounted } from '../../../lib/metrics/rules';
import { mergeFragments } from '../../../lib/orders/merge';
import { OrderSchema, type Order, type OrderFragment } from '../../../lib/schemas/order';
import { EXPORT_FIXTURES } from '../../fixtures/export-fixtures';
import { HOSTILE_SMALL } from '../../fixtures/hostile/strings';
import { loadExport, runs } from './support';

/** The good exports: merging real fragments must behave like merging any others. */
const FILES = EXPORT_FIXTURES.filter(([name]) => !name.startsWith('bad/'));

let real: OrderFragment[] = [];

beforeAll(async () => {
  for (const [name, options] of FILES) {
    real.push(...(await readAllOrders(sourceFromBytes(name, loadExport(name)), options)).fragments);
  }
  real = real.filter(Boolean);
});

const merged = (fragments: Iterable<OrderFragment>, sourceId = 'run-1') =>
  [...mergeFragments(new Map<string, Order>(), fragments, sourceId)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Fragments in a random order, some of them twice: what overlapping and repeated imports deliver. */
function shuffledWithRepeats<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  return fc
    .tuple(
      fc.shuffledSubarray([...items.keys()], { minLength: items.length, maxLength: items.length }),
      fc.array(fc.nat({ max: Math.max(0, items.length - 1) }), { maxLength: 8 }),
    )
    .map(([order, repeats]) => [...order, ...repeats].map((i) => items[i]!));
}

describe('merging real imports', () => {
  it('reads fragments from every fixture', () => {
    expect(real.length).toBeGreaterThan(20);
    expect(new Set(real.map((f) => f.platform)).size).toBeGreaterThanOrEqual(6);
  });

  it('gives the same orders whatever order the fragments arrive in, and when some arrive twice', () => {
    const expected = merged(real);
    fc.assert(
      fc.property(fc.integer(), (n) => {
        // fc.shuffledSubarray needs the array up front; draw it per run from the seed.
        const order = fc.sample(shuffledWithRepeats(real), { seed: n, numRuns: 1 })[0]!;
        expect(merged(order)).toEqual(expected);
      }),
      runs(100),
    );
  });

  it('gives each buyer the same metrics whatever order their orders are listed in', () => {
    const byBuyer = new Map<string, Order[]>();
    for (const [, order] of merged(real)) {
      const key = `${order.platform}:${order.buyerKey ?? ''}`;
      byBuyer.set(key, [...(byBuyer.get(key) ?? []), order]);
    }
    const buyers = [...byBuyer.values()];
    expect(buyers.some((orders) => orders.length > 1)).toBe(true);
    fc.assert(
      fc.property(fc.nat(buyers.length - 1), fc.integer(), (i, seed) => {
        const orders = buyers[i]!;
        const shuffled = fc.sample(
          fc.shuffledSubarray(orders, { minLength: orders.length, maxLength: orders.length }),
          { seed, numRuns: 1 },
        )[0]!;
        expect(computeBuyerMetrics(shuffled)).toEqual(computeBuyerMetrics(orders));
      }),
      runs(100),
    );
  });

  it('re-importing the same files adds only the new run to `sources`', () => {
    const once = new Map<string, Order>();
    mergeFragments(once, real, 'run-1');
    const first = structuredClone([...once]);
    mergeFragments(once, real, 'run-2');
    for (const [key, order] of first) {
      expect(once.get(key)).toEqual({ ...order, sources: ['run-1', 'run-2'] });
    }
    expect(once.size).toBe(first.length);
  });
});

describe('rows of one order that disagree', () => {
  // A Taobao item report row per 子订单: the refunded one says 交易关闭, the other 交易成功.
  const row = (
    lineId: string,
    status: OrderFragment['status'],
    rawStatus: string,
    refundCents?: number,
  ): OrderFragment => ({
    platform: 'taobao',
    orderId: '2900012345678907',
    buyerKey: 'tb_buyer',
    buyerNick: null,
    status,
    rawStatus,
    createdAt: '2025-10-08 11:11:11',
    paidAt: '2025-10-08 11:12:00',
    paidCents: null,
    refundCents: null,
    lines: [
      {
        lineId,
        title: `item ${lineId}`,
        quantity: 1,
        paidCents: 5900,
        ...(refundCents === undefined ? {} : { refundCents }),
      },
    ],
  });
  const kept = row('1001', 'completed', '交易成功');
  const refunded = row('1002', 'closed', '交易关闭', 5900);

  it('count the order as a purchase whichever row comes last, with the same status text', () => {
    const forward = merged([kept, refunded])[0]![1];
    const backward = merged([refunded, kept])[0]![1];
    expect(backward).toEqual(forward);
    expect(forward).toMatchObject({ status: 'completed', rawStatus: '交易成功' });
    expect(isCounted(forward)).toBe(true);
  });

  it('keep a line’s after-sale note and the larger refund whichever row comes last', () => {
    const plain = { ...row('1', 'completed', '已完成'), platform: 'douyin' as const, refundCents: 0 };
    const noted = {
      ...row('2', 'completed', '已完成（退款成功，退款金额59.00元）'),
      platform: 'douyin' as const,
      refundCents: 5900,
    };
    for (const order of [
      [plain, noted],
      [noted, plain],
    ]) {
      expect(merged(order)[0]![1]).toMatchObject({
        rawStatus: '已完成（退款成功，退款金额59.00元）',
        refundCents: 5900,
      });
    }
  });

  it('still let a later run replace an earlier run’s status', () => {
    const orders = new Map<string, Order>();
    mergeFragments(orders, [kept, refunded], 'run-1');
    mergeFragments(orders, [row('1001', 'closed', '交易关闭', 5900), row('1002', 'closed', '交易关闭', 5900)], 'run-2');
    expect([...orders.values()][0]).toMatchObject({
      status: 'closed',
      rawStatus: '交易关闭',
      sources: ['run-1', 'run-2'],
    });
  });
});

describe('merging hostile ids and text', () => {
  const hostile = HOSTILE_SMALL.map((h) => h.value).filter((v) => v.length > 0);
  const fragment = (orderId: string, lineId: string, title: string): OrderFragment => ({
    platform: 'taobao',
    orderId,
    buyerKey: orderId,
    buyerNick: title,
    status: 'paid',
    rawStatus: title,
    createdAt: null,
    paidAt: '2025-10-07 10:00:00',
    paidCents: 100,
    refundCents: null,
    lines: [{ lineId, title, quantity: 1 }],
  });

  it('keeps __proto__, constructor and friends as ordinary order and line ids, in any arrival order', () => {
    const fragments = hostile.flatMap((id, i) => [
      fragment(id, id, id),
      fragment(id, hostile[(i + 1) % hostile.length]!, id),
    ]);
    const expected = merged(fragments);
    expect(expected).toHaveLength(new Set(hostile).size);
    for (const [, order] of expected) {
      expect(OrderSchema.safeParse(order).success).toBe(true);
      expect(Object.getPrototypeOf(order)).toBe(Object.prototype);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    fc.assert(
      fc.property(shuffledWithRepeats(fragments), (order) => {
        expect(merged(order)).toEqual(expected);
      }),
      runs(100),
    );
  });
});
