import { z } from 'zod';
import { TaxonomySchema } from '../concerns/taxonomy';
import { ContactLogEntrySchema, ContactPolicySchema } from '../contact/schema';
import { CouponRuleSchema, CouponSchema } from '../coupons/schema';
import { ContactRecordSchema, SAME_TEXT_LIMIT } from '../db/contact-log';
import { BirthdayInputSchema, BuyerBirthdaySchema } from '../db/birthdays';
import { BuyerNoteSchema, BuyerTagSchema, ConcernRecordSchema } from '../db/records';
import { ReminderSchema } from '../reminders/schema';
import { TemplateSchema } from '../templates/schema';
import { AppSettingsSchema } from '../settings/app';
import { BuyerMetricsSchema, BuyerProfileSchema } from './buyer';
import { LocalDateSchema, PlatformSchema } from './common';
import { OrderFactsSchema } from './order';
import { BuyerIdSchema } from './ids';
import { GuardRulesSchema } from '../guard/rules';

/**
 * The background's data service for the sidebar. The sidebar is an extension page inside the
 * console's tab; browsers block or partition storage in such embedded frames, so the sidebar
 * never opens the database itself. The reads (settings, buyer, notes…) make up the view the
 * background pushes (./sidebar-view.ts); a sidebar may send only the actions ({@link SIDEBAR_ACTIONS}).
 * Requests and results are both validated where they arrive.
 */
/** The record id a buyer's notes, tags, concerns, reminders and birthday are filed under (./ids.ts). */
const BuyerId = BuyerIdSchema;

export const SidebarRequestSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('settings') }),
  z.object({
    method: z.literal('buyer'),
    platform: PlatformSchema,
    id: z.string().max(300).nullable(),
    nick: z.string().max(300),
    asOf: LocalDateSchema,
  }),
  z.object({ method: z.literal('notes'), buyerId: BuyerId }),
  z.object({ method: z.literal('addNote'), buyerId: BuyerId, text: z.string().min(1).max(5000) }),
  z.object({ method: z.literal('deleteNote'), id: z.string().max(100) }),
  z.object({ method: z.literal('tags'), buyerId: BuyerId }),
  z.object({ method: z.literal('setTag'), buyerId: BuyerId, tag: z.string().min(1).max(40), on: z.boolean() }),
  z.object({ method: z.literal('concerns'), buyerId: BuyerId }),
  z.object({
    method: z.literal('saveConcern'),
    concern: ConcernRecordSchema.pick({
      buyerId: true,
      nick: true,
      platform: true,
      console: true,
      conversationId: true,
      messageId: true,
      concern: true,
      quote: true,
      source: true,
      missed: true,
      messageText: true,
      product: true,
    }),
  }),
  z.object({ method: z.literal('resolveConcern'), id: z.string().max(100), resolved: z.boolean() }),
  // Suggestions, coupons, contact log and reminders (issue 5).
  z.object({ method: z.literal('taxonomy') }),
  z.object({ method: z.literal('suggestionContext'), buyerId: BuyerId }),
  z.object({
    method: z.literal('recordInsert'),
    /** The insert's request id: asking again after a service-worker restart records it once. */
    requestId: z.string().min(1).max(300),
    buyerId: BuyerId,
    /** Kind and marketing come from the stored template; `kind` is used only for text not from a template. */
    templateId: z.string().min(1).max(120).nullable(),
    kind: z.string().min(1).max(40).optional(),
    couponId: z.string().min(1).max(100).optional(),
    text: z.string().min(1).max(2000),
  }),
  /** Agent messages the console showed after an insertion: confirms inserted text as sent (once per message id). */
  z.object({
    method: z.literal('contactSeen'),
    buyerId: BuyerId,
    messages: z
      .array(z.object({ id: z.string().min(1).max(300), text: z.string().max(2000) }))
      .min(1)
      .max(20),
  }),
  z.object({ method: z.literal('reminders'), buyerId: BuyerId }),
  /** A quick reminder as the agent typed it ("明天10点回访，问尺码是否合适"); the background reads the time. */
  z.object({
    method: z.literal('addReminder'),
    buyerId: BuyerId,
    nick: z.string().max(300),
    platform: PlatformSchema,
    text: z.string().min(1).max(500),
  }),
  /** The buyer's birthday as agents entered it (no export has one). */
  z.object({ method: z.literal('birthday'), buyerId: BuyerId }),
  z.object({
    method: z.literal('setBirthday'),
    buyerId: BuyerId,
    nick: z.string().max(300),
    platform: PlatformSchema,
    birthday: BirthdayInputSchema,
  }),
  z.object({ method: z.literal('clearBirthday'), buyerId: BuyerId }),
  z.object({
    method: z.literal('reminderAction'),
    id: z.string().min(1).max(600),
    action: z.enum(['done', 'dismiss', 'snooze']),
    /** Snooze length; required for `snooze`. */
    minutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 30)
      .optional(),
  }),
  /** In a team: take a reminder (owner = this member) or hand it over to another member. */
  z.object({ method: z.literal('reminderOwner'), id: z.string().min(1).max(600), owner: z.string().min(1).max(64) }),
]);
export type SidebarRequest = z.infer<typeof SidebarRequestSchema>;
export type SidebarMethod = SidebarRequest['method'];

/**
 * What a sidebar may send: the agent's actions. Everything it shows is read by the background into
 * the tab's view (lib/schemas/sidebar-view.ts) and pushed, so the reads are the background's alone.
 */
export const SIDEBAR_ACTIONS = new Set<SidebarMethod>([
  'addNote',
  'deleteNote',
  'setTag',
  'saveConcern',
  'resolveConcern',
  'recordInsert',
  'contactSeen',
  'addReminder',
  'reminderAction',
  'reminderOwner',
  'setBirthday',
  'clearBirthday',
]);
export type SidebarAction = Extract<
  SidebarRequest,
  {
    method:
      | 'addNote'
      | 'deleteNote'
      | 'setTag'
      | 'saveConcern'
      | 'resolveConcern'
      | 'recordInsert'
      | 'contactSeen'
      | 'addReminder'
      | 'reminderAction'
      | 'reminderOwner'
      | 'setBirthday'
      | 'clearBirthday';
  }
>;
export const isAction = (req: SidebarRequest): req is SidebarAction => SIDEBAR_ACTIONS.has(req.method);
export const SidebarActionSchema = SidebarRequestSchema.refine((r) => SIDEBAR_ACTIONS.has(r.method), {
  message: 'not an action a sidebar may send',
}) as unknown as z.ZodType<SidebarAction>;

export const BuyerLookupSchema = z.object({
  /** The imported buyer, when the console's buyer is in the data. */
  buyer: z
    .object({ id: z.string(), nick: z.string(), platform: PlatformSchema, metrics: BuyerMetricsSchema })
    .nullable(),
  profile: BuyerProfileSchema.nullable(),
  /** The orders a reply may be about (lib/templates/order-facts.ts), newest first; none for a buyer not in the data. */
  orders: z.array(OrderFactsSchema).max(10).default([]),
  /** How the buyer was found (lib/db/buyers.ts findBuyer): by id, or by a nickname `sameNick` stored buyers share. */
  match: z.object({ by: z.enum(['id', 'nickname']), sameNick: z.number().int().min(1) }).nullable(),
  /** Whether any orders were imported at all (an empty shop shows an invitation to import). */
  anyData: z.boolean(),
  /**
   * What the console taught (issue 19): orders known only from its order panel (实时) and how many
   * imported orders without a buyer its panel tied to this buyer.
   */
  live: z.object({ orderIds: z.array(z.string().max(300)).max(50), linked: z.number().int().nonnegative() }).optional(),
  /** The shop-local date of the latest finished import: how fresh the imported data is. */
  dataAsOf: LocalDateSchema.nullable().optional(),
  /**
   * The shop server's answer only: of the order ids the agent's console taught (asked with the
   * lookup), those the server's imported data already counts for this buyer.
   */
  known: z.array(z.string().max(300)).max(50).optional(),
});
export type BuyerLookup = z.infer<typeof BuyerLookupSchema>;

export const SuggestionContextSchema = z.object({
  /** Live, enabled templates. */
  templates: z.array(TemplateSchema),
  coupons: z.array(CouponSchema),
  couponRules: z.array(CouponRuleSchema),
  /** This buyer's contact log (the caps' window and the coupon caps'), oldest first. */
  contactLog: z.array(ContactLogEntrySchema),
  policy: ContactPolicySchema,
  /** The send check's lists, repeat check and limits; the sidebar resolves them for the console's platform. */
  guardRules: GuardRulesSchema,
  /** Texts other buyers had inserted within the repeat rule's window (lib/db/contact-log.ts sameTextBuyers), for its many-buyers check. */
  sameText: z
    .array(z.object({ fingerprint: z.string().max(40), buyers: z.number().int().min(2) }))
    .max(SAME_TEXT_LIMIT)
    .default([]),
  /** "Now" as the background sees it (the test clock in the demo build). */
  now: z.number().int(),
});
export type SuggestionContext = z.infer<typeof SuggestionContextSchema>;

export const ReasonSchema = z.object({
  code: z.string().max(100),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const BuyerRemindersSchema = z.object({
  due: z.array(ReminderSchema),
  upcoming: z.array(ReminderSchema),
  now: z.number().int(),
});
export type BuyerRemindersResult = z.infer<typeof BuyerRemindersSchema>;

/** What each method answers. */
export const SidebarResultSchemas = {
  settings: AppSettingsSchema,
  buyer: BuyerLookupSchema,
  notes: z.array(BuyerNoteSchema),
  addNote: BuyerNoteSchema,
  deleteNote: z.null(),
  tags: z.array(BuyerTagSchema),
  setTag: z.null(),
  concerns: z.array(ConcernRecordSchema),
  saveConcern: ConcernRecordSchema,
  resolveConcern: z.null(),
  taxonomy: TaxonomySchema,
  suggestionContext: SuggestionContextSchema,
  recordInsert: ContactRecordSchema,
  contactSeen: z.number().int().nonnegative(),
  reminders: BuyerRemindersSchema,
  addReminder: z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), reminder: ReminderSchema }),
    z.object({ ok: z.literal(false), error: ReasonSchema }),
  ]),
  reminderAction: ReminderSchema.nullable(),
  reminderOwner: ReminderSchema.nullable(),
  birthday: BuyerBirthdaySchema.nullable(),
  setBirthday: z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), birthday: BuyerBirthdaySchema }),
    z.object({ ok: z.literal(false), error: ReasonSchema }),
  ]),
  clearBirthday: z.null(),
} satisfies Record<SidebarMethod, z.ZodType>;

export type SidebarResult<M extends SidebarMethod> = z.infer<(typeof SidebarResultSchemas)[M]>;
