import { ReminderSchema, type Reminder } from '../reminders/schema';
import type { HuitoukeDb } from './database';

/**
 * Who follows a reminder up, in a team (issue 21): an agent takes one (the owner becomes the agent)
 * or hands it over to a named member. The owner is a field of the reminder like its note, so it
 * syncs per field (two agents taking one at once: the later by server order holds) and never
 * reopens a reminder another member closed.
 */
export async function setReminderOwner(
  db: HuitoukeDb,
  id: string,
  owner: string,
  now: number,
): Promise<Reminder | null> {
  return db.transaction('rw', db.reminders, async () => {
    const parsed = ReminderSchema.safeParse(await db.reminders.get(id));
    if (!parsed.success) return null;
    if (parsed.data.owner === owner) return parsed.data;
    const next: Reminder = { ...parsed.data, owner, updatedAt: now };
    await db.reminders.put(next);
    return next;
  });
}
