import type { Catalog } from '../types';

/** Money in its currency: the converted mark, the shop currency and exchange-rate settings. */
export const money = {
  money_converted: { zh: '含按汇率换算', en: 'incl. converted at your rate' },
  money_convertedHint: {
    zh: '其他币种的金额已按设置中填写的汇率换算成店铺币种',
    en: 'Amounts in other currencies are converted into the shop currency at the rates entered in Settings',
  },
  money_settingsTitle: { zh: '币种与汇率', en: 'Currency and exchange rates' },
  money_shopCurrency: { zh: '店铺币种', en: 'Shop currency' },
  money_shopCurrencyAuto: {
    zh: '按导入的数据（多数买家的币种）',
    en: "From the imported data (most buyers' currency)",
  },
  money_shopCurrencyHint: {
    zh: '合计和没有注明币种的门槛（会员等级、优惠券）都按店铺币种计算；其他币种的金额分开显示，不会相加。',
    en: 'Totals and thresholds without a currency of their own (levels, coupons) are in the shop currency; amounts in other currencies are shown apart, never added in.',
  },
  money_shopeeSite: {
    zh: 'Shopee 站点（导出文件看不出站点时使用）',
    en: 'Shopee site (used when an export does not show its own)',
  },
  money_shopeeSiteNone: { zh: '未设置（按店铺币种）', en: 'Not set (the shop currency)' },
  money_rates: { zh: '汇率（仅在填写后换算）', en: 'Exchange rates (converted only when entered)' },
  money_ratesHint: {
    zh: '1 单位该币种 = 多少店铺币种。不填汇率的币种分开显示，永不换算。',
    en: '1 unit of that currency = how much of the shop currency. Currencies without a rate are shown apart and never converted.',
  },
  money_rateFor: { zh: '1 {currency} =', en: '1 {currency} =' },
  money_rateAdd: { zh: '添加汇率', en: 'Add a rate' },
  money_rateRemove: { zh: '删除 {currency} 的汇率', en: 'Remove the {currency} rate' },
  money_rateCurrency: { zh: '币种', en: 'Currency' },
  money_rateValue: { zh: '汇率', en: 'Rate' },
  money_levelCurrency: { zh: '门槛币种', en: 'Threshold currency' },
  money_levelCurrencyShop: { zh: '店铺币种', en: 'Shop currency' },
  money_totalsTitle: { zh: '累计实付（按币种）', en: 'Net spent (per currency)' },
} satisfies Catalog;
