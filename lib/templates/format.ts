import type { BuyerLanguage, Locale } from '../schemas/common';
import type { StageId } from '../schemas/buyer';

/**
 * How values read inside a message to the buyer. These are buyer-facing words in the buyer's
 * language (zh-TW, Thai, Vietnamese and Malay/Indonesian included), so they live here as data
 * rather than in the UI catalogue.
 */

const isChinese = (lang: BuyerLanguage): boolean => lang === 'zh-CN' || lang === 'zh-TW';

/**
 * The locale for words that have only Chinese and English forms (coupon labels such as 满150减20 /
 * "20 off orders of 150+"): Chinese stays Chinese; a Thai, Vietnamese or Malay buyer reads English.
 */
export function labelLocale(lang: BuyerLanguage): Locale {
  return lang === 'zh-CN' || lang === 'zh-TW' ? lang : 'en';
}

/** "5% off" in each non-Chinese buyer language; `{n}` is the percentage. */
const PERCENT_OFF: Record<Exclude<BuyerLanguage, 'zh-CN' | 'zh-TW'>, string> = {
  en: '{n}% off',
  th: 'ลด {n}%',
  vi: 'giảm {n}%',
  ms: 'potongan {n}%',
};

function trimNumber(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

/** 0.95 → "9.5折" (zh) / "5% off" (en) / "ลด 5%" (th)…; null for "no discount" so a fallback can take over. */
export function formatDiscount(multiplier: number, lang: BuyerLanguage): string | null {
  if (!(multiplier > 0) || multiplier >= 1) return null;
  if (!isChinese(lang))
    return PERCENT_OFF[lang as keyof typeof PERCENT_OFF].replace('{n}', trimNumber((1 - multiplier) * 100, 1));
  return `${trimNumber(multiplier * 10, 2)}折`;
}

/** 2000 → "20元" / "¥20"; a shop currency symbol wins in every language ("NT$20"). */
export function formatMoney(cents: number, lang: BuyerLanguage, currencySymbol?: string): string {
  const amount = trimNumber(cents / 100, 2);
  if (currencySymbol) return `${currencySymbol}${amount}`;
  return isChinese(lang) ? `${amount}元` : `¥${amount}`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3月5日" / "Mar 5" / "5/3" (th, vi, ms: day first), with the year only when it is not this year. */
export function formatDate(date: string, lang: BuyerLanguage, today: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return null;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  const sameYear = today.startsWith(year);
  const m = Number(month);
  const d = Number(day);
  if (lang === 'en') return sameYear ? `${MONTHS_EN[m - 1]} ${d}` : `${MONTHS_EN[m - 1]} ${d}, ${year}`;
  if (!isChinese(lang)) return sameYear ? `${d}/${m}` : `${d}/${m}/${year}`;
  return sameYear ? `${m}月${d}日` : `${year}年${m}月${d}日`;
}

const STAGE_NAMES: Record<StageId, Record<BuyerLanguage, string>> = {
  prospect: {
    'zh-CN': '新朋友',
    'zh-TW': '新朋友',
    en: 'new friend',
    th: 'ลูกค้าใหม่',
    vi: 'khách mới',
    ms: 'pelanggan baru',
  },
  active: {
    'zh-CN': '活跃期',
    'zh-TW': '活躍期',
    en: 'active',
    th: 'ลูกค้าประจำ',
    vi: 'khách quen',
    ms: 'pelanggan aktif',
  },
  silent: { 'zh-CN': '沉默期', 'zh-TW': '沉默期', en: 'quiet', th: 'ห่างหายไปสักพัก', vi: 'ít ghé', ms: 'jarang membeli' },
  sleeping: {
    'zh-CN': '睡眠期',
    'zh-TW': '睡眠期',
    en: 'dormant',
    th: 'ไม่ได้แวะมานาน',
    vi: 'lâu chưa ghé',
    ms: 'lama tidak membeli',
  },
  lost: {
    'zh-CN': '流失期',
    'zh-TW': '流失期',
    en: 'lapsed',
    th: 'ห่างหายไปนาน',
    vi: 'đã lâu không ghé',
    ms: 'sudah lama tidak membeli',
  },
};

export function formatStage(stage: StageId, lang: BuyerLanguage): string {
  return STAGE_NAMES[stage][lang];
}
