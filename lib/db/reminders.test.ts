import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceFromBytes } from '../import';
import { computeBuyerMetrics } from '../metrics/compute';
import { DEFAULT_COUNTING_RULES } from '../metrics/rules';
import { DEFAULT_REMINDER_RULES, epochOfLocalDateTime, formatLocal } from '../reminders';
import type { Order } from '../schemas/order';
import { DEFAULT_APP_SETTINGS } from '../settings/app';
import { loadBuyerIndex, upsertIndex } from './buyer-index';
import { putBuyers } from './buyer-store';
import { applyConsoleOrders } from './console-orders';
import { HuitoukeDb } from './database';
import { importIntoDb } from './import-store';
import type { BuyerRecord } from './records';
import { SETTINGS_KEY } from './settings';
import {
  actOnReminder,
  addManualReminder,
  loadReminderState,
  remindersForToday,
  remindersOfBuyer,
  runReminderCheck,
  scanImportedOrders,
  sweepProfiles,
} from './reminders';

const TZ = 'Asia/Shanghai';
const MIN = 60_000;
const at = (local: string) => epochOfLocalDateTime(local, TZ);

let name: string;
let db: HuitoukeDb;
let n = 0;
beforeEach(() => {
  name = `reminders-test-${++n}`;
  db = new HuitoukeDb(name);
});
afterEach(async () => {
  await db.delete();
});

/** Buyers as an import leaves them: their records, and the buyer index that lists them. */
async function imported(db: HuitoukeDb, records: BuyerRecord[]): Promise<void> {
  await putBuyers(db, records);
  const index = upsertIndex(await loadBuyerIndex(db), records);
  await db.settings.put({ key: SETTINGS_KEY.buyerIndex, value: index, updatedAt: Date.now() });
}

/** What a stopped service worker or a closed browser leaves behind: only what is in IndexedDB. */
function restart(): HuitoukeDb {
  db.close();
  db = new HuitoukeDb(name);
  return db;
}

function order(id: string, buyerKey: string, status: Order['status'], createdAt: string, paidCents = 9_900): Order {
  const paid = status !== 'awaiting_payment' && status !== 'closed';
  return {
    platform: 'taobao',
    orderId: id,
    buyerKey,
    buyerNick: null,
    status,
    rawStatus: null,
    createdAt,
    paidAt: paid ? createdAt : null,
    paidCents: paid ? paidCents : 0,
    refundCents: 0,
    lines: [{ lineId: `${id}-1`, title: '羊毛开衫', quantity: 1 }],
    sources: ['run1'],
  };
}

function buyer(key: string, orders: Order[]): BuyerRecord {
  return {
    id: `taobao:${key}`,
    platform: 'taobao',
    buyerKey: key,
    nick: key,
    orders,
    metrics: computeBuyerMetrics(orders),
    updatedAt: 1,
  };
}

async function importDone(finishedAt: number) {
  await db.importRuns.put({
    id: `run-${finishedAt}`,
    status: 'done',
    files: [],
    startedAt: finishedAt - 1000,
    finishedAt,
    updatedAt: finishedAt,
    rows: 1,
    orders: 1,
    newOrders: 1,
    buyersTouched: 1,
    ordersWithoutBuyer: 0,
    errors: 0,
    warnings: 0,
    issueSample: [],
  });
}

const manual = (dueAt: number, note = '问尺码是否合适') => ({
  buyerId: 'taobao:小鹿',
  nick: '小鹿',
  platform: 'taobao' as const,
  dueAt,
  note,
});

describe('firing reminders across service-worker stops and browser restarts', () => {
  it('fires a reminder once, even when the worker is stopped and started again after it fired', async () => {
    const t0 = at('2026-11-20 10:00:00');
    const r = await addManualReminder(db, manual(t0 + 10 * MIN), t0);

    const early = await runReminderCheck(db, t0 + MIN);
    expect(early.fire).toEqual([]);
    expect(early.nextAlarmAt).toBe(r.dueAt);
    expect(early.dueCount).toBe(0);

    const onTime = await runReminderCheck(restart(), r.dueAt + 1000);
    expect(onTime.fire.map((x) => x.id)).toEqual([r.id]);
    expect(onTime.missedWhileAway).toEqual([]);
    expect(onTime.dueCount).toBe(1);

    // The worker is stopped and wakes again (start-up catch-up): nothing is notified twice.
    const again = await runReminderCheck(restart(), r.dueAt + 5 * MIN);
    expect(again.fire).toEqual([]);
    expect(again.dueCount).toBe(1);
    expect(again.nextAlarmAt).toBeNull();
  });

  it('notifies a due reminder once when two wake-ups check at the same time (alarm and start-up)', async () => {
    const t0 = at('2026-11-20 10:00:00');
    const r = await addManualReminder(db, manual(t0 + 10 * MIN), t0);
    const other = new HuitoukeDb(name);
    const [a, b] = await Promise.all([runReminderCheck(db, r.dueAt + 1000), runReminderCheck(other, r.dueAt + 1000)]);
    other.close();
    expect([...a.fire, ...b.fire].map((x) => x.id)).toEqual([r.id]);
  });

  it('on browser start, fires what came due while it was closed, once, and says it was missed', async () => {
    const t0 = at('2026-11-20 18:00:00');
    const a = await addManualReminder(db, manual(at('2026-11-20 20:00:00'), '催付'), t0);
    const b = await addManualReminder(db, manual(at('2026-11-21 09:00:00'), '回访'), t0 + 1);
    const later = await addManualReminder(db, manual(at('2026-11-23 09:00:00'), '发新品'), t0 + 2);
    await runReminderCheck(db, t0);

    // Closed overnight; opened the next day at 11:00.
    const morning = at('2026-11-21 11:00:00');
    const start = await runReminderCheck(restart(), morning);
    expect(start.fire.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(start.missedWhileAway.sort()).toEqual([a.id, b.id].sort());
    expect(start.nextAlarmAt).toBe(later.dueAt);
    expect((await loadReminderState(db)).lastRunAt).toBe(morning);

    const second = await runReminderCheck(restart(), morning + MIN);
    expect(second.fire).toEqual([]);
    expect(second.dueCount).toBe(2);
  });

  it('rings again after a snooze, and stops counting once done', async () => {
    const t0 = at('2026-11-20 10:00:00');
    const r = await addManualReminder(db, manual(t0 + MIN), t0);
    expect((await runReminderCheck(db, t0 + 2 * MIN)).fire).toHaveLength(1);

    await actOnReminder(db, r.id, { action: 'snooze', until: t0 + 60 * MIN }, t0 + 3 * MIN);
    const snoozed = await runReminderCheck(restart(), t0 + 4 * MIN);
    expect(snoozed.dueCount).toBe(0);
    expect(snoozed.nextAlarmAt).toBe(t0 + 60 * MIN);
    expect((await runReminderCheck(db, t0 + 61 * MIN)).fire.map((x) => x.id)).toEqual([r.id]);

    await actOnReminder(db, r.id, { action: 'done' }, t0 + 62 * MIN);
    const after = await runReminderCheck(db, t0 + 63 * MIN);
    expect(after.dueCount).toBe(0);
    expect((await remindersOfBuyer(db, r.buyerId, t0 + 63 * MIN)).due).toEqual([]);
  });

  it("lists today's reminders for the popup: due ones and those later today, not tomorrow's", async () => {
    const now = at('2026-11-20 15:00:00');
    await addManualReminder(db, manual(at('2026-11-20 14:00:00'), 'a'), now - 1);
    await addManualReminder(db, manual(at('2026-11-20 19:00:00'), 'b'), now - 2);
    await addManualReminder(db, manual(at('2026-11-21 09:00:00'), 'c'), now - 3);
    const today = await remindersForToday(db, now, TZ);
    expect(today.due.map((r) => r.note)).toEqual(['a']);
    expect(today.upcoming.map((r) => r.note)).toEqual(['b']);
  });
});

describe('reminders from imported orders', () => {
  it('an unpaid order gets reminders 10 minutes and 24 hours after it was placed, once per import', async () => {
    const created = '2026-11-20 15:00:00';
    const now = at(created) + 2 * MIN;
    await putBuyers(db, [buyer('小鹿', [order('o1', '小鹿', 'awaiting_payment', created)])]);
    await importDone(now);

    const first = await scanImportedOrders(db, now, DEFAULT_REMINDER_RULES, TZ);
    expect(first.created).toBe(2);
    const { upcoming } = await remindersOfBuyer(db, 'taobao:小鹿', now);
    expect(upcoming.map((r) => formatLocal(r.dueAt, TZ))).toEqual(['2026-11-20 15:10', '2026-11-21 15:00']);

    expect((await scanImportedOrders(db, now + MIN, DEFAULT_REMINDER_RULES, TZ)).created).toBe(0);
    const due = await runReminderCheck(db, at(created) + 10 * MIN);
    expect(due.fire.map((r) => r.kind)).toEqual(['unpaid']);
    expect(due.dueCount).toBe(1);
  });

  it('moves a reminder out of quiet hours, and dismisses it when the order is paid', async () => {
    const created = '2026-11-20 21:55:00';
    const now = at(created) + MIN;
    await putBuyers(db, [buyer('夜猫', [order('o2', '夜猫', 'awaiting_payment', created)])]);
    await importDone(now);
    await scanImportedOrders(db, now, DEFAULT_REMINDER_RULES, TZ);
    const { upcoming } = await remindersOfBuyer(db, 'taobao:夜猫', now);
    expect(formatLocal(upcoming[0]!.dueAt, TZ)).toBe('2026-11-21 08:00');

    await putBuyers(db, [buyer('夜猫', [order('o2', '夜猫', 'paid', created)])]);
    await importDone(now + 30 * MIN);
    const rescan = await scanImportedOrders(db, now + 31 * MIN, DEFAULT_REMINDER_RULES, TZ);
    expect(rescan.dismissed).toBe(2);
    expect((await remindersOfBuyer(db, 'taobao:夜猫', now)).upcoming).toEqual([]);
  });

  it('skips orders from an old export that are long past their reminder time', async () => {
    const now = at('2026-11-20 12:00:00');
    await putBuyers(db, [buyer('老单', [order('o3', '老单', 'awaiting_payment', '2026-11-10 12:00:00')])]);
    await importDone(now);
    expect((await scanImportedOrders(db, now, DEFAULT_REMINDER_RULES, TZ)).created).toBe(0);
  });
});

describe('a 催付 started from the console on an order whose export has no buyer', () => {
  it('is dismissed by a Pinduoduo export (no buyer column) that shows the order paid', async () => {
    const placed = '2026-11-20 15:00:00';
    const now = at(placed) + 2 * MIN;
    const orderId = '261120-500000000000001';
    await applyConsoleOrders(
      db,
      {
        status: 'ok',
        consoleId: 'pinduoduo',
        consoleName: '多多客服',
        url: 'https://mms.pinduoduo.com/chat-merchant',
        buyer: { platform: 'pinduoduo', id: 'pdd_77', nick: '小鹿' },
        messages: [],
        inputFound: true,
        orders: [{ id: orderId, status: 'awaiting_payment', paidCents: 5_900, createdAt: placed }],
      },
      DEFAULT_REMINDER_RULES,
      now,
      TZ,
    );
    expect((await remindersOfBuyer(db, 'pinduoduo:pdd_77', now)).upcoming.map((r) => r.kind)).toEqual([
      'unpaid',
      'unpaid',
    ]);

    // The export, taken half an hour later, has the order paid (待发货) and, as real ones, no buyer.
    const csv = [
      '商品,订单号,订单状态,商品总价(元),邮费(元),用户实付金额(元),商品数量(件),订单成交时间,发货时间,快递单号',
      `加厚珊瑚绒毯子,${orderId},待发货,59.00,0.00,59.00,1,${placed},,`,
    ].join('\n');
    const importedAt = now + 30 * MIN;
    await importIntoDb(db, [sourceFromBytes('pinduoduo-orders.csv', new TextEncoder().encode(csv))], {
      rules: DEFAULT_COUNTING_RULES,
      locale: 'zh-CN',
      asOf: '2026-11-21',
      runId: 'pdd-run',
      now: () => importedAt,
    });
    expect(await db.orphans.count()).toBe(1);

    const scan = await scanImportedOrders(db, importedAt + MIN, DEFAULT_REMINDER_RULES, TZ);
    expect(scan.dismissed).toBe(2);
    const after = await remindersOfBuyer(db, 'pinduoduo:pdd_77', importedAt + MIN);
    expect([...after.due, ...after.upcoming]).toEqual([]);
  });
});

describe('shipping notices and check-ins from imported shipping times', () => {
  const shipped = (id: string, key: string, shippedAt: string): Order => ({
    ...order(id, key, 'shipped', '2026-11-18 09:00:00'),
    shippedAt,
  });

  it('a recently shipped order gets one shipping notice and one check-in two days later, never twice', async () => {
    const now = at('2026-11-20 16:00:00');
    await putBuyers(db, [buyer('阿青', [shipped('s1', '阿青', '2026-11-20 14:30:00')])]);
    await importDone(now);

    expect((await scanImportedOrders(db, now, DEFAULT_REMINDER_RULES, TZ)).created).toBe(2);
    const { due, upcoming } = await remindersOfBuyer(db, 'taobao:阿青', now);
    expect(due.map((r) => [r.kind, formatLocal(r.dueAt, TZ)])).toEqual([['shipping', '2026-11-20 14:30']]);
    expect(upcoming.map((r) => [r.kind, formatLocal(r.dueAt, TZ)])).toEqual([['checkin', '2026-11-22 10:00']]);

    // The same export imported again, and a forced re-scan: nothing new.
    await importDone(now + 10 * MIN);
    expect((await scanImportedOrders(db, now + 11 * MIN, DEFAULT_REMINDER_RULES, TZ)).created).toBe(0);
    expect((await scanImportedOrders(db, now + 12 * MIN, DEFAULT_REMINDER_RULES, TZ, { force: true })).created).toBe(0);
    expect(await db.reminders.count()).toBe(2);
  });

  it('a notice the agent already dismissed is not brought back by a re-import', async () => {
    const now = at('2026-11-20 16:00:00');
    await putBuyers(db, [buyer('阿青', [shipped('s1', '阿青', '2026-11-20 14:30:00')])]);
    await importDone(now);
    await scanImportedOrders(db, now, DEFAULT_REMINDER_RULES, TZ);
    const notice = (await remindersOfBuyer(db, 'taobao:阿青', now)).due[0]!;
    await actOnReminder(db, notice.id, { action: 'dismiss' }, now + MIN);

    await importDone(now + 10 * MIN);
    expect((await scanImportedOrders(db, now + 11 * MIN, DEFAULT_REMINDER_RULES, TZ)).created).toBe(0);
    expect((await remindersOfBuyer(db, 'taobao:阿青', now + 11 * MIN)).due).toEqual([]);
  });

  it('creates nothing for an order shipped a month ago, nor for one refunded after shipping', async () => {
    const now = at('2026-11-20 16:00:00');
    const refunded: Order = { ...shipped('s3', '老客', '2026-11-20 11:00:00'), status: 'closed' };
    await putBuyers(db, [buyer('老客', [shipped('s2', '老客', '2026-10-20 14:30:00'), refunded])]);
    await importDone(now);
    expect((await scanImportedOrders(db, now, DEFAULT_REMINDER_RULES, TZ)).created).toBe(0);
    expect(await db.reminders.count()).toBe(0);
  });
});

describe('the daily profile sweep', () => {
  it('creates a stage-end nudge for a buyer nearing day 45, once a day, and drops it when they buy again', async () => {
    const now = at('2026-11-20 09:00:00');
    await imported(db, [buyer('回头客', [order('p1', '回头客', 'completed', '2026-10-10 12:00:00')])]);
    const first = await sweepProfiles(db, now, DEFAULT_APP_SETTINGS, DEFAULT_REMINDER_RULES);
    expect(first.created).toBeGreaterThanOrEqual(1);
    const all = await remindersOfBuyer(db, 'taobao:回头客', now);
    const nudge = [...all.due, ...all.upcoming].find((r) => r.kind === 'stage_end');
    expect(nudge?.day).toBe(45);

    expect((await sweepProfiles(db, now + 60 * MIN, DEFAULT_APP_SETTINGS, DEFAULT_REMINDER_RULES)).created).toBe(0);

    await imported(db, [
      buyer('回头客', [
        order('p1', '回头客', 'completed', '2026-10-10 12:00:00'),
        order('p2', '回头客', 'completed', '2026-11-20 08:00:00'),
      ]),
    ]);
    const forced = await sweepProfiles(db, now + 61 * MIN, DEFAULT_APP_SETTINGS, DEFAULT_REMINDER_RULES, {
      force: true,
    });
    expect(forced.dismissed).toBeGreaterThanOrEqual(1);
    const after = await remindersOfBuyer(db, 'taobao:回头客', now + 61 * MIN);
    expect([...after.due, ...after.upcoming].some((r) => r.id === nudge!.id)).toBe(false);
  });
});
