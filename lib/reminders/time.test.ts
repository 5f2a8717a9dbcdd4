import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochAt, formatLocal, nextMonthDay, outsideQuietHours, wallClock } from './time';

const QUIET = { start: '22:00', end: '08:00' };

describe('shop-local time', () => {
  it('round-trips wall-clock minutes in zones with and without DST', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 19_000, max: 21_000 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.constantFrom('Asia/Shanghai', 'Asia/Singapore', 'Europe/Berlin'),
        (day, minute, tz) => {
          const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
          // Berlin skips 02:00–03:00 one night a year: those wall times do not exist there.
          if (tz === 'Europe/Berlin' && minute >= 120 && minute < 180) return;
          const w = wallClock(epochAt(date, minute, tz), tz);
          expect([w.date, w.hour * 60 + w.minute]).toEqual([date, minute]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('moves quiet-hour instants to 08:00 and leaves others alone', () => {
    const tz = 'Asia/Shanghai';
    const move = (date: string, hhmm: string) => {
      const [h, m] = hhmm.split(':').map(Number);
      return formatLocal(outsideQuietHours(epochAt(date, h! * 60 + m!, tz), QUIET, tz), tz);
    };
    expect(move('2025-05-14', '22:05')).toBe('2025-05-15 08:00');
    expect(move('2025-05-14', '21:59')).toBe('2025-05-14 21:59');
    expect(move('2025-05-14', '03:00')).toBe('2025-05-14 08:00');
    expect(move('2025-05-14', '08:00')).toBe('2025-05-14 08:00');
    expect(move('2025-12-31', '23:00')).toBe('2026-01-01 08:00');
    const lunch = { start: '12:00', end: '13:30' };
    expect(formatLocal(outsideQuietHours(epochAt('2025-05-14', 12 * 60 + 10, tz), lunch, tz), tz)).toBe(
      '2025-05-14 13:30',
    );
    expect(outsideQuietHours(123, null, tz)).toBe(123);
  });

  it('finds the next yearly day, with 29 February on the 28th in common years', () => {
    expect(nextMonthDay('05-20', '2025-05-14')).toBe('2025-05-20');
    expect(nextMonthDay('05-10', '2025-05-14')).toBe('2026-05-10');
    expect(nextMonthDay('02-29', '2025-01-01')).toBe('2025-02-28');
    expect(nextMonthDay('02-29', '2027-03-01')).toBe('2028-02-29');
  });
});
