import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { oncePerKey } from '@/lib/dates/once-per-key';
import { translate, type MessageKey, type MessageParams } from '@/lib/i18n';
import type { UiLocale } from '@/lib/schemas/common';

const LocaleContext = createContext<UiLocale>('zh-CN');

/** The UI language for everything below; the page's `<html lang>` follows it (screen readers pick their voice from it). */
export function LocaleProvider({ locale, children }: { locale: UiLocale; children: ReactNode }) {
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): UiLocale {
  return useContext(LocaleContext);
}

export function useT() {
  const locale = useContext(LocaleContext);
  return (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
}

/** One per locale: the buyers table formats money in every row. */
const moneyFormat = oncePerKey((locale: UiLocale) =>
  new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }));

/** Money from cents as the shop writes it: ¥1,234.5 → "¥1,234.50". */
export function formatMoney(cents: number, locale: UiLocale): string {
  return moneyFormat(locale).format(cents / 100);
}

export function formatDiscount(discount: number, locale: UiLocale): string {
  if (locale === 'en') return `${Math.round((1 - discount) * 100)}% off`;
  const zhe = Math.round(discount * 100) / 10;
  return `${zhe}折`;
}
