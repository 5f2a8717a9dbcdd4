import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useLocale, useT } from '@/components/common/i18n';
import { parseReminderRunStatus, REMINDER_RUN_STATUS_KEY, type ReminderRunStatus } from '@/lib/reminders/run-status';

/**
 * "提醒检查失败：…" while the background's last reminder run failed (it retries by itself; the
 * notice goes when a run succeeds). Shown in the popup and at the top of the options page.
 */
export function ReminderRunNotice({ className = '' }: { className?: string }) {
  const t = useT();
  const locale = useLocale();
  const [status, setStatus] = useState<ReminderRunStatus | null>(null);
  useEffect(() => {
    let live = true;
    void browser.storage.local.get(REMINDER_RUN_STATUS_KEY).then(
      (stored) => live && setStatus(parseReminderRunStatus(stored[REMINDER_RUN_STATUS_KEY])),
      () => {},
    );
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && REMINDER_RUN_STATUS_KEY in changes)
        setStatus(parseReminderRunStatus(changes[REMINDER_RUN_STATUS_KEY]?.newValue));
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  if (!status) return null;
  const time = new Date(status.at).toLocaleTimeString(locale === 'en' ? 'en-GB' : 'zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <p className={`reminder-run-failed ${className}`} role="alert" data-testid="reminder-run-failed">
      {t('reminderRun_failed', { message: status.message })}
      {t('reminderRun_failedAt', { time, retry: status.retryMinutes })}
    </p>
  );
}
