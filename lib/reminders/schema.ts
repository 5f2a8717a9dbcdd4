import { z } from 'zod';
import { PlatformSchema, SyncFieldsSchema } from '../schemas/common';
import { ClockTimeSchema, QuietHoursSchema } from './time';

/**
 * - unpaid: 催付 after an order is placed and not paid
 * - shipping: 发货信 when the parcel leaves
 * - checkin: 回访 a few days after shipping, before the expected delivery
 * - stage_end: second-purchase nudge before the buyer leaves a lifecycle stage (day 45 / 90 / 180)
 * - day100 / anniversary: greetings counted from the first paid order
 * - birthday: when the buyer's birthday is known
 * - manual: entered by an agent
 */
export const ReminderKindSchema = z.enum([
  'unpaid',
  'shipping',
  'checkin',
  'stage_end',
  'day100',
  'anniversary',
  'birthday',
  'manual',
]);
export type ReminderKind = z.infer<typeof ReminderKindSchema>;

export const ReminderStatusSchema = z.enum(['pending', 'done', 'dismissed', 'snoozed']);
export type ReminderStatus = z.infer<typeof ReminderStatusSchema>;

export const ReminderSchema = SyncFieldsSchema.extend({
  /** Automatic reminders: `${source}|${buyerId}|${anchor}|${offset}`, so re-running a rule never duplicates. */
  id: z.string().min(1),
  buyerId: z.string().min(1),
  nick: z.string(),
  platform: PlatformSchema,
  kind: ReminderKindSchema,
  /** Epoch ms the reminder is due (after any quiet-hours shift). */
  dueAt: z.number().int(),
  createdAt: z.number().int(),
  /** The rule that made it (its kind) or 'manual'. */
  source: z.string().min(1),
  note: z.string().max(2000),
  status: ReminderStatusSchema,
  snoozedUntil: z.number().int().optional(),
  /** When the notification for the current due time was shown. */
  firedAt: z.number().int().optional(),
  orderId: z.string().optional(),
  /** The milestone for date-based kinds: 45 / 90 / 180 for stage_end, 100, anniversary year count. */
  day: z.number().int().optional(),
  /** In a team: the member (shop server member id) who follows it up; none = anyone's. */
  owner: z.string().min(1).max(64).optional(),
});
export type Reminder = z.infer<typeof ReminderSchema>;

/**
 * Something that happened to an order or in a chat. Importers give orders; the console content
 * script can report live events (a status change it saw, a buyer's message).
 * `buyer_message` is accepted so callers can pass the whole stream: replies never move reminders.
 */
export const OrderEventSchema = z.object({
  kind: z.enum(['created', 'paid', 'shipped', 'closed', 'buyer_message']),
  platform: PlatformSchema,
  buyerKey: z.string().min(1),
  nick: z.string().optional(),
  orderId: z.string().optional(),
  at: z.number().int(),
});
export type OrderEvent = z.infer<typeof OrderEventSchema>;

const Minutes = z.number().int().nonnegative();

export const StageMilestoneSchema = z.object({
  /** Days since the last paid order when the stage ends. */
  day: z.number().int().positive(),
  /** The nudge is due this many days before `day`. */
  leadDays: z.number().int().nonnegative(),
});

export const ReminderRulesSchema = z.object({
  /** Automatic reminders falling inside move to the end; null = none. Manual reminders ignore this. */
  quietHours: QuietHoursSchema.nullable(),
  /** Time of day for date-based reminders (stage ends, greetings). */
  sendTime: ClockTimeSchema,
  /** Date-based greetings are created once they are this close. */
  horizonDays: z.number().int().nonnegative(),
  unpaid: z.object({
    enabled: z.boolean(),
    /** Minutes after the order was created. */
    offsetsMinutes: z.array(Minutes).min(1).max(10),
    /** At most this many unpaid reminders per buyer in any 24 hours. */
    maxPer24h: z.number().int().positive(),
    /** A reminder already this late when first computed (an old import) is not created. */
    staleAfterMinutes: Minutes,
  }),
  shipping: z.object({ enabled: z.boolean(), delayMinutes: Minutes, staleAfterMinutes: Minutes }),
  checkin: z.object({ enabled: z.boolean(), daysAfterShipping: z.number().int().nonnegative() }),
  stageEnd: z.object({ enabled: z.boolean(), milestones: z.array(StageMilestoneSchema) }),
  day100: z.object({ enabled: z.boolean(), day: z.number().int().positive() }),
  anniversary: z.object({ enabled: z.boolean() }),
  birthday: z.object({ enabled: z.boolean() }),
});
export type ReminderRules = z.infer<typeof ReminderRulesSchema>;

export const DEFAULT_REMINDER_RULES: ReminderRules = {
  quietHours: { start: '22:00', end: '08:00' },
  sendTime: '10:00',
  horizonDays: 7,
  unpaid: { enabled: true, offsetsMinutes: [10, 24 * 60], maxPer24h: 3, staleAfterMinutes: 120 },
  shipping: { enabled: true, delayMinutes: 0, staleAfterMinutes: 24 * 60 },
  checkin: { enabled: true, daysAfterShipping: 2 },
  // Windows 38–45, 80–90 and 165–180 days since the last order, as the stage-end coupon rules.
  stageEnd: {
    enabled: true,
    milestones: [
      { day: 45, leadDays: 7 },
      { day: 90, leadDays: 10 },
      { day: 180, leadDays: 15 },
    ],
  },
  day100: { enabled: true, day: 100 },
  anniversary: { enabled: true },
  birthday: { enabled: true },
};

/** Month and day, `MM-DD` (birthdays, shop anniversary). */
export const MonthDaySchema = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected MM-DD');
export type MonthDay = z.infer<typeof MonthDaySchema>;

/** Deterministic id of an automatic reminder. */
export function reminderId(source: string, buyerId: string, anchor: string, offset: string | number): string {
  return `${source}|${buyerId}|${anchor}|${offset}`;
}
