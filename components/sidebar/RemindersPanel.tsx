import { useState } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import { translate } from '@/lib/i18n';
import { parseQuickReminder, type Reminder } from '@/lib/reminders';
import type { Platform } from '@/lib/schemas/common';
import { RemindersList, useReminderTeam, whenLabel, type ReminderActionFn } from './RemindersList';
import type { HubApi } from './useHub';
import { useViewPart } from './useViewPart';

/**
 * This buyer's follow-ups: the quick entry ("明天10点回访，问尺码是否合适" + Enter) and the due and
 * upcoming reminders with done / snooze / dismiss. The background keeps the clock and the alarm.
 */
export function RemindersPanel({
  hub,
  buyerId,
  nick,
  platform,
  timeZone,
}: {
  hub: HubApi;
  buyerId: string;
  nick: string;
  platform: Platform;
  timeZone: string;
}) {
  const t = useT();
  const locale = useLocale();
  const data = useViewPart(hub, buyerId, 'reminders');
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const now = hub.now();

  // A live reading of what was typed; the background reads it again on its own clock when saved.
  const preview = text.trim() ? parseQuickReminder(text, now, timeZone) : null;

  const submit = async () => {
    if (!text.trim()) return;
    try {
      const result = await hub.rpc({ method: 'addReminder', buyerId, nick, platform, text: text.trim() });
      if (result.ok) {
        setText('');
        setMessage({
          kind: 'ok',
          text: t('sg_quickAdded', { when: whenLabel(result.reminder.dueAt, now, timeZone, locale) }),
        });
      } else
        setMessage({
          kind: 'error',
          text: translate(locale, result.error.code as 'reminder_quickNoTime', result.error.params),
        });
    } catch (e) {
      setMessage({ kind: 'error', text: t('sg_actionFailed', { message: (e as Error).message }) });
    }
  };

  const act: ReminderActionFn = async (r, action, minutes) => {
    try {
      await hub.rpc({ method: 'reminderAction', id: r.id, action, ...(minutes ? { minutes } : {}) });
    } catch (e) {
      setMessage({ kind: 'error', text: t('sg_actionFailed', { message: (e as Error).message }) });
    }
  };

  const teamView = useReminderTeam(async (r, owner) => {
    try {
      await hub.rpc({ method: 'reminderOwner', id: r.id, owner });
    } catch (e) {
      setMessage({ kind: 'error', text: t('sg_actionFailed', { message: (e as Error).message }) });
    }
  });

  const due: Reminder[] = data.status === 'ready' ? data.value.due : [];
  const upcoming: Reminder[] = data.status === 'ready' ? data.value.upcoming.slice(0, 5) : [];
  return (
    <section className="card rm" aria-labelledby="rm-title" data-testid="reminders">
      <h2 id="rm-title">
        {t('sg_reminders')}
        {due.length > 0 && <span className="rm-count">{due.length}</span>}
      </h2>
      <input
        className="rm-quick"
        value={text}
        placeholder={t('sg_quickPlaceholder')}
        aria-label={t('sg_quickPlaceholder')}
        data-testid="reminder-quick"
        onChange={(e) => {
          setText(e.target.value);
          setMessage(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void submit();
          }
        }}
      />
      {preview && !message && (
        <p className={`rm-preview${preview.ok ? '' : ' error'}`} data-testid="reminder-preview">
          {preview.ok
            ? t('sg_quickPreview', {
                when: whenLabel(preview.dueAt, now, timeZone, locale),
                note: preview.note || t('reminder_kindManual'),
              })
            : translate(locale, preview.error.code, preview.error.params)}
        </p>
      )}
      {message && (
        <p className={`rm-preview ${message.kind === 'error' ? 'error' : 'ok'}`} role="status">
          {message.text}
        </p>
      )}
      {due.length + upcoming.length === 0 ? (
        <p className="empty">{t('sg_remindersNone')}</p>
      ) : (
        <RemindersList
          due={due}
          upcoming={upcoming}
          now={now}
          timeZone={timeZone}
          onAct={act}
          showBuyer={false}
          team={teamView}
        />
      )}
    </section>
  );
}
