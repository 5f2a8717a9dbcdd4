import { localDateAt } from '../reminders/time';
import { LocalDateSchema } from '../schemas/common';

/**
 * Shop-local wall-clock arithmetic for the generator. Times are kept as whole minutes relative to
 * the export moment (midnight that starts the as-of day) and formatted through UTC fields, so the
 * machine's time zone can never change the output.
 */
const MINUTE_MS = 60_000;
export const MINUTES_PER_DAY = 1440;

export function midnightMs(asOf: string): number {
  const date = LocalDateSchema.parse(asOf);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:mm:ss` for a moment `minutes` after the as-of midnight (negative = before). */
export function formatDateTime(asOfMs: number, minutes: number, seconds = 0): string {
  const t = new Date(asOfMs + minutes * MINUTE_MS + seconds * 1000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

/** `YYYYMMDDHHmm`, the stamp in Taobao's export file names. */
export function exportStamp(asOf: string): string {
  return `${asOf.replace(/-/g, '')}0000`;
}

/** Calendar days between two `YYYY-MM-DD` dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((midnightMs(b) - midnightMs(a)) / (MINUTES_PER_DAY * MINUTE_MS));
}

/** The demo shop is in mainland China: its dates are shop-local dates there. */
export const DEMO_TIME_ZONE = 'Asia/Shanghai';

/**
 * The as-of date of a demo shop built at `now`: the shop-local date of that moment. The export is
 * taken at midnight that starts it, so the newest orders are from the evening before.
 */
export function demoAsOf(now: number): string {
  return localDateAt(now, DEMO_TIME_ZONE);
}

/**
 * Days from the same month-day a year before `asOf` to `asOf` (365 or 366). On 29 February, whose
 * day did not exist a year before, it is 1 March of that year: the anniversary falls due tomorrow.
 */
export function yearBeforeDays(asOf: string): number {
  const date = LocalDateSchema.parse(asOf);
  const year = String(Number(date.slice(0, 4)) - 1).padStart(4, '0');
  const monthDay = date.slice(5) === '02-29' ? '03-01' : date.slice(5);
  return daysBetween(`${year}-${monthDay}`, date);
}
