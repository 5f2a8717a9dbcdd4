import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Order, OrderStatus } from '../schemas/order';
import { orderStatusEvents, remindersFromOrders, staleOrderReminders } from './orders';
import { DEFAULT_REMINDER_RULES as RULES, ReminderSchema, type OrderEvent, type Reminder } from './schema';
import { epochOfLocalDateTime, formatLocal } from './time';

const TZ = 'Asia/Shanghai';
const at = (dateTime: string) => epochOfLocalDateTime(dateTime, TZ);
const local = (ms: number) => formatLocal(ms, TZ);

function order(orderId: string, createdAt: string, status: OrderStatus = 'awaiting_payment', buyerKey = 'lin'): Order {
  return {
    platform: 'taobao',
    orderId,
    buyerKey,
    buyerNick: null,
    status,
    rawStatus: null,
    createdAt,
    paidAt: status === 'awaiting_payment' || status === 'closed' ? null : createdAt,
    paidCents: 10_000,
    refundCents: null,
    lines: [],
    sources: [],
  };
}

const run = (orders: Order[], now: number, existing: Reminder[] = [], events: OrderEvent[] = []) =>
  remindersFromOrders({ orders, events }, RULES, now, existing, TZ);

describe('unpaid reminders', () => {
  it('come 10 minutes and 24 hours after the order', () => {
    const list = run([order('A1', '2025-05-14 15:00:00')], at('2025-05-14 15:01:00'));
    expect(list.map((r) => local(r.dueAt))).toEqual(['2025-05-14 15:10', '2025-05-15 15:00']);
    expect(list.every((r) => r.kind === 'unpaid' && r.orderId === 'A1' && r.buyerId === 'taobao:lin')).toBe(true);
    for (const r of list) ReminderSchema.parse(r);
  });

  it('move out of quiet hours: an order at 21:55 is reminded at 08:00 next morning', () => {
    const list = run([order('A1', '2025-05-14 21:55:00')], at('2025-05-14 21:56:00'));
    expect(list.map((r) => local(r.dueAt))).toEqual(['2025-05-15 08:00', '2025-05-15 21:55']);
  });

  it('keep at most 3 per buyer in any 24 hours, the earliest first', () => {
    const orders = [
      order('A1', '2025-05-14 14:00:00'),
      order('A2', '2025-05-14 14:05:00'),
      order('A3', '2025-05-14 14:10:00'),
    ];
    const list = run(orders, at('2025-05-14 14:11:00'));
    // Any 24-hour window holds three: tomorrow 14:10 is 24 hours after 14:10, so it fits again.
    expect(list.map((r) => local(r.dueAt))).toEqual([
      '2025-05-14 14:10',
      '2025-05-14 14:15',
      '2025-05-14 14:20',
      '2025-05-15 14:10',
    ]);
    // Another buyer is counted separately.
    const mixed = run(
      [...orders, order('B1', '2025-05-14 14:00:00', 'awaiting_payment', 'wang')],
      at('2025-05-14 14:11:00'),
    );
    expect(mixed.filter((r) => r.buyerId === 'taobao:wang')).toHaveLength(2);
  });

  it('count reminders already stored against the cap', () => {
    const first = run([order('A1', '2025-05-14 14:00:00')], at('2025-05-14 14:01:00'));
    const orders = [
      order('A1', '2025-05-14 14:00:00'),
      order('A2', '2025-05-14 14:30:00'),
      order('A3', '2025-05-14 15:00:00'),
    ];
    const later = run(orders, at('2025-05-14 15:01:00'), first);
    // 14:10 and tomorrow 14:00 are stored: A3's 15:10 would make four within 24 hours of 14:10.
    expect(later.map((r) => local(r.dueAt))).toEqual(['2025-05-14 14:40', '2025-05-15 14:30', '2025-05-15 15:00']);
  });

  it('are not made for paid, closed or long-abandoned orders', () => {
    expect(
      run(
        [order('A1', '2025-05-14 15:00:00', 'paid'), order('A2', '2025-05-14 15:00:00', 'closed')],
        at('2025-05-14 15:01:00'),
      ),
    ).toEqual([]);
    expect(run([order('A1', '2025-05-10 15:00:00')], at('2025-05-14 15:00:00'))).toEqual([]);
    // Imported three hours late: the 10-minute one is pointless, the 24-hour one still comes.
    expect(run([order('A1', '2025-05-14 12:00:00')], at('2025-05-14 15:00:00')).map((r) => local(r.dueAt))).toEqual([
      '2025-05-15 12:00',
    ]);
  });

  it('keep their time when the buyer replies in between', () => {
    const o = order('A1', '2025-05-14 15:00:00');
    const first = run([o], at('2025-05-14 15:01:00'));
    const reply: OrderEvent = {
      kind: 'buyer_message',
      platform: 'taobao',
      buyerKey: 'lin',
      at: at('2025-05-14 15:05:00'),
    };
    expect(run([o], at('2025-05-14 15:06:00'), first, [reply])).toEqual([]);
    const fresh = run([o], at('2025-05-14 15:06:00'), [], [reply]);
    expect(fresh.map((r) => [r.id, r.dueAt])).toEqual(first.map((r) => [r.id, r.dueAt]));
  });

  it('are dismissed once the order is paid', () => {
    const first = run([order('A1', '2025-05-14 15:00:00')], at('2025-05-14 15:01:00'));
    const paid: OrderEvent = {
      kind: 'paid',
      platform: 'taobao',
      buyerKey: 'lin',
      orderId: 'A1',
      at: at('2025-05-14 15:20:00'),
    };
    const stale = staleOrderReminders(first, { events: [paid] }, at('2025-05-14 15:21:00'), TZ);
    expect(stale.map((r) => r.status)).toEqual(['dismissed', 'dismissed']);
    expect(
      staleOrderReminders(first, { orders: [order('A1', '2025-05-14 15:00:00')] }, at('2025-05-14 15:21:00'), TZ),
    ).toEqual([]);
  });
});

describe('shipping reminders', () => {
  const shipped = (time: string): OrderEvent => ({
    kind: 'shipped',
    platform: 'taobao',
    buyerKey: 'lin',
    orderId: 'A1',
    at: at(time),
  });

  it('give a shipping notice when the parcel leaves and a check-in two days later', () => {
    const list = run(
      [order('A1', '2025-05-13 10:00:00', 'paid')],
      at('2025-05-14 16:31:00'),
      [],
      [shipped('2025-05-14 16:30:00')],
    );
    expect(list.map((r) => [r.kind, local(r.dueAt)])).toEqual([
      ['shipping', '2025-05-14 16:30'],
      ['checkin', '2025-05-16 10:00'],
    ]);
  });

  it("come from an imported order's shipping time, the real time winning over when the change was noticed", () => {
    const imported = { ...order('A1', '2025-05-13 10:00:00', 'shipped'), shippedAt: '2025-05-14 09:15:00' };
    const list = run([imported], at('2025-05-14 16:31:00'), [], [shipped('2025-05-14 16:30:00')]);
    expect(list.map((r) => [r.kind, local(r.dueAt)])).toEqual([
      ['shipping', '2025-05-14 09:15'],
      ['checkin', '2025-05-16 10:00'],
    ]);
  });

  it('are not made for orders refunded or received since, nor shipped long ago, but Shopify fulfilled still counts', () => {
    const now = at('2025-05-14 16:31:00');
    const withShip = (o: Order, shippedAt: string): Order => ({ ...o, shippedAt });
    expect(run([withShip(order('A1', '2025-05-13 10:00:00', 'closed'), '2025-05-14 09:15:00')], now)).toEqual([]);
    expect(run([withShip(order('A2', '2025-05-13 10:00:00', 'completed'), '2025-05-14 09:15:00')], now)).toEqual([]);
    expect(run([withShip(order('A3', '2025-04-01 10:00:00', 'shipped'), '2025-04-02 09:15:00')], now)).toEqual([]);
    const fulfilled = {
      ...withShip(order('#1001', '2025-05-13 10:00:00', 'completed'), '2025-05-14 09:15:00'),
      platform: 'shopify' as const,
    };
    expect(run([fulfilled], now).map((r) => r.kind)).toEqual(['shipping', 'checkin']);
  });

  it('hold a notice for a late-night shipment until morning', () => {
    const list = run([], at('2025-05-14 23:31:00'), [], [shipped('2025-05-14 23:30:00')]);
    expect(list.find((r) => r.kind === 'shipping')?.dueAt).toBe(at('2025-05-15 08:00:00'));
  });

  it('come from a status change between imports, not from the first sight of an order', () => {
    const before = order('A1', '2025-05-13 10:00:00', 'paid');
    const after = { ...before, status: 'shipped' as const };
    expect(orderStatusEvents(before, after, 5).map((e) => e.kind)).toEqual(['shipped']);
    expect(orderStatusEvents(undefined, after, 5)).toEqual([]);
    expect(orderStatusEvents(after, after, 5)).toEqual([]);
  });
});

describe('the scheduler', () => {
  const base = at('2025-05-14 00:00:00');
  const arbOrder = fc.record({
    buyer: fc.constantFrom('a', 'b', 'c'),
    minute: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    status: fc.constantFrom<OrderStatus>('awaiting_payment', 'awaiting_payment', 'paid', 'closed'),
  });
  const build = (specs: { buyer: string; minute: number; status: OrderStatus }[]) =>
    specs.map((s, i) => order(`O${i}`, `${local(base + s.minute * 60_000)}:00`, s.status, s.buyer));

  it('is idempotent: a second run adds nothing and the caps hold', () => {
    fc.assert(
      fc.property(
        fc.array(arbOrder, { maxLength: 8 }),
        fc.integer({ min: 0, max: 4 * 24 * 60 }),
        (specs, nowMinute) => {
          const orders = build(specs);
          const now = base + nowMinute * 60_000;
          const first = run(orders, now);
          expect(new Set(first.map((r) => r.id)).size).toBe(first.length);
          expect(run(orders, now, first)).toEqual([]);
          expect(
            run([...orders].reverse(), now)
              .map((r) => r.id)
              .sort(),
          ).toEqual(first.map((r) => r.id).sort());
          for (const r of first) {
            const window = first.filter(
              (x) => x.buyerId === r.buyerId && x.dueAt >= r.dueAt && x.dueAt < r.dueAt + 86_400_000,
            );
            expect(window.length).toBeLessThanOrEqual(3);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('adds nothing on a later run that earlier runs did not already cover', () => {
    fc.assert(
      fc.property(
        fc.array(arbOrder, { maxLength: 6 }),
        fc.integer({ min: 0, max: 2 * 24 * 60 }),
        fc.integer({ min: 1, max: 600 }),
        (specs, m1, gap) => {
          const orders = build(specs);
          const first = run(orders, base + m1 * 60_000);
          const second = run(orders, base + (m1 + gap) * 60_000, first);
          const ids = new Set(first.map((r) => r.id));
          expect(second.every((r) => !ids.has(r.id))).toBe(true);
          expect(run(orders, base + (m1 + gap) * 60_000, [...first, ...second])).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
