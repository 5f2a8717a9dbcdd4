import { z } from 'zod';
import type { Platform } from '../schemas/common';

/**
 * A currency as ISO 4217 names it (`CNY`, `MYR`, …). Amounts stay integer hundredths of the unit
 * ("cents", 分, sen) whatever the currency, so a whole-dong amount is stored ×100 like a yuan one;
 * only formatting knows that ₫ is written without decimals.
 */
export const CurrencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected a three-letter currency code such as CNY or MYR');
export type CurrencyCode = string;

/** What an order that names no currency is in: every order stored before orders kept their currency was read as ¥. */
export const DEFAULT_CURRENCY: CurrencyCode = 'CNY';

/** The currency an order is in (an order stores it only when it is not {@link DEFAULT_CURRENCY}). */
export function currencyOf(order: { currency?: string | undefined }): CurrencyCode {
  return order.currency ?? DEFAULT_CURRENCY;
}

/** Platforms whose exports are always in one currency (mainland China). */
const PLATFORM_CURRENCY: Partial<Record<Platform, CurrencyCode>> = {
  taobao: 'CNY',
  pinduoduo: 'CNY',
  douyin: 'CNY',
  jd: 'CNY',
};

/** The currency a platform's amounts are in, when the platform has only one; null otherwise (Shopee, Shopify, other). */
export function platformCurrency(platform: Platform): CurrencyCode | null {
  return PLATFORM_CURRENCY[platform] ?? null;
}

/** Shopee's sites (the seller centre's country) and the currency each one sells in. */
export const SHOPEE_SITES = {
  MY: 'MYR',
  SG: 'SGD',
  TH: 'THB',
  VN: 'VND',
  PH: 'PHP',
  ID: 'IDR',
  TW: 'TWD',
  BR: 'BRL',
  MX: 'MXN',
  CO: 'COP',
  CL: 'CLP',
} as const satisfies Record<string, CurrencyCode>;
export type ShopeeSite = keyof typeof SHOPEE_SITES;
export const ShopeeSiteSchema = z.enum(Object.keys(SHOPEE_SITES) as [ShopeeSite, ...ShopeeSite[]]);

/** Country names Shopee exports write in their `Country` column, besides the two-letter code. */
const COUNTRY_NAMES: Record<string, ShopeeSite> = {
  MALAYSIA: 'MY',
  SINGAPORE: 'SG',
  THAILAND: 'TH',
  VIETNAM: 'VN',
  'VIET NAM': 'VN',
  PHILIPPINES: 'PH',
  INDONESIA: 'ID',
  TAIWAN: 'TW',
  BRAZIL: 'BR',
  BRASIL: 'BR',
  MEXICO: 'MX',
  COLOMBIA: 'CO',
  CHILE: 'CL',
  马来西亚: 'MY',
  新加坡: 'SG',
  泰国: 'TH',
  越南: 'VN',
  菲律宾: 'PH',
  印度尼西亚: 'ID',
  印尼: 'ID',
  台湾: 'TW',
  臺灣: 'TW',
  台灣: 'TW',
  巴西: 'BR',
};

/** The Shopee site a country cell names (`MY`, `Malaysia`, `马来西亚`), or null. */
export function shopeeSiteOf(country: string): ShopeeSite | null {
  const s = country.trim().toUpperCase();
  if (s in SHOPEE_SITES) return s as ShopeeSite;
  return COUNTRY_NAMES[s] ?? COUNTRY_NAMES[country.trim()] ?? null;
}

/**
 * Marks written before (or after) an amount, and the currency each names. `$` alone is left out on
 * purpose: it is the dollar of a dozen countries (and Shopify writes plain numbers anyway).
 * Longest first, so `NT$` is found before `$`-less marks and `RMB` before `RM`.
 */
const MARKS: readonly (readonly [string, CurrencyCode])[] = [
  ['NT$', 'TWD'],
  ['US$', 'USD'],
  ['HK$', 'HKD'],
  ['S$', 'SGD'],
  ['R$', 'BRL'],
  ['MX$', 'MXN'],
  ['A$', 'AUD'],
  ['C$', 'CAD'],
  ['RMB', 'CNY'],
  ['RM', 'MYR'],
  ['Rp', 'IDR'],
  ['¥', 'CNY'],
  ['￥', 'CNY'],
  ['元', 'CNY'],
  ['₫', 'VND'],
  ['฿', 'THB'],
  ['₱', 'PHP'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['₩', 'KRW'],
];

/**
 * The currency an amount cell names by its mark or code (`RM 49.70`, `NT$1,280`, `59.00元`,
 * `12.90 MYR`), or null when it names none (a plain number, or only `$`).
 */
export function currencyInAmount(raw: string): CurrencyCode | null {
  const s = raw
    .trim()
    .replace(/^[-=']+/, '')
    .replace(/^"|"$/g, '')
    .trim();
  if (s === '') return null;
  const code = /^([A-Za-z]{3})(?=[\s\d.,-])|(?<=[\d\s])([A-Za-z]{3})$/.exec(s);
  if (code) {
    const found = (code[1] ?? code[2])!.toUpperCase();
    if (KNOWN.has(found)) return found;
  }
  for (const [mark, currency] of MARKS) {
    if (s.startsWith(mark) || s.endsWith(mark)) return currency;
  }
  // Vietnamese exports write the đồng as `đ` after the number.
  if (/\d\s*đ$/i.test(s)) return 'VND';
  return null;
}

/**
 * A currency from a cell that names one (Shopify's `Currency`: `MYR`; a column of symbols: `RM`,
 * `¥`), or null when the cell names none it knows.
 */
export function parseCurrency(raw: string): CurrencyCode | null {
  const s = raw.trim();
  if (s === '') return null;
  const upper = s.toUpperCase();
  if (/^[A-Z]{3}$/.test(upper) && KNOWN.has(upper)) return upper;
  for (const [mark, currency] of MARKS) if (s === mark || upper === mark.toUpperCase()) return currency;
  return null;
}

/**
 * Currencies a seller on these platforms meets, with the digits they are written with (Shopee and
 * the shops themselves write ₫, Rp, NT$ and ₩ amounts without decimals).
 */
export const CURRENCY_DIGITS: Readonly<Record<CurrencyCode, number>> = {
  CNY: 2,
  MYR: 2,
  SGD: 2,
  THB: 2,
  VND: 0,
  PHP: 2,
  IDR: 0,
  TWD: 0,
  BRL: 2,
  MXN: 2,
  COP: 0,
  CLP: 0,
  USD: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  JPY: 0,
  KRW: 0,
  AUD: 2,
  CAD: 2,
  NZD: 2,
  CHF: 2,
  INR: 2,
  AED: 2,
};
const KNOWN: ReadonlySet<string> = new Set(Object.keys(CURRENCY_DIGITS));

/** The currencies offered in the shop's settings, the shop's own first. */
export const OFFERED_CURRENCIES: readonly CurrencyCode[] = Object.keys(CURRENCY_DIGITS);
