import { z } from 'zod';
import { addDays, dayNumber } from '../dates/local-date';
import { oncePerKey } from '../dates/once-per-key';

/**
 * Wall-clock time in the shop's time zone, without the machine's zone.
 *
 * Reminders are stored as epoch milliseconds (alarms need an instant), but the rules that make
 * them speak in shop-local wall time: "08:00", "10 minutes after 21:55", "tomorrow 10点". These
 * helpers convert with `Intl`, so a test pins the zone and the clock and gets the same answer on
 * every machine.
 */

/** The zone most Chinese shops run in; callers pass the shop's zone from settings when it differs. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatter = oncePerKey(
  (timeZone: string) =>
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }),
);

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z.string().refine(isValidTimeZone, 'unknown time zone');

/** `HH:mm`, 24-hour clock. */
export const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm');
export type ClockTime = z.infer<typeof ClockTimeSchema>;

export interface WallClock {
  /** `YYYY-MM-DD` */
  date: string;
  hour: number;
  minute: number;
  second: number;
}

export function wallClock(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(epochMs)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The shop-local calendar date of an instant. */
export function localDateAt(epochMs: number, timeZone: string): string {
  return wallClock(epochMs, timeZone).date;
}

/** Minutes since local midnight. */
export function minuteOfDay(clock: ClockTime | WallClock): number {
  if (typeof clock === 'string') return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  return clock.hour * 60 + clock.minute;
}

function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone);
  const asUtc = dayNumber(w.date) * 86_400_000 + ((w.hour * 60 + w.minute) * 60 + w.second) * 1000;
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/**
 * The instant a shop-local wall time names. `minuteOfDay` may be 1440 or more (rolls into the
 * next days). In a DST gap the result lands just after the gap, in an overlap on the first pass.
 */
export function epochAt(date: string, minutes: number, timeZone: string): number {
  const guess = dayNumber(date) * 86_400_000 + minutes * 60_000;
  const first = guess - zoneOffsetMs(guess, timeZone);
  const second = guess - zoneOffsetMs(first, timeZone);
  return second;
}

/** `YYYY-MM-DD HH:mm:ss` (export wall-clock time) to an instant. */
export function epochOfLocalDateTime(dateTime: string, timeZone: string): number {
  const minutes = Number(dateTime.slice(11, 13)) * 60 + Number(dateTime.slice(14, 16));
  return epochAt(dateTime.slice(0, 10), minutes, timeZone) + Number(dateTime.slice(17, 19)) * 1000;
}

/** `YYYY-MM-DD HH:mm` for messages shown to agents. */
export function formatLocal(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return `${w.date} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(date: string): number {
  return (((dayNumber(date) + 3) % 7) + 7) % 7;
}

export const QuietHoursSchema = z.object({ start: ClockTimeSchema, end: ClockTimeSchema });
export type QuietHours = z.infer<typeof QuietHoursSchema>;

/**
 * Move an instant out of quiet hours to the moment they end. Quiet hours may span midnight
 * (22:00–08:00): 23:30 moves to 08:00 the next day, 05:00 to 08:00 the same day.
 */
export function outsideQuietHours(epochMs: number, quiet: QuietHours | null, timeZone: string): number {
  if (!quiet) return epochMs;
  const start = minuteOfDay(quiet.start);
  const end = minuteOfDay(quiet.end);
  if (start === end) return epochMs;
  const w = wallClock(epochMs, timeZone);
  const m = minuteOfDay(w);
  if (start < end) return m >= start && m < end ? epochAt(w.date, end, timeZone) : epochMs;
  if (m >= start) return epochAt(addDays(w.date, 1), end, timeZone);
  if (m < end) return epochAt(w.date, end, timeZone);
  return epochMs;
}

/** `MM-DD` in a given year; Feb 29 falls back to Feb 28 outside leap years. */
export function monthDayInYear(year: number, monthDay: string): string {
  const date = `${String(year).padStart(4, '0')}-${monthDay}`;
  if (monthDay === '02-29' && addDays(`${String(year).padStart(4, '0')}-02-28`, 1).endsWith('03-01')) {
    return `${String(year).padStart(4, '0')}-02-28`;
  }
  return date;
}

/** The first date on or after `from` that falls on `monthDay`. */
export function nextMonthDay(monthDay: string, from: string): string {
  const year = Number(from.slice(0, 4));
  const thisYear = monthDayInYear(year, monthDay);
  return dayNumber(thisYear) >= dayNumber(from) ? thisYear : monthDayInYear(year + 1, monthDay);
}
