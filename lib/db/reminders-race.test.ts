import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { computeBuyerMetrics } from '../metrics/compute';
import { DEFAULT_REMINDER_RULES, epochOfLocalDateTime } from '../reminders';
import type { Order } from '../schemas/order';
import { DEFAULT_APP_SETTINGS } from '../settings/app';
import { loadBuyerIndex, upsertIndex } from './buyer-index';
import { putBuyers } from './buyer-store';
import { HuitoukeDb } from './database';
import type { BuyerRecord } from './records';
import { actOnReminder, remindersOfBuyer, scanImportedOrders, sweepProfiles } from './reminders';
import { SETTINGS_KEY } from './settings';

/**
 * The reminder runs read, work, then write. An agent who marks a reminder done or snoozes it in
 * between made a newer decision: the run must not write its older view over it. The reads the
 * runs make after reading reminders (the buyer index for the sweep, the buyers for the import
 * scan) are where the agent's click is let in.
 */
const between = vi.hoisted(() => ({ act: null as null | (() => Promise<unknown>) }));
async function agentActsNow(): Promise<void> {
  const act = between.act;
  between.act = null;
  if (act) await act();
}
vi.mock('./buyer-index', async (importOriginal) => {
  const real = await importOriginal<typeof import('./buyer-index')>();
  return {
    ...real,
    loadBuyerIndex: async (db: HuitoukeDb) => {
      await agentActsNow();
      return real.loadBuyerIndex(db);
    },
  };
});
vi.mock('./buyer-store', async (importOriginal) => {
  const real = await importOriginal<typeof import('./buyer-store')>();
  return {
    ...real,
    scanBuyers: async (...args: Parameters<typeof real.scanBuyers>) => {
      await agentActsNow();
      return real.scanBuyers(...args);
    },
  };
});

const TZ = 'Asia/Shanghai';
const MIN = 60_000;
const at = (local: string) => epochOfLocalDateTime(local, TZ);

let db: HuitoukeDb;
let n = 0;
beforeEach(() => {
  between.act = null;
  db = new HuitoukeDb(`reminders-race-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

function order(id: string, key: string, status: Order['status'], createdAt: string): Order {
  const paid = status !== 'awaiting_payment' && status !== 'closed';
  return {
    platform: 'taobao',
    orderId: id,
    buyerKey: key,
    buyerNick: null,
    status,
    rawStatus: null,
    createdAt,
    paidAt: paid ? createdAt : null,
    paidCents: paid ? 9_900 : 0,
    refundCents: 0,
    lines: [{ lineId: `${id}-1`, title: '羊毛开衫', quantity: 1 }],
    sources: ['run1'],
  };
}
const buyer = (key: string, orders: Order[]): BuyerRecord => ({
  id: `taobao:${key}`,
  platform: 'taobao',
  buyerKey: key,
  nick: key,
  orders,
  metrics: computeBuyerMetrics(orders),
  updatedAt: 1,
});

async function imported(records: BuyerRecord[]): Promise<void> {
  await putBuyers(db, records);
  const index = upsertIndex(await loadBuyerIndex(db), records);
  await db.settings.put({ key: SETTINGS_KEY.buyerIndex, value: index, updatedAt: Date.now() });
}

async function importDone(finishedAt: number): Promise<void> {
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

describe("reminder runs never undo an agent's newer action", () => {
  it('the daily sweep leaves a stage-end nudge the agent marked done while it ran (it would have dismissed it)', async () => {
    const now = at('2026-11-20 09:00:00');
    await imported([buyer('回头客', [order('p1', '回头客', 'completed', '2026-10-10 12:00:00')])]);
    await sweepProfiles(db, now, DEFAULT_APP_SETTINGS, DEFAULT_REMINDER_RULES);
    const open = await remindersOfBuyer(db, 'taobao:回头客', now);
    const nudge = [...open.due, ...open.upcoming].find((r) => r.kind === 'stage_end')!;
    expect(nudge.status).toBe('pending');

    // The buyer bought again: the next sweep dismisses the nudge — unless the agent got there first.
    await imported([
      buyer('回头客', [
        order('p1', '回头客', 'completed', '2026-10-10 12:00:00'),
        order('p2', '回头客', 'completed', '2026-11-20 08:00:00'),
      ]),
    ]);
    between.act = () => actOnReminder(db, nudge.id, { action: 'done' }, now + 5 * MIN);
    const sweep = await sweepProfiles(db, now + 6 * MIN, DEFAULT_APP_SETTINGS, DEFAULT_REMINDER_RULES, { force: true });
    expect(between.act).toBeNull();
    expect(sweep.dismissed).toBe(0);
    expect(await db.reminders.get(nudge.id)).toMatchObject({ status: 'done', updatedAt: now + 5 * MIN });
  });

  it('the sweep still dismisses what the agent did not touch', async () => {
    const now = at('2026-11-20 09:00:00');
    await imported([buyer('回头客', [order('p1', '回头客', 'completed', '2026-10-10 12:00:00')])]);
    await sweepProfiles(db, now, DEFAULT_APP_SETTINGS, DEFAULT_REMINDER_RULES);
    const nudge = (await db.reminders.toArray()).find((r) => r.kind === 'stage_end')!;
    await imported([
      buyer('回头客', [
        order('p1', '回头客', 'completed', '2026-10-10 12:00:00'),
        order('p2', '回头客', 'completed', '2026-11-20 08:00:00'),
      ]),
    ]);
    const sweep = await sweepProfiles(db, now + 6 * MIN, DEFAULT_APP_SETTINGS, DEFAULT_REMINDER_RULES, { force: true });
    expect(sweep.dismissed).toBe(1);
    expect(await db.reminders.get(nudge.id)).toMatchObject({ status: 'dismissed' });
  });

  it('the import scan leaves an unpaid reminder the agent snoozed while it ran, and dismisses the untouched one', async () => {
    const created = '2026-11-20 15:00:00';
    const now = at(created) + 2 * MIN;
    await putBuyers(db, [buyer('小鹿', [order('o1', '小鹿', 'awaiting_payment', created)])]);
    await importDone(now);
    await scanImportedOrders(db, now, DEFAULT_REMINDER_RULES, TZ);
    const [soon, later] = (await remindersOfBuyer(db, 'taobao:小鹿', now)).upcoming;
    expect([soon?.kind, later?.kind]).toEqual(['unpaid', 'unpaid']);

    // The order was paid; the re-import's scan would dismiss both reminders.
    await putBuyers(db, [buyer('小鹿', [order('o1', '小鹿', 'paid', created)])]);
    await importDone(now + 30 * MIN);
    const until = now + 120 * MIN;
    between.act = () => actOnReminder(db, soon!.id, { action: 'snooze', until }, now + 31 * MIN);
    const scan = await scanImportedOrders(db, now + 32 * MIN, DEFAULT_REMINDER_RULES, TZ);
    expect(between.act).toBeNull();
    expect(scan.dismissed).toBe(1);
    expect(await db.reminders.get(soon!.id)).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    expect(await db.reminders.get(later!.id)).toMatchObject({ status: 'dismissed' });
  });
});
