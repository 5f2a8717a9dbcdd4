import { z } from 'zod';
import { indexMoney, type BuyerIndex } from '../db/buyer-index';
import { currencyContext } from '../money/settings';
import { MoneySchema } from '../money/totals';
import { dayNumber } from '../dates/local-date';
import { resolveLevel } from '../levels/ladder';
import type { ProfileSettings } from '../metrics/profile';
import { Rfm8IdSchema, RfmScoreSchema, StageIdSchema } from '../schemas/buyer';
import { PlatformSchema } from '../schemas/common';
import { scoreBuyer, type SegmentModel } from '../segments/model';
import { resolveStage } from '../stages/stages';
import type { CsvValue } from './csv';

/** One buyer as the supervisor's table and the CSV export show it (the CLI's fields, same names). */
export const BuyerRowSchema = z.object({
  /** Position in the buyer index. */
  index: z.number().int().nonnegative(),
  buyer: z.string(),
  nick: z.string(),
  platform: PlatformSchema,
  paidOrders: z.number(),
  /** The currency of netCents and aovCents (ISO 4217). */
  currency: z.string(),
  netCents: z.number(),
  aovCents: z.number(),
  /** What the buyer spent in other currencies (never added into netCents); empty for most. */
  otherNet: z.array(MoneySchema),
  firstPaidDate: z.string().nullable(),
  lastPaidDate: z.string().nullable(),
  recencyDays: z.number().nullable(),
  stage: StageIdSchema,
  level: z.string().nullable(),
  rfm: RfmScoreSchema.nullable(),
  rfm8: Rfm8IdSchema.nullable(),
  layer: z.string().nullable(),
});
export type BuyerRow = z.infer<typeof BuyerRowSchema>;

/** Derive level, segment and stage for every buyer in the index, as of a date. */
export function deriveBuyerRows(
  index: BuyerIndex,
  settings: ProfileSettings,
  model: SegmentModel,
  asOf: string,
): BuyerRow[] {
  const asOfDay = dayNumber(asOf);
  const rows: BuyerRow[] = new Array(index.ids.length);
  for (let i = 0; i < index.ids.length; i++) {
    const last = index.lastPaidDate[i] || null;
    const metrics = {
      lastPaidDate: last,
      paidOrders: index.paidOrders[i] ?? 0,
      netCents: index.netCents[i] ?? 0,
      ...indexMoney(index, i),
    };
    const currency = metrics.currency ?? 'CNY';
    const seg = scoreBuyer(metrics, model, asOf, settings.layers);
    const id = index.ids[i]!;
    rows[i] = {
      index: i,
      buyer: id.slice(id.indexOf(':') + 1),
      nick: index.nicks[i] ?? '',
      platform: index.platforms[i] ?? 'other',
      paidOrders: metrics.paidOrders,
      currency,
      netCents: metrics.netCents,
      otherNet: metrics.otherMoney?.map((m) => ({ currency: m.currency, cents: m.netCents })) ?? [],
      aovCents: index.aovCents[i] ?? 0,
      firstPaidDate: index.firstPaidDate[i] || null,
      lastPaidDate: last,
      recencyDays: last ? asOfDay - dayNumber(last) : null,
      stage: resolveStage(last, asOf, settings.stages).id,
      level: resolveLevel(metrics, settings.ladder, currencyContext(settings.money, currency))?.id ?? null,
      rfm: seg.rfm,
      rfm8: seg.rfm8,
      layer: seg.layer,
    };
  }
  return rows;
}

export const BUYER_CSV_HEADER = [
  'buyer',
  'nick',
  'platform',
  'paidOrders',
  'netTotal',
  'aov',
  'firstPaidDate',
  'lastPaidDate',
  'recencyDays',
  'stage',
  'level',
  'rfm',
  'rfm_r',
  'rfm_f',
  'rfm_m',
  'rfm8',
  'layer',
  'currency',
  'otherTotals',
] as const;

export function buyerCsvValues(r: BuyerRow): CsvValue[] {
  return [
    r.buyer,
    r.nick,
    r.platform,
    r.paidOrders,
    r.netCents / 100,
    r.aovCents / 100,
    r.firstPaidDate,
    r.lastPaidDate,
    r.recencyDays,
    r.stage,
    r.level,
    r.rfm?.score ?? null,
    r.rfm?.r ?? null,
    r.rfm?.f ?? null,
    r.rfm?.m ?? null,
    r.rfm8,
    r.layer,
    // netTotal and aov are in `currency`; what is in others stays apart (`USD 12.00; EUR 5.00`).
    r.currency,
    r.otherNet.map((m) => `${m.currency} ${m.cents / 100}`).join('; ') || null,
  ];
}
