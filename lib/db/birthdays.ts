import { z } from 'zod';
import { isCalendarMonthDay, remindersFromBirthday, staleBirthdayReminders } from '../reminders/profile';
import { MonthDaySchema, ReminderSchema, type MonthDay, type Reminder, type ReminderRules } from '../reminders/schema';
import { PlatformSchema, SyncFieldsSchema, type Platform } from '../schemas/common';
import type { HuitoukeDb } from './database';

/**
 * A buyer's birthday as an agent entered it in the sidebar (no export carries one): month and day,
 * the year when the buyer said it. One record per buyer (id = buyer id), so two agents entering it
 * make one record, the later write winning; removing it is a soft delete, like notes and tags.
 */
export const BuyerBirthdaySchema = SyncFieldsSchema.extend({
  /** The buyer's id, `${platform}:${key}`. */
  id: z.string().min(1).max(400),
  buyerId: z.string().min(1).max(400),
  /** For the reminder's title without reading the buyer. */
  nick: z.string().max(300),
  platform: PlatformSchema,
  monthDay: MonthDaySchema.refine(isCalendarMonthDay, 'not a day of the calendar'),
  year: z.number().int().min(1900).max(2100).optional(),
  author: z.string(),
});
export type BuyerBirthday = z.infer<typeof BuyerBirthdaySchema>;

/** What an agent fills in: month 1–12, day of that month, the year optional. */
export const BirthdayInputSchema = z.object({
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  year: z.number().int().min(1900).max(2100).nullable(),
});
export type BirthdayInput = z.infer<typeof BirthdayInputSchema>;

export type BirthdayProblem = 'birthday_badDate' | 'birthday_badYear';

/**
 * The month-day an input names, or what is wrong with it: a day the month does not have (02-30),
 * or a year that is not a past year (a birthday on 02-29 needs a leap year when the year is given).
 */
export function checkBirthday(
  input: BirthdayInput,
  today: string,
): { ok: true; monthDay: MonthDay; year: number | null } | { ok: false; problem: BirthdayProblem } {
  const monthDay = `${String(input.month).padStart(2, '0')}-${String(input.day).padStart(2, '0')}`;
  if (!isCalendarMonthDay(monthDay)) return { ok: false, problem: 'birthday_badDate' };
  const { year } = input;
  if (year !== null) {
    if (year > Number(today.slice(0, 4)) || `${year}-${monthDay}` > today)
      return { ok: false, problem: 'birthday_badYear' };
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    if (monthDay === '02-29' && !leap) return { ok: false, problem: 'birthday_badDate' };
  }
  return { ok: true, monthDay, year };
}

/** The buyer's birthday, when one is recorded. */
export async function getBirthday(db: HuitoukeDb, buyerId: string): Promise<BuyerBirthday | null> {
  const parsed = BuyerBirthdaySchema.safeParse(await db.birthdays.get(buyerId));
  return parsed.success && parsed.data.deletedAt === undefined ? parsed.data : null;
}

/** Every live birthday (for the daily sweep). */
export async function liveBirthdays(db: HuitoukeDb): Promise<BuyerBirthday[]> {
  const out: BuyerBirthday[] = [];
  for (const row of await db.birthdays.toArray()) {
    const parsed = BuyerBirthdaySchema.safeParse(row);
    if (parsed.success && parsed.data.deletedAt === undefined) out.push(parsed.data);
  }
  return out;
}

export interface BirthdayWrite {
  buyerId: string;
  nick: string;
  platform: Platform;
  monthDay: MonthDay;
  year: number | null;
}

/**
 * Record (or correct) a buyer's birthday, and bring the buyer's birthday greeting in line with it in
 * the same transaction: a greeting for a birthday within the rules' horizon is added, an open one
 * for another day is dismissed.
 */
export async function saveBirthday(
  db: HuitoukeDb,
  input: BirthdayWrite,
  author: string,
  rules: ReminderRules,
  timeZone: string,
  now: number,
): Promise<BuyerBirthday> {
  const record = BuyerBirthdaySchema.parse({
    id: input.buyerId,
    buyerId: input.buyerId,
    nick: input.nick.slice(0, 300),
    platform: input.platform,
    monthDay: input.monthDay,
    ...(input.year !== null ? { year: input.year } : {}),
    author,
    updatedAt: now,
  });
  await db.transaction('rw', db.birthdays, db.reminders, async () => {
    await db.birthdays.put(record);
    await alignReminders(
      db,
      { id: record.buyerId, nick: record.nick, platform: record.platform, monthDay: record.monthDay },
      rules,
      timeZone,
      now,
    );
  });
  return record;
}

/** Remove a buyer's birthday (a soft delete) and dismiss its open greeting. */
export async function clearBirthday(db: HuitoukeDb, buyerId: string, now: number): Promise<void> {
  await db.transaction('rw', db.birthdays, db.reminders, async () => {
    const existing = await db.birthdays.get(buyerId);
    if (existing && existing.deletedAt === undefined)
      await db.birthdays.put({ ...existing, deletedAt: now, updatedAt: now });
    await alignReminders(db, { id: buyerId, monthDay: null }, null, '', now);
  });
}

async function alignReminders(
  db: HuitoukeDb,
  subject: { id: string; nick?: string; platform?: Platform; monthDay: MonthDay | null },
  rules: ReminderRules | null,
  timeZone: string,
  now: number,
): Promise<void> {
  const existing: Reminder[] = [];
  for (const row of await db.reminders.where('buyerId').equals(subject.id).toArray()) {
    const parsed = ReminderSchema.safeParse(row);
    if (parsed.success) existing.push(parsed.data);
  }
  const stale = staleBirthdayReminders(subject.id, subject.monthDay, existing, now);
  const fresh =
    rules && subject.monthDay && subject.nick !== undefined && subject.platform
      ? remindersFromBirthday(
          { id: subject.id, nick: subject.nick, platform: subject.platform, monthDay: subject.monthDay },
          rules,
          now,
          existing,
          timeZone,
        )
      : [];
  if (stale.length || fresh.length) await db.reminders.bulkPut([...stale, ...fresh]);
}
