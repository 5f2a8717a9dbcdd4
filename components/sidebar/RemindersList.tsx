import './suggestions.css';
import { useLocale, useT } from '@/components/common/i18n';
import { reminderTitle } from '@/lib/db/reminders';
import { addDays } from '@/lib/dates/local-date';
import { translate } from '@/lib/i18n';
import { effectiveDueAt, formatLocal, localDateAt, type Reminder } from '@/lib/reminders';
import type { UiLocale } from '@/lib/schemas/common';

export type ReminderActionFn = (r: Reminder, action: 'done' | 'dismiss' | 'snooze', minutes?: number) => void | Promise<void>;

/** "今天 10:00", "明天 09:30", "11-25 10:00" in the shop's time zone. */
export function whenLabel(at: number, now: number, timeZone: string, locale: UiLocale): string {
  const stamp = formatLocal(at, timeZone);
  const date = stamp.slice(0, 10);
  const time = stamp.slice(11, 16);
  const today = localDateAt(now, timeZone);
  if (date === today) return translate(locale, 'sg_today', { time });
  if (date === addDays(today, 1)) return translate(locale, 'sg_tomorrow', { time });
  if (date === addDays(today, -1)) return translate(locale, 'sg_yesterday', { time });
  return `${date.slice(0, 4) === today.slice(0, 4) ? date.slice(5) : date} ${time}`;
}

/** Minutes to the same time tomorrow: "snooze until tomorrow". */
const TOMORROW_MIN = 24 * 60;

/** Due reminders first (highlighted), then upcoming ones; used by the sidebar and the popup. */
export function RemindersList(props: {
  due: Reminder[];
  upcoming: Reminder[];
  now: number;
  timeZone: string;
  onAct: ReminderActionFn;
  showBuyer: boolean;
  /** The value each follow-up was ordered by (the popup's list), shown as `data-value`. */
  values?: ReadonlyMap<string, number>;
}) {
  const t = useT();
  const locale = useLocale();
  const row = (r: Reminder, isDue: boolean) => (
    <li key={r.id} className={`rm-item${isDue ? ' due' : ''}`} data-testid="reminder-item" data-reminder-id={r.id} data-kind={r.kind} data-value={props.values?.get(r.id)}>
      <div className="rm-main">
        <div className="rm-line">
          {isDue && <span className="rm-due">{t('sg_due')}</span>}
          <span className="rm-kind">{reminderTitle(r, locale)}</span>
          {props.showBuyer && <span className="rm-nick">{r.nick}</span>}
          <time className="rm-time">{whenLabel(effectiveDueAt(r), props.now, props.timeZone, locale)}</time>
        </div>
        {r.note && <p className="rm-note">{r.note}</p>}
      </div>
      <div className="rm-actions">
        <button type="button" className="small" data-testid="reminder-done" onClick={() => void props.onAct(r, 'done')}>{t('sg_done')}</button>
        <button type="button" className="small ghost" data-testid="reminder-snooze" onClick={() => void props.onAct(r, 'snooze', 60)}>{t('sg_snoozeHour')}</button>
        <button type="button" className="small ghost" onClick={() => void props.onAct(r, 'snooze', TOMORROW_MIN)}>{t('sg_snoozeTomorrow')}</button>
        <button type="button" className="small ghost x" data-testid="reminder-dismiss" title={t('sg_dismiss')} aria-label={t('sg_dismiss')} onClick={() => void props.onAct(r, 'dismiss')}>×</button>
      </div>
    </li>
  );
  return (
    <ul className="rm-list">
      {props.due.map((r) => row(r, true))}
      {props.upcoming.map((r) => row(r, false))}
    </ul>
  );
}
