import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppSettingsSchema, DEFAULT_APP_SETTINGS, readAppSettings, todayIn } from '../settings/app';
import { HuitoukeDb } from './database';
import { loadAppSettings, readStoredAppSettings, saveAppSettings, SETTINGS_KEY } from './settings';

let db: HuitoukeDb;
let n = 0;
beforeEach(() => {
  db = new HuitoukeDb(`settings-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const store = (value: unknown) => db.settings.put({ key: SETTINGS_KEY.app, value, updatedAt: 1 });

describe('a time zone stored wrong', () => {
  it('is read as the default zone, keeps the other settings, and is reported; nothing throws', async () => {
    await store({ uiLocale: 'en', shopName: '小鹿家', timeZone: 'Asia/Shanghia' });
    const now = Date.now();
    const settings = await loadAppSettings(db);
    expect(settings.timeZone).toBe(DEFAULT_APP_SETTINGS.timeZone);
    expect(settings.uiLocale).toBe('en');
    expect(settings.shopName).toBe('小鹿家');
    expect(() => todayIn(settings.timeZone, now)).not.toThrow();
    expect((await readStoredAppSettings(db)).fallbacks).toEqual([{ field: 'timeZone', stored: 'Asia/Shanghia' }]);
    // What was stored stays until the supervisor saves a correct zone.
    expect(((await db.settings.get(SETTINGS_KEY.app))!.value as { timeZone: string }).timeZone).toBe('Asia/Shanghia');
  });

  it("today's date in an unknown zone is the default zone's, not an exception", () => {
    const now = Date.now();
    expect(todayIn('Asia/Shanghia', now)).toBe(todayIn('Asia/Shanghai', now));
    expect(todayIn('', now)).toBe(todayIn('Asia/Shanghai', now));
  });

  it('cannot be saved: the settings schema accepts only zones Intl knows', async () => {
    expect(AppSettingsSchema.safeParse({ timeZone: 'Asia/Shanghia' }).success).toBe(false);
    expect(AppSettingsSchema.safeParse({ timeZone: 'Asia/Ho_Chi_Minh' }).success).toBe(true);
    await expect(saveAppSettings(db, { ...DEFAULT_APP_SETTINGS, timeZone: 'Mars/Olympus' })).rejects.toThrow();
    await saveAppSettings(db, { ...DEFAULT_APP_SETTINGS, timeZone: 'Asia/Bangkok' });
    expect(await readStoredAppSettings(db)).toEqual({
      settings: { ...DEFAULT_APP_SETTINGS, timeZone: 'Asia/Bangkok' },
      fallbacks: [],
    });
  });
});

describe('reading stored settings that do not parse', () => {
  it('falls back field by field, and wholly only when the record is not an object', () => {
    expect(readAppSettings(undefined)).toEqual({ settings: DEFAULT_APP_SETTINGS, fallbacks: [] });
    const twoBad = readAppSettings({ agentName: '阿青', segmentView: 'nonsense', storeContact: 'yes' });
    expect(twoBad.settings).toEqual({ ...DEFAULT_APP_SETTINGS, agentName: '阿青' });
    expect(twoBad.fallbacks.map((f) => f.field).sort()).toEqual(['segmentView', 'storeContact']);
    expect(readAppSettings('garbage')).toEqual({
      settings: DEFAULT_APP_SETTINGS,
      fallbacks: [{ field: '', stored: 'garbage' }],
    });
  });
});
