import { metricsCurrency } from '../metrics/money';
import { addDays } from '../dates/local-date';
import type { BuyerProfile } from '../schemas/buyer';
import type { Coupon, CouponKind } from './schema';

/** A coupon as it would be given to one buyer today: amounts computed, dates fixed. */
export interface ResolvedCoupon {
  coupon: Coupon;
  kind: CouponKind;
  thresholdCents?: number;
  amountCents?: number;
  /** Price multiplier for discounts: 0.7 = 7折. */
  rate?: number;
  durationDays?: number;
  gift?: string;
  /** The threshold was computed from this buyer's average order value. */
  aovDerived: boolean;
  validFrom: string;
  /** Last valid day (inclusive). */
  expiresOn: string;
}

/** Threshold for an AOV-derived 满减: AOV × multiplier rounded, and always above the amount. */
export function thresholdForAov(
  aovCents: number,
  multiplier: number,
  roundTo: number,
  rounding: 'nearest' | 'up',
  amountCents: number,
): number {
  const steps = (aovCents * multiplier) / roundTo;
  // Rounded to 1e-9 first so 84 × 1.5 does not become 125.99999 steps.
  const clean = Math.round(steps * 1e9) / 1e9;
  const rounded = (rounding === 'up' ? Math.ceil(clean) : Math.round(clean)) * roundTo;
  const floor = (Math.floor(amountCents / roundTo) + 1) * roundTo;
  return Math.max(rounded, floor);
}

export function resolveCoupon(coupon: Coupon, profile: BuyerProfile | null, today: string): ResolvedCoupon {
  const dates =
    coupon.validity.type === 'fixed'
      ? { validFrom: coupon.validity.from, expiresOn: coupon.validity.to }
      : { validFrom: today, expiresOn: addDays(today, coupon.validity.days - 1) };
  const base = { coupon, kind: coupon.kind, aovDerived: false, ...dates };
  switch (coupon.kind) {
    case 'threshold': {
      const derive = coupon.thresholdFromAov;
      const aov = profile?.metrics.aovCents ?? 0;
      // A threshold in another currency than the buyer's AOV cannot be derived from it.
      const sameCurrency =
        coupon.currency === undefined || (profile !== null && coupon.currency === metricsCurrency(profile.metrics));
      if (derive && aov > 0 && sameCurrency) {
        const thresholdCents = thresholdForAov(
          aov,
          derive.multiplier,
          derive.roundTo,
          derive.rounding,
          coupon.amountCents,
        );
        return { ...base, thresholdCents, amountCents: coupon.amountCents, aovDerived: true };
      }
      return { ...base, thresholdCents: coupon.thresholdCents, amountCents: coupon.amountCents };
    }
    case 'discount':
      return { ...base, rate: coupon.rate };
    case 'free_shipping':
      return { ...base, durationDays: coupon.durationDays };
    case 'gift':
      return { ...base, gift: coupon.gift };
  }
}

/** Whether a coupon can be given on `today` (fixed validity only; days-from-issue always can). */
export function isCouponOpen(coupon: Coupon, today: string): boolean {
  return coupon.validity.type !== 'fixed' || (coupon.validity.from <= today && today <= coupon.validity.to);
}
