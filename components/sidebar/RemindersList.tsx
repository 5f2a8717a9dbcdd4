import './suggestions.css';
import { useLocale, useT } from '@/components/common/i18n';
import { useTeam } from '@/components/common/useTeam';
import { reminderTitle } from '@/lib/db/reminders';
import { addDays } from '@/lib/dates/local-date';
import { translate } from '@/lib/i18n';
import { effectiveDueAt, formatLocal, localDateAt, type Reminder } from '@/lib/reminders';
import type { UiLocale } from '@/lib/schemas/common';

export type ReminderActionFn = (
  r: Reminder,
  action: 'done' | 'dismiss' | 'snooze',
  minutes?: number,
) => void | Promise<void>;
export type ReminderOwnerFn = (r: Reminder, owner: string) => void | Promise<void>;

/** In a team: this member, the shop's members (names of owners, hand-over choices), and the owner change. */
export interface ReminderTeam {
  me: string;
  members: readonly { id: string; name: string; revoked: boolean }[];
  onOwner: ReminderOwnerFn;
}

/** The team view of a reminder list (sidebar and popup alike): null when not connected to a shop server. */
export function useReminderTeam(onOwner: ReminderOwnerFn): ReminderTeam | null {
  const team = useTeam();
  const me = team.connection?.member.id;
  return me ? { me, members: team.members, onOwner } : null;
}

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
  /** Connected to a shop server: each reminder shows its owner and can be taken or handed over. */
  team?: ReminderTeam | null;
}) {
  const t = useT();
  const locale = useLocale();
  const row = (r: Reminder, isDue: boolean) => (
    <li
      key={r.id}
      className={`rm-item${isDue ? ' due' : ''}`}
      data-testid="reminder-item"
      data-reminder-id={r.id}
      data-kind={r.kind}
      data-value={props.values?.get(r.id)}
    >
      <div className="rm-main">
        <div className="rm-line">
          {isDue && <span className="rm-due">{t('sg_due')}</span>}
          <span className="rm-kind">{reminderTitle(r, locale)}</span>
          {props.showBuyer && <span className="rm-nick">{r.nick}</span>}
          <time className="rm-time">{whenLabel(effectiveDueAt(r), props.now, props.timeZone, locale)}</time>
        </div>
        {r.note && <p className="rm-note">{r.note}</p>}
        {props.team && <Owner r={r} team={props.team} />}
      </div>
      <div className="rm-actions">
        <button type="button" className="small" data-testid="reminder-done" onClick={() => void props.onAct(r, 'done')}>
          {t('sg_done')}
        </button>
        <button
          type="button"
          className="small ghost"
          data-testid="reminder-snooze"
          onClick={() => void props.onAct(r, 'snooze', 60)}
        >
          {t('sg_snoozeHour')}
        </button>
        <button type="button" className="small ghost" onClick={() => void props.onAct(r, 'snooze', TOMORROW_MIN)}>
          {t('sg_snoozeTomorrow')}
        </button>
        <button
          type="button"
          className="small ghost x"
          data-testid="reminder-dismiss"
          title={t('sg_dismiss')}
          aria-label={t('sg_dismiss')}
          onClick={() => void props.onAct(r, 'dismiss')}
        >
          ×
        </button>
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

/** Who owns a reminder, "take it", and a hand-over choice of the other (not revoked) members. */
function Owner({ r, team }: { r: Reminder; team: ReminderTeam }) {
  const t = useT();
  const byId = new Map(team.members.map((m) => [m.id, m.name]));
  const name =
    r.owner === undefined
      ? t('sg_ownerNone')
      : r.owner === team.me
        ? t('sg_ownerMe')
        : (byId.get(r.owner) ?? t('sg_ownerGone'));
  const others = team.members.filter((m) => !m.revoked && m.id !== team.me && m.id !== r.owner);
  return (
    <div className="rm-owner">
      <span data-testid="reminder-owner" data-value={r.owner ?? ''}>
        {t('sg_owner', { name })}
      </span>
      {r.owner !== team.me && (
        <button
          type="button"
          className="small ghost"
          data-testid="reminder-take"
          title={t('sg_takeHint')}
          onClick={() => void team.onOwner(r, team.me)}
        >
          {t('sg_take')}
        </button>
      )}
      {others.length > 0 && (
        <select
          className="small"
          data-testid="reminder-handover"
          aria-label={t('sg_handOverLabel')}
          value=""
          onChange={(e) => {
            if (e.target.value) void team.onOwner(r, e.target.value);
          }}
        >
          <option value="">{t('sg_handOver')}</option>
          {others.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
