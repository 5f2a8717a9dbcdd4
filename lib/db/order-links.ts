import type { Platform } from '../schemas/common';
import type { ConsoleOrder } from '../schemas/messages';
import type { Order } from '../schemas/order';
import { buyerId as buyerRefOf } from '../schemas/buyer';
import { buyerWithConsoleOrders, orderRecordId, planConsoleOrders, type TaughtBuyer } from '../orders/live';
import { seenOrderKey, type SeenConsoleOrder } from '../orders/console-events';
import type { CountingRules } from '../metrics/rules';
import type { LiveOrder, OrderLink } from '../sync/kinds';
import type { HuitoukeDb } from './database';
import { getBuyer, liveBuyer } from './buyer-store';
import { orphanBucket } from './import-hold';
import type { BuyerRecord } from './records';

/**
 * Orders seen in a console's order panel (issue 19), stored as synced-style records (stable id
 * `${platform}:${orderId}`, `updatedAt`, soft-delete `deletedAt`; kinds `orderLink` and `liveOrder`
 * of lib/sync/kinds.ts): the order → buyer link, learnt for good, and the order as the console
 * showed it. Only the background writes them, from the console states its hub receives.
 */

/**
 * Record what the open buyer's order panel shows. One transaction reads the records of those
 * orders and writes only what changed, so two tabs showing the same buyer, a reload or a worker
 * restart that re-sends the state write each link once. `events`: what the order events acted on
 * (lib/db/console-orders.ts), kept on each order's live record. Returns how many records changed.
 */
export async function recordConsoleOrders(
  db: HuitoukeDb,
  seen: { platform: Platform; buyerKey: string; nick?: string; orders: readonly ConsoleOrder[] },
  timeZone: string,
  now: number,
  events: readonly SeenConsoleOrder[] = [],
): Promise<number> {
  if (!seen.orders.length) return 0;
  const ids = seen.orders.map((o) => orderRecordId(seen.platform, o.id));
  return db.transaction('rw', db.orderLinks, db.liveOrders, async () => {
    const [links, live] = await Promise.all([db.orderLinks.bulkGet(ids), db.liveOrders.bulkGet(ids)]);
    const stored = {
      links: new Map(links.filter((l): l is OrderLink => !!l).map((l) => [l.id, l])),
      live: new Map(live.filter((l): l is LiveOrder => !!l).map((l) => [l.id, l])),
    };
    const writes = planConsoleOrders(seen, stored, now, timeZone);
    // What the events acted on rides on the order's live record (written now, else the stored one).
    const liveWrites = new Map(writes.live.map((l) => [l.id, l]));
    for (const e of events) {
      const id = orderRecordId(e.platform, e.orderId);
      const base = liveWrites.get(id) ?? stored.live.get(id);
      if (base) liveWrites.set(id, { ...base, events: e, updatedAt: now });
    }
    for (const [id, l] of liveWrites)
      if (!l.events && stored.live.get(id)?.events) liveWrites.set(id, { ...l, events: stored.live.get(id)!.events! });
    if (writes.links.length) await db.orderLinks.bulkPut(writes.links);
    if (liveWrites.size) await db.liveOrders.bulkPut([...liveWrites.values()]);
    return writes.links.length + liveWrites.size;
  });
}

/** What the order panel's events last acted on for these orders (kept on their live records), by seenOrderKey. */
export async function consoleOrderEventsSeen(
  db: HuitoukeDb,
  platform: Platform,
  orderIds: readonly string[],
): Promise<Map<string, SeenConsoleOrder>> {
  const out = new Map<string, SeenConsoleOrder>();
  for (const l of await db.liveOrders.bulkGet(orderIds.map((id) => orderRecordId(platform, id)))) {
    if (l?.events && l.deletedAt === undefined) out.set(seenOrderKey(l.events.platform, l.events.orderId), l.events);
  }
  return out;
}

/** The orders a console showed for a buyer (`${platform}:${buyerKey}`), whether or not an export has them since. */
export async function liveOrdersFor(db: HuitoukeDb, buyerRef: string): Promise<LiveOrder[]> {
  return (await db.liveOrders.where('buyerId').equals(buyerRef).toArray()).filter((l) => l.deletedAt === undefined);
}

/** The order → buyer links learnt for a buyer. */
export async function orderLinksFor(db: HuitoukeDb, buyerRef: string): Promise<OrderLink[]> {
  return (await db.orderLinks.where('buyerId').equals(buyerRef).toArray()).filter((l) => l.deletedAt === undefined);
}

/** Imported orders without a buyer (Pinduoduo, Douyin, item reports) that links tie to this buyer. */
export async function linkedOrphanOrders(db: HuitoukeDb, links: readonly OrderLink[]): Promise<Order[]> {
  if (!links.length) return [];
  const wanted = new Map<string, Set<string>>();
  for (const l of links) {
    const bucket = orphanBucket(l.platform, l.orderId);
    (wanted.get(bucket) ?? wanted.set(bucket, new Set()).get(bucket)!).add(l.orderId);
  }
  const buckets = await db.orphans.bulkGet([...wanted.keys()]);
  const out: Order[] = [];
  for (const b of buckets) {
    if (!b || b.deletedAt !== undefined) continue;
    const ids = wanted.get(b.id)!;
    for (const o of b.orders) if (ids.has(o.orderId)) out.push(o);
  }
  return out;
}

/**
 * The buyer a console shows with what the console taught: the stored record (`base.record`, else
 * the one stored under the buyer's id: a buyer the console made, lib/db/console-linked.ts), orphan
 * orders linked to the buyer and live orders, each order once (`buyerWithConsoleOrders`).
 * Undefined when there is neither a stored record nor an order from the console.
 */
export async function buyerWithConsole(
  db: HuitoukeDb,
  base: { platform: Platform; buyerKey: string; nick: string; record?: BuyerRecord },
  rules?: CountingRules,
): Promise<TaughtBuyer | undefined> {
  const ref = base.record?.id ?? buyerRefOf(base.platform, base.buyerKey);
  const [links, live, stored] = await Promise.all([
    orderLinksFor(db, ref),
    liveOrdersFor(db, ref),
    base.record ? Promise.resolve(base.record) : getBuyer(db, ref).then(liveBuyer),
  ]);
  const linked = await linkedOrphanOrders(db, links);
  return buyerWithConsoleOrders({ ...base, ...(stored ? { record: stored } : {}) }, linked, live, rules);
}

/** When the latest finished import ended (epoch ms), or null when nothing was imported: how fresh imported orders are. */
export async function latestImportAt(db: HuitoukeDb): Promise<number | null> {
  let latest: number | null = null;
  await db.importRuns.each((run) => {
    if (
      run.status === 'done' &&
      run.deletedAt === undefined &&
      run.finishedAt !== undefined &&
      (latest === null || run.finishedAt > latest)
    )
      latest = run.finishedAt;
  });
  return latest;
}
