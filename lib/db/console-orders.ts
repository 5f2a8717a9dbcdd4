import { consoleOrderEvents } from '../orders/console-events';
import { ReminderSchema, type Reminder, type ReminderRules } from '../reminders/schema';
import { buyerId as makeBuyerId } from '../schemas/buyer';
import type { ConsoleState } from '../schemas/messages';
import { consoleBuyerRef, type ConsoleBuyerRef } from './console-buyer';
import type { HuitoukeDb } from './database';
import { consoleOrderEventsSeen, recordConsoleOrders } from './order-links';

/**
 * Orders seen in consoles' order panels: one writer for all they teach. The order → buyer links
 * and live orders (order-links.ts) and the reminders the order events start
 * (lib/orders/console-events.ts) are written in one transaction; what the events last acted on
 * rides on each order's live record (`events`), read in the same transaction. So two tabs
 * reporting the same order at once make one set of reminders, and a service worker stopped
 * half-way leaves nothing half-written.
 */

export interface ConsoleOrdersResult {
  created: number;
  dismissed: number;
  /** Links and live orders written (new or changed). */
  recorded: number;
}

/**
 * Applies one console state: its order panel's orders become links, live orders and reminders
 * (created, dismissed) for the open buyer, filed under `buyerRef` (consoleBuyerRef: the stored
 * buyer the sidebar shows, else the console's id or nick; worked out here when not given). A state
 * without orders does nothing.
 */
export async function applyConsoleOrders(
  db: HuitoukeDb,
  state: ConsoleState,
  rules: ReminderRules,
  now: number,
  timeZone: string,
  buyerRef?: ConsoleBuyerRef,
): Promise<ConsoleOrdersResult> {
  const none = { created: 0, dismissed: 0, recorded: 0 };
  if (state.status !== 'ok' || !state.orders?.length) return none;
  const { buyer, orders } = state;
  const ref = buyerRef ?? (await consoleBuyerRef(db, buyer.platform, buyer));
  if (!ref) return none;
  const { buyerKey } = ref;
  return db.transaction('rw', [db.orderLinks, db.liveOrders, db.reminders], async () => {
    const previous = await consoleOrderEventsSeen(
      db,
      buyer.platform,
      orders.map((o) => o.id),
    );
    const buyerIds = new Set([
      makeBuyerId(buyer.platform, buyerKey),
      ...[...previous.values()].map((p) => makeBuyerId(p.platform, p.buyerKey)),
    ]);
    const existing: Reminder[] = [];
    for (const row of await db.reminders
      .where('buyerId')
      .anyOf([...buyerIds])
      .toArray()) {
      const parsed = ReminderSchema.safeParse(row);
      if (parsed.success) existing.push(parsed.data);
    }
    const update = consoleOrderEvents(
      previous,
      { platform: buyer.platform, buyerKey, nick: buyer.nick, orders },
      rules,
      now,
      existing,
      timeZone,
    );
    const recorded = await recordConsoleOrders(
      db,
      { platform: buyer.platform, buyerKey, nick: buyer.nick, orders },
      timeZone,
      now,
      update.seen,
    );
    // Read in this transaction: nothing an agent did can have come in between.
    const stored = new Set(existing.map((r) => r.id));
    const created = update.created.filter((r) => !stored.has(r.id));
    if (created.length) await db.reminders.bulkPut(created);
    if (update.dismissed.length) await db.reminders.bulkPut(update.dismissed);
    return { created: created.length, dismissed: update.dismissed.length, recorded };
  });
}
