import { z } from 'zod';
import { CurrencyCodeSchema } from '../money/currency';
import { CentsSchema, LocalDateSchema, PlatformSchema } from './common';

/** Lifecycle stages by calendar days since the last paid order; `prospect` = no paid order yet. */
export const StageIdSchema = z.enum(['prospect', 'active', 'silent', 'sleeping', 'lost']);
export type StageId = z.infer<typeof StageIdSchema>;

/** The Chinese RFM 8-class model. */
export const Rfm8IdSchema = z.enum([
  'important_value',
  'important_develop',
  'important_keep',
  'important_retain',
  'general_value',
  'general_develop',
  'general_keep',
  'general_retain',
]);
export type Rfm8Id = z.infer<typeof Rfm8IdSchema>;

/** Metrics that do not depend on the as-of date; computed from a buyer's orders at import time. */
export const BuyerMetricsSchema = z.object({
  /** Counted orders in every currency. */
  paidOrders: z.number().int().nonnegative(),
  /** Sum over counted orders of (paid − refunded), in `currency` only. */
  netCents: CentsSchema,
  /** netCents / (counted orders in `currency`), rounded; 0 without paid orders. */
  aovCents: CentsSchema,
  /**
   * The currency of netCents, aovCents and refundCents: the one most of the buyer's counted orders
   * are in. Absent means CNY (every buyer stored before orders kept their currency).
   */
  currency: CurrencyCodeSchema.optional(),
  /** The buyer's orders in other currencies, never added into netCents; absent when there are none. */
  otherMoney: z
    .array(
      z.object({
        currency: CurrencyCodeSchema,
        paidOrders: z.number().int().nonnegative(),
        netCents: CentsSchema,
        refundCents: CentsSchema,
      }),
    )
    .optional(),
  firstPaidDate: LocalDateSchema.nullable(),
  lastPaidDate: LocalDateSchema.nullable(),
  /** Shop-local dates of every counted order, ascending (for "orders in the last N days"). */
  paidDates: z.array(LocalDateSchema),
  /** Orders with any refund (every currency), and the refunded total in `currency`. */
  refundOrders: z.number().int().nonnegative(),
  refundCents: CentsSchema,
  /** All orders seen, paid or not. */
  allOrders: z.number().int().nonnegative(),
  /** Most recent items first, at most 20. */
  lastItems: z.array(
    z.object({ title: z.string(), date: LocalDateSchema.nullable(), category: z.string().optional() }),
  ),
  categories: z.array(z.string()),
});
export type BuyerMetrics = z.infer<typeof BuyerMetricsSchema>;

/** A membership level as resolved for one buyer. */
export const BuyerLevelSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The level's English name, for the English UI (level names are shop data, not catalogue strings). */
  nameEn: z.string().optional(),
  /** Price multiplier: 0.95 = 9.5折. */
  discount: z.number().positive().max(1),
});
export type BuyerLevel = z.infer<typeof BuyerLevelSchema>;

export const RfmScoreSchema = z.object({
  r: z.number().int().min(1).max(5),
  f: z.number().int().min(1).max(5),
  m: z.number().int().min(1).max(5),
  score: z.number().int(),
});
export type RfmScore = z.infer<typeof RfmScoreSchema>;

export const BuyerStageSchema = z.object({
  id: StageIdSchema,
  /** Calendar days from the last paid date to the as-of date; null for prospects. */
  daysSinceLastPaid: z.number().int().nullable(),
  /** Days until the buyer moves to the next stage; null for `lost` and prospects. */
  daysToNextStage: z.number().int().nullable(),
});
export type BuyerStage = z.infer<typeof BuyerStageSchema>;

/** Everything the sidebar, suggestions and exports need to know about one buyer, as of a date. */
export const BuyerProfileSchema = z.object({
  /** `${platform}:${buyerKey}` */
  id: z.string(),
  platform: PlatformSchema,
  buyerKey: z.string(),
  nick: z.string(),
  asOf: LocalDateSchema,
  metrics: BuyerMetricsSchema,
  /** Paid orders in the last 90 days as of `asOf`. */
  orders90d: z.number().int().nonnegative(),
  level: BuyerLevelSchema.nullable(),
  rfm: RfmScoreSchema.nullable(),
  rfm8: Rfm8IdSchema.nullable(),
  /** Id of the seed-002 layer (gold / develop / normal / low by default); null without paid orders. */
  layer: z.string().nullable(),
  stage: BuyerStageSchema,
});
export type BuyerProfile = z.infer<typeof BuyerProfileSchema>;

export function buyerId(platform: string, buyerKey: string): string {
  return `${platform}:${buyerKey}`;
}
