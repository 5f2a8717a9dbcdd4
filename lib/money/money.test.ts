import { describe, expect, it } from 'vitest';
import { computeBuyerMetrics } from '../metrics/compute';
import { netByCurrency, spendIn } from '../metrics/money';
import { DEFAULT_LADDER, resolveLevel } from '../levels/ladder';
import type { Order } from '../schemas/order';
import { currencyInAmount, parseCurrency, platformCurrency, shopeeSiteOf, SHOPEE_SITES } from './currency';
import { formatMoney } from './format';
import { formatAmounts, sumByCurrency, toShopAmounts } from './totals';
import { currencyContext, MoneySettingsSchema } from './settings';

describe('currencies in exports', () => {
  it('are read from the marks on amounts', () => {
    expect(currencyInAmount('RM 49.70')).toBe('MYR');
    expect(currencyInAmount('RM45.80')).toBe('MYR');
    expect(currencyInAmount('NT$1,280')).toBe('TWD');
    expect(currencyInAmount('S$8.00')).toBe('SGD');
    expect(currencyInAmount('฿350')).toBe('THB');
    expect(currencyInAmount('₫120.000')).toBe('VND');
    expect(currencyInAmount('120.000đ')).toBe('VND');
    expect(currencyInAmount('₱199.00')).toBe('PHP');
    expect(currencyInAmount('Rp 25.000')).toBe('IDR');
    expect(currencyInAmount('R$ 10,00')).toBe('BRL');
    expect(currencyInAmount('59.00元')).toBe('CNY');
    expect(currencyInAmount('RMB 59')).toBe('CNY');
    expect(currencyInAmount('12.90 MYR')).toBe('MYR');
    expect(currencyInAmount('-RM 5.00')).toBe('MYR');
  });

  it('are not guessed from a plain number or a bare $', () => {
    expect(currencyInAmount('59.00')).toBeNull();
    expect(currencyInAmount('$12.00')).toBeNull();
    expect(currencyInAmount('')).toBeNull();
  });

  it('are read from a currency column by code or symbol', () => {
    expect(parseCurrency('MYR')).toBe('MYR');
    expect(parseCurrency('myr')).toBe('MYR');
    expect(parseCurrency('RM')).toBe('MYR');
    expect(parseCurrency('¥')).toBe('CNY');
    expect(parseCurrency('monopoly')).toBeNull();
  });

  it('follow the platform (mainland: CNY) or the Shopee site', () => {
    expect(platformCurrency('taobao')).toBe('CNY');
    expect(platformCurrency('douyin')).toBe('CNY');
    expect(platformCurrency('shopee')).toBeNull();
    expect(platformCurrency('shopify')).toBeNull();
    expect(shopeeSiteOf('MY')).toBe('MY');
    expect(shopeeSiteOf('Malaysia')).toBe('MY');
    expect(shopeeSiteOf('越南')).toBe('VN');
    expect(shopeeSiteOf('Narnia')).toBeNull();
    expect(SHOPEE_SITES.TH).toBe('THB');
    expect(SHOPEE_SITES.BR).toBe('BRL');
  });
});

describe('formatting money', () => {
  it('writes each currency as sellers write it', () => {
    expect(formatMoney(123_450, 'CNY', 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney(1290, 'MYR', 'en')).toBe('RM 12.90');
    expect(formatMoney(800, 'SGD', 'en')).toBe('S$8.00');
    expect(formatMoney(35_000, 'THB', 'zh-CN')).toBe('฿350.00');
    expect(formatMoney(12_000_000, 'VND', 'en')).toBe('₫120,000');
    expect(formatMoney(128_000, 'TWD', 'zh-CN')).toBe('NT$1,280');
    expect(formatMoney(-500, 'MYR', 'en')).toBe('-RM 5.00');
    expect(formatMoney(1000, 'CHF', 'en')).toBe('CHF 10.00');
  });
});

describe('totals', () => {
  it('are summed per currency and never across currencies', () => {
    const totals = sumByCurrency(
      [
        { currency: 'CNY', cents: 100_000 },
        { currency: 'MYR', cents: 35_000 },
        { currency: 'CNY', cents: 20_000 },
      ],
      'CNY',
    );
    expect(totals).toEqual([
      { currency: 'CNY', cents: 120_000 },
      { currency: 'MYR', cents: 35_000 },
    ]);
    expect(formatAmounts(totals, 'zh-CN', { shop: 'CNY' })).toEqual({
      text: '¥1,200.00 + RM 350.00',
      converted: false,
    });
  });

  it('are converted only with a rate the supervisor entered, and say so', () => {
    const amounts = [
      { currency: 'CNY', cents: 100_000 },
      { currency: 'MYR', cents: 10_000 },
      { currency: 'THB', cents: 5_000 },
    ];
    const ctx = currencyContext(
      MoneySettingsSchema.parse({ shop: 'CNY', rates: [{ currency: 'MYR', rate: 1.5 }] }),
      null,
    );
    expect(toShopAmounts(amounts, ctx)).toEqual({
      shop: { currency: 'CNY', cents: 115_000 },
      converted: true,
      apart: [{ currency: 'THB', cents: 5_000 }],
    });
    expect(formatAmounts(amounts, 'en', ctx)).toEqual({ text: '¥1,150.00 + ฿50.00', converted: true });
    expect(formatAmounts(amounts, 'en', { shop: 'CNY' }).converted).toBe(false);
  });

  it('take the shop currency from the data when none is set', () => {
    expect(currencyContext(MoneySettingsSchema.parse({}), 'MYR').shop).toBe('MYR');
    expect(currencyContext(MoneySettingsSchema.parse({ shop: 'SGD' }), 'MYR').shop).toBe('SGD');
    expect(currencyContext(undefined, null).shop).toBe('CNY');
  });
});

describe("a buyer's money", () => {
  const order = (orderId: string, paidCents: number, currency?: string): Order => ({
    platform: 'shopify',
    orderId,
    buyerKey: 'ann',
    buyerNick: null,
    status: 'completed',
    rawStatus: null,
    createdAt: '2026-01-02 10:00:00',
    paidAt: '2026-01-02 10:00:00',
    paidCents,
    refundCents: 0,
    lines: [],
    sources: ['r'],
    ...(currency ? { currency } : {}),
  });

  it('keeps each currency apart in the metrics', () => {
    const m = computeBuyerMetrics([order('1', 10_000), order('2', 35_000, 'MYR'), order('3', 15_000, 'MYR')]);
    expect(m).toMatchObject({ paidOrders: 3, currency: 'MYR', netCents: 50_000, aovCents: 25_000 });
    expect(m.otherMoney).toEqual([{ currency: 'CNY', paidOrders: 1, netCents: 10_000, refundCents: 0 }]);
    expect(netByCurrency(m)).toEqual([
      { currency: 'MYR', cents: 50_000 },
      { currency: 'CNY', cents: 10_000 },
    ]);
  });

  it('leaves a buyer all in CNY as it was stored before currencies', () => {
    const m = computeBuyerMetrics([order('1', 10_000), order('2', 5_000)]);
    expect(m).not.toHaveProperty('currency');
    expect(m).not.toHaveProperty('otherMoney');
  });

  it('reaches a level by spend in the threshold currency only, converted ones only with a rate', () => {
    // ¥2,000 and RM 2,000: the ¥1,000 rung (VIP3) counts only the ¥2,000, never ¥4,000.
    const m = computeBuyerMetrics([order('1', 200_000), order('2', 200_000, 'MYR')]);
    expect(spendIn(m, 'CNY', { shop: 'CNY' })).toEqual({ cents: 200_000, converted: false });
    expect(resolveLevel(m, DEFAULT_LADDER, { shop: 'CNY' })?.id).toBe('VIP3');
    const ctx = { shop: 'CNY', rates: [{ currency: 'MYR', rate: 1.5 }] };
    expect(spendIn(m, 'CNY', ctx)).toEqual({ cents: 500_000, converted: true });
    expect(resolveLevel(m, DEFAULT_LADDER, ctx)?.id).toBe('VIP4');
    // A rung in MYR counts the MYR orders.
    const ladder = {
      levels: [
        {
          id: 'M',
          name: 'M',
          nameEn: 'M',
          minNetCents: 150_000,
          currency: 'MYR',
          match: 'all' as const,
          discount: 0.9,
        },
      ],
    };
    expect(resolveLevel(computeBuyerMetrics([order('2', 200_000, 'MYR')]), ladder, { shop: 'CNY' })?.id).toBe('M');
    expect(resolveLevel(computeBuyerMetrics([order('1', 200_000)]), ladder, { shop: 'CNY' })).toBeNull();
  });
});

describe('settings and playbooks stored before currencies', () => {
  it("still read: no money settings, levels and coupons without a currency mean the shop's", async () => {
    const { readAppSettings } = await import('../settings/app');
    const { CouponSchema } = await import('../coupons/schema');
    const stored = {
      uiLocale: 'zh-CN',
      shopName: '小店',
      profile: {
        ladder: {
          levels: [{ id: 'V', name: '会员', nameEn: 'Member', minNetCents: 30_000, match: 'all', discount: 0.95 }],
        },
      },
    };
    const { settings, fallbacks } = readAppSettings(stored);
    expect(fallbacks).toEqual([]);
    expect(settings.profile.money).toEqual({ shop: null, rates: [], shopeeSite: null });
    const level = settings.profile.ladder.levels[0]!;
    expect(level.currency).toBeUndefined();
    const order = (currency?: string): Order => ({
      platform: 'shopee',
      orderId: '1',
      buyerKey: 'a',
      buyerNick: null,
      status: 'completed',
      rawStatus: null,
      createdAt: '2026-01-02 10:00:00',
      paidAt: '2026-01-02 10:00:00',
      paidCents: 40_000,
      refundCents: 0,
      lines: [],
      sources: ['r'],
      ...(currency ? { currency } : {}),
    });
    // The shop's currency: CNY set → a RM 400 buyer is not over ¥300; MYR set → they are.
    expect(
      resolveLevel(
        computeBuyerMetrics([order('MYR')]),
        settings.profile.ladder,
        currencyContext(settings.profile.money, 'MYR'),
      )?.id,
    ).toBe('V');
    const inCny = currencyContext({ ...settings.profile.money, shop: 'CNY' }, 'MYR');
    expect(resolveLevel(computeBuyerMetrics([order('MYR')]), settings.profile.ladder, inCny)).toBeNull();
    expect(resolveLevel(computeBuyerMetrics([order()]), settings.profile.ladder, inCny)?.id).toBe('V');
    const coupon = CouponSchema.parse({
      id: 'c',
      name: '满减',
      enabled: true,
      kind: 'threshold',
      thresholdCents: 15_000,
      amountCents: 2_000,
      validity: { type: 'days_from_issue', days: 30 },
      updatedAt: 0,
    });
    expect(coupon.kind === 'threshold' && coupon.currency).toBeUndefined();
  });
});
