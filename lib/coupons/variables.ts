import type { Locale } from '../schemas/common';
import type { ResolvedCoupon } from './resolve';
import { currencySymbol } from '../money/format';

/** Cents as yuan for a message: 15000 → "150", 1990 → "19.90". */
export function formatYuan(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

/** 0.7 → "7", 0.85 → "8.5" (as in 7折). */
export function formatZhe(rate: number): string {
  return String(Math.round(rate * 100) / 10);
}

/** What the coupon is, in the buyer's language: 满150减20, 7折, 180天包邮卡, 20 off 150+. */
export function couponLabel(c: ResolvedCoupon, locale: Locale): string {
  const tw = locale === 'zh-TW';
  const en = locale === 'en';
  switch (c.kind) {
    case 'threshold': {
      // A coupon in another currency than ¥ says which (RM150); a yuan one stays 满150减20.
      const mark =
        c.coupon.kind === 'threshold' && c.coupon.currency && c.coupon.currency !== 'CNY'
          ? currencySymbol(c.coupon.currency).trim()
          : '';
      const t = mark + formatYuan(c.thresholdCents ?? 0);
      const a = mark + formatYuan(c.amountCents ?? 0);
      return en ? `${a} off orders of ${t}+` : tw ? `滿${t}減${a}` : `满${t}减${a}`;
    }
    case 'discount':
      return en ? `${Math.round((1 - (c.rate ?? 1)) * 100)}% off` : `${formatZhe(c.rate ?? 1)}折`;
    case 'free_shipping':
      return en
        ? `${c.durationDays}-day free shipping`
        : tw
          ? `${c.durationDays}天免運券`
          : `${c.durationDays}天包邮卡`;
    case 'gift':
      return c.gift ?? '';
  }
}

export type CouponVariable =
  | 'coupon.name'
  | 'coupon.label'
  | 'coupon.threshold'
  | 'coupon.amount'
  | 'coupon.rate'
  | 'coupon.days'
  | 'coupon.gift'
  | 'coupon.code'
  | 'coupon.link'
  | 'coupon.expires';

/**
 * Values for a template's coupon variables. A variable the coupon has no value for is left out,
 * so the template's fallback applies. `coupon.name` is the supervisor's name unless the amounts
 * depend on the buyer (then the label, 满150减20, since a fixed name cannot say it).
 */
export function couponVariables(c: ResolvedCoupon, locale: Locale): Partial<Record<CouponVariable, string>> {
  const label = couponLabel(c, locale);
  const named = c.coupon.name.trim();
  const vars: Partial<Record<CouponVariable, string>> = {
    'coupon.name': c.aovDerived || !named ? label : named,
    'coupon.label': label,
    'coupon.expires': c.expiresOn,
  };
  if (c.thresholdCents !== undefined) vars['coupon.threshold'] = formatYuan(c.thresholdCents);
  if (c.amountCents !== undefined) vars['coupon.amount'] = formatYuan(c.amountCents);
  if (c.rate !== undefined)
    vars['coupon.rate'] = locale === 'en' ? String(Math.round((1 - c.rate) * 100)) : formatZhe(c.rate);
  if (c.durationDays !== undefined) vars['coupon.days'] = String(c.durationDays);
  if (c.gift !== undefined) vars['coupon.gift'] = c.gift;
  if (c.coupon.code) vars['coupon.code'] = c.coupon.code;
  if (c.coupon.link) vars['coupon.link'] = c.coupon.link;
  return vars;
}
