import { z } from 'zod';
import { remindersFromOrders, staleOrderReminders } from '../reminders/orders';
import type { OrderEvent, Reminder, ReminderRules } from '../reminders/schema';
import { DEFAULT_TIME_ZONE, epochOfLocalDateTime } from '../reminders/time';
import { PlatformSchema, type Platform } from '../schemas/common';
import type { ConsoleOrder } from '../schemas/messages';
import { OrderStatusSchema, type OrderStatus } from '../schemas/order';

/**
 * Real-time order events from the console's order panel (issue 19): an order seen unpaid starts
 * the 催付 reminders, one seen paid or closed ends them, one that turns to shipped starts the
 * shipping notice. The reminders are the ones imported orders make (`remindersFromOrders`): the
 * same rules, quiet hours and caps, and the same deterministic ids, so an order seen again — in
 * another tab, after a reload or a service-worker restart — adds nothing.
 *
 * What was seen of each order is kept ({@link SeenConsoleOrder}), so a status change can be told
 * from a status seen for the first time, and the reminders of an order stay filed under the buyer
 * it was first seen with.
 */

/** What the console showed of one order, last time it was seen. */
export const SeenConsoleOrderSchema = z.object({
  platform: PlatformSchema,
  orderId: z.string().min(1),
  /** The buyer key the order's reminders are filed under (`platform:key` is the buyer id). */
  buyerKey: z.string().min(1),
  nick: z.string(),
  status: OrderStatusSchema,
  /** Epoch ms the order was first seen in a console. */
  firstSeenAt: z.number().int(),
  /** Epoch ms the order was placed, when the console showed it. */
  createdAt: z.number().int().optional(),
  tracking: z.string().optional(),
  carrier: z.string().optional(),
  updatedAt: z.number().int(),
});
export type SeenConsoleOrder = z.infer<typeof SeenConsoleOrderSchema>;

/** One reading of the open buyer's order panel. */
export interface ConsoleOrderObservation {
  platform: Platform;
  /** The buyer's key (the stored buyer's, else the console's id, else the nick). */
  buyerKey: string;
  nick: string;
  orders: readonly ConsoleOrder[];
}

export interface ConsoleOrderUpdate {
  /** Seen-order records that are new or changed (unchanged ones are left out). */
  seen: SeenConsoleOrder[];
  /** New reminders (none already in `existing`). */
  created: Reminder[];
  /** Open unpaid reminders of orders since paid or closed, dismissed. */
  dismissed: Reminder[];
}

/** Key of a seen order: order ids are unique per platform. */
export function seenOrderKey(platform: string, orderId: string): string {
  return `${platform}|${orderId}`;
}

/**
 * An order first seen already shipped starts the shipping notice only when it was placed this
 * recently: opening a buyer with last month's parcels must not greet each of them. An order seen
 * before with another status always does when it turns to shipped.
 */
export const FIRST_SEEN_SHIPPED_WINDOW_MS = 3 * 86_400_000;

const AFTER_SHIPPING = new Set(['shipped', 'completed', 'closed']);

/** How far along an order is: a status only moves forward, so a lower one is a stale reading (another tab's). */
const PROGRESS: Record<OrderStatus, number> = {
  unknown: -1,
  awaiting_payment: 0,
  paid: 1,
  shipped: 2,
  completed: 3,
  closed: 3,
};

/** The status to act on: the console's, unless it is unknown or behind what was already seen. */
function effectiveStatus(status: OrderStatus, prev: SeenConsoleOrder | undefined): OrderStatus {
  return prev && PROGRESS[status] < PROGRESS[prev.status] ? prev.status : status;
}

function placedAt(order: ConsoleOrder, timeZone: string): number | undefined {
  return order.createdAt ? epochOfLocalDateTime(order.createdAt, timeZone) : undefined;
}

/** The part of a reminder id after the buyer (`order|offset`), with its kind and platform: one per order and rule. */
function perOrderKey(r: Pick<Reminder, 'kind' | 'platform' | 'id'>, orderId: string): string {
  return `${r.kind}|${r.platform}|${orderId}|${r.id.slice(r.id.lastIndexOf('|') + 1)}`;
}

/**
 * What one observation of the order panel changes. `previous` holds what was seen before of these
 * orders (by {@link seenOrderKey}); `existing` the stored reminders of the buyers involved.
 * Pure: the caller stores `seen`, `created` and `dismissed` in one transaction.
 */
export function consoleOrderEvents(
  previous: ReadonlyMap<string, SeenConsoleOrder>,
  observation: ConsoleOrderObservation,
  rules: ReminderRules,
  now: number,
  existing: readonly Reminder[],
  timeZone: string = DEFAULT_TIME_ZONE,
): ConsoleOrderUpdate {
  const { platform } = observation;
  const events: OrderEvent[] = [];
  const seen: SeenConsoleOrder[] = [];
  const done = new Set<string>();
  for (const order of observation.orders) {
    const key = seenOrderKey(platform, order.id);
    if (done.has(key)) continue;
    done.add(key);
    const prev = previous.get(key);
    const buyerKey = prev?.buyerKey ?? observation.buyerKey;
    const nick = prev?.nick || observation.nick;
    const createdAt = placedAt(order, timeZone) ?? prev?.createdAt;
    const firstSeenAt = prev?.firstSeenAt ?? now;
    const base = { platform, buyerKey, nick, orderId: order.id };
    const status = effectiveStatus(order.status, prev);
    switch (status) {
      case 'awaiting_payment':
        // Due times count from when it was placed, else from when it was first seen.
        events.push({ ...base, kind: 'created', at: createdAt ?? firstSeenAt });
        break;
      case 'paid':
      case 'completed':
        events.push({ ...base, kind: 'paid', at: now });
        break;
      case 'closed':
        events.push({ ...base, kind: 'closed', at: now });
        break;
      case 'shipped': {
        const turned = prev
          ? !AFTER_SHIPPING.has(prev.status)
          : createdAt !== undefined && now - createdAt <= FIRST_SEEN_SHIPPED_WINDOW_MS;
        events.push({ ...base, kind: turned ? 'shipped' : 'paid', at: now });
        break;
      }
      default:
        break;
    }
    const next: SeenConsoleOrder = {
      platform,
      orderId: order.id,
      buyerKey,
      nick,
      status,
      firstSeenAt,
      ...(createdAt !== undefined ? { createdAt } : {}),
      ...((order.tracking ?? prev?.tracking) ? { tracking: order.tracking ?? prev?.tracking } : {}),
      ...((order.carrier ?? prev?.carrier) ? { carrier: order.carrier ?? prev?.carrier } : {}),
      updatedAt: now,
    };
    if (!prev || JSON.stringify({ ...prev, updatedAt: 0 }) !== JSON.stringify({ ...next, updatedAt: 0 }))
      seen.push(next);
  }

  // One reminder per order and rule, whichever buyer id an earlier sighting or import filed it under.
  const taken = new Set(existing.filter((r) => r.orderId).map((r) => perOrderKey(r, r.orderId!)));
  const created = remindersFromOrders({ events }, rules, now, existing, timeZone).filter(
    (r) => !taken.has(perOrderKey(r, r.orderId!)),
  );
  const dismissed = staleOrderReminders(existing, { events }, now, timeZone);
  return { seen, created, dismissed };
}
