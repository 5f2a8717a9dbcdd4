import { AppSettingsSchema, readAppSettings, type AppSettings, type ReadSettings } from '../settings/app';
import type { HuitoukeDb } from './database';

export const SETTINGS_KEY = {
  app: 'app',
  buyerIndex: 'buyerIndex',
  buyerCount: 'buyerCount',
  segmentModel: 'segmentModel',
  taxonomy: 'taxonomy',
} as const;

/**
 * The shop's settings, with what did not parse. A stored field that no longer parses (a zone this
 * browser does not know, a hand-edited value, a newer version's) falls back to its default for
 * reading but is never overwritten here: nothing is lost, and Settings shows what was replaced.
 */
export async function readStoredAppSettings(db: HuitoukeDb): Promise<ReadSettings> {
  return readAppSettings((await db.settings.get(SETTINGS_KEY.app))?.value);
}

/** The shop's settings; never throws on a bad stored value (see {@link readStoredAppSettings}). */
export async function loadAppSettings(db: HuitoukeDb): Promise<AppSettings> {
  return (await readStoredAppSettings(db)).settings;
}

export async function saveAppSettings(db: HuitoukeDb, settings: AppSettings, now = Date.now()): Promise<void> {
  await db.settings.put({ key: SETTINGS_KEY.app, value: AppSettingsSchema.parse(settings), updatedAt: now });
}
