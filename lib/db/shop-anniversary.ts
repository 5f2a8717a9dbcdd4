import { isCalendarMonthDay } from '../reminders/profile';
import type { MonthDay } from '../reminders/schema';
import { AppSettingsSchema, DEFAULT_APP_SETTINGS } from '../settings/app';
import type { HuitoukeDb } from './database';
import { SETTINGS_KEY } from './settings';

/**
 * The shop anniversary (`MM-DD`, or null for none) on its own: written into the stored settings as
 * they are at that moment, so a save here never puts back another field someone changed meanwhile.
 * Refuses a day the calendar does not have, and settings it cannot read (nothing is overwritten).
 */
export async function saveShopAnniversary(db: HuitoukeDb, monthDay: MonthDay | null, now: number): Promise<void> {
  if (monthDay !== null && !isCalendarMonthDay(monthDay))
    throw new RangeError(`not a day of the calendar: ${monthDay}`);
  await db.transaction('rw', db.settings, async () => {
    const rec = await db.settings.get(SETTINGS_KEY.app);
    const parsed = AppSettingsSchema.safeParse(rec ? rec.value : structuredClone(DEFAULT_APP_SETTINGS));
    if (!parsed.success) throw new Error('the stored settings cannot be read; they are left as they are');
    await db.settings.put({
      key: SETTINGS_KEY.app,
      value: { ...parsed.data, shopAnniversary: monthDay },
      updatedAt: now,
    });
  });
}
