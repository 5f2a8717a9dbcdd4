import { z } from 'zod';
import { dayNumber } from '../dates/local-date';
import type { BuyerMetrics, Rfm8Id, RfmScore } from '../schemas/buyer';
import { LocalDateSchema } from '../schemas/common';
import { DEFAULT_LAYERS, layerOf, type LayerConfig } from './layers';
import { RFM_BREAK_OFFSET, rfmBin, rfmBreaks, RFM_BINS } from './rfm';
import { rfm8Of } from './rfm8';

/**
 * What segmentation needs to know about the whole buyer population, as of one date: the RFM
 * quintile breaks and the means for the 8-class model. Small and serialisable, so it can be built
 * once after an import (or once a day) and handed to every profile. Scores are only comparable
 * with the population at `asOf`: rebuild the model when the as-of date changes.
 */
export const SegmentModelSchema = z.object({
  asOf: LocalDateSchema,
  /** Buyers with at least one paid order; the others have no segment. */
  buyers: z.number().int().nonnegative(),
  /** Ascending breaks (R-compatible, see rfm.ts); null when no buyer has paid. */
  breaks: z
    .object({ recency: z.array(z.number()), frequency: z.array(z.number()), monetary: z.array(z.number()) })
    .nullable(),
  means: z.object({ recencyDays: z.number(), paidOrders: z.number(), netCents: z.number() }).nullable(),
});
export type SegmentModel = z.infer<typeof SegmentModelSchema>;

export type PopulationMember = Pick<BuyerMetrics, 'lastPaidDate' | 'paidOrders' | 'netCents'>;

/**
 * One pass to fill three typed arrays, three numeric sorts, no per-buyer objects: 200,000 buyers
 * take tens of milliseconds.
 */
export function buildSegmentModel(population: readonly PopulationMember[], asOf: string): SegmentModel {
  const asOfDay = dayNumber(asOf);
  const total = population.length;
  const recency = new Float64Array(total);
  const frequency = new Float64Array(total);
  const monetary = new Float64Array(total);
  let n = 0;
  let sumRecency = 0;
  let sumFrequency = 0;
  let sumMonetary = 0;
  for (let i = 0; i < total; i++) {
    const buyer = population[i] as PopulationMember;
    if (buyer.paidOrders < 1 || buyer.lastPaidDate === null) continue;
    const days = asOfDay - dayNumber(buyer.lastPaidDate);
    recency[n] = days;
    frequency[n] = buyer.paidOrders;
    monetary[n] = buyer.netCents;
    sumRecency += days;
    sumFrequency += buyer.paidOrders;
    sumMonetary += buyer.netCents;
    n += 1;
  }
  if (n === 0) return { asOf, buyers: 0, breaks: null, means: null };
  const r = recency.subarray(0, n).sort();
  const f = frequency.subarray(0, n).sort();
  const m = monetary.subarray(0, n).sort();
  return {
    asOf,
    buyers: n,
    breaks: {
      recency: rfmBreaks(r, RFM_BREAK_OFFSET.recency),
      frequency: rfmBreaks(f, RFM_BREAK_OFFSET.frequency),
      monetary: rfmBreaks(m, RFM_BREAK_OFFSET.monetary),
    },
    means: { recencyDays: sumRecency / n, paidOrders: sumFrequency / n, netCents: sumMonetary / n },
  };
}

export interface BuyerSegment {
  rfm: RfmScore | null;
  rfm8: Rfm8Id | null;
  /** Layer id from the layer config; null without paid orders. */
  layer: string | null;
}

const NO_SEGMENT: BuyerSegment = Object.freeze({ rfm: null, rfm8: null, layer: null });

/**
 * Place one buyer in the population described by `model`. Recency is counted to `asOf`, which
 * should be the model's own date. Buyers without a paid order get no segment.
 */
export function scoreBuyer(
  metrics: PopulationMember,
  model: SegmentModel,
  asOf: string,
  layers: LayerConfig = DEFAULT_LAYERS,
): BuyerSegment {
  if (metrics.paidOrders < 1 || metrics.lastPaidDate === null || model.breaks === null || model.means === null)
    return NO_SEGMENT;
  const recencyDays = dayNumber(asOf) - dayNumber(metrics.lastPaidDate);
  const r = RFM_BINS + 1 - rfmBin(recencyDays, model.breaks.recency);
  const f = rfmBin(metrics.paidOrders, model.breaks.frequency);
  const m = rfmBin(metrics.netCents, model.breaks.monetary);
  const rfm8 = rfm8Of(
    recencyDays <= model.means.recencyDays,
    metrics.paidOrders >= model.means.paidOrders,
    metrics.netCents >= model.means.netCents,
  );
  return { rfm: { r, f, m, score: r * 100 + f * 10 + m }, rfm8, layer: layerOf(rfm8, layers)?.id ?? null };
}
