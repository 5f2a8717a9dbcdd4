import type { Coupon, CouponRule } from './schema';

/**
 * A starting catalogue and rules after the retention playbook: frequent buyers get a 满减 a little
 * above their usual basket, occasional buyers a half-year free-shipping card, everyone a 7折 on
 * the shop anniversary, and buyers near the end of a lifecycle stage a reason to come back.
 * Supervisors edit all of it; names and gift texts are data, not UI strings.
 * `updatedAt: 0` marks them as never edited, so any saved edit wins a sync.
 */
export const DEFAULT_COUPONS: Coupon[] = [
  {
    id: 'aov_threshold',
    kind: 'threshold',
    name: '老客满减券',
    enabled: true,
    thresholdCents: 15_000,
    amountCents: 2_000,
    thresholdFromAov: { multiplier: 1.5, roundTo: 1_000, rounding: 'nearest' },
    validity: { type: 'days_from_issue', days: 30 },
    updatedAt: 0,
  },
  {
    id: 'free_shipping_half_year',
    kind: 'free_shipping',
    name: '半年包邮卡',
    enabled: true,
    durationDays: 180,
    validity: { type: 'days_from_issue', days: 180 },
    updatedAt: 0,
  },
  {
    id: 'anniversary_30_off',
    kind: 'discount',
    name: '店庆7折券',
    enabled: true,
    rate: 0.7,
    validity: { type: 'days_from_issue', days: 7 },
    updatedAt: 0,
  },
  {
    id: 'stage45_gift',
    kind: 'gift',
    name: '45天回购礼',
    enabled: true,
    gift: '当季小礼物一份',
    validity: { type: 'days_from_issue', days: 7 },
    updatedAt: 0,
  },
  {
    id: 'stage90_gift',
    kind: 'gift',
    name: '90天回购礼',
    enabled: true,
    gift: '当季好礼一份（比45天礼更丰厚）',
    validity: { type: 'days_from_issue', days: 10 },
    updatedAt: 0,
  },
  {
    id: 'stage180_offer',
    kind: 'discount',
    name: '180天回购专享',
    enabled: true,
    rate: 0.85,
    validity: { type: 'days_from_issue', days: 15 },
    updatedAt: 0,
  },
];

export const DEFAULT_COUPON_RULES: CouponRule[] = [
  {
    id: 'shop_anniversary',
    name: '店庆全员7折',
    couponId: 'anniversary_30_off',
    enabled: true,
    priority: 90,
    conditions: { specialDay: { day: 'shop_anniversary', daysBefore: 0, daysAfter: 0 } },
    cap: { count: 1, days: 300 },
    updatedAt: 0,
  },
  {
    id: 'stage45',
    name: '活跃期末回购礼',
    couponId: 'stage45_gift',
    enabled: true,
    priority: 70,
    conditions: { daysSinceLastOrder: { min: 38, max: 45 } },
    cap: { count: 1, days: 45 },
    updatedAt: 0,
  },
  {
    id: 'stage90',
    name: '沉默期末回购礼',
    couponId: 'stage90_gift',
    enabled: true,
    priority: 70,
    conditions: { daysSinceLastOrder: { min: 80, max: 90 } },
    cap: { count: 1, days: 45 },
    updatedAt: 0,
  },
  {
    id: 'stage180',
    name: '睡眠期末专享',
    couponId: 'stage180_offer',
    enabled: true,
    priority: 70,
    conditions: { daysSinceLastOrder: { min: 165, max: 180 } },
    cap: { count: 1, days: 90 },
    updatedAt: 0,
  },
  {
    id: 'frequent_aov',
    name: '常客满减（按客单价）',
    couponId: 'aov_threshold',
    enabled: true,
    priority: 50,
    conditions: { ordersInDays: { days: 90, min: 3 }, aovCents: { min: 6_000, max: 16_000 } },
    cap: { count: 1, days: 30 },
    updatedAt: 0,
  },
  {
    id: 'occasional_free_shipping',
    name: '偶尔购买送半年包邮',
    couponId: 'free_shipping_half_year',
    enabled: true,
    priority: 40,
    conditions: { ordersInDays: { days: 90, min: 1, max: 2 } },
    cap: { count: 1, days: 180 },
    updatedAt: 0,
  },
];
