import { z } from 'zod';
import type { BuyerLevel, BuyerMetrics } from '../schemas/buyer';
import { CentsSchema } from '../schemas/common';
import { CurrencyCodeSchema, DEFAULT_CURRENCY } from '../money/currency';
import type { CurrencyContext } from '../money/totals';
import { spendIn } from '../metrics/money';

/**
 * One rung of the shop's membership ladder. A buyer reaches it by lifetime net spend
 * (`minNetCents`) and/or number of paid orders (`minPaidOrders`); `match` says whether all given
 * conditions must hold or any one is enough. A rung without conditions is reached by any buyer with
 * a paid order. Level names are shop data that supervisors edit, so they live here and not in the
 * UI catalogue; `nameEn` is what the English UI shows.
 */
export const LevelSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  minNetCents: CentsSchema.nonnegative().optional(),
  /**
   * The currency of `minNetCents`; absent means the shop's (how every ladder was saved before).
   * The buyer's spend counts their orders in it, and others only converted with a rate the
   * supervisor entered.
   */
  currency: CurrencyCodeSchema.optional(),
  minPaidOrders: z.number().int().nonnegative().optional(),
  match: z.enum(['all', 'any']).default('all'),
  /** Price multiplier: 0.95 means 9.5折. */
  discount: z.number().positive().max(1),
});
export type Level = z.infer<typeof LevelSchema>;

/** Levels from lowest to highest; a buyer gets the highest one they reach. */
export const LadderSchema = z
  .object({ levels: z.array(LevelSchema).min(1) })
  .refine((ladder) => new Set(ladder.levels.map((l) => l.id)).size === ladder.levels.length, {
    message: 'level ids must be unique',
  });
export type Ladder = z.infer<typeof LadderSchema>;

/**
 * Defaults follow Taobao's four shop-VIP levels and the thresholds sellers commonly use: any paid
 * order makes a VIP1 at 9.8折, lifetime ¥300 a VIP2 at 9.5折, then ¥1,000 and ¥3,000.
 */
export const DEFAULT_LADDER: Ladder = LadderSchema.parse({
  levels: [
    { id: 'VIP1', name: '普通会员', nameEn: 'Member', minPaidOrders: 1, discount: 0.98 },
    { id: 'VIP2', name: '高级会员', nameEn: 'Silver member', minNetCents: 30_000, discount: 0.95 },
    { id: 'VIP3', name: 'VIP会员', nameEn: 'Gold member', minNetCents: 100_000, discount: 0.92 },
    { id: 'VIP4', name: '至尊VIP', nameEn: 'Platinum member', minNetCents: 300_000, discount: 0.9 },
  ],
});

type LevelMetrics = Pick<BuyerMetrics, 'netCents' | 'paidOrders' | 'currency' | 'otherMoney'>;

/** `ctx`: the shop's currency (a threshold without its own is in it) and rates; default CNY, none. */
export function meetsLevel(
  metrics: LevelMetrics,
  level: Level,
  ctx: CurrencyContext = { shop: DEFAULT_CURRENCY },
): boolean {
  const checks: boolean[] = [];
  if (level.minNetCents !== undefined)
    checks.push(spendIn(metrics, level.currency ?? ctx.shop, ctx).cents >= level.minNetCents);
  if (level.minPaidOrders !== undefined) checks.push(metrics.paidOrders >= level.minPaidOrders);
  if (checks.length === 0) return true;
  return level.match === 'all' ? checks.every(Boolean) : checks.some(Boolean);
}

/** The highest level the buyer reaches, or null for a buyer who has never paid. */
export function resolveLevel(
  metrics: LevelMetrics,
  ladder: Ladder = DEFAULT_LADDER,
  ctx?: CurrencyContext,
): BuyerLevel | null {
  if (metrics.paidOrders === 0) return null;
  for (let i = ladder.levels.length - 1; i >= 0; i--) {
    const level = ladder.levels[i] as Level;
    if (meetsLevel(metrics, level, ctx))
      return { id: level.id, name: level.name, nameEn: level.nameEn, discount: level.discount };
  }
  return null;
}
