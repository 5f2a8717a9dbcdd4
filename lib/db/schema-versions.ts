import type { Transaction } from 'dexie';

/**
 * Every released schema of the extension's database, oldest first. Append-only: a release that
 * changes tables or indexes adds a version here with an upgrade function, and a saved database of
 * the version before it goes into tests/fixtures/db/ — `lib/db/upgrade.test.ts` replays every saved
 * version through every later upgrade.
 */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string>;
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
const SYNCED_TABLES = ['notes', 'tags', 'concerns', 'templates', 'coupons', 'couponRules', 'reminders', 'contactLog'] as const;

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
];

export const CURRENT_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
