import type { Platform } from '../schemas/common';
import type { Reminder } from './schema';

/**
 * What happens to reminders after they exist. The MV3 service worker may be stopped at any
 * moment and the browser may be closed for days, so nothing here relies on a timer having fired:
 * `firedAt` records that the notification for the current due time was shown, and
 * {@link catchUp} fires whatever is due and not yet fired, whenever it runs.
 */

/** A run that finds a reminder this late reports it as missed (the alarm did not fire on time). */
export const LATE_GRACE_MS = 60_000;

export function effectiveDueAt(r: Reminder): number {
  return r.status === 'snoozed' && r.snoozedUntil !== undefined ? r.snoozedUntil : r.dueAt;
}

export function isOpen(r: Reminder): boolean {
  return r.deletedAt === undefined && (r.status === 'pending' || r.status === 'snoozed');
}

function needsFiring(r: Reminder): boolean {
  return isOpen(r) && (r.firedAt === undefined || r.firedAt < effectiveDueAt(r));
}

const byDue = (a: Reminder, b: Reminder) =>
  effectiveDueAt(a) - effectiveDueAt(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Open reminders due at `now` or earlier (fired or not), earliest first: the agent's to-do list. */
export function dueReminders(all: readonly Reminder[], now: number): Reminder[] {
  return all.filter((r) => isOpen(r) && effectiveDueAt(r) <= now).sort(byDue);
}

/** Open reminders due after `now`, earliest first. */
export function upcomingReminders(all: readonly Reminder[], now: number): Reminder[] {
  return all.filter((r) => isOpen(r) && effectiveDueAt(r) > now).sort(byDue);
}

/**
 * When the background's single alarm should ring: the earliest due time not yet fired, or `now`
 * when something is already overdue; null when nothing is waiting.
 */
export function nextAlarmTime(all: readonly Reminder[], now: number): number | null {
  let next: number | null = null;
  for (const r of all) {
    if (!needsFiring(r)) continue;
    const due = effectiveDueAt(r);
    if (next === null || due < next) next = due;
  }
  return next === null ? null : Math.max(next, now);
}

export interface CatchUpResult {
  /** Reminders to notify about now, already marked `firedAt = now`: store them, then notify. */
  fire: Reminder[];
  /** Ids among `fire` that came due while nothing was running (after `lastRunAt`, over a minute ago). */
  missedWhileAway: string[];
  nextAlarmAt: number | null;
}

/**
 * Fire every open reminder that is due and has not fired for its current due time. Run it on
 * the alarm, on service-worker start and on browser start; running it again fires nothing,
 * because the returned copies carry `firedAt`. The caller stores them before notifying, in one
 * transaction, so two wake-ups racing cannot both notify.
 */
export function catchUp(all: readonly Reminder[], now: number, lastRunAt: number | null): CatchUpResult {
  const fire = all
    .filter((r) => needsFiring(r) && effectiveDueAt(r) <= now)
    .sort(byDue)
    .map((r) => ({ ...r, firedAt: now, updatedAt: now }));
  const missedWhileAway = fire
    .filter((r) => {
      const due = effectiveDueAt(r);
      return (lastRunAt === null || due > lastRunAt) && due <= now - LATE_GRACE_MS;
    })
    .map((r) => r.id);
  const fired = new Map(fire.map((r) => [r.id, r]));
  const nextAlarmAt = nextAlarmTime(
    all.map((r) => fired.get(r.id) ?? r),
    now,
  );
  return { fire, missedWhileAway, nextAlarmAt };
}

/** Snooze until a later instant; the reminder fires again then. */
export function snooze(r: Reminder, until: number, now: number): Reminder {
  if (!(until > now)) throw new RangeError('snooze: the new time must be in the future');
  return { ...r, status: 'snoozed', snoozedUntil: until, updatedAt: now };
}

export function complete(r: Reminder, now: number): Reminder {
  return { ...r, status: 'done', updatedAt: now };
}

export function dismiss(r: Reminder, now: number): Reminder {
  return { ...r, status: 'dismissed', updatedAt: now };
}

export interface ManualReminderInput {
  buyerId: string;
  nick: string;
  platform: Platform;
  dueAt: number;
  note: string;
  /** Defaults to `manual|${buyerId}|${now}`; pass one when an agent may add two in the same millisecond. */
  id?: string;
}

/** A reminder an agent typed: kept at the agent's time, quiet hours or not. */
export function manualReminder(input: ManualReminderInput, now: number): Reminder {
  return {
    id: input.id ?? `manual|${input.buyerId}|${now}`,
    buyerId: input.buyerId,
    nick: input.nick,
    platform: input.platform,
    kind: 'manual',
    dueAt: input.dueAt,
    createdAt: now,
    source: 'manual',
    note: input.note,
    status: 'pending',
    updatedAt: now,
  };
}
