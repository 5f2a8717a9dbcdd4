import { addDays, isLocalDate } from '../dates/local-date';
import type { ReminderKey } from '../i18n/catalog/reminders';
import {
  CN_NUM,
  DAY_WORDS,
  PERIOD_DEFAULT_MINUTES,
  PERIOD_WORDS,
  UNIT_MS,
  UNIT_WORDS,
  WEEKDAYS,
  normalise,
  parseNumber,
  type DurationUnit,
  type Period,
} from './quick-words';
import { DEFAULT_TIME_ZONE, epochAt, formatLocal, minuteOfDay, wallClock, weekdayOf, type ClockTime } from './time';

export type QuickReminderResult =
  | { ok: true; dueAt: number; note: string }
  | { ok: false; error: { code: ReminderKey; params: Record<string, string | number> } };

export interface QuickReminderOptions {
  /** Time used when only a day is given ("明天 问物流"). */
  defaultTime?: ClockTime;
}

interface Clock {
  hour: number;
  minute: number;
  meridiem?: 'am' | 'pm';
}

/** The working copy: matched spans are blanked so later patterns do not see them twice. */
class Scanner {
  text: string;
  readonly used: boolean[];
  constructor(readonly original: string) {
    this.text = normalise(original);
    this.used = Array.from({ length: original.length }, () => false);
  }
  take(re: RegExp, accept: (m: RegExpExecArray) => boolean = () => true): RegExpExecArray | null {
    const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (let m = global.exec(this.text); m; m = global.exec(this.text)) {
      if (!accept(m)) {
        global.lastIndex = m.index + 1;
        continue;
      }
      for (let i = m.index; i < m.index + m[0].length; i++) this.used[i] = true;
      this.text = this.text.slice(0, m.index) + ' '.repeat(m[0].length) + this.text.slice(m.index + m[0].length);
      return m;
    }
    return null;
  }
  /** Before a match: start, space or punctuation (so 便宜一点 is not read as one o'clock). */
  freeBefore(index: number): boolean {
    return index === 0 || /[\s,，。.、:：;；!！?？~]/.test(this.text[index - 1] ?? ' ');
  }
  note(): string {
    const pieces: string[] = [];
    let current = '';
    for (let i = 0; i < this.original.length; i++) {
      if (this.used[i]) {
        pieces.push(current);
        current = '';
      } else current += this.original[i];
    }
    pieces.push(current);
    const joined = pieces
      .map((p) => p.trim())
      .filter(Boolean)
      .join(' ');
    return joined
      .replace(/^(提醒我|提醒|remind me to|remind me)\s*/i, '')
      .replace(/^(at|on|in)\s+/i, '')
      .replace(/^[\s,，。.、:：;；\-—~]+|[\s,，。.、:：;；\-—~]+$/g, '');
  }
}

const CN_UNIT = '分钟|分|小时|钟头|天|周|星期|礼拜';
const EN_UNIT = 'minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w';

function findDuration(s: Scanner): { ms: number; unit: DurationUnit; count: number } | null {
  const cn = s.take(
    new RegExp(`(?:(\\d+(?:\\.\\d+)?|[${CN_NUM}百]+)\\s*个?\\s*(半)?|(半)\\s*个?)\\s*(${CN_UNIT})\\s*(?:以后|之后|后)`),
  );
  const en = cn
    ? null
    : s.take(new RegExp(`(?:\\bin\\s+)?(?<![\\d.:/a-z])(\\d+(?:\\.\\d+)?)\\s*(${EN_UNIT})(?![a-z])(?:\\s+later)?`));
  const words = cn || en ? null : s.take(/\bin\s+(an?|one|half an)\s+(hour|minute|day|week)\b/);
  let count: number;
  let unitWord: string;
  if (cn) {
    count = cn[3] ? 0.5 : parseNumber(cn[1] ?? '') + (cn[2] ? 0.5 : 0);
    unitWord = cn[4] ?? '';
  } else if (en) {
    count = Number(en[1]);
    unitWord = en[2] ?? '';
  } else if (words) {
    count = words[1] === 'half an' ? 0.5 : 1;
    unitWord = words[2] ?? '';
  } else return null;
  const unit = UNIT_WORDS[unitWord];
  if (!unit || !Number.isFinite(count)) return null;
  return { ms: Math.round(count * UNIT_MS[unit]), unit, count };
}

type DayResult = { date: string; period?: Period } | { invalid: string } | null;

function findDay(s: Scanner, today: string): DayResult {
  const year = Number(today.slice(0, 4));
  const ymd = (y: number, m: number, d: number) =>
    `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const checked = (date: string, text: string): DayResult => (isLocalDate(date) ? { date } : { invalid: text });
  const upcoming = (m: number, d: number, text: string): DayResult => {
    const date = ymd(year, m, d);
    if (!isLocalDate(date)) return { invalid: text };
    return { date: date >= today ? date : ymd(year + 1, m, d) };
  };

  const iso = s.take(/(?<!\d)(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?/);
  if (iso) return checked(ymd(Number(iso[1]), Number(iso[2]), Number(iso[3])), iso[0]);
  const md = s.take(new RegExp(`(?<!\\d)(\\d{1,2}|[${CN_NUM}]+)月(\\d{1,2}|[${CN_NUM}]+)[日号]`));
  if (md) return upcoming(parseNumber(md[1] ?? ''), parseNumber(md[2] ?? ''), md[0]);
  const slash = s.take(/(?<![\d/])(\d{1,2})\/(\d{1,2})(?![\d/])/);
  if (slash) return upcoming(Number(slash[1]), Number(slash[2]), slash[0]);

  const dayWord = s.take(
    /(大后天|后天|明天|明日|明早|明晚|今天|今日|今早|今晚|\bday after tomorrow\b|\btomorrow\b|\btmrw\b|\btmr\b|\btoday\b|\btonight\b)/,
  );
  if (dayWord) {
    const word = DAY_WORDS[dayWord[1] ?? ''];
    if (word) return { date: addDays(today, word.offset), ...(word.period ? { period: word.period } : {}) };
  }

  const w = weekdayOf(today);
  const cnWeek = s.take(/(下下|下个|下|本|这个|这)?\s*(?:周|星期|礼拜|週)([一二三四五六日天1-7])/);
  const enWeek = cnWeek
    ? null
    : s.take(
        /\b(next\s+|this\s+)?(monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thu|friday|fri|saturday|sat|sunday|sun)\b/,
      );
  const week = cnWeek ?? enWeek;
  if (week) {
    const target = WEEKDAYS[week[2] ?? ''] ?? 0;
    const prefix = (week[1] ?? '').trim();
    if (prefix === '下下') return { date: addDays(today, 14 - w + target) };
    if (prefix === '下' || prefix === '下个' || prefix === 'next') return { date: addDays(today, 7 - w + target) };
    if (prefix) return { date: addDays(today, target - w) };
    const ahead = (target - w + 7) % 7;
    return { date: addDays(today, ahead === 0 ? 7 : ahead) };
  }
  const nextWeek = s.take(/(下下|下个|下)(?:周|星期|礼拜)|\bnext week\b/);
  if (nextWeek) return { date: addDays(today, nextWeek[1] === '下下' ? 14 : 7) };

  const dom = s.take(/(?<!\d)(\d{1,2})[号號](?!码)/, (m) => Number(m[1]) >= 1 && Number(m[1]) <= 31);
  if (dom) {
    const d = Number(dom[1]);
    const month = Number(today.slice(5, 7));
    const thisMonth = ymd(year, month, d);
    if (isLocalDate(thisMonth) && thisMonth >= today) return { date: thisMonth };
    const next = month === 12 ? ymd(year + 1, 1, d) : ymd(year, month + 1, d);
    return checked(next, dom[0]);
  }
  return null;
}

function findPeriod(s: Scanner): Period | null {
  const m =
    s.take(
      /(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|夜间|\bmorning\b|\bafternoon\b|\bevening\b|\bnoon\b|\bnight\b)/,
    ) ?? s.take(new RegExp(`(早|晚)(?=\\s*(?:\\d|[${CN_NUM}]+\\s*[点點时時]))`));
  return m ? (PERIOD_WORDS[m[1] ?? ''] ?? null) : null;
}

function findClock(s: Scanner): Clock | null {
  const mer = (text: string | undefined): Clock['meridiem'] =>
    text ? (text.startsWith('a') ? 'am' : 'pm') : undefined;
  const withMeridiem = (hour: number, minute: number, m: string | undefined): Clock => {
    const meridiem = mer(m);
    return meridiem ? { hour, minute, meridiem } : { hour, minute };
  };
  const colon = s.take(/(?:\bat\s+)?(?<![\d:])(\d{1,2}):(\d{2})(?!\d)(?:\s*(am|pm|a\.m\.|p\.m\.)(?![a-z]))?/);
  if (colon) return withMeridiem(Number(colon[1]), Number(colon[2]), colon[3]);
  const ampm = s.take(/(?:\bat\s+)?(?<![\d:])(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.)(?![a-z])/);
  if (ampm) return withMeridiem(Number(ampm[1]), 0, ampm[2]);
  const minuteAlt = `(\\d{1,2}|[${CN_NUM}]{2,3}|[${CN_NUM}](?=\\s*分))\\s*分?|(半)|(一刻)|(三刻)`;
  const cn = s.take(new RegExp(`(\\d{1,2}|[${CN_NUM}]{1,3})\\s*[点點时時](?:\\s*(?:${minuteAlt}))?`), (m) => {
    if (/^\d/.test(m[1] ?? '')) return m.index === 0 || !/\d/.test(s.text[m.index - 1] ?? '');
    return s.freeBefore(m.index);
  });
  if (cn) {
    const minute = cn[3] ? 30 : cn[4] ? 15 : cn[5] ? 45 : cn[2] ? parseNumber(cn[2]) : 0;
    return { hour: parseNumber(cn[1] ?? ''), minute };
  }
  const at = s.take(/\bat\s+(\d{1,2})(?![\d:a-z])/);
  if (at) return { hour: Number(at[1]), minute: 0 };
  return null;
}

/** Minutes after midnight for a clock read with its part of the day; null when impossible. */
function clockMinutes(clock: Clock, period: Period | null): number | null {
  let { hour } = clock;
  const { minute } = clock;
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || minute < 0 || minute > 59 || hour < 0 || hour > 24)
    return null;
  if (clock.meridiem) {
    if (hour < 1 || hour > 12) return null;
    if (clock.meridiem === 'pm' && hour < 12) hour += 12;
    if (clock.meridiem === 'am' && hour === 12) hour = 0;
  } else if (period === 'afternoon' || period === 'evening') {
    if (hour < 12) hour += 12;
  } else if (period === 'noon' && hour <= 2) {
    hour += 12;
  }
  if (hour === 24 && minute > 0) return null;
  return hour * 60 + minute;
}

const DEFAULT_TIME: ClockTime = '10:00';

/**
 * Read an agent's quick reminder: "明天10点回访，问尺码是否合适", "3天后 问物流", "下周一 9:30 催付",
 * "今晚8点", "2h 回访", "tomorrow 10am check size". The time is taken out; what is left is the note.
 * - "N天后" / "in 3 days" without a clock time keeps the current time of day; with one, that day at it.
 * - A day without a time uses `defaultTime` (10:00), or the part of the day named (晚上 → 20:00).
 * - A bare time ("15:30", "8点") means today, or tomorrow once past — except that a bare
 *   morning hour already past becomes the evening one when that is still ahead ("8点" at 14:00 → 20:00).
 * - A bare weekday means the next one (never today); 下周X is that day of next week (weeks start Monday).
 * Quiet hours do not apply: an agent's time is kept.
 */
export function parseQuickReminder(
  text: string,
  now: number,
  timeZone: string = DEFAULT_TIME_ZONE,
  options: QuickReminderOptions = {},
): QuickReminderResult {
  const s = new Scanner(text);
  const today = wallClock(now, timeZone).date;
  const fail = (
    code: 'reminder_quickNoTime' | 'reminder_quickInvalid' | 'reminder_quickPast',
    params: Record<string, string> = {},
  ): QuickReminderResult => ({
    ok: false,
    error: { code, params },
  });

  const duration = findDuration(s);
  const day = findDay(s, today);
  if (day && 'invalid' in day) return fail('reminder_quickInvalid', { text: day.invalid });
  const period = findPeriod(s) ?? day?.period ?? null;
  const clock = findClock(s);
  const clockMin = clock ? clockMinutes(clock, period) : null;
  if (clock && clockMin === null)
    return fail('reminder_quickInvalid', { text: `${clock.hour}:${String(clock.minute).padStart(2, '0')}` });
  const timeOfDay = clockMin ?? (period ? PERIOD_DEFAULT_MINUTES[period] : null);

  let dueAt: number;
  if (duration && (duration.unit === 'minute' || duration.unit === 'hour' || timeOfDay === null)) {
    dueAt = now + duration.ms;
  } else if (duration) {
    const days = Math.round(duration.count * (duration.unit === 'week' ? 7 : 1));
    dueAt = epochAt(addDays(today, days), timeOfDay ?? 0, timeZone);
  } else if (day) {
    dueAt = epochAt(day.date, timeOfDay ?? minuteOfDay(options.defaultTime ?? DEFAULT_TIME), timeZone);
  } else if (timeOfDay !== null) {
    dueAt = epochAt(today, timeOfDay, timeZone);
    if (dueAt <= now && clock && !clock.meridiem && !period && clock.hour < 12) {
      const evening = epochAt(today, timeOfDay + 12 * 60, timeZone);
      dueAt = evening > now ? evening : epochAt(addDays(today, 1), timeOfDay, timeZone);
    } else if (dueAt <= now) {
      dueAt = epochAt(addDays(today, 1), timeOfDay, timeZone);
    }
  } else {
    return fail('reminder_quickNoTime');
  }
  if (dueAt <= now) return fail('reminder_quickPast', { time: formatLocal(dueAt, timeZone) });
  return { ok: true, dueAt, note: s.note() };
}
