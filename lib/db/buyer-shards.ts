import { z } from 'zod';
import { PlatformSchema, SyncFieldsSchema, type Platform } from '../schemas/common';
import { decodeBuyer } from './buyer-codec';
import { fnv1a } from './hash';
import type { Lexicon } from './lexicon';
import type { BuyerRecord } from './records';

/**
 * Buyers are stored many to a record: IndexedDB costs about 85 µs per record written whatever its
 * size, so a million orders of 200,000 buyers written one record per buyer take 17 s in record
 * overhead alone. A buyer lives in the shard its key hashes to (SHARDS per platform: ~50 buyers a
 * shard at 200,000 buyers, one or two in a small shop), encoded as one string each (buyer-codec.ts),
 * so reading a shard to find one buyer clones strings, and only that buyer is parsed. Docs name
 * repeated texts by their number in the lexicon (lexicon.ts), which keeps them Latin-1 and shards
 * small: a lookup's read time grows with the size of the shard it reads.
 *
 * A console may show a buyer by a display name that is not the key (Shopify's billing name beside
 * the e-mail key): such a nick is listed as an alias in the shard the nick hashes to, which points to
 * the key. Taobao nicks are the key, so a Taobao import writes no alias.
 */
export const SHARDS = 4096;

export const BuyerShardSchema = SyncFieldsSchema.extend({
  /** `${platform}:${n}`, n = fnv1a(text) mod SHARDS */
  id: z.string(),
  platform: PlatformSchema,
  /** Buyer keys, and each buyer's encoded record at the same position. */
  keys: z.array(z.string()),
  docs: z.array(z.string()),
  /** Nick → buyer key pairs, for nicks that hash here and differ from the key they name. */
  aliasNicks: z.array(z.string()),
  aliasKeys: z.array(z.string()),
  /** The generation of the lexicon its docs name texts of (lexicon.ts); absent when they name none. */
  lx: z.string().optional(),
});
export type BuyerShard = z.infer<typeof BuyerShardSchema>;

export const shardIdOf = (platform: string, text: string) => `${platform}:${fnv1a(text) % SHARDS}`;

export function emptyShard(id: string, platform: Platform): BuyerShard {
  return { id, platform, updatedAt: 0, keys: [], docs: [], aliasNicks: [], aliasKeys: [] };
}

/** The stored record of a buyer key in a shard, or undefined (`lexicon`: see decodeBuyer). */
export function buyerInShard(
  shard: BuyerShard | undefined,
  key: string,
  lexicon: Lexicon | undefined,
): BuyerRecord | undefined {
  if (!shard) return undefined;
  const at = shard.keys.indexOf(key);
  return at < 0 ? undefined : decodeBuyer(shard.docs[at]!, key, lexicon);
}

/** Every buyer of a shard, deleted ones included. */
export function buyersInShard(shard: BuyerShard, lexicon: Lexicon | undefined): BuyerRecord[] {
  return shard.docs.map((doc, i) => decodeBuyer(doc, shard.keys[i]!, lexicon));
}

/** Buyer keys a nick is an alias of in this shard. */
export function aliasesInShard(shard: BuyerShard | undefined, nick: string): string[] {
  if (!shard) return [];
  const out: string[] = [];
  for (let i = 0; i < shard.aliasNicks.length; i++) if (shard.aliasNicks[i] === nick) out.push(shard.aliasKeys[i]!);
  return out;
}

/** Put a buyer's encoded record into its shard (which the caller found by {@link shardIdOf}). */
export function setBuyerDoc(shard: BuyerShard, key: string, doc: string, now: number): void {
  const at = shard.keys.indexOf(key);
  if (at < 0) {
    shard.keys.push(key);
    shard.docs.push(doc);
  } else shard.docs[at] = doc;
  shard.updatedAt = Math.max(shard.updatedAt, now);
}

export function addAlias(shard: BuyerShard, nick: string, key: string, now: number): void {
  for (let i = 0; i < shard.aliasNicks.length; i++)
    if (shard.aliasNicks[i] === nick && shard.aliasKeys[i] === key) return;
  shard.aliasNicks.push(nick);
  shard.aliasKeys.push(key);
  shard.updatedAt = Math.max(shard.updatedAt, now);
}

export function removeAlias(shard: BuyerShard, nick: string, key: string, now: number): void {
  for (let i = 0; i < shard.aliasNicks.length; i++) {
    if (shard.aliasNicks[i] !== nick || shard.aliasKeys[i] !== key) continue;
    shard.aliasNicks.splice(i, 1);
    shard.aliasKeys.splice(i, 1);
    shard.updatedAt = Math.max(shard.updatedAt, now);
    return;
  }
}

/** The alias a live buyer record needs, or null (nick is the key, or the buyer is deleted). */
export function aliasOf(record: Pick<BuyerRecord, 'nick' | 'buyerKey' | 'deletedAt'> | undefined): string | null {
  return record && record.deletedAt === undefined && record.nick !== record.buyerKey ? record.nick : null;
}

/** What of a buyer record decides where it and its alias are stored. */
export type BuyerHead = Pick<BuyerRecord, 'id' | 'platform' | 'buyerKey' | 'nick' | 'deletedAt'>;

/** A buyer's new record (its doc, see buyer-codec.ts), and the stored one it replaces (undefined for a new buyer). */
export interface BuyerChange {
  record: BuyerHead;
  before: BuyerHead | undefined;
  doc: string;
}

/**
 * Shards a set of record changes touches: each record's own shard, and the shards of its alias
 * before and after. `before` is the stored record (undefined for a new buyer).
 */
export function shardsTouched(changes: Iterable<BuyerChange>): Set<string> {
  const ids = new Set<string>();
  for (const { record, before } of changes) {
    ids.add(shardIdOf(record.platform, record.buyerKey));
    const was = aliasOf(before);
    const now = aliasOf(record);
    if (was !== null) ids.add(shardIdOf(record.platform, was));
    if (now !== null) ids.add(shardIdOf(record.platform, now));
  }
  return ids;
}

/**
 * Apply record changes to shards already read (`shards` holds every id {@link shardsTouched}
 * names; missing ones are created): the records' docs, and their aliases moved with their nicks.
 * `lexiconGen`: the docs were encoded with that lexicon (the shards they land in are marked with it).
 */
export function applyToShards(
  shards: Map<string, BuyerShard>,
  changes: Iterable<BuyerChange>,
  now: number,
  lexiconGen?: string,
): void {
  const shardFor = (platform: Platform, text: string) => {
    const id = shardIdOf(platform, text);
    let shard = shards.get(id);
    if (!shard) shards.set(id, (shard = emptyShard(id, platform)));
    return shard;
  };
  for (const { record, before, doc } of changes) {
    const own = shardFor(record.platform, record.buyerKey);
    setBuyerDoc(own, record.buyerKey, doc, now);
    if (lexiconGen !== undefined) own.lx = lexiconGen;
    const was = aliasOf(before);
    const next = aliasOf(record);
    if (was === next) continue;
    if (was !== null) removeAlias(shardFor(record.platform, was), was, record.buyerKey, now);
    if (next !== null) addAlias(shardFor(record.platform, next), next, record.buyerKey, now);
  }
}
