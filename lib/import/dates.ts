import { oncePerKey } from '../dates/once-per-key';
import { INVALID, type Invalid, cleanText } from './values';

/**
 * Dates as exports write them, to shop-local `YYYY-MM-DD HH:mm:ss`. Chinese exports carry no
 * zone and are already shop-local; Shopify writes an offset (`2025-10-07 09:50:26 +0200`), which
 * is converted to the shop's IANA zone with Intl. Spreadsheet serial numbers are not dates here.
 */

const DATE_TIME =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Shop-local date-time, null for an empty cell, INVALID when it is not a real date. */
export function parseDateTime(raw: string, timeZone: string = DEFAULT_TIME_ZONE): string | null | Invalid {
  // Nearly every cell of a Chinese export is already canonical; check it without a regex.
  if (raw.length === 19 && isCanonical(raw)) return raw;
  const s = cleanText(raw);
  if (s === '' || s === '-' || s === '--') return null;
  const m = DATE_TIME.exec(s);
  if (!m) return INVALID;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return INVALID;
  if (hour > 23 || minute > 59 || second > 59) return INVALID;
  const offset = m[7];
  if (offset === undefined) return formatLocal(year, month, day, hour, minute, second);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes(offset) * 60_000;
  return inZone(utc, timeZone);
}

const SHAPE = '0000-00-00 00:00:00';

function isCanonical(s: string): boolean {
  const n: number[] = [0, 0, 0, 0, 0, 0];
  let field = 0;
  for (let i = 0; i < 19; i++) {
    const c = s.charCodeAt(i);
    if (SHAPE.charCodeAt(i) === 48) {
      if (c < 48 || c > 57) return false;
      n[field] = n[field]! * 10 + (c - 48);
    } else if (c !== SHAPE.charCodeAt(i)) {
      return false;
    } else {
      field++;
    }
  }
  const [year, month, day, hour, minute, second] = n as [number, number, number, number, number, number];
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z' || offset === 'z') return 0;
  const sign = offset.charCodeAt(0) === 45 ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatLocal(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
  return `${y}-${pad2(mo)}-${pad2(d)} ${pad2(h)}:${pad2(mi)}:${pad2(s)}`;
}

const formatterFor = oncePerKey(
  (timeZone: string) =>
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }),
);

/** Wall-clock time in `timeZone` of an instant (epoch ms). */
export function inZone(epochMs: number, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  let y = 0,
    mo = 0,
    d = 0,
    h = 0,
    mi = 0,
    s = 0;
  for (const part of parts) {
    const v = Number(part.value);
    switch (part.type) {
      case 'year':
        y = v;
        break;
      case 'month':
        mo = v;
        break;
      case 'day':
        d = v;
        break;
      case 'hour':
        h = v === 24 ? 0 : v;
        break;
      case 'minute':
        mi = v;
        break;
      case 'second':
        s = v;
        break;
      default:
        break;
    }
  }
  return formatLocal(y, mo, d, h, mi, s);
}

/** Whether Intl knows the zone (an unknown one would throw deep inside a row). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}
