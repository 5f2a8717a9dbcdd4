import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { db } from '@/lib/db/database';
import { seedPlaybook } from '@/lib/db/playbook';
import type { ConsoleOrder, ConsoleState } from '@/lib/schemas/messages';
import { onConsoleState } from './order-events';

/**
 * Issue 19: an order panel read while the conversation is switching must never tie orders to the
 * wrong buyer. The consoles render the header and the order panel separately, so one reading can
 * show the new buyer's name beside the previous buyer's orders, or the next buyer's orders under
 * the name still on screen. A sequence of readings, as a tab's content script sends them.
 */
const log = vi.fn();
let tab = 100;

beforeEach(async () => {
  fakeBrowser.reset();
  const database = db();
  await Promise.all([database.orderLinks.clear(), database.liveOrders.clear(), database.reminders.clear()]);
  await seedPlaybook(database, Date.now() - 86_400_000);
  tab++;
});

const A = { platform: 'pinduoduo' as const, id: 'uid_a', nick: '阿花' };
const B = { platform: 'pinduoduo' as const, id: 'uid_b', nick: '小白' };
const state = (
  buyer: { platform: 'pinduoduo'; id: string | null; nick: string },
  orders?: ConsoleOrder[],
): ConsoleState => ({
  status: 'ok',
  consoleId: 'demo',
  consoleName: 'demo',
  url: 'http://127.0.0.1/',
  inputFound: true,
  messages: [],
  buyer,
  ...(orders ? { orders } : {}),
});
const A_ORDERS: ConsoleOrder[] = [{ id: 'A-1', status: 'paid' }];
const B_ORDERS: ConsoleOrder[] = [
  { id: 'B-1', status: 'awaiting_payment', paidCents: 1_990 },
  { id: 'B-2', status: 'paid' },
];

/**
 * The readings in order, as a tab's content script sends them, each on screen for `stay` ms (300:
 * mid-switch; the default, 5 s: the agent reads the conversation) before the next; the guard's
 * timer (its re-read of the tab's latest reading) runs when it is due.
 */
async function play(steps: (ConsoleState | [ConsoleState, number])[]): Promise<void> {
  let t = Date.now();
  const timers: { at: number }[] = [];
  const timing = { clock: () => t, schedule: (_run: () => void, ms: number) => void timers.push({ at: t + ms }) };
  for (const step of steps) {
    const [s, stay] = Array.isArray(step) ? step : [step, 5_000];
    await onConsoleState(tab, s, log, timing);
    t += stay;
    for (const due of timers.filter((x) => x.at <= t)) {
      // The timer re-reads the tab's latest reading: this one.
      timers.splice(timers.indexOf(due), 1);
      await onConsoleState(tab, s, log, timing);
    }
  }
}

async function linked(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const l of await db().orderLinks.toArray()) out[l.orderId] = l.buyerId;
  return out;
}

describe('an order panel read mid-switch', () => {
  it("does not give the next buyer's orders to the buyer whose name is still shown (the panel changed first)", async () => {
    await play([state(A, A_ORDERS), [state(A, B_ORDERS), 300], state(B, B_ORDERS)]);
    expect(await linked()).toEqual({ 'A-1': 'pinduoduo:uid_a', 'B-1': 'pinduoduo:uid_b', 'B-2': 'pinduoduo:uid_b' });
    const remindersOfA = (await db().reminders.toArray()).filter((r) => r.buyerId === 'pinduoduo:uid_a');
    expect(remindersOfA).toEqual([]);
  });

  it("does not give the previous buyer's orders to the buyer whose name is already shown (the name changed first)", async () => {
    await play([
      state(A, [{ id: 'A-1', status: 'awaiting_payment', paidCents: 990 }]),
      [state(B, [{ id: 'A-1', status: 'awaiting_payment', paidCents: 990 }]), 300],
      state(B, B_ORDERS),
    ]);
    expect(await linked()).toEqual({ 'A-1': 'pinduoduo:uid_a', 'B-1': 'pinduoduo:uid_b', 'B-2': 'pinduoduo:uid_b' });
    const a1 = (await db().reminders.toArray()).filter((r) => r.orderId === 'A-1');
    expect(a1.length).toBeGreaterThan(0);
    expect(new Set(a1.map((r) => r.buyerId))).toEqual(new Set(['pinduoduo:uid_a']));
    expect((await db().liveOrders.toArray()).find((l) => l.id === 'pinduoduo:A-1')?.buyerId).toBe('pinduoduo:uid_a');
  });

  it("does not give the previous buyer's orders to a buyer whose id was not read yet when the name changed", async () => {
    await play([
      state(A, A_ORDERS),
      // The reader withholds orders until the id is there (reader.ts); then the old panel is still up.
      [state({ ...B, id: null }), 300],
      [state(B, [...A_ORDERS, { id: 'A-2', status: 'paid' }]), 300],
      state(B, B_ORDERS),
    ]);
    expect(await linked()).toEqual({ 'A-1': 'pinduoduo:uid_a', 'B-1': 'pinduoduo:uid_b', 'B-2': 'pinduoduo:uid_b' });
  });

  it('does not link a late answer for the buyer just left, shown under the next buyer until theirs arrives', async () => {
    await play([state(A, []), [state(B, A_ORDERS), 300], state(B, B_ORDERS)]);
    expect(await linked()).toEqual({ 'B-1': 'pinduoduo:uid_b', 'B-2': 'pinduoduo:uid_b' });
  });

  it('still links a buyer whose panel gains an order, and one whose first panel is read', async () => {
    await play([state(B, B_ORDERS.slice(0, 1)), [state(B, B_ORDERS), 0]]);
    expect(await linked()).toEqual({ 'B-1': 'pinduoduo:uid_b', 'B-2': 'pinduoduo:uid_b' });
  });
});
