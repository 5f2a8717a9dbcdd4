import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, daysBetween, fromDayNumber, isLocalDate, localDateOf } from './local-date';

describe('local dates', () => {
  it('agrees with the UTC calendar for every day over four centuries', () => {
    fc.assert(
      fc.property(fc.integer({ min: -150000, max: 150000 }), (days) => {
        const iso = new Date(days * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(days)).toBe(iso);
        expect(dayNumber(iso)).toBe(days);
      }),
      { numRuns: 300 },
    );
  });

  it('counts calendar days across DST changes, month ends and leap days', () => {
    expect(daysBetween('2024-03-09', '2024-03-11')).toBe(2); // US DST weekend
    expect(daysBetween('2024-10-26', '2024-10-28')).toBe(2); // EU DST weekend
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2000-02-28', '2000-03-01')).toBe(2);
    expect(daysBetween('1900-02-28', '1900-03-01')).toBe(1);
    expect(daysBetween('2006-12-31', '2006-01-01')).toBe(-364);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('takes the date part of a wall-clock time and rejects non-dates', () => {
    expect(dayNumber('2024-05-01 23:59:59')).toBe(dayNumber('2024-05-01'));
    expect(localDateOf('2024-05-01 23:59:59')).toBe('2024-05-01');
    expect(() => dayNumber('2024/05/01')).toThrow(RangeError);
    expect(() => dayNumber('')).toThrow(RangeError);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2024-13-01')).toBe(false);
  });
});
