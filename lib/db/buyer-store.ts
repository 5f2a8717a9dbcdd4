import type { Table } from 'dexie';
import type { Platform } from '../schemas/common';
import { decodeBuyer, encodeBuyer } from './buyer-codec';
import { aliasesInShard, applyToShards, buyerInShard, shardIdOf, shardsTouched, type BuyerShard } from './buyer-shards';
import type { HuitoukeDb } from './database';
import type { BuyerRecord } from './records';
import { SETTINGS_KEY } from './settings';

/**
 * Buyer records as the rest of the extension sees them: one {@link BuyerRecord} per buyer, read and
 * written through the shards they are stored in (buyer-shards.ts). Reads work on the database or
 * inside a transaction that includes `buyerShards`.
 */

/** `platform:key` → platform and key (the platform never contains ':'). */
function splitId(id: string): { platform: Platform; key: string } {
  const at = id.indexOf(':');
  return { platform: id.slice(0, at) as Platform, key: id.slice(at + 1) };
}

/** The record when it is live (not soft-deleted), else undefined. */
export const liveBuyer = (r: BuyerRecord | undefined): BuyerRecord | undefined => (r && r.deletedAt === undefined ? r : undefined);

/** A buyer by id (`platform:key`), deleted ones included. */
export async function getBuyer(db: HuitoukeDb, id: string): Promise<BuyerRecord | undefined> {
  const { platform, key } = splitId(id);
  return buyerInShard(await db.buyerShards.get(shardIdOf(platform, key)), key);
}

/** Buyers by id, in the order asked (undefined where there is none), each shard read once. */
export async function getBuyers(db: HuitoukeDb, ids: readonly string[]): Promise<(BuyerRecord | undefined)[]> {
  const parts = ids.map(splitId);
  const shardIds = [...new Set(parts.map((p) => shardIdOf(p.platform, p.key)))];
  const shards = new Map<string, BuyerShard | undefined>();
  (await db.buyerShards.bulkGet(shardIds)).forEach((s, i) => shards.set(shardIds[i]!, s));
  return parts.map((p) => buyerInShard(shards.get(shardIdOf(p.platform, p.key)), p.key));
}

/** Live buyers of a platform a console nick names as an alias (not their key). */
export async function buyersByAlias(db: HuitoukeDb, platform: Platform, nick: string): Promise<BuyerRecord[]> {
  const keys = aliasesInShard(await db.buyerShards.get(shardIdOf(platform, nick)), nick);
  if (!keys.length) return [];
  const found = await getBuyers(db, keys.map((k) => `${platform}:${k}`));
  return found.filter((b): b is BuyerRecord => !!b && b.deletedAt === undefined && b.nick === nick);
}

/** Shards read per request while scanning. */
const SCAN_PAGE = 64;

/**
 * Every buyer (deleted ones included) a page of shards at a time, in shard order; `platform`
 * limits it to one platform. `visit` may be async; the scan waits for it.
 */
export async function scanBuyers(db: HuitoukeDb, visit: (page: BuyerRecord[]) => unknown, platform?: Platform): Promise<void> {
  const table = db.buyerShards;
  const lower = platform ? `${platform}:` : '';
  const upper = platform ? `${platform}:\uffff` : '\uffff';
  let after: string | null = null;
  for (;;) {
    const page: BuyerShard[] = await (after === null ? table.where(':id').between(lower, upper, true, true) : table.where(':id').between(after, upper, false, true)).limit(SCAN_PAGE).toArray();
    if (!page.length) return;
    await visit(page.flatMap((s) => s.docs.map(decodeBuyer)));
    if (page.length < SCAN_PAGE) return;
    after = page[page.length - 1]!.id;
  }
}

/** Whether any buyer is stored (a fresh install shows its "import your orders" state). */
export async function hasBuyers(db: HuitoukeDb): Promise<boolean> {
  return (await db.buyerShards.limit(1).count()) > 0;
}

/** Live buyers, as counted by the last import (kept beside the buyer index). */
export async function countBuyers(db: HuitoukeDb): Promise<number> {
  const rec = await db.settings.get(SETTINGS_KEY.buyerCount);
  return typeof rec?.value === 'number' ? rec.value : 0;
}

/**
 * Write whole records (new or replacing stored ones) with their aliases, in one transaction.
 * For tests, the upgrade and restores; the import writes through its own pipeline with the same
 * shard functions.
 */
export async function putBuyers(db: HuitoukeDb, records: readonly BuyerRecord[], now = Date.now()): Promise<void> {
  await db.transaction('rw', db.buyerShards, () => writeBuyersIn(db.buyerShards, records, now));
}

/** {@link putBuyers} inside a transaction the caller holds on this shard table. */
export async function writeBuyersIn(table: Table<BuyerShard, string>, records: readonly BuyerRecord[], now: number): Promise<void> {
  if (!records.length) return;
  const own = new Map<string, BuyerShard>();
  const ownIds = [...new Set(records.map((r) => shardIdOf(r.platform, r.buyerKey)))];
  (await table.bulkGet(ownIds)).forEach((s, i) => s && own.set(ownIds[i]!, s));
  const changes = records.map((record) => ({ record, before: buyerInShard(own.get(shardIdOf(record.platform, record.buyerKey)), record.buyerKey), doc: encodeBuyer(record) }));
  const all = shardsTouched(changes);
  const more = [...all].filter((id) => !own.has(id));
  (await table.bulkGet(more)).forEach((s, i) => s && own.set(more[i]!, s));
  applyToShards(own, changes, now);
  await table.bulkPut([...all].map((id) => own.get(id)!));
}
