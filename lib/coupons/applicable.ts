import { addDays, daysBetween } from '../dates/local-date';
import type { OutreachReason } from '../i18n/catalog/outreach';
import type { MonthDay } from '../reminders/schema';
import { monthDayInYear } from '../reminders/time';
import type { BuyerProfile } from '../schemas/buyer';
import { isCouponOpen, resolveCoupon, type ResolvedCoupon } from './resolve';
import type { Coupon, CouponConditions, CouponRule, IssuedCoupon } from './schema';
import { formatYuan } from './variables';
import { aovByCurrency, metricsCurrency } from '../metrics/money';
import { formatMoney } from '../money/format';

export interface CouponContext {
  /** Shop-local date the suggestion is for. */
  today: string;
  /** `MM-DD` from settings; without it shop-anniversary rules never match. */
  shopAnniversary?: MonthDay | null;
  /** Coupons already given, for the per-buyer caps. */
  issuedLog?: readonly IssuedCoupon[];
}

export interface ApplicableCoupon {
  coupon: ResolvedCoupon;
  rule: CouponRule;
  /** One part per condition that matched. */
  reasons: OutreachReason[];
  /** Present when the buyer already had this coupon as often as the rule allows. */
  capped?: OutreachReason;
}

function inRange(value: number, range: { min?: number | undefined; max?: number | undefined }): boolean {
  return (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
}

/** The occurrence of a yearly day whose window (days before/after) contains `today`, if any. */
function specialDayHit(monthDay: string, before: number, after: number, today: string): string | null {
  const year = Number(today.slice(0, 4));
  for (const y of [year - 1, year, year + 1]) {
    const date = monthDayInYear(y, monthDay);
    if (addDays(date, -before) <= today && today <= addDays(date, after)) return date;
  }
  return null;
}

/** Reasons when every condition holds, null otherwise. */
export function matchConditions(
  profile: BuyerProfile,
  c: CouponConditions,
  ctx: CouponContext,
): OutreachReason[] | null {
  const reasons: OutreachReason[] = [];
  const { today } = ctx;
  if (c.levelIds) {
    if (!profile.level || !c.levelIds.includes(profile.level.id)) return null;
    reasons.push({ code: 'coupon_reasonLevel', params: { level: profile.level.name } });
  }
  if (c.rfm8) {
    if (!profile.rfm8 || !c.rfm8.includes(profile.rfm8)) return null;
    reasons.push({ code: 'coupon_reasonSegment', params: { segment: profile.rfm8 } });
  }
  if (c.layers) {
    if (!profile.layer || !c.layers.includes(profile.layer)) return null;
    reasons.push({ code: 'coupon_reasonSegment', params: { segment: profile.layer } });
  }
  if (c.stages) {
    if (!c.stages.includes(profile.stage.id)) return null;
    reasons.push({ code: 'coupon_reasonStage', params: { stage: profile.stage.id } });
  }
  if (c.ordersInDays) {
    const { days } = c.ordersInDays;
    const count = profile.metrics.paidDates.filter((d) => {
      const age = daysBetween(d, today);
      return age >= 0 && age < days;
    }).length;
    if (!inRange(count, c.ordersInDays)) return null;
    reasons.push({ code: 'coupon_reasonOrders', params: { count, days } });
  }
  if (c.aovCents) {
    // The AOV in the condition's currency (each currency's orders over their own count), never a mix.
    const inCurrency = aovByCurrency(profile.metrics).find(
      (a) => a.currency === (c.aovCurrency ?? metricsCurrency(profile.metrics)),
    );
    const counted =
      c.aovCurrency === undefined || c.aovCurrency === metricsCurrency(profile.metrics)
        ? profile.metrics.paidOrders - (profile.metrics.otherMoney ?? []).reduce((n, m) => n + m.paidOrders, 0)
        : (profile.metrics.otherMoney?.find((m) => m.currency === c.aovCurrency)?.paidOrders ?? 0);
    if (!inCurrency || counted === 0 || !inRange(inCurrency.cents, c.aovCents)) return null;
    reasons.push({
      code: 'coupon_reasonAov',
      params: {
        aov:
          inCurrency.currency === 'CNY'
            ? formatYuan(inCurrency.cents)
            : formatMoney(inCurrency.cents, inCurrency.currency, 'en'),
      },
    });
  }
  if (c.dateWindow) {
    if (today < c.dateWindow.from || today > c.dateWindow.to) return null;
    reasons.push({ code: 'coupon_reasonDateWindow', params: { from: c.dateWindow.from, to: c.dateWindow.to } });
  }
  if (c.specialDay) {
    const { day, daysBefore, daysAfter } = c.specialDay;
    const monthDay = day === 'shop_anniversary' ? ctx.shopAnniversary : day;
    const hit = monthDay ? specialDayHit(monthDay, daysBefore, daysAfter, today) : null;
    if (!hit) return null;
    reasons.push({
      code: day === 'shop_anniversary' ? 'coupon_reasonShopAnniversary' : 'coupon_reasonSpecialDay',
      params: { date: hit },
    });
  }
  if (c.daysSinceLastOrder) {
    const last = profile.metrics.lastPaidDate;
    const since = last ? daysBetween(last, today) : null;
    if (since === null || !inRange(since, c.daysSinceLastOrder)) return null;
    reasons.push({
      code: 'coupon_reasonDaysSince',
      params: { days: since, stageDay: c.daysSinceLastOrder.max ?? since },
    });
  }
  if (reasons.length === 0) reasons.push({ code: 'coupon_reasonEveryone', params: {} });
  return reasons;
}

/** The cap reason when the buyer already had the coupon `cap.count` times in the last `cap.days` days. */
export function couponCap(
  rule: CouponRule,
  buyerId: string,
  issuedLog: readonly IssuedCoupon[],
  today: string,
): OutreachReason | undefined {
  if (!rule.cap) return undefined;
  const { count, days } = rule.cap;
  const inWindow = issuedLog
    .filter((i) => i.buyerId === buyerId && i.couponId === rule.couponId)
    .map((i) => i.issuedOn)
    .filter((d) => {
      const age = daysBetween(d, today);
      return age >= 0 && age < days;
    })
    .sort();
  if (inWindow.length < count) return undefined;
  // Giving is allowed again once enough of these have aged out of the window.
  const next = addDays(inWindow[inWindow.length - count] ?? today, days);
  return { code: 'coupon_capped', params: { count: inWindow.length, days, next } };
}

/**
 * Coupons the rules offer this buyer today: usable ones first, then by priority (higher first).
 * A coupon offered by several rules appears once, under its best rule. Capped coupons stay in the
 * list with `capped` set, so the agent sees why a usual coupon is missing.
 */
export function applicableCoupons(
  profile: BuyerProfile,
  catalogue: readonly Coupon[],
  rules: readonly CouponRule[],
  ctx: CouponContext,
): ApplicableCoupon[] {
  const coupons = new Map(catalogue.filter((c) => c.enabled && c.deletedAt === undefined).map((c) => [c.id, c]));
  const found: ApplicableCoupon[] = [];
  for (const rule of rules) {
    if (!rule.enabled || rule.deletedAt !== undefined) continue;
    const coupon = coupons.get(rule.couponId);
    if (!coupon || !isCouponOpen(coupon, ctx.today)) continue;
    const reasons = matchConditions(profile, rule.conditions, ctx);
    if (!reasons) continue;
    const resolved = resolveCoupon(coupon, profile, ctx.today);
    if (resolved.aovDerived && coupon.kind === 'threshold' && coupon.thresholdFromAov) {
      reasons.push({ code: 'coupon_reasonAovThreshold', params: { multiplier: coupon.thresholdFromAov.multiplier } });
    }
    const capped = couponCap(rule, profile.id, ctx.issuedLog ?? [], ctx.today);
    found.push({ coupon: resolved, rule, reasons, ...(capped ? { capped } : {}) });
  }
  found.sort(
    (a, b) =>
      Number(!!a.capped) - Number(!!b.capped) ||
      b.rule.priority - a.rule.priority ||
      (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0),
  );
  const seen = new Set<string>();
  return found.filter((f) => (seen.has(f.coupon.coupon.id) ? false : (seen.add(f.coupon.coupon.id), true)));
}
