import { computeBuyerMetrics } from '../metrics/compute';
import type { CountingRules } from '../metrics/rules';
import { wallClock } from '../reminders/time';
import type { BuyerRecord } from '../db/records';
import { buyerId as buyerRefOf } from '../schemas/buyer';
import type { Platform } from '../schemas/common';
import type { ConsoleOrder } from '../schemas/messages';
import type { Order } from '../schemas/order';
import type { LiveOrder, OrderLink } from '../sync/kinds';

/**
 * Orders the console shows (issue 19), as decisions without storage: which order → buyer links and
 * live orders a reading of the console's order panel writes, and the buyer the sidebar shows once
 * imported orders, linked orphans and live orders are put together, each order once.
 * Storage is `lib/db/order-links.ts`; the background writes (content scripts never touch IndexedDB).
 */

/** The run id live orders carry in `sources`, so an order built from the console says so. */
export const CONSOLE_SOURCE = 'console';

/** Id of an order's link and of its live order: `${platform}:${orderId}`. */
export const orderRecordId = (platform: string, orderId: string): string => `${platform}:${orderId}`;

/** `YYYY-MM-DD HH:mm:ss` of an instant in the shop's time zone. */
export function localDateTimeAt(epochMs: number, timeZone: string): string {
  const c = wallClock(epochMs, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${c.date} ${two(c.hour % 24)}:${two(c.minute)}:${two(c.second)}`;
}

export interface ConsoleOrdersSeen {
  platform: Platform;
  /** The open buyer's key: the console's buyer id, else the nick. */
  buyerKey: string;
  orders: readonly ConsoleOrder[];
}

export interface ConsoleOrderWrites {
  links: OrderLink[];
  live: LiveOrder[];
}

const isPaidStatus = (status: Order['status']) => status === 'paid' || status === 'shipped' || status === 'completed';

/**
 * A console order as an order record: what the panel showed. A row without a shown time keeps no
 * time (it is listed, not counted: a paid order of unknown date must not make the buyer look as if
 * they bought today, lifting recency, stage and segment), unless the payment itself was seen: an
 * order seen unpaid, then paid, was paid by the time it was seen paid. The 催付 reminders use the
 * first sighting on their own (lib/orders/console-events.ts).
 */
function liveOrderOf(platform: Platform, buyerKey: string, o: ConsoleOrder, seenAt: string, before?: Order): Order {
  const createdAt = o.createdAt ?? before?.createdAt ?? null;
  const paid = isPaidStatus(o.status);
  const paymentSeen = before !== undefined && before.status === 'awaiting_payment' && paid;
  return {
    platform,
    orderId: o.id,
    buyerKey,
    buyerNick: null,
    status: o.status,
    rawStatus: o.rawStatus ?? null,
    createdAt,
    // The console shows no payment time: paid when placed if that is shown, else when seen paying.
    paidAt: paid ? (before?.paidAt ?? createdAt ?? (paymentSeen ? seenAt : null)) : null,
    ...(o.status === 'shipped' || o.status === 'completed' ? { shippedAt: before?.shippedAt ?? seenAt } : {}),
    paidCents: o.paidCents ?? before?.paidCents ?? null,
    refundCents: null,
    lines: [],
    ...((o.tracking ?? before?.trackingNo) ? { trackingNo: o.tracking ?? before?.trackingNo } : {}),
    ...((o.carrier ?? before?.carrier) ? { carrier: o.carrier ?? before?.carrier } : {}),
    sources: [CONSOLE_SOURCE],
  };
}

const sameLive = (a: Order, b: Order) =>
  a.status === b.status &&
  a.paidCents === b.paidCents &&
  a.createdAt === b.createdAt &&
  a.trackingNo === b.trackingNo &&
  a.carrier === b.carrier &&
  a.rawStatus === b.rawStatus &&
  a.paidAt === b.paidAt &&
  a.shippedAt === b.shippedAt;

/**
 * What a reading of the open buyer's order panel writes, given the records already stored for
 * those order ids. Idempotent: the same reading again writes nothing. A link is for good: an order
 * already linked to a buyer stays with that buyer (a panel read mid-switch cannot move it), and its
 * live order is not taken over either.
 */
export function planConsoleOrders(
  seen: ConsoleOrdersSeen,
  stored: { links: ReadonlyMap<string, OrderLink>; live: ReadonlyMap<string, LiveOrder> },
  now: number,
  timeZone: string,
): ConsoleOrderWrites {
  const ref = buyerRefOf(seen.platform, seen.buyerKey);
  const seenAt = localDateTimeAt(now, timeZone);
  const out: ConsoleOrderWrites = { links: [], live: [] };
  for (const o of seen.orders) {
    const id = orderRecordId(seen.platform, o.id);
    const link = stored.links.get(id);
    if (link && link.deletedAt === undefined && link.buyerId !== ref) continue;
    if (!link || link.deletedAt !== undefined) {
      out.links.push({ id, platform: seen.platform, orderId: o.id, buyerId: ref, learnedAt: now, updatedAt: now });
    }
    const before = stored.live.get(id);
    const prior = before && before.deletedAt === undefined && before.buyerId === ref ? before.order : undefined;
    const order = liveOrderOf(seen.platform, seen.buyerKey, o, seenAt, prior);
    if (prior && sameLive(prior, order)) continue;
    out.live.push({ id, buyerId: ref, order, seenAt: now, updatedAt: now });
  }
  return out;
}

/**
 * The buyer the sidebar shows: the imported record (if any), plus orphan orders linked to this
 * buyer, plus live orders no export has brought yet — each order id once, the imported order
 * first (an export knows lines and amounts; the console fills in tracking it lacks). Metrics are
 * computed again over the whole. `consoleOnly` lists order ids known only from the console.
 */
export function buyerWithConsoleOrders(
  base: { platform: Platform; buyerKey: string; nick: string; record?: BuyerRecord },
  linked: readonly Order[],
  live: readonly LiveOrder[],
  rules?: CountingRules,
): { record: BuyerRecord; consoleOnly: string[]; linkedCount: number } | undefined {
  const orders = new Map<string, Order>();
  for (const o of base.record?.orders ?? []) orders.set(o.orderId, o);
  let linkedCount = 0;
  for (const o of linked) {
    if (orders.has(o.orderId)) continue;
    orders.set(o.orderId, { ...o, buyerKey: base.record?.buyerKey ?? base.buyerKey });
    linkedCount++;
  }
  const consoleOnly: string[] = [];
  for (const l of live) {
    if (l.deletedAt !== undefined) continue;
    const known = orders.get(l.order.orderId);
    if (known) {
      if (!known.trackingNo && l.order.trackingNo)
        orders.set(known.orderId, {
          ...known,
          trackingNo: l.order.trackingNo,
          ...(l.order.carrier && !known.carrier ? { carrier: l.order.carrier } : {}),
        });
      continue;
    }
    orders.set(l.order.orderId, l.order);
    consoleOnly.push(l.order.orderId);
  }
  if (!base.record && orders.size === 0) return undefined;
  if (base.record && linkedCount === 0 && consoleOnly.length === 0 && orders.size === base.record.orders.length) {
    const changed = [...orders.values()].some((o, i) => o !== base.record!.orders[i]);
    if (!changed) return { record: base.record, consoleOnly, linkedCount };
  }
  const all = [...orders.values()];
  const record: BuyerRecord = {
    id: base.record?.id ?? buyerRefOf(base.platform, base.buyerKey),
    platform: base.platform,
    buyerKey: base.record?.buyerKey ?? base.buyerKey,
    nick: base.record?.nick ?? base.nick,
    orders: all,
    metrics: computeBuyerMetrics(all, rules),
    updatedAt: base.record?.updatedAt ?? 0,
  };
  return { record, consoleOnly, linkedCount };
}
