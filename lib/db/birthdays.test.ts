import { sourceFromBytes } from '../import/source';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../dates/local-date';
import { DEFAULT_REMINDER_RULES as RULES } from '../reminders/schema';
import { epochOfLocalDateTime, localDateAt } from '../reminders/time';
import { DEFAULT_APP_SETTINGS } from '../settings/app';
import { backupChunks, checkBackup, restoreBackup } from './backup';
import { checkBirthday, clearBirthday, getBirthday, saveBirthday } from './birthdays';
import { HuitoukeDb } from './database';
import { remindersOfBuyer, runReminderCheck, sweepProfiles } from './reminders';

const TZ = 'Asia/Shanghai';
const at = (local: string) => epochOfLocalDateTime(local, TZ);
// Any day would do: the birthday is placed relative to it.
const NOW = at('2026-03-10 09:00:00');
const TODAY = localDateAt(NOW, TZ);
const md = (date: string) => date.slice(5);

let db: HuitoukeDb;
let n = 0;
beforeEach(() => {
  db = new HuitoukeDb(`birthdays-${++n}-${Math.random().toString(36).slice(2)}`);
});
afterEach(async () => {
  await db.delete();
});

const write = (monthDay: string, year: number | null = null) => ({
  buyerId: 'taobao:小林',
  nick: '小林',
  platform: 'taobao' as const,
  monthDay,
  year,
});
const birthdayReminders = async (now: number) => {
  const { due, upcoming } = await remindersOfBuyer(db, 'taobao:小林', now);
  return [...due, ...upcoming].filter((r) => r.kind === 'birthday');
};

describe("a buyer's birthday", () => {
  it('is a day of the calendar, and a given year is a past one (a leap day needs a leap year)', () => {
    expect(checkBirthday({ month: 3, day: 15, year: null }, TODAY)).toEqual({
      ok: true,
      monthDay: '03-15',
      year: null,
    });
    expect(checkBirthday({ month: 2, day: 29, year: 1996 }, TODAY)).toEqual({
      ok: true,
      monthDay: '02-29',
      year: 1996,
    });
    expect(checkBirthday({ month: 2, day: 30, year: null }, TODAY)).toEqual({ ok: false, problem: 'birthday_badDate' });
    expect(checkBirthday({ month: 4, day: 31, year: null }, TODAY)).toEqual({ ok: false, problem: 'birthday_badDate' });
    expect(checkBirthday({ month: 2, day: 29, year: 1995 }, TODAY)).toEqual({ ok: false, problem: 'birthday_badDate' });
    expect(checkBirthday({ month: 1, day: 1, year: Number(TODAY.slice(0, 4)) + 1 }, TODAY)).toEqual({
      ok: false,
      problem: 'birthday_badYear',
    });
  });

  it('is stored once per buyer, and its greeting is due at the send time on the day once the day is near', async () => {
    const inThree = addDays(TODAY, 3);
    await saveBirthday(db, write(md(inThree), 1990), '小王', RULES, TZ, NOW);
    expect(await getBirthday(db, 'taobao:小林')).toMatchObject({
      monthDay: md(inThree),
      year: 1990,
      author: '小王',
      updatedAt: NOW,
    });
    const [greeting, ...more] = await birthdayReminders(NOW);
    expect(more).toEqual([]);
    expect(greeting).toMatchObject({
      kind: 'birthday',
      nick: '小林',
      status: 'pending',
      dueAt: at(`${inThree} ${RULES.sendTime}:00`),
    });
    // Not due before the day; due (and fired once) on it.
    expect((await runReminderCheck(db, at(`${addDays(inThree, -1)} 12:00:00`))).fire).toEqual([]);
    const check = await runReminderCheck(db, at(`${inThree} 10:30:00`));
    expect(check.fire.map((r) => r.id)).toEqual([greeting!.id]);
    expect((await remindersOfBuyer(db, 'taobao:小林', at(`${inThree} 10:30:00`))).due.map((r) => r.kind)).toEqual([
      'birthday',
    ]);
  });

  it('far away gets its greeting from the daily sweep once it comes within the horizon, also for a buyer not in the data', async () => {
    const later = addDays(TODAY, 40);
    await saveBirthday(db, write(md(later)), '小王', RULES, TZ, NOW);
    expect(await birthdayReminders(NOW)).toEqual([]);
    expect((await sweepProfiles(db, NOW, DEFAULT_APP_SETTINGS, RULES)).created).toBe(0);
    const weekBefore = at(`${addDays(later, -5)} 09:00:00`);
    expect((await sweepProfiles(db, weekBefore, DEFAULT_APP_SETTINGS, RULES)).created).toBe(1);
    expect((await birthdayReminders(weekBefore)).map((r) => r.dueAt)).toEqual([at(`${later} ${RULES.sendTime}:00`)]);
    // Swept again later that day (forced, as after an import): nothing twice.
    expect(
      (await sweepProfiles(db, weekBefore + 3_600_000, DEFAULT_APP_SETTINGS, RULES, { force: true })).created,
    ).toBe(0);
  });

  it('corrected, moves the greeting to the new day; removed, dismisses it; entered today after the send time, is due at once', async () => {
    await saveBirthday(db, write(md(addDays(TODAY, 2))), '小王', RULES, TZ, NOW);
    await saveBirthday(db, write(md(addDays(TODAY, 4))), '小李', RULES, TZ, NOW + 1);
    expect((await birthdayReminders(NOW + 1)).map((r) => r.dueAt)).toEqual([
      at(`${addDays(TODAY, 4)} ${RULES.sendTime}:00`),
    ]);
    expect(await getBirthday(db, 'taobao:小林')).toMatchObject({ author: '小李' });
    await clearBirthday(db, 'taobao:小林', NOW + 2);
    expect(await birthdayReminders(NOW + 2)).toEqual([]);
    expect(await getBirthday(db, 'taobao:小林')).toBeNull();
    // A sweep does not bring a removed birthday back.
    expect((await sweepProfiles(db, at(`${addDays(TODAY, 3)} 09:00:00`), DEFAULT_APP_SETTINGS, RULES)).created).toBe(0);

    const late = at(`${TODAY} 15:00:00`);
    await saveBirthday(db, write(md(TODAY)), '小王', RULES, TZ, late);
    expect((await remindersOfBuyer(db, 'taobao:小林', late)).due.map((r) => r.kind)).toEqual(['birthday']);
  });

  it('makes no greeting when birthday reminders are turned off', async () => {
    await saveBirthday(db, write(md(addDays(TODAY, 1))), '小王', { ...RULES, birthday: { enabled: false } }, TZ, NOW);
    expect(await birthdayReminders(NOW)).toEqual([]);
    expect(await getBirthday(db, 'taobao:小林')).not.toBeNull();
  });

  it('survives a backup and a restore', async () => {
    await saveBirthday(db, write('12-24', 1988), '小王', RULES, TZ, NOW);
    let text = '';
    for await (const chunk of backupChunks(db, NOW)) text += chunk;
    const target = new HuitoukeDb(`birthdays-restore-${n}-${Math.random().toString(36).slice(2)}`);
    const source = () => sourceFromBytes('backup.json', new TextEncoder().encode(text));
    const read = await checkBackup(source(), target);
    if (!read.ok) throw new Error(JSON.stringify(read.problem));
    expect((await restoreBackup(target, source(), read.info, { now: NOW })).ok).toBe(true);
    expect(await getBirthday(target, 'taobao:小林')).toMatchObject({ monthDay: '12-24', year: 1988 });
    await target.delete();
  });
});
