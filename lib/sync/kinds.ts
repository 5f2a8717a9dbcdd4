import { z } from 'zod';
import { TaxonomySchema } from '../concerns/taxonomy';
import { ContactPolicySchema } from '../contact/schema';
import { CustomConsoleSchema } from '../consoles/custom';
import { CouponRuleSchema, CouponSchema } from '../coupons/schema';
import { BuyerBirthdaySchema } from '../db/birthdays';
import { ContactRecordSchema } from '../db/contact-log';
import { BuyerNoteSchema, BuyerTagSchema, ConcernRecordSchema } from '../db/records';
import { GuardRulesSchema } from '../guard/rules';
import { ProfileSettingsSchema } from '../metrics/profile';
import { SeenConsoleOrderSchema } from '../orders/console-events';
import { MonthDaySchema, ReminderRulesSchema, ReminderSchema } from '../reminders/schema';
import { PlatformSchema, SyncFieldsSchema } from '../schemas/common';
import { OrderSchema } from '../schemas/order';
import { TemplateSchema } from '../templates/schema';

/**
 * What syncs between a shop's browsers, one kind per record type. Each kind names the zod schema
 * every synced record of it must pass (on the server after a merge, in the browser after a pull),
 * who may write it, and how concurrent changes merge (rules.ts).
 *
 * The extension's own stored records are used as they are. Kinds the extension does not store yet
 * (learned order links, live orders) have their shapes here, kept
 * small: the issues that add them to the extension may widen them (a wider schema still reads the
 * records synced before).
 */

/** The buyer a record is about, `${platform}:${buyerKey}`. */
const BuyerRef = z.string().min(1).max(400);

/** A reminder as synced: the extension's reminder, with who owns it (`owner`, a member id; none = anyone's). */
export const SyncedReminderSchema = ReminderSchema;
export type SyncedReminder = z.infer<typeof SyncedReminderSchema>;

/**
 * Facts an agent learns about a buyer in chat; id = the buyer id. Today that is the birthday
 * (month-day, the year when said) as the extension stores it (lib/db/birthdays.ts); a wider record
 * still reads the ones synced before.
 */
export const BuyerFieldsSchema = BuyerBirthdaySchema;
export type BuyerFields = z.infer<typeof BuyerFieldsSchema>;

/** An order seen in a console and tied to a buyer there; id = `${platform}:${orderId}`. */
export const OrderLinkSchema = SyncFieldsSchema.extend({
  id: z.string().min(1).max(300),
  platform: PlatformSchema,
  orderId: z.string().min(1).max(200),
  buyerId: BuyerRef,
  learnedAt: z.number().int().nonnegative(),
});
export type OrderLink = z.infer<typeof OrderLinkSchema>;

/** An order as a console showed it (before any export has it); id = `${platform}:${orderId}`. */
export const LiveOrderSchema = SyncFieldsSchema.extend({
  id: z.string().min(1).max(300),
  buyerId: BuyerRef,
  order: OrderSchema,
  seenAt: z.number().int().nonnegative(),
  /**
   * What the order panel's events last acted on (lib/orders/console-events.ts): the status (only
   * forward), when the order was first seen and placed, the buyer its reminders are filed under.
   */
  events: SeenConsoleOrderSchema.optional(),
});
export type LiveOrder = z.infer<typeof LiveOrderSchema>;

/** A console taught in the options page; id = the console's id. */
export const TaughtConsoleSchema = SyncFieldsSchema.extend({
  id: z.string().min(1).max(48),
  definition: CustomConsoleSchema,
});
export type TaughtConsole = z.infer<typeof TaughtConsoleSchema>;

/** One member's use of one template; id = `${templateId}|${memberId}`. Counts only grow. */
export const TemplateUsageSchema = SyncFieldsSchema.extend({
  id: z.string().min(1).max(200),
  templateId: z.string().min(1).max(120),
  memberId: z.string().min(1).max(64),
  count: z.number().int().nonnegative(),
  lastUsedAt: z.number().int().nonnegative().nullable(),
});
export type TemplateUsage = z.infer<typeof TemplateUsageSchema>;

export function templateUsageId(templateId: string, memberId: string): string {
  return `${templateId}|${memberId}`;
}

/** The playbook's settings, one record each; id = which setting. */
export const PlaybookSettingSchema = z.discriminatedUnion('id', [
  SyncFieldsSchema.extend({ id: z.literal('taxonomy'), value: TaxonomySchema }),
  SyncFieldsSchema.extend({ id: z.literal('reminderRules'), value: ReminderRulesSchema }),
  SyncFieldsSchema.extend({ id: z.literal('contactPolicy'), value: ContactPolicySchema }),
  /** Counting rules, level ladder, stage boundaries and layers. */
  SyncFieldsSchema.extend({ id: z.literal('profile'), value: ProfileSettingsSchema }),
  /** The send check's word lists, repeat check and platform limits. */
  SyncFieldsSchema.extend({ id: z.literal('guardRules'), value: GuardRulesSchema }),
  /** The shop anniversary (MM-DD or none): the anniversary coupon and the contact policy's promotion day. */
  SyncFieldsSchema.extend({ id: z.literal('shopAnniversary'), value: MonthDaySchema.nullable() }),
]);
export type PlaybookSetting = z.infer<typeof PlaybookSettingSchema>;
export type PlaybookSettingId = PlaybookSetting['id'];
export const PLAYBOOK_SETTING_IDS: readonly PlaybookSettingId[] = [
  'taxonomy',
  'reminderRules',
  'contactPolicy',
  'profile',
  'guardRules',
  'shopAnniversary',
];

/**
 * How a kind merges (rules.ts):
 * - fields: per-field last writer by server order; a deletion wins over an edit only when newer.
 * - reminder: as fields, and done (or dismissed) by one is done for all.
 * - appendOnly: created once, never deleted; only `sent` may change, and only to true.
 * - counter: the counts only grow (max of both sides).
 */
export type MergeRule = 'fields' | 'reminder' | 'appendOnly' | 'counter';

export interface KindSpec {
  schema: z.ZodType<{ id: string; updatedAt: number; deletedAt?: number | undefined }>;
  /** Who may write: everyone, or the supervisor only (the playbook, locked for agents). */
  writers: 'members' | 'supervisor';
  merge: MergeRule;
}

export const KINDS = {
  concern: { schema: ConcernRecordSchema, writers: 'members', merge: 'fields' },
  note: { schema: BuyerNoteSchema, writers: 'members', merge: 'fields' },
  tag: { schema: BuyerTagSchema, writers: 'members', merge: 'fields' },
  buyerFields: { schema: BuyerFieldsSchema, writers: 'members', merge: 'fields' },
  reminder: { schema: SyncedReminderSchema, writers: 'members', merge: 'reminder' },
  contact: { schema: ContactRecordSchema, writers: 'members', merge: 'appendOnly' },
  templateUsage: { schema: TemplateUsageSchema, writers: 'members', merge: 'counter' },
  orderLink: { schema: OrderLinkSchema, writers: 'members', merge: 'fields' },
  liveOrder: { schema: LiveOrderSchema, writers: 'members', merge: 'fields' },
  console: { schema: TaughtConsoleSchema, writers: 'members', merge: 'fields' },
  template: { schema: TemplateSchema, writers: 'supervisor', merge: 'fields' },
  coupon: { schema: CouponSchema, writers: 'supervisor', merge: 'fields' },
  couponRule: { schema: CouponRuleSchema, writers: 'supervisor', merge: 'fields' },
  playbookSetting: { schema: PlaybookSettingSchema, writers: 'supervisor', merge: 'fields' },
} as const satisfies Record<string, KindSpec>;

export type SyncKind = keyof typeof KINDS;
export const SYNC_KINDS = Object.keys(KINDS) as SyncKind[];
export const SyncKindSchema = z.enum(SYNC_KINDS as [SyncKind, ...SyncKind[]]);

/** The record type of a kind. */
export type SyncRecordOf<K extends SyncKind> = z.infer<(typeof KINDS)[K]['schema']>;

export function kindSpec(kind: SyncKind): KindSpec {
  return KINDS[kind];
}

/** The playbook: written by the supervisor, read-only for agents. */
export function isPlaybookKind(kind: SyncKind): boolean {
  return KINDS[kind].writers === 'supervisor';
}
