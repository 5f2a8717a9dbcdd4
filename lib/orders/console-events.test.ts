import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_RULES as RULES, type Reminder } from '../reminders/schema';
import { epochAt, formatLocal, localDateAt } from '../reminders/time';
import type { ConsoleOrder } from '../schemas/messages';
import {
  consoleOrderEvents,
  FIRST_SEEN_SHIPPED_WINDOW_MS,
  seenOrderKey,
  type SeenConsoleOrder,
} from './console-events';

const TZ = 'Asia/Shanghai';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Today at 14:00 shop time: outside quiet hours, whatever day the tests run. */
const NOON_ISH = epochAt(localDateAt(Date.now(), TZ), 14 * 60, TZ);
const local = (ms: number) => formatLocal(ms, TZ);
/** `YYYY-MM-DD HH:mm:ss` as a console shows it. */
const wall = (ms: number) => `${local(ms)}:${String(new Date(ms).getUTCSeconds()).padStart(2, '0')}`;

/** The store as a caller keeps it: seen orders and reminders, applied after each observation. */
class Store {
  seen = new Map<string, SeenConsoleOrder>();
  reminders = new Map<string, Reminder>();
  observe(orders: ConsoleOrder[], now: number, buyerKey = 'pdd_buyer_1') {
    const update = consoleOrderEvents(
      this.seen,
      { platform: 'pinduoduo', buyerKey, nick: '小鹿', orders },
      RULES,
      now,
      [...this.reminders.values()],
      TZ,
    );
    for (const s of update.seen) this.seen.set(seenOrderKey(s.platform, s.orderId), s);
    for (const r of [...update.created, ...update.dismissed]) this.reminders.set(r.id, r);
    return update;
  }
  of(kind: Reminder['kind']) {
    return [...this.reminders.values()].filter((r) => r.kind === kind).sort((a, b) => a.dueAt - b.dueAt);
  }
}

const unpaid = (id: string, placed: number): ConsoleOrder => ({
  id,
  status: 'awaiting_payment',
  paidCents: 12_900,
  createdAt: wall(placed),
});

describe('order events from the console', () => {
  it('an unpaid order seen for the first time is due for 催付 10 minutes and 24 hours after it was placed', () => {
    const store = new Store();
    const placed = NOON_ISH - 2 * MIN;
    const update = store.observe([unpaid('PDD-1', placed)], NOON_ISH);
    expect(update.created.map((r) => [r.kind, r.orderId, local(r.dueAt)])).toEqual([
      ['unpaid', 'PDD-1', local(placed + 10 * MIN)],
      ['unpaid', 'PDD-1', local(placed + 24 * HOUR)],
    ]);
    expect(update.created.every((r) => r.buyerId === 'pinduoduo:pdd_buyer_1' && r.status === 'pending')).toBe(true);
  });

  it('counts from when the order was first seen when the panel shows no time', () => {
    const store = new Store();
    store.observe([{ id: 'PDD-2', status: 'awaiting_payment' }], NOON_ISH);
    // Seen again later: still counted from the first sighting.
    store.observe([{ id: 'PDD-2', status: 'awaiting_payment' }], NOON_ISH + 5 * MIN);
    expect(store.of('unpaid').map((r) => local(r.dueAt))).toEqual([
      local(NOON_ISH + 10 * MIN),
      local(NOON_ISH + 24 * HOUR),
    ]);
  });

  it('follows the rules of imported orders: a 10-minute reminder already stale is not made, quiet hours move the rest', () => {
    const store = new Store();
    // Placed at 23:00 yesterday, first seen at 14:00: the 10-minute one is long past, the 24-hour one falls at 23:00 (quiet) and moves to 08:00.
    const placed = NOON_ISH - 15 * HOUR;
    store.observe([unpaid('PDD-3', placed)], NOON_ISH);
    expect(store.of('unpaid').map((r) => local(r.dueAt))).toEqual([`${localDateAt(NOON_ISH + DAY, TZ)} 08:00`]);
  });

  it('repeated observations change nothing, whatever the tab', () => {
    const store = new Store();
    const orders = [unpaid('PDD-4', NOON_ISH - MIN)];
    store.observe(orders, NOON_ISH);
    const before = JSON.stringify([...store.reminders.values()]);
    for (const later of [NOON_ISH + MIN, NOON_ISH + 3 * MIN]) {
      const again = store.observe(orders, later);
      expect(again).toEqual({ seen: [], created: [], dismissed: [] });
    }
    expect(JSON.stringify([...store.reminders.values()])).toBe(before);
  });

  it('keeps one set of reminders per order when another tab knows the buyer by another key', () => {
    const store = new Store();
    store.observe([unpaid('PDD-5', NOON_ISH - MIN)], NOON_ISH, 'pdd_buyer_1');
    const other = store.observe([unpaid('PDD-5', NOON_ISH - MIN)], NOON_ISH + MIN, '小鹿');
    expect(other.created).toEqual([]);
    expect(store.of('unpaid')).toHaveLength(2);
    expect(new Set(store.of('unpaid').map((r) => r.buyerId))).toEqual(new Set(['pinduoduo:pdd_buyer_1']));
  });

  it('payment closes the open 催付 of that order only', () => {
    const store = new Store();
    store.observe([unpaid('PDD-6', NOON_ISH - MIN), unpaid('PDD-7', NOON_ISH - MIN)], NOON_ISH);
    const paid = store.observe(
      [{ id: 'PDD-6', status: 'paid', paidCents: 12_900 }, unpaid('PDD-7', NOON_ISH - MIN)],
      NOON_ISH + 5 * MIN,
    );
    expect(paid.dismissed.map((r) => [r.orderId, r.status])).toEqual([
      ['PDD-6', 'dismissed'],
      ['PDD-6', 'dismissed'],
    ]);
    expect(paid.created).toEqual([]);
    // PDD-7's stay (the cap of 3 a day per buyer kept one of its two).
    expect(
      new Set(
        store
          .of('unpaid')
          .filter((r) => r.status === 'pending')
          .map((r) => r.orderId),
      ),
    ).toEqual(new Set(['PDD-7']));
  });

  it('a stale reading that still shows the order unpaid does not bring 催付 back', () => {
    const store = new Store();
    store.observe([{ id: 'PDD-8', status: 'paid', createdAt: wall(NOON_ISH - MIN) }], NOON_ISH);
    const stale = store.observe([unpaid('PDD-8', NOON_ISH - MIN)], NOON_ISH + MIN);
    expect(stale.created).toEqual([]);
    expect(store.of('unpaid')).toEqual([]);
  });

  it('an order that turns to shipped starts the shipping notice, and keeps its tracking number and carrier', () => {
    const store = new Store();
    store.observe([{ id: 'PDD-9', status: 'paid', createdAt: wall(NOON_ISH - 20 * DAY) }], NOON_ISH - HOUR);
    const shipped = store.observe(
      [{ id: 'PDD-9', status: 'shipped', tracking: 'YT7500000000001', carrier: '圆通速递' }],
      NOON_ISH,
    );
    expect(shipped.created.filter((r) => r.kind === 'shipping').map((r) => [r.orderId, local(r.dueAt)])).toEqual([
      ['PDD-9', local(NOON_ISH)],
    ]);
    expect(shipped.seen).toEqual([
      expect.objectContaining({
        orderId: 'PDD-9',
        status: 'shipped',
        tracking: 'YT7500000000001',
        carrier: '圆通速递',
      }),
    ]);
    // Seen shipped again: no second notice.
    expect(
      store.observe([{ id: 'PDD-9', status: 'shipped', tracking: 'YT7500000000001' }], NOON_ISH + HOUR).created,
    ).toEqual([]);
    expect(store.of('shipping')).toHaveLength(1);
  });

  it('an unpaid order that ships closes its 催付 and starts the notice', () => {
    const store = new Store();
    store.observe([unpaid('PDD-10', NOON_ISH - MIN)], NOON_ISH);
    const shipped = store.observe(
      [{ id: 'PDD-10', status: 'shipped', tracking: 'SF1400000000001', carrier: '顺丰速运' }],
      NOON_ISH + 30 * MIN,
    );
    expect(shipped.dismissed.map((r) => [r.kind, r.status])).toEqual([
      ['unpaid', 'dismissed'],
      ['unpaid', 'dismissed'],
    ]);
    expect(shipped.created.map((r) => r.kind)).toContain('shipping');
  });

  it('greets a parcel seen shipped for the first time only when the order is recent', () => {
    const recent = new Store().observe(
      [{ id: 'PDD-11', status: 'shipped', createdAt: wall(NOON_ISH - HOUR), tracking: 'SF1' }],
      NOON_ISH,
    );
    expect(recent.created.map((r) => r.kind)).toContain('shipping');
    const old = new Store().observe(
      [
        {
          id: 'PDD-12',
          status: 'shipped',
          createdAt: wall(NOON_ISH - FIRST_SEEN_SHIPPED_WINDOW_MS - HOUR),
          tracking: 'SF2',
        },
      ],
      NOON_ISH,
    );
    expect(old.created).toEqual([]);
    const undated = new Store().observe([{ id: 'PDD-13', status: 'shipped', tracking: 'SF3' }], NOON_ISH);
    expect(undated.created).toEqual([]);
  });

  it('respects disabled rules', () => {
    const off = { ...RULES, unpaid: { ...RULES.unpaid, enabled: false } };
    const update = consoleOrderEvents(
      new Map(),
      { platform: 'pinduoduo', buyerKey: 'b', nick: 'b', orders: [unpaid('PDD-14', NOON_ISH - MIN)] },
      off,
      NOON_ISH,
      [],
      TZ,
    );
    expect(update.created).toEqual([]);
    expect(update.seen).toHaveLength(1);
  });
});
