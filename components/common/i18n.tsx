import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { DEFAULT_CURRENCY } from '@/lib/money/currency';
import { formatMoney as formatCurrencyAmount } from '@/lib/money/format';
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

/** Money from cents in its currency as the shop writes it: "¥1,234.50", "RM 12.90", "NT$1,280" (lib/money). */
export function formatMoney(cents: number, locale: UiLocale, currency: string = DEFAULT_CURRENCY): string {
  return formatCurrencyAmount(cents, currency, locale);
}

export function formatDiscount(discount: number, locale: UiLocale): string {
  if (locale === 'en') return `${Math.round((1 - discount) * 100)}% off`;
  const zhe = Math.round(discount * 100) / 10;
  return `${zhe}折`;
}
