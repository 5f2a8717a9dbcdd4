import { z } from 'zod';
import { daysBetween } from '../dates/local-date';
import type { BuyerStage, StageId } from '../schemas/buyer';

/**
 * Lifecycle stage boundaries, in whole calendar days since the buyer's last paid date (seed 003's
 * 活跃期 / 沉默期 / 睡眠期 / 流失期). Each value is the last day of its stage: with the defaults a
 * buyer is active up to day 45, silent on days 46–90, sleeping on days 91–180 and lost from day 181.
 */
export const StageBoundariesSchema = z
  .object({
    activeMaxDays: z.number().int().nonnegative().default(45),
    silentMaxDays: z.number().int().nonnegative().default(90),
    sleepingMaxDays: z.number().int().nonnegative().default(180),
  })
  .refine((b) => b.activeMaxDays < b.silentMaxDays && b.silentMaxDays < b.sleepingMaxDays, {
    message: 'stage boundaries must increase: active < silent < sleeping',
  });
export type StageBoundaries = z.infer<typeof StageBoundariesSchema>;

export const DEFAULT_STAGE_BOUNDARIES: StageBoundaries = StageBoundariesSchema.parse({});

/** Stages in the order a buyer passes through them after the first purchase. */
export const STAGE_ORDER: readonly StageId[] = ['active', 'silent', 'sleeping', 'lost'];

/** The stage for a number of days since the last paid date. A date after `asOf` counts as active. */
export function stageForDays(
  days: number,
  boundaries: StageBoundaries = DEFAULT_STAGE_BOUNDARIES,
): Exclude<StageId, 'prospect'> {
  if (days <= boundaries.activeMaxDays) return 'active';
  if (days <= boundaries.silentMaxDays) return 'silent';
  if (days <= boundaries.sleepingMaxDays) return 'sleeping';
  return 'lost';
}

/**
 * Days until the buyer drifts into the next stage if they do not buy again: 1 on the last day of a
 * stage. Null when there is no next stage (lost).
 */
export function daysToNextStage(days: number, boundaries: StageBoundaries = DEFAULT_STAGE_BOUNDARIES): number | null {
  const stage = stageForDays(days, boundaries);
  const lastDay =
    stage === 'active'
      ? boundaries.activeMaxDays
      : stage === 'silent'
        ? boundaries.silentMaxDays
        : stage === 'sleeping'
          ? boundaries.sleepingMaxDays
          : null;
  return lastDay === null ? null : lastDay + 1 - days;
}

/** A buyer's stage as of a date; `prospect` when they have no paid order. */
export function resolveStage(
  lastPaidDate: string | null,
  asOf: string,
  boundaries: StageBoundaries = DEFAULT_STAGE_BOUNDARIES,
): BuyerStage {
  if (lastPaidDate === null) return { id: 'prospect', daysSinceLastPaid: null, daysToNextStage: null };
  const days = daysBetween(lastPaidDate, asOf);
  return {
    id: stageForDays(days, boundaries),
    daysSinceLastPaid: days,
    daysToNextStage: daysToNextStage(days, boundaries),
  };
}
