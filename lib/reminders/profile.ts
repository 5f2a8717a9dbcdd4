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
  if (options.birthday)
    out.push(...remindersFromBirthday({ ...profile, monthDay: options.birthday }, rules, now, existing, timeZone));
  return out.sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
}

/** A buyer's birthday as an agent entered it (see lib/db/birthdays.ts): `MM-DD`, the year optional. */
export interface BirthdaySubject {
  /** The buyer's id (`${platform}:${key}`); `buyerId` of a stored birthday. */
  id: string;
  nick: string;
  platform: ReminderSubject['platform'];
  monthDay: MonthDay;
}

/** Whether `MM-DD` is a day of the calendar (02-29 is: a leap-day birthday is kept on 02-28 in other years). */
export function isCalendarMonthDay(monthDay: string): monthDay is MonthDay {
  const m = /^(\d{2})-(\d{2})$/.exec(monthDay);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
}
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The birthday greeting, once the next birthday (today included) is within `horizonDays`: due at
 * the rules' send time that day (a birthday entered today after it is due at once). Its id names
 * the date, so each year's birthday is reminded once.
 */
export function remindersFromBirthday(
  subject: BirthdaySubject,
  rules: ReminderRules,
  now: number,
  existing: readonly Reminder[],
  timeZone: string = DEFAULT_TIME_ZONE,
): Reminder[] {
  if (!rules.birthday.enabled || !isCalendarMonthDay(subject.monthDay)) return [];
  const today = localDateAt(now, timeZone);
  const date = nextMonthDay(subject.monthDay, today);
  const id = reminderId('birthday', subject.id, date, 0);
  if (date > addDays(today, rules.horizonDays) || existing.some((r) => r.id === id)) return [];
  return [
    {
      id,
      buyerId: subject.id,
      nick: subject.nick,
      platform: subject.platform,
      kind: 'birthday',
      dueAt: outsideQuietHours(epochAt(date, minuteOfDay(rules.sendTime), timeZone), rules.quietHours, timeZone),
      createdAt: now,
      source: 'birthday',
      note: '',
      status: 'pending',
      day: 0,
      updatedAt: now,
    },
  ];
}

/**
 * Open birthday greetings of this buyer for another day than the birthday now says (an agent
 * corrected or removed it: `monthDay` null), returned dismissed for the caller to store.
 */
export function staleBirthdayReminders(
  buyerId: string,
  monthDay: MonthDay | null,
  existing: readonly Reminder[],
  now: number,
): Reminder[] {
  return existing
    .filter(
      (r) =>
        r.buyerId === buyerId &&
        r.kind === 'birthday' &&
        r.deletedAt === undefined &&
        (r.status === 'pending' || r.status === 'snoozed'),
    )
    .filter((r) => {
      // The id names the greeting's date: `birthday|buyer|YYYY-MM-DD|0`; the buyer id may hold `|`.
      const date = r.id.slice(0, r.id.lastIndexOf('|')).slice(-10);
      return monthDay === null || !(date.slice(5) === monthDay || (monthDay === '02-29' && date.slice(5) === '02-28'));
    })
    .map((r) => ({ ...r, status: 'dismissed' as const, updatedAt: now }));
}

/** Open stage-end nudges counted from an older last purchase: the buyer came back, so they are dismissed. */
export function staleProfileReminders(
  profile: ReminderSubject,
  existing: readonly Reminder[],
  now: number,
): Reminder[] {
  const last = profile.metrics.lastPaidDate;
  return existing
    .filter((r) => r.buyerId === profile.id && r.kind === 'stage_end' && r.deletedAt === undefined)
    .filter((r) => r.status === 'pending' || r.status === 'snoozed')
    .filter((r) => !last || r.id !== reminderId('stage_end', profile.id, last, r.day ?? 0))
    .map((r) => ({ ...r, status: 'dismissed' as const, updatedAt: now }));
}
