import { describe, expect, it } from 'vitest';
import { addDays } from '../dates/local-date';
import type { BuyerProfile, StageId } from '../schemas/buyer';
import { applicableCoupons } from './applicable';
import { DEFAULT_COUPON_RULES, DEFAULT_COUPONS } from './defaults';
import { CouponRuleSchema, CouponSchema, type Coupon, type CouponRule, type IssuedCoupon } from './schema';
import { couponVariables } from './variables';

const TODAY = '2025-05-14';

/** A buyer whose paid orders were `ages` days before TODAY, with the given average order. */
function buyer(ages: number[], aovYuan: number, stage: StageId = 'active'): BuyerProfile {
  const paidDates = ages.map((a) => addDays(TODAY, -a)).sort();
  return {
    id: 'taobao:小林',
    platform: 'taobao',
    buyerKey: '小林',
    nick: '小林',
    asOf: TODAY,
    metrics: {
      paidOrders: paidDates.length,
      netCents: aovYuan * 100 * paidDates.length,
      aovCents: paidDates.length ? aovYuan * 100 : 0,
      firstPaidDate: paidDates[0] ?? null,
      lastPaidDate: paidDates[paidDates.length - 1] ?? null,
      paidDates,
      refundOrders: 0,
      refundCents: 0,
      allOrders: paidDates.length,
      lastItems: [],
      categories: [],
    },
    orders90d: ages.filter((a) => a < 90).length,
    level: paidDates.length ? { id: 'vip1', name: 'VIP1', discount: 0.98 } : null,
    rfm: null,
    rfm8: null,
    layer: null,
    stage: { id: stage, daysSinceLastPaid: ages.length ? Math.min(...ages) : null, daysToNextStage: null },
  };
}

const offer = (p: BuyerProfile, ctx: Partial<Parameters<typeof applicableCoupons>[3]> = {}) =>
  applicableCoupons(p, DEFAULT_COUPONS, DEFAULT_COUPON_RULES, { today: TODAY, ...ctx });

describe('default coupon rules', () => {
  it('give a frequent ¥100 buyer 满150减20, named by its amounts', () => {
    const [first] = offer(buyer([5, 20, 60], 100));
    expect(first?.rule.id).toBe('frequent_aov');
    expect(first?.coupon.thresholdCents).toBe(15_000);
    expect(first?.coupon.amountCents).toBe(2_000);
    const vars = couponVariables(first!.coupon, 'zh-CN');
    expect(vars['coupon.name']).toBe('满150减20');
    expect(vars['coupon.threshold']).toBe('150');
    expect(vars['coupon.amount']).toBe('20');
    expect(vars['coupon.expires']).toBe(addDays(TODAY, 29));
    expect(first?.reasons.map((r) => r.code)).toEqual([
      'coupon_reasonOrders',
      'coupon_reasonAov',
      'coupon_reasonAovThreshold',
    ]);
    expect(first?.reasons[0]?.params).toEqual({ count: 3, days: 90 });
  });

  it('set the threshold at 1.5 × AOV rounded to ¥10', () => {
    const [first] = offer(buyer([5, 20, 60, 70], 84));
    expect(first?.coupon.thresholdCents).toBe(13_000);
    expect(couponVariables(first!.coupon, 'zh-CN')['coupon.name']).toBe('满130减20');
    expect(couponVariables(first!.coupon, 'zh-TW')['coupon.name']).toBe('滿130減20');
    expect(couponVariables(first!.coupon, 'en')['coupon.name']).toBe('20 off orders of 130+');
    expect(offer(buyer([5, 20, 60], 61))[0]?.coupon.thresholdCents).toBe(9_000);
  });

  it('leave a big spender outside the AOV band without the 满减', () => {
    expect(offer(buyer([5, 20, 60], 300)).map((o) => o.rule.id)).not.toContain('frequent_aov');
  });

  it('give one- or two-time buyers of the last 90 days the half-year free-shipping card', () => {
    for (const ages of [[10], [10, 50], [10, 50, 95]]) {
      const ids = offer(buyer(ages, 100)).map((o) => o.rule.id);
      expect(ids).toContain('occasional_free_shipping');
      expect(ids).not.toContain('frequent_aov');
    }
    const card = offer(buyer([10], 100)).find((o) => o.rule.id === 'occasional_free_shipping')!;
    expect(couponVariables(card.coupon, 'zh-CN')['coupon.label']).toBe('180天包邮卡');
    expect(card.coupon.expiresOn).toBe(addDays(TODAY, 179));
    expect(offer(buyer([100, 120], 100)).map((o) => o.rule.id)).not.toContain('occasional_free_shipping');
  });

  it('offer everyone 7折 on the shop anniversary, first, and not the day after', () => {
    const newcomer = buyer([], 0, 'prospect');
    const onDay = offer(newcomer, { shopAnniversary: '05-14' });
    expect(onDay[0]?.rule.id).toBe('shop_anniversary');
    expect(couponVariables(onDay[0]!.coupon, 'zh-CN')['coupon.label']).toBe('7折');
    expect(onDay[0]?.reasons[0]).toEqual({ code: 'coupon_reasonShopAnniversary', params: { date: TODAY } });
    expect(offer(buyer([5, 20, 60], 100), { shopAnniversary: '05-14' })[0]?.rule.id).toBe('shop_anniversary');
    expect(offer(newcomer, { shopAnniversary: '05-13' })).toEqual([]);
    expect(offer(newcomer)).toEqual([]);
  });

  it('offer stage-end gifts only inside days 38–45, 80–90 and 165–180', () => {
    const ruleAt = (days: number) =>
      offer(buyer([days], 100))
        .map((o) => o.rule.id)
        .filter((id) => id.startsWith('stage'));
    expect(ruleAt(37)).toEqual([]);
    expect(ruleAt(38)).toEqual(['stage45']);
    expect(ruleAt(45)).toEqual(['stage45']);
    expect(ruleAt(46)).toEqual([]);
    expect(ruleAt(79)).toEqual([]);
    expect(ruleAt(80)).toEqual(['stage90']);
    expect(ruleAt(90)).toEqual(['stage90']);
    expect(ruleAt(165)).toEqual(['stage180']);
    expect(ruleAt(180)).toEqual(['stage180']);
    expect(ruleAt(181)).toEqual([]);
    const gift = offer(buyer([40], 100)).find((o) => o.rule.id === 'stage45')!;
    expect(gift.reasons).toContainEqual({ code: 'coupon_reasonDaysSince', params: { days: 40, stageDay: 45 } });
    const late = offer(buyer([170], 100)).find((o) => o.rule.id === 'stage180')!;
    expect(couponVariables(late.coupon, 'zh-CN')['coupon.label']).toBe('8.5折');
  });
});

describe('coupon caps', () => {
  const frequent = buyer([5, 20, 60], 100);
  const issued = (daysAgo: number): IssuedCoupon => ({
    buyerId: frequent.id,
    couponId: 'aov_threshold',
    issuedOn: addDays(TODAY, -daysAgo),
  });

  it('mark a coupon given within its window as capped, with the day it frees up, after usable ones', () => {
    const list = offer(frequent, { shopAnniversary: '05-14', issuedLog: [issued(10)] });
    const capped = list.find((o) => o.rule.id === 'frequent_aov');
    expect(capped?.capped).toEqual({
      code: 'coupon_capped',
      params: { count: 1, days: 30, next: addDays(TODAY, 20) },
    });
    expect(list[list.length - 1]).toBe(capped);
    expect(list[0]?.capped).toBeUndefined();
  });

  it('lift the cap once the window has passed, and ignore other buyers and coupons', () => {
    expect(offer(frequent, { issuedLog: [issued(30)] })[0]?.capped).toBeUndefined();
    expect(offer(frequent, { issuedLog: [{ ...issued(1), buyerId: 'taobao:other' }] })[0]?.capped).toBeUndefined();
    expect(
      offer(frequent, { issuedLog: [{ ...issued(1), couponId: 'anniversary_30_off' }] })[0]?.capped,
    ).toBeUndefined();
  });

  it('count up to K issues in D days', () => {
    const rules = DEFAULT_COUPON_RULES.map((r) =>
      r.id === 'frequent_aov' ? { ...r, cap: { count: 2, days: 30 } } : r,
    );
    const run = (log: IssuedCoupon[]) =>
      applicableCoupons(frequent, DEFAULT_COUPONS, rules, { today: TODAY, issuedLog: log })[0]?.capped;
    expect(run([issued(3)])).toBeUndefined();
    expect(run([issued(3), issued(12)])?.params).toEqual({ count: 2, days: 30, next: addDays(TODAY, 18) });
  });
});

describe('catalogue and rules', () => {
  it('parse the defaults and reject a 满减 whose amount reaches its threshold', () => {
    for (const c of DEFAULT_COUPONS) expect(CouponSchema.parse(c)).toEqual(c);
    for (const r of DEFAULT_COUPON_RULES) CouponRuleSchema.parse(r);
    expect(
      CouponSchema.safeParse({ ...DEFAULT_COUPONS[0], amountCents: 15_000, thresholdFromAov: undefined }).success,
    ).toBe(false);
    expect(CouponSchema.safeParse({ ...DEFAULT_COUPONS[0], link: 'javascript:alert(1)' }).success).toBe(false);
  });

  it('skip disabled, deleted and out-of-date coupons and rules', () => {
    const p = buyer([5, 20, 60], 100);
    const without = (patch: Partial<Coupon>) =>
      applicableCoupons(
        p,
        DEFAULT_COUPONS.map((c) => (c.id === 'aov_threshold' ? ({ ...c, ...patch } as Coupon) : c)),
        DEFAULT_COUPON_RULES,
        { today: TODAY },
      );
    expect(without({ enabled: false }).map((o) => o.rule.id)).not.toContain('frequent_aov');
    expect(without({ deletedAt: 1 }).map((o) => o.rule.id)).not.toContain('frequent_aov');
    expect(
      without({ validity: { type: 'fixed', from: '2025-01-01', to: addDays(TODAY, -1) } }).map((o) => o.rule.id),
    ).not.toContain('frequent_aov');
    const fixed = without({ validity: { type: 'fixed', from: '2025-05-01', to: '2025-05-31' } });
    expect(fixed[0]?.coupon.expiresOn).toBe('2025-05-31');
    const rules: CouponRule[] = DEFAULT_COUPON_RULES.map((r) =>
      r.id === 'frequent_aov' ? { ...r, enabled: false } : r,
    );
    expect(applicableCoupons(p, DEFAULT_COUPONS, rules, { today: TODAY }).map((o) => o.rule.id)).not.toContain(
      'frequent_aov',
    );
  });

  it('match level, segment and stage conditions and list a coupon once under its best rule', () => {
    const p = { ...buyer([5, 20, 60], 100), rfm8: 'important_value' as const, layer: 'gold' };
    const vip: CouponRule = {
      ...DEFAULT_COUPON_RULES[4]!,
      id: 'vip',
      priority: 99,
      conditions: { levelIds: ['vip1'], rfm8: ['important_value'], layers: ['gold'], stages: ['active'] },
    };
    const list = applicableCoupons(p, DEFAULT_COUPONS, [...DEFAULT_COUPON_RULES, vip], { today: TODAY });
    expect(list.filter((o) => o.coupon.coupon.id === 'aov_threshold').map((o) => o.rule.id)).toEqual(['vip']);
    expect(list[0]?.reasons.map((r) => r.params)).toEqual([
      { level: 'VIP1' },
      { segment: 'important_value' },
      { segment: 'gold' },
      { stage: 'active' },
      { multiplier: 1.5 },
    ]);
    const other = applicableCoupons({ ...p, stage: { ...p.stage, id: 'silent' } }, DEFAULT_COUPONS, [vip], {
      today: TODAY,
    });
    expect(other).toEqual([]);
  });
});

describe('coupons and currencies', () => {
  it('compare an AOV condition in its currency only: a buyer in ringgit is not a ¥100 buyer', () => {
    const yuan = buyer([5, 20, 60], 100);
    const ringgit: BuyerProfile = { ...yuan, metrics: { ...yuan.metrics, currency: 'MYR' } };
    const rules = DEFAULT_COUPON_RULES.map((r) =>
      r.conditions.aovCents ? { ...r, conditions: { ...r.conditions, aovCurrency: 'CNY' } } : r,
    );
    const aovRule = (p: BuyerProfile) =>
      applicableCoupons(p, DEFAULT_COUPONS, rules, { today: TODAY }).find((o) => o.rule.id === 'frequent_aov');
    expect(aovRule(yuan)).toBeDefined();
    expect(aovRule(ringgit)).toBeUndefined();
  });

  it('derive a threshold from the AOV only in the coupon currency, and say a currency other than ¥', () => {
    const yuan = buyer([5, 20, 60], 100);
    const ringgit: BuyerProfile = { ...yuan, metrics: { ...yuan.metrics, currency: 'MYR' } };
    const base = DEFAULT_COUPONS.find((c) => c.kind === 'threshold' && c.thresholdFromAov)!;
    const inMyr = CouponSchema.parse({ ...base, currency: 'MYR' });
    const rule = CouponRuleSchema.parse({
      id: 'r',
      name: 'r',
      couponId: inMyr.id,
      enabled: true,
      priority: 1,
      conditions: {},
      updatedAt: 0,
    });
    const [forRinggit] = applicableCoupons(ringgit, [inMyr], [rule], { today: TODAY });
    expect(forRinggit?.coupon.aovDerived).toBe(true);
    expect(couponVariables(forRinggit!.coupon, 'en')['coupon.label']).toMatch(/^RM\d+ off orders of RM\d+\+$/);
    const [forYuan] = applicableCoupons(yuan, [inMyr], [rule], { today: TODAY });
    expect(forYuan?.coupon.aovDerived).toBe(false);
    expect(forYuan?.coupon.thresholdCents).toBe(inMyr.kind === 'threshold' ? inMyr.thresholdCents : -1);
  });
});
