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
  /** The nick the console shows, kept on the live orders (the buyer record a linked buyer gets is named by it). */
  nick?: string;
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
function liveOrderOf(
  platform: Platform,
  buyerKey: string,
  nick: string | undefined,
  o: ConsoleOrder,
  seenAt: string,
  before?: Order,
): Order {
  const createdAt = o.createdAt ?? before?.createdAt ?? null;
  const paid = isPaidStatus(o.status);
  const paymentSeen = before !== undefined && before.status === 'awaiting_payment' && paid;
  return {
    platform,
    orderId: o.id,
    buyerKey,
    buyerNick: nick || before?.buyerNick || null,
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
    const order = liveOrderOf(seen.platform, seen.buyerKey, seen.nick, o, seenAt, prior);
    if (prior && sameLive(prior, order)) continue;
    out.live.push({ id, buyerId: ref, order, seenAt: now, updatedAt: now });
  }
  return out;
}

/** Whether an import brought this order (a source other than the console). */
export const fromExport = (o: Order): boolean => o.sources.some((s) => s !== CONSOLE_SOURCE);

/** What a console-linked buyer is, put together: see {@link buyerWithConsoleOrders}. */
export interface TaughtBuyer {
  record: BuyerRecord;
  /** Order ids known only from the console (no export has them yet). */
  consoleOnly: string[];
  /** Exported orders without a buyer that the console tied to this buyer. */
  linkedCount: number;
  /**
   * Whether every order of the buyer came through the console (linked or live): a buyer no export
   * names, made a buyer record by the console (lib/db/console-linked.ts).
   */
  consoleMade: boolean;
}

/**
 * The buyer as the console taught it: the stored record (if any), plus orphan orders linked to this
 * buyer, plus live orders no export has brought yet, each order id once, and metrics computed again
 * over the whole. The stored record may itself be one this function made before (a linked buyer is
 * stored as a buyer record so the buyers table, dashboard, segments and sweeps see it): its
 * copies of taught orders are replaced by the current ones, so reading it again counts each order once.
 * For each order: the export's version first (the stored copy, unless the orphan bucket has a
 * version from an import the copy has not seen), with the console's tracking number where the
 * export has none; else the console's version. A copy only the console made whose live order is
 * gone is dropped.
 */
export function buyerWithConsoleOrders(
  base: { platform: Platform; buyerKey: string; nick: string; record?: BuyerRecord },
  linked: readonly Order[],
  live: readonly LiveOrder[],
  rules?: CountingRules,
): TaughtBuyer | undefined {
  const stored = base.record && base.record.deletedAt === undefined ? base.record : undefined;
  const key = stored?.buyerKey ?? base.buyerKey;
  const bucket = new Map(linked.map((o) => [o.orderId, o]));
  const seen = new Map<string, Order>();
  for (const l of live) if (l.deletedAt === undefined) seen.set(l.order.orderId, l.order);
  const taught = (id: string) => bucket.has(id) || seen.has(id);
  const storedBy = new Map((stored?.orders ?? []).map((o) => [o.orderId, o]));
  const consoleMade = !stored?.orders.some((o) => !taught(o.orderId) && fromExport(o));
  const ids = [...new Set([...storedBy.keys(), ...bucket.keys(), ...seen.keys()])];
  const orders: Order[] = [];
  const consoleOnly: string[] = [];
  let linkedCount = 0;
  let changed = false;
  for (const id of ids) {
    const copy = storedBy.get(id);
    const orphan = bucket.get(id);
    const shown = seen.get(id);
    const kept = copy && fromExport(copy) ? copy : undefined;
    // The bucket's version is newer when an import the stored copy has not seen touched it.
    const exported = kept && (!orphan || orphan.sources.every((s) => kept.sources.includes(s))) ? kept : orphan;
    let order: Order | undefined;
    if (exported) {
      order = exported.buyerKey === key ? exported : { ...exported, buyerKey: key };
      if (!order.trackingNo && shown?.trackingNo)
        order = {
          ...order,
          trackingNo: shown.trackingNo,
          ...(shown.carrier && !order.carrier ? { carrier: shown.carrier } : {}),
        };
      if (orphan || (consoleMade && taught(id))) linkedCount++;
    } else if (shown) {
      order = shown.buyerKey === key ? shown : { ...shown, buyerKey: key };
      consoleOnly.push(id);
    }
    if (order !== copy) changed = true;
    if (order) orders.push(order);
  }
  if (orders.length === 0)
    return stored && !consoleMade ? { record: stored, consoleOnly, linkedCount, consoleMade } : undefined;
  if (stored && !changed && orders.length === stored.orders.length)
    return { record: stored, consoleOnly, linkedCount, consoleMade };
  const record: BuyerRecord = {
    id: stored?.id ?? buyerRefOf(base.platform, base.buyerKey),
    platform: base.platform,
    buyerKey: key,
    nick: stored?.nick ?? base.nick,
    orders,
    metrics: computeBuyerMetrics(orders, rules),
    updatedAt: stored?.updatedAt ?? 0,
  };
  return { record, consoleOnly, linkedCount, consoleMade };
}
