import type { useT } from '@/components/common/i18n';
import { oncePerKey } from '@/lib/dates/once-per-key';
import type { UiLocale } from '@/lib/schemas/common';

const timeFormat = oncePerKey(
  (locale: UiLocale) =>
    new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }),
);

export function formatTime(ms: number, locale: UiLocale): string {
  return timeFormat(locale).format(ms);
}

/** "今天", "3 天前", "从未使用" — for usage columns. */
export function ago(ms: number | null, now: number, t: ReturnType<typeof useT>): string {
  if (ms === null) return t('ws_never');
  const days = Math.floor((now - ms) / 86_400_000);
  if (days <= 0) return t('ws_today');
  return t('ws_daysAgo', { days });
}
