import { z } from 'zod';
import { SyncFieldsSchema } from '../schemas/common';
import { MonthDaySchema } from '../reminders/schema';

/** One message an agent put into a chat from a template (or a coupon given). */
export const ContactLogEntrySchema = SyncFieldsSchema.extend({
  id: z.string().min(1),
  buyerId: z.string().min(1),
  /** Null for text not from a template (a coupon given by hand). */
  templateId: z.string().nullable(),
  /** The template's kind (marketing, greeting, unpaid, concern, shipping, …). */
  kind: z.string().min(1),
  marketing: z.boolean(),
  /** Epoch ms. */
  at: z.number().int(),
  /** False when the agent inserted the text but did not send it; absent when unknown (counted as sent). */
  sent: z.boolean().optional(),
  couponId: z.string().optional(),
});
export type ContactLogEntry = z.infer<typeof ContactLogEntrySchema>;

/** A yearly window in shop-local month-days; `from` after `to` wraps over New Year. */
export const PromotionWindowSchema = z.object({ name: z.string().max(50), from: MonthDaySchema, to: MonthDaySchema });

export const ContactPolicySchema = z.object({
  /** Marketing messages per buyer: at most `count` in any `days` days. */
  marketingCap: z.object({ count: z.number().int().positive(), days: z.number().int().positive() }),
  /** Lost buyers get marketing only during a promotion. */
  lostOnlyInPromotions: z.boolean(),
  /** Switched on by a supervisor for a promotion not in the calendar. */
  promotionActive: z.boolean(),
  promotionWindows: z.array(PromotionWindowSchema),
  /** The shop anniversary (from settings) counts as a promotion. */
  shopAnniversaryIsPromotion: z.boolean(),
  /** Kinds that answer the buyer or report on an order: never capped. */
  serviceKinds: z.array(z.string()),
  /** Kind of unpaid-order reminders, capped per `unpaidCap`. */
  unpaidKind: z.string(),
  unpaidCap: z.object({ count: z.number().int().positive(), hours: z.number().int().positive() }),
});
export type ContactPolicy = z.infer<typeof ContactPolicySchema>;

export const DEFAULT_CONTACT_POLICY: ContactPolicy = {
  marketingCap: { count: 1, days: 7 },
  lostOnlyInPromotions: true,
  promotionActive: false,
  promotionWindows: [
    { name: '618', from: '06-01', to: '06-18' },
    { name: '双11', from: '11-01', to: '11-11' },
    { name: '双12', from: '12-10', to: '12-12' },
  ],
  shopAnniversaryIsPromotion: true,
  serviceKinds: ['concern', 'shipping', 'checkin', 'after_sale', 'review_reply', 'service'],
  unpaidKind: 'unpaid',
  unpaidCap: { count: 3, hours: 24 },
};
