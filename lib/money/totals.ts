import { z } from 'zod';
import { CurrencyCodeSchema, DEFAULT_CURRENCY, type CurrencyCode } from './currency';
import { formatMoney } from './format';

/** An amount with its currency. Amounts of different currencies are never added together. */
export interface Money {
  currency: CurrencyCode;
  cents: number;
}
export const MoneySchema = z.object({ currency: CurrencyCodeSchema, cents: z.number().int() });

/**
 * A rate the supervisor entered: one unit of `currency` is `rate` units of the shop's currency
 * (MYR at 1.55 for a shop in CNY). Nothing is converted without one.
 */
export const ExchangeRateSchema = z.object({
  currency: CurrencyCodeSchema,
  rate: z.number().positive().finite(),
});
export type ExchangeRate = z.infer<typeof ExchangeRateSchema>;

/** The shop's currency and the rates entered for others (see {@link ExchangeRate}). */
export interface CurrencyContext {
  shop: CurrencyCode;
  rates?: readonly ExchangeRate[];
}

/** Sums per currency, in the order currencies were first added. */
export class MoneyTotals {
  private readonly byCurrency = new Map<CurrencyCode, number>();

  add(currency: CurrencyCode, cents: number): this {
    this.byCurrency.set(currency, (this.byCurrency.get(currency) ?? 0) + cents);
    return this;
  }

  addAll(amounts: Iterable<Money>): this {
    for (const a of amounts) this.add(a.currency, a.cents);
    return this;
  }

  get(currency: CurrencyCode): number {
    return this.byCurrency.get(currency) ?? 0;
  }

  get size(): number {
    return this.byCurrency.size;
  }

  /** Each currency's sum; `first` (the shop's currency) leads, the others follow by code. */
  amounts(first: CurrencyCode = DEFAULT_CURRENCY): Money[] {
    return [...this.byCurrency]
      .map(([currency, cents]) => ({ currency, cents }))
      .sort((a, b) => order(a.currency, b.currency, first));
  }
}

function order(a: CurrencyCode, b: CurrencyCode, first: CurrencyCode): number {
  if (a === b) return 0;
  if (a === first) return -1;
  if (b === first) return 1;
  return a < b ? -1 : 1;
}

/** Amounts summed per currency (never across currencies), the shop's currency first. */
export function sumByCurrency(amounts: Iterable<Money>, first: CurrencyCode = DEFAULT_CURRENCY): Money[] {
  return new MoneyTotals().addAll(amounts).amounts(first);
}

/** The rate entered for `currency`, or null (none entered, or it is the shop's own). */
export function rateFor(currency: CurrencyCode, ctx: CurrencyContext): number | null {
  if (currency === ctx.shop) return null;
  return ctx.rates?.find((r) => r.currency === currency)?.rate ?? null;
}

/** `cents` of `currency` in the shop's currency with the supervisor's rate, or null without one. */
export function convert(cents: number, currency: CurrencyCode, ctx: CurrencyContext): number | null {
  if (currency === ctx.shop) return cents;
  const rate = rateFor(currency, ctx);
  return rate === null ? null : Math.round(cents * rate);
}

/**
 * Amounts as the shop reads them: in its own currency, with every amount that has a rate converted
 * into it (`converted` says some were), and the amounts without a rate kept apart in their own.
 */
export interface ShopAmounts {
  /** The shop's currency total, including converted amounts; null when nothing is in or converted to it. */
  shop: Money | null;
  converted: boolean;
  apart: Money[];
}

export function toShopAmounts(amounts: Iterable<Money>, ctx: CurrencyContext): ShopAmounts {
  let shopCents: number | null = null;
  let converted = false;
  const apart = new MoneyTotals();
  for (const a of amounts) {
    const cents = convert(a.cents, a.currency, ctx);
    if (cents === null) {
      apart.add(a.currency, a.cents);
      continue;
    }
    if (a.currency !== ctx.shop) converted = true;
    shopCents = (shopCents ?? 0) + cents;
  }
  return {
    shop: shopCents === null ? null : { currency: ctx.shop, cents: shopCents },
    converted,
    apart: apart.amounts(ctx.shop),
  };
}

/**
 * Amounts written out, each in its own currency and joined by ` + ` (`¥1,200.00 + RM 350.00`), or
 * with `ctx` rates, what has a rate converted into the shop's currency (the caller marks it as
 * converted when `converted`). An empty list is the shop's zero.
 */
export function formatAmounts(
  amounts: Iterable<Money>,
  locale: string,
  ctx: CurrencyContext,
): { text: string; converted: boolean } {
  const { shop, converted, apart } = toShopAmounts(amounts, ctx);
  const parts = shop ? [shop, ...apart] : apart;
  if (parts.length === 0) return { text: formatMoney(0, ctx.shop, locale), converted: false };
  return { text: parts.map((m) => formatMoney(m.cents, m.currency, locale)).join(' + '), converted };
}
