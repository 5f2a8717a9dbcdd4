import { z } from 'zod';
import { Rfm8IdSchema, StageIdSchema } from '../schemas/buyer';
import { CentsSchema, LocalDateSchema, SyncFieldsSchema } from '../schemas/common';
import { CurrencyCodeSchema } from '../money/currency';
import { MonthDaySchema } from '../reminders/schema';

/**
 * - threshold: 满减, spend `thresholdCents`, save `amountCents`
 * - discount: 折扣, pay `rate` of the price (0.7 = 7折)
 * - free_shipping: 包邮卡 for `durationDays`
 * - gift: 赠品, described by `gift`
 */
export const CouponKindSchema = z.enum(['threshold', 'discount', 'free_shipping', 'gift']);
export type CouponKind = z.infer<typeof CouponKindSchema>;

/** Threshold derived from the buyer's average order: a little above their usual basket. */
export const ThresholdFromAovSchema = z.object({
  multiplier: z.number().positive(),
  /** Round to this many cents (1000 = ¥10). */
  roundTo: z.number().int().positive(),
  rounding: z.enum(['nearest', 'up']).default('nearest'),
});

export const CouponValiditySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fixed'), from: LocalDateSchema, to: LocalDateSchema }),
  /** Valid for `days` calendar days counting the day it is given. */
  z.object({ type: z.literal('days_from_issue'), days: z.number().int().positive() }),
]);
export type CouponValidity = z.infer<typeof CouponValiditySchema>;

const CouponBase = SyncFieldsSchema.extend({
  id: z.string().min(1),
  /** Shown to agents; also `{coupon.name}` unless the amounts depend on the buyer. */
  name: z.string().max(100),
  enabled: z.boolean(),
  /** Code the buyer types at checkout, when the platform uses codes. */
  code: z.string().max(100).optional(),
  /** Claim link, when the platform uses links. */
  link: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  validity: CouponValiditySchema,
});

export const CouponSchema = z
  .discriminatedUnion('kind', [
    CouponBase.extend({
      kind: z.literal('threshold'),
      /** The threshold when it is not derived from the buyer's AOV (or the AOV is unknown). */
      thresholdCents: CentsSchema.positive(),
      amountCents: CentsSchema.positive(),
      /**
       * The currency of the threshold and the amount; absent means the shop's (how every coupon was
       * saved before). It is derived from the buyer's AOV only when the buyer buys in it.
       */
      currency: CurrencyCodeSchema.optional(),
      thresholdFromAov: ThresholdFromAovSchema.optional(),
    }),
    CouponBase.extend({ kind: z.literal('discount'), rate: z.number().gt(0).lt(1) }),
    CouponBase.extend({ kind: z.literal('free_shipping'), durationDays: z.number().int().positive() }),
    CouponBase.extend({ kind: z.literal('gift'), gift: z.string().min(1).max(200) }),
  ])
  .superRefine((c, ctx) => {
    if (c.kind === 'threshold' && c.amountCents >= c.thresholdCents) {
      ctx.addIssue({ code: 'custom', path: ['amountCents'], message: 'the amount must be below the threshold' });
    }
    if (c.validity.type === 'fixed' && c.validity.from > c.validity.to) {
      ctx.addIssue({ code: 'custom', path: ['validity', 'to'], message: 'ends before it starts' });
    }
  });
export type Coupon = z.infer<typeof CouponSchema>;

const Range = (value: z.ZodNumber) =>
  z
    .object({ min: value.optional(), max: value.optional() })
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min above max');

/** Every present condition must hold; an empty object matches every buyer. */
export const CouponConditionsSchema = z.object({
  levelIds: z.array(z.string()).min(1).optional(),
  rfm8: z.array(Rfm8IdSchema).min(1).optional(),
  layers: z.array(z.string()).min(1).optional(),
  stages: z.array(StageIdSchema).min(1).optional(),
  /** Paid orders in the last `days` days, counting today. */
  ordersInDays: z
    .object({
      days: z.number().int().positive(),
      min: z.number().int().nonnegative().optional(),
      max: z.number().int().nonnegative().optional(),
    })
    .optional(),
  aovCents: Range(CentsSchema).optional(),
  /** The currency of `aovCents`: the buyer's AOV in it is compared (no orders in it: no match); absent: the buyer's own. */
  aovCurrency: CurrencyCodeSchema.optional(),
  dateWindow: z.object({ from: LocalDateSchema, to: LocalDateSchema }).optional(),
  /** A recurring day: the shop anniversary from settings or a fixed `MM-DD`, with days around it. */
  specialDay: z
    .object({
      day: z.union([z.literal('shop_anniversary'), MonthDaySchema]),
      daysBefore: z.number().int().nonnegative().default(0),
      daysAfter: z.number().int().nonnegative().default(0),
    })
    .optional(),
  /** Calendar days since the last paid order (stage-end gifts: 38–45, 80–90, 165–180). */
  daysSinceLastOrder: Range(z.number().int().nonnegative()).optional(),
});
export type CouponConditions = z.infer<typeof CouponConditionsSchema>;

export const CouponRuleSchema = SyncFieldsSchema.extend({
  id: z.string().min(1),
  name: z.string().max(100),
  couponId: z.string().min(1),
  enabled: z.boolean(),
  /** Higher first. */
  priority: z.number().int(),
  conditions: CouponConditionsSchema,
  /** At most `count` of this coupon per buyer in any `days` days. */
  cap: z.object({ count: z.number().int().positive(), days: z.number().int().positive() }).optional(),
});
export type CouponRule = z.infer<typeof CouponRuleSchema>;

/** One coupon given to one buyer (from the contact log, or recorded when the agent inserts it). */
export const IssuedCouponSchema = z.object({
  buyerId: z.string(),
  couponId: z.string(),
  issuedOn: LocalDateSchema,
});
export type IssuedCoupon = z.infer<typeof IssuedCouponSchema>;
