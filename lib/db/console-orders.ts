import { consoleOrderEvents, SeenConsoleOrderSchema, seenOrderKey, type SeenConsoleOrder } from '../orders/console-events';
import { ReminderSchema, type Reminder, type ReminderRules } from '../reminders/schema';
import { buyerId as makeBuyerId } from '../schemas/buyer';
import type { ConsoleState } from '../schemas/messages';
import { consoleBuyerRef, type ConsoleBuyerRef } from './console-buyer';
import type { HuitoukeDb } from './database';

/**
 * Orders seen in consoles' order panels, and the reminders they start (lib/orders/console-events.ts).
 * What was seen of an order is a record of the `settings` table under {@link SEEN_ORDER_PREFIX}
 * (no new table, so no schema version): read and written by key, one per order, with the
 * reminders in the same transaction, so two tabs reporting the same order at once make one set of
 * reminders, and a service worker stopped half-way leaves nothing half-written.
 */
export const SEEN_ORDER_PREFIX = 'consoleOrder|';

const settingKey = (platform: string, orderId: string) => SEEN_ORDER_PREFIX + seenOrderKey(platform, orderId);

export interface ConsoleOrdersResult {
  created: number;
  dismissed: number;
}

/**
 * Applies one console state: its order panel's orders become reminders (created, dismissed) for
 * the open buyer, filed under `buyerRef` (consoleBuyerRef: the stored buyer the sidebar shows, else
 * the console's id or nick; worked out here when not given). A state without orders does nothing.
 */
export async function applyConsoleOrders(
  db: HuitoukeDb,
  state: ConsoleState,
  rules: ReminderRules,
  now: number,
  timeZone: string,
  buyerRef?: ConsoleBuyerRef,
): Promise<ConsoleOrdersResult> {
  if (state.status !== 'ok' || !state.orders?.length) return { created: 0, dismissed: 0 };
  const { buyer, orders } = state;
  const ref = buyerRef ?? (await consoleBuyerRef(db, buyer.platform, buyer));
  if (!ref) return { created: 0, dismissed: 0 };
  const { buyerKey } = ref;
  const keys = orders.map((o) => settingKey(buyer.platform, o.id));
  return db.transaction('rw', [db.settings, db.reminders], async () => {
    const previous = new Map<string, SeenConsoleOrder>();
    for (const row of await db.settings.bulkGet(keys)) {
      const parsed = SeenConsoleOrderSchema.safeParse(row?.value);
      if (parsed.success) previous.set(seenOrderKey(parsed.data.platform, parsed.data.orderId), parsed.data);
    }
    const buyerIds = new Set([makeBuyerId(buyer.platform, buyerKey), ...[...previous.values()].map((p) => makeBuyerId(p.platform, p.buyerKey))]);
    const existing: Reminder[] = [];
    for (const row of await db.reminders.where('buyerId').anyOf([...buyerIds]).toArray()) {
      const parsed = ReminderSchema.safeParse(row);
      if (parsed.success) existing.push(parsed.data);
    }
    const update = consoleOrderEvents(previous, { platform: buyer.platform, buyerKey, nick: buyer.nick, orders }, rules, now, existing, timeZone);
    if (update.seen.length) {
      await db.settings.bulkPut(update.seen.map((s) => ({ key: settingKey(s.platform, s.orderId), value: s, updatedAt: now })));
    }
    // Read in this transaction: nothing an agent did can have come in between.
    const stored = new Set(existing.map((r) => r.id));
    const created = update.created.filter((r) => !stored.has(r.id));
    if (created.length) await db.reminders.bulkPut(created);
    if (update.dismissed.length) await db.reminders.bulkPut(update.dismissed);
    return { created: created.length, dismissed: update.dismissed.length };
  });
}

/** What was last seen of an order in a console, if it was. */
export async function seenConsoleOrder(db: HuitoukeDb, platform: string, orderId: string): Promise<SeenConsoleOrder | undefined> {
  const parsed = SeenConsoleOrderSchema.safeParse((await db.settings.get(settingKey(platform, orderId)))?.value);
  return parsed.success ? parsed.data : undefined;
}
