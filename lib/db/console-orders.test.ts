import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_RULES as RULES } from '../reminders/schema';
import { epochAt, formatLocal, localDateAt } from '../reminders/time';
import type { ConsoleOrder, ConsoleState } from '../schemas/messages';
import { applyConsoleOrders } from './console-orders';
import { HuitoukeDb } from './database';
import { actOnReminder, remindersOfBuyer } from './reminders';

const TZ = 'Asia/Shanghai';
const MIN = 60_000;
const NOW = epochAt(localDateAt(Date.now(), TZ), 14 * 60, TZ);
const local = (ms: number) => formatLocal(ms, TZ);

let db: HuitoukeDb;
let n = 0;
beforeEach(() => {
  db = new HuitoukeDb(`console-orders-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

function state(
  orders: ConsoleOrder[] | undefined,
  buyer = { platform: 'pinduoduo' as const, id: 'pdd_9', nick: '小鹿' },
): ConsoleState {
  return {
    status: 'ok',
    consoleId: 'pinduoduo',
    consoleName: '多多客服',
    url: 'https://mms.pinduoduo.com/chat-merchant',
    buyer,
    messages: [],
    inputFound: true,
    orders,
  };
}
const placed = `${local(NOW - 2 * MIN)}:00`;
const unpaid: ConsoleOrder = { id: '241207-001', status: 'awaiting_payment', paidCents: 5_900, createdAt: placed };

describe('orders seen in a console', () => {
  it('two tabs reporting the same unpaid order at once make one pair of 催付 reminders', async () => {
    const results = await Promise.all([
      applyConsoleOrders(db, state([unpaid]), RULES, NOW, TZ),
      applyConsoleOrders(db, state([unpaid]), RULES, NOW + 1, TZ),
    ]);
    expect(results.map((r) => r.created).sort()).toEqual([0, 2]);
    const { upcoming } = await remindersOfBuyer(db, 'pinduoduo:pdd_9', NOW);
    expect(upcoming.map((r) => [r.kind, r.orderId, local(r.dueAt)])).toEqual([
      ['unpaid', '241207-001', local(NOW + 8 * MIN)],
      ['unpaid', '241207-001', local(NOW - 2 * MIN + 24 * 60 * MIN)],
    ]);
  });

  it("a reload (the same state again, a new worker) changes nothing, and an agent's snooze stays", async () => {
    await applyConsoleOrders(db, state([unpaid]), RULES, NOW, TZ);
    const first = (await remindersOfBuyer(db, 'pinduoduo:pdd_9', NOW)).upcoming[0]!;
    await actOnReminder(db, first.id, { action: 'snooze', until: NOW + 60 * MIN }, NOW + MIN);
    const before = await db.reminders.toArray();
    const records = { links: await db.orderLinks.toArray(), live: await db.liveOrders.toArray() };
    expect(await applyConsoleOrders(db, state([unpaid]), RULES, NOW + 2 * MIN, TZ)).toEqual({
      created: 0,
      dismissed: 0,
      recorded: 0,
    });
    expect({ links: await db.orderLinks.toArray(), live: await db.liveOrders.toArray() }).toEqual(records);
    expect(await db.reminders.toArray()).toEqual(before);
  });

  it('payment dismisses the open 催付; shipping keeps the tracking number for the notice', async () => {
    await applyConsoleOrders(db, state([unpaid]), RULES, NOW, TZ);
    expect(await applyConsoleOrders(db, state([{ ...unpaid, status: 'paid' }]), RULES, NOW + 20 * MIN, TZ)).toEqual({
      created: 0,
      dismissed: 2,
      recorded: 1,
    });
    expect((await remindersOfBuyer(db, 'pinduoduo:pdd_9', NOW + 20 * MIN)).due).toEqual([]);
    const shipped = await applyConsoleOrders(
      db,
      state([{ ...unpaid, status: 'shipped', tracking: 'JT3000000000001', carrier: '极兔速递' }]),
      RULES,
      NOW + 60 * MIN,
      TZ,
    );
    expect(shipped.created).toBe(2); // the shipping notice and the check-in
    const { due } = await remindersOfBuyer(db, 'pinduoduo:pdd_9', NOW + 60 * MIN);
    expect(due.map((r) => [r.kind, r.orderId])).toEqual([['shipping', '241207-001']]);
    // One record for the order: its live order, with what the events acted on; nothing in the settings table.
    const live = await db.liveOrders.get('pinduoduo:241207-001');
    expect(live?.order).toMatchObject({ status: 'shipped', trackingNo: 'JT3000000000001', carrier: '极兔速递' });
    expect(live?.events).toMatchObject({
      status: 'shipped',
      buyerKey: 'pdd_9',
      tracking: 'JT3000000000001',
      carrier: '极兔速递',
    });
    expect(await db.settings.count()).toBe(0);
  });

  it('keeps one record per order: its link and live order, which carries what the events acted on; the settings table stays empty', async () => {
    await applyConsoleOrders(db, state([unpaid]), RULES, NOW, TZ);
    expect(await db.settings.count()).toBe(0);
    expect((await db.orderLinks.toArray()).map((l) => [l.id, l.buyerId])).toEqual([
      ['pinduoduo:241207-001', 'pinduoduo:pdd_9'],
    ]);
    const live = await db.liveOrders.toArray();
    expect(live.map((l) => [l.id, l.buyerId, l.order.status, l.events?.status, l.events?.firstSeenAt])).toEqual([
      ['pinduoduo:241207-001', 'pinduoduo:pdd_9', 'awaiting_payment', 'awaiting_payment', NOW],
    ]);
  });

  it('does nothing for a state without an order panel', async () => {
    expect(await applyConsoleOrders(db, state(undefined), RULES, NOW, TZ)).toEqual({
      created: 0,
      dismissed: 0,
      recorded: 0,
    });
    expect(await db.settings.count()).toBe(0);
  });
});
