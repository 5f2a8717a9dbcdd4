/**
 * Times as the import's order rows hold them (order-rows.ts): a day YYYYMMDD and a time of day HHmmss
 * as numbers, and their text again, kept once per distinct day and second.
 */

/** Reads `YYYY-MM-DD HH:mm:ss` as numbers: `day` YYYYMMDD (-1 for no time) and `time` HHmmss. */
export class TimeReader {
  day = -1;
  time = 0;

  /** Read a time (or null, no time); false when it is not in that form. */
  read(s: string | null): boolean {
    this.day = -1;
    this.time = 0;
    if (s === null) return true;
    if (s.length !== 19 || s.charCodeAt(0) === 48) return false;
    let day = 0;
    let time = 0;
    for (let i = 0; i < 19; i++) {
      const c = s.charCodeAt(i);
      if (i === 4 || i === 7) {
        if (c !== 45) return false;
      } else if (i === 10) {
        if (c !== 32) return false;
      } else if (i === 13 || i === 16) {
        if (c !== 58) return false;
      } else {
        if (c < 48 || c > 57) return false;
        if (i < 10) day = day * 10 + (c - 48);
        else time = time * 10 + (c - 48);
      }
    }
    this.day = day;
    this.time = time;
    return true;
  }
}

/** A time read by {@link TimeReader} as one number, YYYYMMDDHHmmss (how buyer docs store it). */
export function packTime(day: number, time: number): number {
  return day * 1_000_000 + time;
}

/** `YYYY-MM-DD HH:mm:ss` of a number {@link packTime} made; null for a number it cannot have made. */
export function unpackTime(n: number): string | null {
  if (!Number.isSafeInteger(n) || n < 1e13 || n >= 1e14) return null;
  const s = String(n);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)} ${s.slice(8, 10)}:${s.slice(10, 12)}:${s.slice(12, 14)}`;
}

/**
 * Texts of the times of day by HHmmss as a number (up to 235959), shared by every {@link TimeText}
 * (the same for all; made once per thread, not per import). Filled arrays: `new Array(240_000)`
 * would be a sparse one, whose elements V8 keeps in a hash table.
 */
let sharedSeconds: (string | undefined)[] | null = null;
let sharedTimeDigits: (string | undefined)[] | null = null;

/** Text of packed times, a day and a second of the day at a time (a file has few distinct days). */
export class TimeText {
  private days = new Map<number, string>();
  private lastDay = -1;
  private lastDayText = '';
  private seconds = (sharedSeconds ??= Array.from({ length: 240_000 }, () => undefined));
  private dayDigits = new Map<number, string>();
  private timeDigits = (sharedTimeDigits ??= Array.from({ length: 240_000 }, () => undefined));
  /** The day as `YYYY-MM-DD ` (with the space). */
  day(day: number): string {
    if (day === this.lastDay) return this.lastDayText;
    let d = this.days.get(day);
    if (d === undefined) {
      const s = String(day);
      this.days.set(day, (d = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)} `));
    }
    this.lastDay = day;
    return (this.lastDayText = d);
  }
  /** The time of day as `HH:mm:ss`. */
  time(time: number): string {
    let t = this.seconds[time];
    if (t === undefined) {
      const s = String(1e6 + time);
      this.seconds[time] = t = `${s.slice(1, 3)}:${s.slice(3, 5)}:${s.slice(5, 7)}`;
    }
    return t;
  }
  of(day: number, time: number): string | null {
    return day < 0 ? null : this.day(day) + this.time(time);
  }
  /** A time as a buyer doc writes it (YYYYMMDDHHmmss, see {@link packTime}), in two pieces. */
  packed(day: number, time: number, out: string[]): void {
    let d = this.dayDigits.get(day);
    if (d === undefined) this.dayDigits.set(day, (d = String(day)));
    out.push(d, (this.timeDigits[time] ??= String(1_000_000 + time).slice(1)));
  }
}
