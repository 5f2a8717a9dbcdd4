import type { Table } from 'dexie';
import type { Platform } from '../schemas/common';
import { encodeBuyer } from './buyer-codec';
import {
  aliasesInShard,
  applyToShards,
  buyerInShard,
  buyersInShard,
  shardIdOf,
  shardsTouched,
  type BuyerShard,
} from './buyer-shards';
import type { HuitoukeDb } from './database';
import { Lexicon, LexiconChunkSchema, LexiconMiss, type LexiconChunk } from './lexicon';
import type { BuyerRecord } from './records';
import { SETTINGS_KEY } from './settings';

/**
 * Buyer records as the rest of the extension sees them: one {@link BuyerRecord} per buyer, read and
 * written through the shards they are stored in (buyer-shards.ts). Reads work on the database or
 * inside a transaction that includes `buyerShards` and `lexicon`.
 */

/** Each database's lexicon as this context last loaded it (docs name texts by number, see lexicon.ts). */
const lexicons = new WeakMap<HuitoukeDb, Lexicon>();

/** The stored lexicon chunks, checked (on the database or inside a transaction that includes `lexicon`). */
export async function storedLexiconChunks(db: HuitoukeDb): Promise<LexiconChunk[]> {
  return LexiconChunkSchema.array().parse(await db.lexicon.toArray());
}

/**
 * `read` the docs of these shards with the lexicon they name texts of: the one this context
 * loaded, or, when that is of another generation or lacks a text, the one stored now.
 */
async function withLexicon<T>(
  db: HuitoukeDb,
  shards: readonly (BuyerShard | undefined)[],
  read: (lexicon: Lexicon | undefined) => T,
): Promise<T> {
  const gens = new Set<string>();
  for (const s of shards) if (s?.lx !== undefined) gens.add(s.lx);
  let lexicon = lexicons.get(db);
  if (!gens.size || (lexicon && gens.size === 1 && gens.has(lexicon.gen))) {
    try {
      return read(lexicon);
    } catch (error) {
      if (!(error instanceof LexiconMiss) || !gens.size) throw error;
    }
  }
  lexicon = Lexicon.of(await storedLexiconChunks(db), () => '');
  lexicons.set(db, lexicon);
  const other = [...gens].find((g) => g !== lexicon.gen);
  if (other !== undefined)
    throw new Error(`buyers stored with text list ${other}, but the stored text list is ${lexicon.gen || 'empty'}`);
  return read(lexicon);
}

/** `platform:key` → platform and key (the platform never contains ':'). */
function splitId(id: string): { platform: Platform; key: string } {
  const at = id.indexOf(':');
  return { platform: id.slice(0, at) as Platform, key: id.slice(at + 1) };
}

/** The record when it is live (not soft-deleted), else undefined. */
export const liveBuyer = (r: BuyerRecord | undefined): BuyerRecord | undefined =>
  r && r.deletedAt === undefined ? r : undefined;

/** A buyer by id (`platform:key`), deleted ones included. */
export async function getBuyer(db: HuitoukeDb, id: string): Promise<BuyerRecord | undefined> {
  const { platform, key } = splitId(id);
  const shard = await db.buyerShards.get(shardIdOf(platform, key));
  return withLexicon(db, [shard], (lexicon) => buyerInShard(shard, key, lexicon));
}

/** Buyers by id, in the order asked (undefined where there is none), each shard read once. */
export async function getBuyers(db: HuitoukeDb, ids: readonly string[]): Promise<(BuyerRecord | undefined)[]> {
  const parts = ids.map(splitId);
  const shardIds = [...new Set(parts.map((p) => shardIdOf(p.platform, p.key)))];
  const shards = new Map<string, BuyerShard | undefined>();
  (await db.buyerShards.bulkGet(shardIds)).forEach((s, i) => shards.set(shardIds[i]!, s));
  return withLexicon(db, [...shards.values()], (lexicon) =>
    parts.map((p) => buyerInShard(shards.get(shardIdOf(p.platform, p.key)), p.key, lexicon)),
  );
}

/** Live buyers of a platform a console nick names as an alias (not their key). */
export async function buyersByAlias(db: HuitoukeDb, platform: Platform, nick: string): Promise<BuyerRecord[]> {
  const keys = aliasesInShard(await db.buyerShards.get(shardIdOf(platform, nick)), nick);
  if (!keys.length) return [];
  const found = await getBuyers(
    db,
    keys.map((k) => `${platform}:${k}`),
  );
  return found.filter((b): b is BuyerRecord => !!b && b.deletedAt === undefined && b.nick === nick);
}

/** Shards read per request while scanning. */
const SCAN_PAGE = 64;

/**
 * Every buyer (deleted ones included) a page of shards at a time, in shard order; `platform`
 * limits it to one platform. `visit` may be async; the scan waits for it.
 */
export async function scanBuyers(
  db: HuitoukeDb,
  visit: (page: BuyerRecord[]) => unknown,
  platform?: Platform,
): Promise<void> {
  const table = db.buyerShards;
  const lower = platform ? `${platform}:` : '';
  const upper = platform ? `${platform}:\uffff` : '\uffff';
  let after: string | null = null;
  for (;;) {
    const page: BuyerShard[] = await (
      after === null
        ? table.where(':id').between(lower, upper, true, true)
        : table.where(':id').between(after, upper, false, true)
    )
      .limit(SCAN_PAGE)
      .toArray();
    if (!page.length) return;
    await visit(await withLexicon(db, page, (lexicon) => page.flatMap((s) => buyersInShard(s, lexicon))));
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
 * For tests and the upgrade; the import writes through its own pipeline with the same shard
 * functions. Texts are written in full (no lexicon).
 */
export async function putBuyers(db: HuitoukeDb, records: readonly BuyerRecord[], now = Date.now()): Promise<void> {
  // The records they replace may name texts of the lexicon: load it before the transaction.
  const ownIds = [...new Set(records.map((r) => shardIdOf(r.platform, r.buyerKey)))];
  const lexicon = await withLexicon(db, await db.buyerShards.bulkGet(ownIds), (l) => l);
  await db.transaction('rw', db.buyerShards, () => writeBuyersIn(db.buyerShards, records, now, lexicon));
}

/**
 * {@link putBuyers} inside a transaction the caller holds on this shard table; `lexicon` reads the
 * records replaced (the upgrade to version 3 wrote none that name texts).
 */
export async function writeBuyersIn(
  table: Table<BuyerShard, string>,
  records: readonly BuyerRecord[],
  now: number,
  lexicon?: Lexicon,
): Promise<void> {
  if (!records.length) return;
  const own = new Map<string, BuyerShard>();
  const ownIds = [...new Set(records.map((r) => shardIdOf(r.platform, r.buyerKey)))];
  (await table.bulkGet(ownIds)).forEach((s, i) => s && own.set(ownIds[i]!, s));
  const changes = records.map((record) => ({
    record,
    before: buyerInShard(own.get(shardIdOf(record.platform, record.buyerKey)), record.buyerKey, lexicon),
    doc: encodeBuyer(record),
  }));
  const all = shardsTouched(changes);
  const more = [...all].filter((id) => !own.has(id));
  (await table.bulkGet(more)).forEach((s, i) => s && own.set(more[i]!, s));
  applyToShards(own, changes, now);
  await table.bulkPut([...all].map((id) => own.get(id)!));
}
