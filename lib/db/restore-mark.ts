import { z } from 'zod';
import type { HuitoukeDb } from './database';

/**
 * The mark a backup restore leaves in `settings` (written in the restore's own transaction, never
 * backed up): a new id per restore. Team sync compares it with the mark it last rebuilt for; a new
 * one means the records were replaced under its shadows, so it rebuilds them (sync-store.ts).
 */
export const RESTORE_MARK_KEY = 'restoreMark';

export const RestoreMarkSchema = z.object({ id: z.string().min(1), at: z.number().int() });
export type RestoreMark = z.infer<typeof RestoreMarkSchema>;

export function newRestoreMark(now: number): { key: string; value: RestoreMark; updatedAt: number } {
  const id = `${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  return { key: RESTORE_MARK_KEY, value: { id, at: now }, updatedAt: now };
}

/** The id of the last restore in this database, or null when it was never restored. */
export async function restoreMarkOf(db: HuitoukeDb): Promise<string | null> {
  const parsed = RestoreMarkSchema.safeParse((await db.settings.get(RESTORE_MARK_KEY))?.value);
  return parsed.success ? parsed.data.id : null;
}
