import { describe, expect, it } from 'vitest';
import { addDays } from '../dates/local-date';
import type { BuyerProfile, StageId } from '../schemas/buyer';
import {
  isCalendarMonthDay,
  remindersFromBirthday,
  remindersFromProfile,
  staleBirthdayReminders,
  staleProfileReminders,
} from './profile';
import { DEFAULT_REMINDER_RULES as RULES, type Reminder } from './schema';
import { epochOfLocalDateTime, formatLocal } from './time';

const TZ = 'Asia/Shanghai';
const TODAY = '2025-05-14';
const NOW = epochOfLocalDateTime(`${TODAY} 09:00:00`, TZ);

function buyer(firstAgo: number, lastAgo: number, stage: StageId = 'active'): BuyerProfile {
  const first = addDays(TODAY, -firstAgo);
  const last = addDays(TODAY, -lastAgo);
  return {
    id: 'jd:zhang',
    platform: 'jd',
    buyerKey: 'zhang',
    nick: '张',
    asOf: TODAY,
    metrics: {
      paidOrders: 2,
      netCents: 20_000,
      aovCents: 10_000,
      firstPaidDate: first,
      lastPaidDate: last,
      paidDates: [first, last],
      refundOrders: 0,
      refundCents: 0,
      allOrders: 2,
      lastItems: [],
      categories: [],
    },
    orders90d: 1,
    level: null,
    rfm: null,
    rfm8: null,
    layer: null,
    stage: { id: stage, daysSinceLastPaid: lastAgo, daysToNextStage: null },
  };
}

const run = (p: BuyerProfile, existing: Reminder[] = [], now = NOW, birthday?: string) =>
  remindersFromProfile(p, RULES, now, existing, { timeZone: TZ, ...(birthday ? { birthday } : {}) });
const summary = (list: Reminder[]) => list.map((r) => [r.kind, r.day, formatLocal(r.dueAt, TZ)]);

describe('stage-end nudges', () => {
  it('are due at 10:00 on the first day of the window before day 45, 90 and 180', () => {
    // Day 31 since the last order: the day-45 window opens on day 38, seven days ahead.
    expect(summary(run(buyer(400, 31)))).toEqual([['stage_end', 45, `${addDays(TODAY, 7)} 10:00`]]);
    expect(summary(run(buyer(400, 40)))).toEqual([['stage_end', 45, `${TODAY} 10:00`]]);
    expect(summary(run(buyer(400, 46)))).toEqual([]);
    expect(summary(run(buyer(400, 75)))).toEqual([['stage_end', 90, `${addDays(TODAY, 5)} 10:00`]]);
    expect(summary(run(buyer(400, 170)))).toEqual([['stage_end', 180, `${TODAY} 10:00`]]);
  });

  it('are not made for lost buyers, or twice', () => {
    expect(run(buyer(400, 200, 'lost'))).toEqual([]);
    const first = run(buyer(400, 40));
    // The next day, same buyer: nothing new.
    expect(run(buyer(400, 40), first, NOW + 86_400_000)).toEqual([]);
  });

  it('are dismissed when the buyer buys again, and a fresh one counts from the new order', () => {
    const old = run(buyer(400, 40));
    const back = buyer(400, 0);
    expect(staleProfileReminders(back, old, NOW).map((r) => r.status)).toEqual(['dismissed']);
    expect(staleProfileReminders(buyer(400, 40), old, NOW)).toEqual([]);
    expect(run(buyer(400, 31), old)[0]?.id).not.toBe(old[0]?.id);
  });
});

describe('greetings', () => {
  it('mark the 100th day after the first order once it is within a week', () => {
    expect(summary(run(buyer(95, 95, 'silent')))).toEqual([['day100', 100, `${addDays(TODAY, 5)} 10:00`]]);
    expect(run(buyer(90, 90, 'silent')).filter((r) => r.kind === 'day100')).toEqual([]);
  });

  it('mark each anniversary of the first order', () => {
    const p = buyer(365 * 2 - 3, 200, 'lost');
    const list = run(p);
    expect(list.map((r) => r.kind)).toEqual(['anniversary']);
    expect(list[0]?.day).toBe(2);
    expect(formatLocal(list[0]!.dueAt, TZ).slice(5, 10)).toBe(p.metrics.firstPaidDate?.slice(5));
  });

  it('mark a known birthday, this year or next', () => {
    const p = buyer(200, 200, 'sleeping');
    expect(summary(run(p, [], NOW, '05-16')).filter(([k]) => k === 'birthday')).toEqual([
      ['birthday', 0, '2025-05-16 10:00'],
    ]);
    expect(run(p, [], NOW, '05-10').filter((r) => r.kind === 'birthday')).toEqual([]);
    const newYear = epochOfLocalDateTime('2025-12-29 09:00:00', TZ);
    expect(summary(run(p, [], newYear, '01-02')).filter(([k]) => k === 'birthday')).toEqual([
      ['birthday', 0, '2026-01-02 10:00'],
    ]);
  });

  it('mark a leap-day birthday on 02-28 in other years, and that greeting is not taken for one of another day', () => {
    const subject = { id: 'jd:zhang', nick: '张', platform: 'jd' as const, monthDay: '02-29' };
    const feb = epochOfLocalDateTime('2027-02-25 09:00:00', TZ);
    const [greeting] = remindersFromBirthday(subject, RULES, feb, [], TZ);
    expect(formatLocal(greeting!.dueAt, TZ)).toBe('2027-02-28 10:00');
    expect(staleBirthdayReminders('jd:zhang', '02-29', [greeting!], feb)).toEqual([]);
    expect(staleBirthdayReminders('jd:zhang', '03-01', [greeting!], feb).map((r) => r.status)).toEqual(['dismissed']);
    expect(staleBirthdayReminders('jd:zhang', null, [greeting!], feb).map((r) => r.status)).toEqual(['dismissed']);
    expect(staleBirthdayReminders('jd:other', null, [greeting!], feb)).toEqual([]);
  });

  it('only for a day the calendar has', () => {
    expect(['01-31', '02-29', '04-30', '12-31'].every(isCalendarMonthDay)).toBe(true);
    expect(['02-30', '04-31', '13-01', '00-10', '1-5'].some(isCalendarMonthDay)).toBe(false);
    expect(
      remindersFromBirthday({ id: 'jd:zhang', nick: '张', platform: 'jd', monthDay: '02-30' }, RULES, NOW, [], TZ),
    ).toEqual([]);
  });
});
