import Dexie, { type EntityTable, type Table } from 'dexie';
import type {
  BuyerNote,
  BuyerRecord,
  BuyerTag,
  ConcernRecord,
  ImportRun,
  OrphanBucket,
  SettingRecord,
} from './records';
import type { ContactRecord } from './contact-log';
import type { Coupon, CouponRule } from '../coupons/schema';
import type { Reminder } from '../reminders/schema';
import type { Template } from '../templates/schema';
import type { TemplateVersion } from './playbook';

/** Records of the playbook and follow-up tables; their zod schemas live with their domain modules. */
export interface KeyedRecord {
  id: string;
  updatedAt: number;
  deletedAt?: number;
  [field: string]: unknown;
}

export const DB_NAME = 'huitouke';

/**
 * The extension's IndexedDB, in the extension's origin. Opened by extension pages (sidebar,
 * options, popup) and the background — never by a content script, which would open the host
 * site's database instead.
 *
 * Schema versions are append-only: each new version adds a `this.version(n)` block with its
 * upgrade function; `tests/unit/db-upgrade.test.ts` replays saved databases of every earlier version.
 */
export class HuitoukeDb extends Dexie {
  buyers!: EntityTable<BuyerRecord, 'id'>;
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

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
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
    });
  }
}

let shared: HuitoukeDb | undefined;
/** The one database handle of this JavaScript context. */
export function db(): HuitoukeDb {
  shared ??= new HuitoukeDb();
  return shared;
}
