import { addDays } from '@/lib/dates/local-date';
import { buildProfile, type ProfileSettings } from '@/lib/metrics/profile';
import type { BuyerMetrics, BuyerProfile, StageId } from '@/lib/schemas/buyer';
import { buildSegmentModel } from '@/lib/segments/model';
import { STAGE_ORDER } from '@/lib/stages/stages';

/**
 * Made-up buyers, one per stage, so a template can be previewed before any orders are imported.
 * Each sits in the middle of its stage under the shop's boundaries, with a few orders and items.
 */
export const SAMPLE_STAGES: readonly StageId[] = ['prospect', ...STAGE_ORDER];

function midStageDays(stage: StageId, s: ProfileSettings['stages']): number {
  switch (stage) {
    case 'active':
      return Math.max(1, Math.floor(s.activeMaxDays / 2));
    case 'silent':
      return Math.floor((s.activeMaxDays + s.silentMaxDays) / 2);
    case 'sleeping':
      return Math.floor((s.silentMaxDays + s.sleepingMaxDays) / 2);
    default:
      return s.sleepingMaxDays + 60;
  }
}

export function sampleProfile(stage: StageId, settings: ProfileSettings, today: string, nick: string): BuyerProfile {
  const last = stage === 'prospect' ? null : addDays(today, -midStageDays(stage, settings.stages));
  const paidDates = last ? [addDays(last, -200), addDays(last, -95), last] : [];
  const metrics: BuyerMetrics = {
    paidOrders: paidDates.length,
    netCents: last ? 46_800 : 0,
    aovCents: last ? 15_600 : 0,
    firstPaidDate: paidDates[0] ?? null,
    lastPaidDate: last,
    paidDates,
    refundOrders: 0,
    refundCents: 0,
    allOrders: paidDates.length,
    lastItems: last ? [{ title: '法式碎花连衣裙', date: last, category: 'clothing' }] : [],
    categories: last ? ['clothing'] : [],
  };
  const model = buildSegmentModel(
    [
      { lastPaidDate: last, paidOrders: metrics.paidOrders, netCents: metrics.netCents },
      { lastPaidDate: addDays(today, -30), paidOrders: 1, netCents: 9_900 },
    ],
    today,
  );
  return buildProfile({ platform: 'taobao', buyerKey: nick, nick, metrics }, settings, model, today);
}
