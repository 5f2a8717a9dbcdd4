import type { Table, Transaction } from 'dexie';
import type { BuyerShard } from './buyer-shards';
import { writeBuyersIn } from './buyer-store';
import type { BuyerRecord } from './records';
import { SETTINGS_KEY } from './settings';

/**
 * Every released schema of the extension's database, oldest first. Append-only: a release that
 * changes tables or indexes adds a version here with an upgrade function, and a saved database of
 * the version before it goes into tests/fixtures/db/ — `lib/db/upgrade.test.ts` replays every saved
 * version through every later upgrade.
 */
export interface SchemaVersion {
  version: number;
  /** Dexie store specs; null deletes a table. */
  stores: Record<string, string | null>;
  /** Moves data written by the previous version into this version's shape. */
  upgrade?: (tx: Transaction, now: number) => Promise<void>;
}

const V1: Record<string, string> = {
  // One secondary index: buyers are found by id (platform:key) or by the nick a console shows.
  buyers: 'id, nick',
  orphans: 'id',
  importRuns: 'id, startedAt',
  notes: 'id, buyerId',
  tags: 'id, buyerId',
  concerns: 'id, buyerId, at, concern',
  settings: 'key',
  templates: 'id',
  templateVersions: 'id, templateId',
  coupons: 'id',
  couponRules: 'id',
  reminders: 'id, buyerId, dueAt, status',
  contactLog: 'id, buyerId, at',
};

/** What agents and supervisors write, and what will sync between agents: found by change time. */
const SYNCED_TABLES = [
  'notes',
  'tags',
  'concerns',
  'templates',
  'coupons',
  'couponRules',
  'reminders',
  'contactLog',
] as const;

const V2: Record<string, string> = {
  ...V1,
  notes: 'id, buyerId, updatedAt',
  tags: 'id, buyerId, updatedAt',
  concerns: 'id, buyerId, at, concern, updatedAt',
  templates: 'id, updatedAt',
  coupons: 'id, updatedAt',
  couponRules: 'id, updatedAt',
  reminders: 'id, buyerId, dueAt, status, updatedAt',
  contactLog: 'id, buyerId, at, updatedAt',
};

/** Buyers move into shards of many buyers each (buyer-shards.ts); the old table is emptied here and dropped in version 4. */
const V3: Record<string, string | null> = { ...V2, buyerShards: 'id' };
const V4: Record<string, string | null> = { ...V3, buyers: null };
/** Texts buyer docs name by number (lexicon.ts); docs written before stay as they are (format 1–2 keep their texts). */
const V5: Record<string, string | null> = { ...V4, lexicon: 'id' };

/**
 * What agents and supervisors add about buyers and products that no export has: buyers' birthdays
 * (birthdays.ts) and the product → category table (product-categories.ts). New tables, nothing to move.
 */
const V6: Record<string, string | null> = {
  ...V5,
  birthdays: 'id, buyerId, updatedAt',
  productCategories: 'id, updatedAt',
};

/**
 * Orders a console's order panel showed (issue 19, order-links.ts): the order → buyer links learnt
 * there and the orders as the console showed them. New tables, nothing to move.
 */
const V7: Record<string, string | null> = {
  ...V6,
  orderLinks: 'id, buyerId, updatedAt',
  liveOrders: 'id, buyerId, updatedAt',
};

/** Buyer records moved per step of the version 3 upgrade. */
const MOVE_PAGE = 2000;

async function moveBuyersToShards(tx: Transaction, now: number): Promise<void> {
  const from = tx.table('buyers') as Table<BuyerRecord, string>;
  const to = tx.table('buyerShards') as Table<BuyerShard, string>;
  let live = 0;
  let after: string | null = null;
  for (;;) {
    const page: BuyerRecord[] = await (after === null ? from.orderBy(':id') : from.where(':id').above(after))
      .limit(MOVE_PAGE)
      .toArray();
    if (!page.length) break;
    // Records keep their own updatedAt; only the shards they land in carry the time of the upgrade.
    await writeBuyersIn(to, page, now);
    live += page.filter((b) => b.deletedAt === undefined).length;
    after = page[page.length - 1]!.id;
    if (page.length < MOVE_PAGE) break;
  }
  await from.clear();
  await tx.table('settings').put({ key: SETTINGS_KEY.buyerCount, value: live, updatedAt: now });
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  { version: 1, stores: V1 },
  {
    version: 2,
    stores: V2,
    // Version 1 builds wrote some records without `updatedAt`; a record without one would be
    // invisible to "changed since" queries, so give it the time of the upgrade. Nothing else changes.
    upgrade: async (tx, now) => {
      for (const name of SYNCED_TABLES) {
        await tx
          .table(name)
          .toCollection()
          .modify((record: { updatedAt?: unknown }) => {
            if (typeof record.updatedAt !== 'number') record.updatedAt = now;
          });
      }
    },
  },
  { version: 3, stores: V3, upgrade: moveBuyersToShards },
  { version: 4, stores: V4 },
  { version: 5, stores: V5 },
  { version: 6, stores: V6 },
  { version: 7, stores: V7 },
];

export const CURRENT_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
