import { z } from 'zod';

/**
 * How the background's last reminder run went, for the popup and the options page to show
 * ("提醒检查失败：…"). Kept in the extension's `storage.local`, not in IndexedDB, so a run that
 * failed because the database did can still say so. Absent after a run that went well.
 */
export const REMINDER_RUN_STATUS_KEY = 'reminderRunStatus';

/** After a failed run the alarm rings again this soon (the work is idempotent). */
export const REMINDER_RETRY_MINUTES = 5;

export const ReminderRunStatusSchema = z.object({
  ok: z.literal(false),
  /** Epoch ms of the failed run. */
  at: z.number(),
  /** Which steps failed and why, in the words of the error (not translated: it is for a report). */
  message: z.string().max(1000),
  retryMinutes: z.number().int().positive(),
});
export type ReminderRunStatus = z.infer<typeof ReminderRunStatusSchema>;

/** A stored status, or null when there is none or it does not parse. */
export function parseReminderRunStatus(value: unknown): ReminderRunStatus | null {
  const parsed = ReminderRunStatusSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
