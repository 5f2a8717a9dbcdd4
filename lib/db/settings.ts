import { AppSettingsSchema, DEFAULT_APP_SETTINGS, type AppSettings } from '../settings/app';
import type { HuitoukeDb } from './database';

export const SETTINGS_KEY = { app: 'app', buyerIndex: 'buyerIndex', buyerCount: 'buyerCount', segmentModel: 'segmentModel', taxonomy: 'taxonomy' } as const;

/**
 * The shop's settings. A stored value that no longer parses (hand-edited, or from a newer
 * version) falls back to defaults for reading but is never overwritten here: nothing is lost.
 */
export async function loadAppSettings(db: HuitoukeDb): Promise<AppSettings> {
  const rec = await db.settings.get(SETTINGS_KEY.app);
  if (!rec) return structuredClone(DEFAULT_APP_SETTINGS);
  const parsed = AppSettingsSchema.safeParse(rec.value);
  return parsed.success ? parsed.data : structuredClone(DEFAULT_APP_SETTINGS);
}

export async function saveAppSettings(db: HuitoukeDb, settings: AppSettings, now = Date.now()): Promise<void> {
  await db.settings.put({ key: SETTINGS_KEY.app, value: AppSettingsSchema.parse(settings), updatedAt: now });
}
