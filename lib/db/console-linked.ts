import type { CountingRules } from '../metrics/rules';
import { buyerWithConsoleOrders, fromExport } from '../orders/live';
import type { LiveOrder, OrderLink } from '../sync/kinds';
import type { Platform } from '../schemas/common';
import { emptyBuyerIndex, indexEntries, loadBuyerIndex, upsertIndex, type BuyerIndex } from './buyer-index';
import { getBuyers, liveBuyer, putBuyers } from './buyer-store';
import { forgetSegmentModel } from './buyers';
import { DataBusy, type DataLock } from './data-lock';
import type { HuitoukeDb } from './database';
import { rebuildSegmentModel } from './import-store';
import { latestImportAt, linkedOrphanOrders, liveOrdersFor, orderLinksFor } from './order-links';
import type { BuyerRecord } from './records';
import { SETTINGS_KEY } from './settings';

/**
 * Buyers the console taught are buyers everywhere (issue 19). A chat buyer whose orders a console's
 * order panel linked (Pinduoduo/Douyin orders no export names a buyer for) or showed (live orders)
 * is written as a buyer record, through the buyer store, under the id everything the console
 * teaches is filed under (consoleBuyerRef), with the buyer index, buyer count and segment model to
 * match: so the options page's buyers table, the dashboard, the segment population and the reminder
 * sweeps see them like an imported buyer. An imported buyer the console showed more orders of gets
 * them in its record the same way.
 *
 * The record is what `buyerWithConsoleOrders` puts together (each order once, the export's version
 * first); doing it again with nothing new writes nothing. An import that later brings the same
 * orders merges them into the record by order id (its orphans attach to the stored buyer that has
 * the order), so they count once. A buyer that only the console made and whose links and live
 * orders are all gone (another agent's deletion, synced) is deleted. Everything is read again from
 * the stored links, live orders and orphans, so running it after an import, a restore or a sync pull
 * puts right whatever changed under it, including an index that missed a buyer written just before
 * a stop.
 */

export interface LinkedBuyersOptions {
  rules: CountingRules;
  /** The shop's today (`YYYY-MM-DD`), for the segment model rebuilt when the index changed. */
  asOf: string;
  now: number;
  /** Held while writing, so no import or restore runs meanwhile; busy means skipped (the next run after them does it). */
  lock?: DataLock;
}

export interface LinkedBuyersResult {
  /** Buyer records written (new or changed). */
  written: number;
  /** Buyers only the console made, deleted because nothing taught is left of them. */
  removed: number;
  /** Buyer index entries added, changed or removed. */
  indexed: number;
  /** The data lock was held by an import, restore or backup: nothing was done. */
  skipped?: boolean;
}

const CHUNK = 200;

/** Every buyer id something taught is filed under (deleted links and live orders too: a buyer they left). */
export async function taughtBuyerIds(db: HuitoukeDb): Promise<string[]> {
  const [links, live] = await Promise.all([
    db.orderLinks.orderBy('buyerId').uniqueKeys(),
    db.liveOrders.orderBy('buyerId').uniqueKeys(),
  ]);
  return [...new Set([...links, ...live].map(String))].sort();
}

function splitId(id: string): { platform: Platform; key: string } {
  const at = id.indexOf(':');
  return { platform: id.slice(0, at) as Platform, key: id.slice(at + 1) };
}

/** The index columns of one buyer as stored, to compare with what its record says. */
function sameEntry(index: BuyerIndex, at: Map<string, number>, record: BuyerRecord): boolean {
  const i = at.get(record.id);
  if (i === undefined) return false;
  const one = upsertIndex(emptyBuyerIndex(), [record]);
  const cols = [
    'nicks',
    'platforms',
    'paidOrders',
    'netCents',
    'aovCents',
    'firstPaidDate',
    'lastPaidDate',
    'refundOrders',
  ] as const;
  if (cols.some((c) => index[c][i] !== one[c][0])) return false;
  return (
    (index.currency?.[i] ?? '') === (one.currency?.[0] ?? '') &&
    (index.otherNet?.[i] ?? '') === (one.otherNet?.[0] ?? '')
  );
}

/**
 * The stored record without the orders whose link or live order was deleted (another agent's
 * deletion, synced) and that are not the buyer's own: copies of orphans (the bucket still has them)
 * or orders only the console showed. What an export attached to the buyer itself stays.
 */
async function withoutUnlinked(
  db: HuitoukeDb,
  id: string,
  record: BuyerRecord | undefined,
  links: readonly OrderLink[],
  live: readonly LiveOrder[],
): Promise<BuyerRecord | undefined> {
  if (!record) return undefined;
  const kept = new Set([...links.map((l) => l.orderId), ...live.map((l) => l.order.orderId)]);
  const [deletedLinks, deletedLive] = await Promise.all([
    db.orderLinks.where('buyerId').equals(id).toArray(),
    db.liveOrders.where('buyerId').equals(id).toArray(),
  ]);
  const gone = [
    ...deletedLinks.filter((l) => l.deletedAt !== undefined && !kept.has(l.orderId)),
    ...deletedLive
      .filter((l) => l.deletedAt !== undefined && !kept.has(l.order.orderId))
      .map((l) => ({ ...l, orderId: l.order.orderId, platform: l.order.platform, learnedAt: 0 })),
  ];
  if (!gone.length) return record;
  const orphans = new Set((await linkedOrphanOrders(db, gone)).map((o) => o.orderId));
  const goneIds = new Set(gone.map((l) => l.orderId));
  const orders = record.orders.filter((o) => !goneIds.has(o.orderId) || (!orphans.has(o.orderId) && fromExport(o)));
  return orders.length === record.orders.length ? record : { ...record, orders };
}

/**
 * Write the buyer records of these buyer ids (all that anything taught is filed under when not
 * given) as the console taught them, and their index entries. See the module comment.
 */
export async function syncLinkedBuyers(
  db: HuitoukeDb,
  opts: LinkedBuyersOptions,
  buyerIds?: readonly string[],
): Promise<LinkedBuyersResult> {
  const work = () => syncUnlocked(db, opts, buyerIds);
  if (!opts.lock) return work();
  try {
    return await opts.lock.exclusive('import', work);
  } catch (error) {
    if (error instanceof DataBusy) return { written: 0, removed: 0, indexed: 0, skipped: true };
    throw error;
  }
}

async function syncUnlocked(
  db: HuitoukeDb,
  opts: LinkedBuyersOptions,
  given?: readonly string[],
): Promise<LinkedBuyersResult> {
  const ids = [...new Set(given ?? (await taughtBuyerIds(db)))];
  const index = await loadBuyerIndex(db);
  const at = new Map(index.ids.map((id, i) => [id, i]));
  const upserts: BuyerRecord[] = [];
  const removed = new Set<string>();
  let written = 0;
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const stored = await getBuyers(db, chunk);
    const writes: BuyerRecord[] = [];
    for (const [k, id] of chunk.entries()) {
      const { platform, key } = splitId(id);
      const [links, live] = await Promise.all([orderLinksFor(db, id), liveOrdersFor(db, id)]);
      const record = await withoutUnlinked(db, id, liveBuyer(stored[k]), links, live);
      const nick = live.map((l) => l.order.buyerNick).find((n): n is string => !!n) ?? key;
      const taught = buyerWithConsoleOrders(
        { platform, buyerKey: key, nick, ...(record ? { record } : {}) },
        await linkedOrphanOrders(db, links),
        live,
        opts.rules,
      );
      if (!taught) {
        // Only a buyer the console made comes back empty: nothing taught is left of it.
        if (record) {
          writes.push({ ...record, deletedAt: opts.now, updatedAt: opts.now });
          removed.add(id);
        }
        continue;
      }
      if (taught.record !== record) writes.push({ ...taught.record, updatedAt: opts.now });
      if (!sameEntry(index, at, taught.record)) upserts.push(taught.record);
    }
    if (writes.length) await putBuyers(db, writes, opts.now);
    written += writes.length - writes.filter((w) => removed.has(w.id)).length;
  }
  const gone = [...removed].filter((id) => at.has(id));
  if (upserts.length || gone.length) {
    await db.transaction('rw', db.settings, async () => {
      // Read again: an import that finished since the read above has merged its own buyers.
      let next = await loadBuyerIndex(db);
      if (gone.length)
        next = upsertIndex(
          emptyBuyerIndex(),
          [...indexEntries(next)].filter((e) => !removed.has(e.id)),
        );
      upsertIndex(next, upserts);
      await db.settings.bulkPut([
        { key: SETTINGS_KEY.buyerIndex, value: next, updatedAt: opts.now },
        { key: SETTINGS_KEY.buyerCount, value: next.ids.length, updatedAt: opts.now },
      ]);
    });
    await rebuildSegmentModel(db, opts.asOf, opts.now);
    forgetSegmentModel();
  }
  return { written, removed: removed.size, indexed: upserts.length + gone.length };
}

/** Settings key: the latest import (its `finishedAt`) the linked buyers were last put right after. */
export const LINKED_AFTER_IMPORT_KEY = 'linkedBuyersAfterImport';

/**
 * {@link syncLinkedBuyers} for every taught buyer when an import finished since it last ran (or
 * `force`: a restore, a sync pull), else nothing. Runs before the reminder scan and sweep, so they
 * see the buyers as the console taught them.
 */
export async function syncLinkedBuyersIfDue(
  db: HuitoukeDb,
  opts: LinkedBuyersOptions,
  force = false,
): Promise<LinkedBuyersResult | null> {
  const latest = (await latestImportAt(db)) ?? 0;
  const done = (await db.settings.get(LINKED_AFTER_IMPORT_KEY))?.value;
  if (!force && typeof done === 'number' && done >= latest) return null;
  const result = await syncLinkedBuyers(db, opts);
  if (!result.skipped) await db.settings.put({ key: LINKED_AFTER_IMPORT_KEY, value: latest, updatedAt: opts.now });
  return result;
}
