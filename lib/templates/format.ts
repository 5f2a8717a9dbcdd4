import type { Locale } from '../schemas/common';
import type { StageId } from '../schemas/buyer';

/**
 * How values read inside a message to the buyer. These are buyer-facing words in the buyer's
 * language (zh-TW included), so they live here as data rather than in the UI catalogue.
 */

function trimNumber(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

/** 0.95 → "9.5折" (zh) / "5% off" (en); null for "no discount" so a fallback can take over. */
export function formatDiscount(multiplier: number, lang: Locale): string | null {
  if (!(multiplier > 0) || multiplier >= 1) return null;
  if (lang === 'en') return `${trimNumber((1 - multiplier) * 100, 1)}% off`;
  return `${trimNumber(multiplier * 10, 2)}折`;
}

/** 2000 → "20元" / "¥20"; a shop currency symbol wins in every language ("NT$20"). */
export function formatMoney(cents: number, lang: Locale, currencySymbol?: string): string {
  const amount = trimNumber(cents / 100, 2);
  if (currencySymbol) return `${currencySymbol}${amount}`;
  return lang === 'en' ? `¥${amount}` : `${amount}元`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3月5日" / "Mar 5", with the year only when it is not this year. */
export function formatDate(date: string, lang: Locale, today: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return null;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  const sameYear = today.startsWith(year);
  const m = Number(month);
  const d = Number(day);
  if (lang === 'en') return sameYear ? `${MONTHS_EN[m - 1]} ${d}` : `${MONTHS_EN[m - 1]} ${d}, ${year}`;
  return sameYear ? `${m}月${d}日` : `${year}年${m}月${d}日`;
}

const STAGE_NAMES: Record<StageId, Record<Locale, string>> = {
  prospect: { 'zh-CN': '新朋友', 'zh-TW': '新朋友', en: 'new friend' },
  active: { 'zh-CN': '活跃期', 'zh-TW': '活躍期', en: 'active' },
  silent: { 'zh-CN': '沉默期', 'zh-TW': '沉默期', en: 'quiet' },
  sleeping: { 'zh-CN': '睡眠期', 'zh-TW': '睡眠期', en: 'dormant' },
  lost: { 'zh-CN': '流失期', 'zh-TW': '流失期', en: 'lapsed' },
};

export function formatStage(stage: StageId, lang: Locale): string {
  return STAGE_NAMES[stage][lang];
}
