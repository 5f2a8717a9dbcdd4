import { z } from 'zod';
import { currencyContext, DEFAULT_MONEY_SETTINGS, MoneySettingsSchema } from '../money/settings';
import { DEFAULT_LADDER, LadderSchema, resolveLevel } from '../levels/ladder';
import { buyerId, type BuyerLevel, type BuyerMetrics, type BuyerProfile } from '../schemas/buyer';
import type { Platform } from '../schemas/common';
import { DEFAULT_LAYERS, LayerConfigSchema } from '../segments/layers';
import { scoreBuyer, type SegmentModel } from '../segments/model';
import { DEFAULT_STAGE_BOUNDARIES, resolveStage, StageBoundariesSchema } from '../stages/stages';
import { ordersInLastDays } from './compute';
import { CountingRulesSchema, DEFAULT_COUNTING_RULES } from './rules';

/** Everything a supervisor can tune about how buyers are measured and classified. */
export const ProfileSettingsSchema = z.object({
  rules: CountingRulesSchema.default(() => structuredClone(DEFAULT_COUNTING_RULES)),
  ladder: LadderSchema.default(() => structuredClone(DEFAULT_LADDER)),
  stages: StageBoundariesSchema.default(() => structuredClone(DEFAULT_STAGE_BOUNDARIES)),
  layers: LayerConfigSchema.default(() => structuredClone(DEFAULT_LAYERS)),
  money: MoneySettingsSchema.default(() => structuredClone(DEFAULT_MONEY_SETTINGS)),
});
export type ProfileSettings = z.infer<typeof ProfileSettingsSchema>;

export const DEFAULT_PROFILE_SETTINGS: ProfileSettings = ProfileSettingsSchema.parse({});

/** Window of `orders90d`. */
export const RECENT_ORDERS_DAYS = 90;

/** The parts of a stored buyer record a profile is built from (metrics already computed at import). */
export interface ProfileInput {
  platform: Platform;
  buyerKey: string;
  nick: string;
  metrics: BuyerMetrics;
}

/**
 * The buyer's level under the settings' ladder, each threshold counting spend in its currency (one
 * without a currency: the shop's, or without a shop currency set, the buyer's own — a shop selling
 * in one currency needs no setting).
 */
export function profileLevel(
  metrics: Pick<BuyerMetrics, 'netCents' | 'paidOrders' | 'currency' | 'otherMoney'>,
  settings: ProfileSettings,
): BuyerLevel | null {
  return resolveLevel(metrics, settings.ladder, currencyContext(settings.money, metrics.currency ?? null));
}

/**
 * A buyer's profile as of a date, for the sidebar, suggestions and exports. `model` describes the
 * whole population (see buildSegmentModel) and should be built for the same `asOf`.
 * The counting rules in `settings` were applied when `metrics` were computed; they are part of the
 * settings so one object configures the whole pipeline.
 */
export function buildProfile(
  input: ProfileInput,
  settings: ProfileSettings,
  model: SegmentModel,
  asOf: string,
): BuyerProfile {
  const { metrics } = input;
  const segment = scoreBuyer(metrics, model, asOf, settings.layers);
  return {
    id: buyerId(input.platform, input.buyerKey),
    platform: input.platform,
    buyerKey: input.buyerKey,
    nick: input.nick,
    asOf,
    metrics,
    orders90d: ordersInLastDays(metrics, asOf, RECENT_ORDERS_DAYS),
    level: profileLevel(metrics, settings),
    rfm: segment.rfm,
    rfm8: segment.rfm8,
    layer: segment.layer,
    stage: resolveStage(metrics.lastPaidDate, asOf, settings.stages),
  };
}
