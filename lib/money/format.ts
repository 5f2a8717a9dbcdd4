import { oncePerKey } from '../dates/once-per-key';
import { CURRENCY_DIGITS, DEFAULT_CURRENCY, type CurrencyCode } from './currency';

/**
 * How a seller in China and South-East Asia writes each currency: the symbol the shop and the
 * platform print (¥, RM, S$, ฿, ₫, NT$), not Intl's narrow `$` that cannot tell S$ from NT$ from US$.
 * A symbol ending in a space is written apart from the number (`RM 12.90`). Others: Intl's symbol.
 */
const SYMBOLS: Readonly<Record<CurrencyCode, string>> = {
  CNY: '¥',
  MYR: 'RM ',
  SGD: 'S$',
  THB: '฿',
  VND: '₫',
  PHP: '₱',
  IDR: 'Rp ',
  TWD: 'NT$',
  BRL: 'R$ ',
  USD: 'US$',
  HKD: 'HK$',
  EUR: '€',
  GBP: '£',
  JPY: 'JP¥',
  KRW: '₩',
  AUD: 'A$',
  CAD: 'CA$',
  MXN: 'MX$',
};

/** UI or buyer language → the locale numbers are grouped in. */
function numberLocale(locale: string): string {
  return locale === 'en' ? 'en-US' : locale === 'zh-TW' ? 'zh-TW' : 'zh-CN';
}

const numberFormat = oncePerKey((key: string) => {
  const [locale, digits] = key.split('|') as [string, string];
  const d = Number(digits);
  return new Intl.NumberFormat(numberLocale(locale), { minimumFractionDigits: d, maximumFractionDigits: d });
});

const intlSymbol = oncePerKey((currency: string) => {
  try {
    const part = new Intl.NumberFormat('en-US', { style: 'currency', currency })
      .formatToParts(0)
      .find((p) => p.type === 'currency');
    const symbol = part?.value ?? currency;
    // A bare code reads better apart from the number: `CHF 12.00`.
    return /^[A-Z]{3}$/.test(symbol) ? `${symbol} ` : symbol;
  } catch {
    return `${currency} `;
  }
});

/** The symbol written before an amount in `currency` (with its trailing space when written apart). */
export function currencySymbol(currency: CurrencyCode): string {
  return SYMBOLS[currency] ?? intlSymbol(currency);
}

/** Decimals an amount in `currency` is written with. */
export function currencyDigits(currency: CurrencyCode): number {
  return CURRENCY_DIGITS[currency] ?? 2;
}

/**
 * An amount in cents as the shop writes it, grouped for the locale: `¥1,234.50`, `RM 12.90`,
 * `S$8.00`, `฿350.00`, `₫120,000`, `NT$1,280`; a negative one `-RM 5.00`.
 */
export function formatMoney(cents: number, currency: CurrencyCode = DEFAULT_CURRENCY, locale = 'zh-CN'): string {
  const digits = currencyDigits(currency);
  const value = Math.abs(cents) / 100;
  const text = numberFormat(`${locale}|${digits}`).format(value);
  return `${cents < 0 ? '-' : ''}${currencySymbol(currency)}${text}`;
}
