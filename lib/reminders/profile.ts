import { addDays, daysBetween } from '../dates/local-date';
import type { BuyerProfile } from '../schemas/buyer';
import { reminderId, type MonthDay, type Reminder, type ReminderKind, type ReminderRules } from './schema';
import { DEFAULT_TIME_ZONE, epochAt, localDateAt, minuteOfDay, nextMonthDay, outsideQuietHours } from './time';

/** What the date-based reminders need of a buyer: who it is, its stage, its first and last paid dates. */
export type ReminderSubject = Pick<BuyerProfile, 'id' | 'nick' | 'platform' | 'stage'> & {
  metrics: Pick<BuyerProfile['metrics'], 'firstPaidDate' | 'lastPaidDate'>;
};

export interface ProfileReminderOptions {
  timeZone?: string;
  /** `MM-DD`, when the shop knows it. */
  birthday?: MonthDay;
}

/**
 * Date-based reminders for one buyer: the stage-end nudge (only the next one ahead), the 100th
 * day and each anniversary of the first paid order, and the birthday. Each is created once it is
 * within `horizonDays`, so the background can sweep all buyers daily without piling up
 * reminders months ahead. Ids are anchored on the date they count from, so a new purchase
 * starts fresh nudges instead of reusing old ones (see {@link staleProfileReminders}).
 */
export function remindersFromProfile(
  profile: ReminderSubject,
  rules: ReminderRules,
  now: number,
  existing: readonly Reminder[],
  options: ProfileReminderOptions = {},
): Reminder[] {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const today = localDateAt(now, timeZone);
  const horizonEnd = addDays(today, rules.horizonDays);
  const known = new Set(existing.map((r) => r.id));
  const out: Reminder[] = [];
  const add = (kind: ReminderKind, anchor: string, day: number, date: string) => {
    const id = reminderId(kind, profile.id, anchor, day);
    if (known.has(id) || date > horizonEnd) return;
    const dueAt = outsideQuietHours(epochAt(date, minuteOfDay(rules.sendTime), timeZone), rules.quietHours, timeZone);
    out.push({
      id,
      buyerId: profile.id,
      nick: profile.nick,
      platform: profile.platform,
      kind,
      dueAt,
      createdAt: now,
      source: kind,
      note: '',
      status: 'pending',
      day,
      updatedAt: now,
    });
  };

  const { firstPaidDate, lastPaidDate } = profile.metrics;
  if (rules.stageEnd.enabled && lastPaidDate && profile.stage.id !== 'lost') {
    const since = daysBetween(lastPaidDate, today);
    const next = [...rules.stageEnd.milestones].sort((a, b) => a.day - b.day).find((m) => since <= m.day);
    if (next) {
      const windowStart = addDays(lastPaidDate, next.day - next.leadDays);
      add('stage_end', lastPaidDate, next.day, windowStart > today ? windowStart : today);
    }
  }
  if (firstPaidDate) {
    if (rules.day100.enabled) {
      const date = addDays(firstPaidDate, rules.day100.day);
      if (date >= today) add('day100', firstPaidDate, rules.day100.day, date);
    }
    if (rules.anniversary.enabled) {
      const from = addDays(firstPaidDate, 1) > today ? addDays(firstPaidDate, 1) : today;
      const date = nextMonthDay(firstPaidDate.slice(5), from);
      add('anniversary', date, Number(date.slice(0, 4)) - Number(firstPaidDate.slice(0, 4)), date);
    }
  }
  if (rules.birthday.enabled && options.birthday) {
    const date = nextMonthDay(options.birthday, today);
    add('birthday', date, 0, date);
  }
  return out.sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
}

/** Open stage-end nudges counted from an older last purchase: the buyer came back, so they are dismissed. */
export function staleProfileReminders(profile: ReminderSubject, existing: readonly Reminder[], now: number): Reminder[] {
  const last = profile.metrics.lastPaidDate;
  return existing
    .filter((r) => r.buyerId === profile.id && r.kind === 'stage_end' && r.deletedAt === undefined)
    .filter((r) => r.status === 'pending' || r.status === 'snoozed')
    .filter((r) => !last || r.id !== reminderId('stage_end', profile.id, last, r.day ?? 0))
    .map((r) => ({ ...r, status: 'dismissed' as const, updatedAt: now }));
}
