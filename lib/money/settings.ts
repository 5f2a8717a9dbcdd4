import { z } from 'zod';
import { CurrencyCodeSchema, DEFAULT_CURRENCY, SHOPEE_SITES, ShopeeSiteSchema, type CurrencyCode } from './currency';
import { ExchangeRateSchema, type CurrencyContext } from './totals';

/**
 * The shop's money settings (part of the profile settings). `shop` is the currency totals and
 * thresholds without a currency of their own are in; null until the supervisor picks one, and then
 * the imported data's (the currency most buyers are in; for one buyer, theirs). Rates are entered
 * by the supervisor, one per other currency, and nothing is converted without one. `shopeeSite`
 * says which Shopee site an export that does not show its own is from.
 */
export const MoneySettingsSchema = z.object({
  shop: CurrencyCodeSchema.nullable().default(null),
  rates: z
    .array(ExchangeRateSchema)
    .default([])
    .refine((rates) => new Set(rates.map((r) => r.currency)).size === rates.length, {
      message: 'one rate per currency',
    }),
  shopeeSite: ShopeeSiteSchema.nullable().default(null),
});
export type MoneySettings = z.infer<typeof MoneySettingsSchema>;
export const DEFAULT_MONEY_SETTINGS: MoneySettings = MoneySettingsSchema.parse({});

/** The shop's currency and rates, with `dataCurrency` (what the data is mostly in) when none is set. */
export function currencyContext(
  settings: MoneySettings | undefined,
  dataCurrency: CurrencyCode | null | undefined,
): CurrencyContext {
  const shop = settings?.shop ?? dataCurrency ?? DEFAULT_CURRENCY;
  return { shop, rates: (settings?.rates ?? []).filter((r) => r.currency !== shop) };
}

/** The import options (ImportOptions.currency, shopeeCurrency) these settings give, for exports that do not say their currency. */
export function importCurrencies(settings: MoneySettings | undefined): {
  currency?: CurrencyCode;
  shopeeCurrency?: CurrencyCode;
} {
  const out: { currency?: CurrencyCode; shopeeCurrency?: CurrencyCode } = {};
  if (settings?.shop) out.currency = settings.shop;
  if (settings?.shopeeSite) out.shopeeCurrency = SHOPEE_SITES[settings.shopeeSite];
  return out;
}
