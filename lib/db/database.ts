import Dexie, { type EntityTable, type Table } from 'dexie';
import { SCHEMA_VERSIONS } from './schema-versions';
import type { BuyerShard } from './buyer-shards';
import type { LexiconChunk } from './lexicon';
import type { BuyerNote, BuyerTag, ConcernRecord, ImportRun, OrphanBucket, SettingRecord } from './records';
import type { ContactRecord } from './contact-log';
import type { BuyerBirthday } from './birthdays';
import type { ProductCategory } from '../categories/table';
import type { Coupon, CouponRule } from '../coupons/schema';
import type { Reminder } from '../reminders/schema';
import type { Template } from '../templates/schema';
import type { TemplateVersion } from './playbook';
import type { LiveOrder, OrderLink } from '../sync/kinds';

/** Records of the playbook and follow-up tables; their zod schemas live with their domain modules. */
export interface KeyedRecord {
  id: string;
  updatedAt: number;
  deletedAt?: number;
  [field: string]: unknown;
}

export const DB_NAME = 'huitouke';

/**
 * The extension's IndexedDB, in the extension's origin. Opened by top-level extension pages (options,
 * popup, the import worker) and the background — never by a content script, which would open the host
 * site's database instead.
 *
 * Schema versions are append-only and listed in `schema-versions.ts` with their upgrade functions;
 * `lib/db/upgrade.test.ts` replays saved databases of every earlier version through them.
 */
export class HuitoukeDb extends Dexie {
  /** Buyers, many to a record: read and write them through buyer-store.ts. */
  buyerShards!: Table<BuyerShard, string>;
  /** Texts buyer docs name by number, a chunk per record (lexicon.ts). */
  lexicon!: Table<LexiconChunk, number>;
  orphans!: EntityTable<OrphanBucket, 'id'>;
  importRuns!: EntityTable<ImportRun, 'id'>;
  notes!: EntityTable<BuyerNote, 'id'>;
  tags!: EntityTable<BuyerTag, 'id'>;
  concerns!: EntityTable<ConcernRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  templates!: Table<Template, string>;
  templateVersions!: Table<TemplateVersion, string>;
  coupons!: Table<Coupon, string>;
  couponRules!: Table<CouponRule, string>;
  reminders!: Table<Reminder, string>;
  contactLog!: Table<ContactRecord, string>;
  /** Buyers' birthdays agents entered, one per buyer (birthdays.ts). */
  birthdays!: Table<BuyerBirthday, string>;
  /** The supervisor's product → category table (product-categories.ts). */
  productCategories!: Table<ProductCategory, string>;
  /** Order → buyer links learnt in a console's order panel (order-links.ts). */
  orderLinks!: Table<OrderLink, string>;
  /** Orders as a console's order panel showed them (order-links.ts). */
  liveOrders!: Table<LiveOrder, string>;

  constructor(name = DB_NAME) {
    super(name);
    for (const v of SCHEMA_VERSIONS) {
      const declared = this.version(v.version).stores(v.stores);
      const upgrade = v.upgrade;
      if (upgrade) declared.upgrade((tx) => upgrade(tx, Date.now()));
    }
  }
}

let shared: HuitoukeDb | undefined;
/** The one database handle of this JavaScript context. */
export function db(): HuitoukeDb {
  shared ??= new HuitoukeDb();
  return shared;
}
