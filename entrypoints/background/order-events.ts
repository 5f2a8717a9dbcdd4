import { consoleBuyerRef } from '@/lib/db/console-buyer';
import { applyConsoleOrders } from '@/lib/db/console-orders';
import { syncLinkedBuyers } from '@/lib/db/console-linked';
import { todayIn } from '@/lib/settings/app';
import { db } from '@/lib/db/database';
import { loadReminderRules } from '@/lib/db/playbook';
import { loadAppSettings } from '@/lib/db/settings';
import type { ConsoleState } from '@/lib/schemas/messages';
import { PanelGuard } from '@/lib/orders/panel-guard';
import { clockNow } from './clock';
import { dataLock, linkedBuyersChanged, requestReminderRun } from './reminders';

/**
 * The console's order panel, as each state reports it, becomes order → buyer links, live orders and
 * reminders (lib/db/console-orders.ts, one transaction): 催付 for unpaid orders, dismissed on payment, the shipping notice when an order ships. One state
 * at a time; a tab's state whose buyer and orders did not change since it was applied is skipped
 * (a new message changes the state, not the orders). Applying again is harmless: after a worker
 * restart the content script re-sends its state and nothing new is made.
 */
let chain: Promise<void> = Promise.resolve();
const applied = new Map<number, string>();
/** Per tab: which panel readings may link (lib/orders/panel-guard.ts), and the tab's latest state for a re-read. */
const guards = new Map<number, PanelGuard>();
const latest = new Map<number, ConsoleState>();

/** The clock and timer the panel guard uses (tests pass their own). */
export interface PanelTiming {
  clock?: () => number;
  schedule?: (run: () => void, ms: number) => void;
}

/** A closed tab: its panel guard, latest state and applied mark go with it. */
export function forgetConsoleTab(tabId: number): void {
  applied.delete(tabId);
  guards.delete(tabId);
  latest.delete(tabId);
}

export function onConsoleState(
  tabId: number,
  state: ConsoleState,
  log: (m: string) => void,
  timing: PanelTiming = {},
): Promise<void> {
  if (state.status !== 'ok') return chain;
  latest.set(tabId, state);
  let guard = guards.get(tabId);
  if (!guard) guards.set(tabId, (guard = new PanelGuard()));
  // Mid-switch, the panel may show another buyer's orders than the header: those are never linked.
  const decision = guard.read(state.buyer, state.orders, (timing.clock ?? Date.now)());
  if (decision && 'waitMs' in decision) {
    const schedule = timing.schedule ?? ((run: () => void, ms: number) => void setTimeout(run, ms));
    schedule(() => {
      const last = latest.get(tabId);
      if (last) void onConsoleState(tabId, last, log, timing);
    }, decision.waitMs);
    return chain;
  }
  if (!decision || !('orders' in decision) || !decision.orders.length) return chain;
  const key = JSON.stringify([state.buyer, state.orders]);
  if (applied.get(tabId) === key) return chain;
  applied.set(tabId, key);
  chain = chain
    .then(async () => {
      const database = db();
      const now = await clockNow();
      const settings = await loadAppSettings(database);
      const rules = await loadReminderRules(database);
      // One buyer for the links, live orders and reminders of this state, worked out once.
      const ref = await consoleBuyerRef(database, state.buyer.platform, state.buyer);
      if (!ref) return;
      const result = await applyConsoleOrders(database, state, rules, now, settings.timeZone, ref);
      // The buyer they are filed under becomes (or stays) a buyer record: buyers table, dashboard, sweeps.
      if (result.recorded) {
        const linked = await syncLinkedBuyers(
          database,
          {
            rules: settings.profile.rules,
            asOf: todayIn(settings.timeZone, now),
            now,
            ...dataLock(),
          },
          [ref.buyerId],
        );
        // An import, restore or backup holds the data: the reminder run after it does this buyer.
        if (linked.skipped) linkedBuyersChanged();
      }
      if (result.created || result.dismissed) {
        // New reminders may be due sooner than the alarm: the run re-arms it and rings what is due.
        void requestReminderRun(log);
      }
    })
    .catch((e: unknown) => {
      if (applied.get(tabId) === key) applied.delete(tabId);
      log(`console orders: ${e instanceof Error ? e.message : String(e)}`);
    });
  return chain;
}
