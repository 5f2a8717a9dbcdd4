import { localDateAt } from './time';
import type { Reminder, ReminderKind } from './schema';

/**
 * A day's follow-ups split in two. What an agent can act on now — an unpaid order, a parcel that
 * left, a check-in on a delivery, the agent's own reminders, and any reminder for a buyer who is
 * in a conversation or wrote today — goes to the agent as a short list, most valuable first,
 * capped per agent per day. Mass care — stage-end nudges, 100-day, anniversary and birthday
 * greetings for buyers who are not chatting, whom most consoles do not let a seller message
 * first — goes to the supervisor as campaign lists, exported for the platform's own marketing
 * tools (lib/reminders/campaigns.ts).
 *
 * Pure: the clock, the time zone, the cap and what is known of each buyer are parameters.
 */

export const ACTIONABLE_KINDS: ReadonlySet<ReminderKind> = new Set(['unpaid', 'shipping', 'checkin', 'manual']);
export const MASS_CARE_KINDS: ReadonlySet<ReminderKind> = new Set(['stage_end', 'day100', 'anniversary', 'birthday']);

/** What a reminder is worth acting on, from its buyer. */
export interface FollowupValue {
  /** The buyer's level on the shop's ladder: 0 without one, higher is better. */
  levelRank: number;
  /** The buyer's layer (gold / develop / normal / low by default); null without paid orders. */
  layer: string | null;
  /** The order's amount for order reminders; the buyer's average order otherwise (cents). */
  amountCents: number;
}

/** Layer weights: a gold buyer's follow-up is worth more than the same amount from a low-value one. */
const LAYER_WEIGHT: Readonly<Record<string, number>> = { gold: 1.5, develop: 1.25, normal: 1, low: 0.8 };
/** Each level step adds this much to the weight. */
const LEVEL_STEP = 0.2;
/** An unpaid order is money lost today if nobody acts: it counts double. */
const KIND_WEIGHT: Partial<Record<ReminderKind, number>> = { unpaid: 2 };

/** The score the actionable list is ordered by: amount × layer × level × kind. */
export function followupScore(kind: ReminderKind, v: FollowupValue): number {
  const layer = v.layer !== null ? (LAYER_WEIGHT[v.layer] ?? 1) : 0.9;
  return Math.max(0, v.amountCents) * layer * (1 + LEVEL_STEP * Math.max(0, v.levelRank)) * (KIND_WEIGHT[kind] ?? 1);
}

export interface RankedFollowup {
  reminder: Reminder;
  score: number;
  value: FollowupValue;
}

export interface FollowupPlanInput {
  /** Open reminders (pending or snoozed). */
  open: readonly Reminder[];
  /** Reminders this agent completed or dismissed today count against the cap. */
  handledToday: number;
  now: number;
  timeZone: string;
  /** The most actionable follow-ups one agent is given a day. */
  cap: number;
  /** Buyers in a conversation now or who wrote today: any reminder of theirs is actionable. */
  engaged: ReadonlySet<string>;
  valueOf(reminder: Reminder): FollowupValue;
  /**
   * This agent's member id when connected to a shop server: an actionable reminder another member
   * owns is theirs to do, not in this agent's list (nor against its cap). Absent: alone, all are mine.
   */
  me?: string;
}

export interface FollowupPlan {
  /** Due now or later today, most valuable first, at most `cap - handledToday`. */
  actionable: RankedFollowup[];
  /** Actionable today but past the day's cap. */
  overCap: number;
  /** Mass care due now or later today, for buyers not in a conversation: the supervisor's campaign lists. */
  massCare: Reminder[];
  /** Actionable today but owned by another member of the team. */
  othersOwn: number;
}

/** When the reminder comes due: a snoozed one at the end of its snooze. */
const dueTime = (r: Reminder) => (r.status === 'snoozed' ? (r.snoozedUntil ?? r.dueAt) : r.dueAt);

export function isActionable(r: Reminder, engaged: ReadonlySet<string>): boolean {
  return ACTIONABLE_KINDS.has(r.kind) || engaged.has(r.buyerId);
}

export function planFollowups(input: FollowupPlanInput): FollowupPlan {
  const today = localDateAt(input.now, input.timeZone);
  const todays = input.open.filter(
    (r) =>
      (r.status === 'pending' || r.status === 'snoozed') &&
      (dueTime(r) <= input.now || localDateAt(dueTime(r), input.timeZone) === today),
  );
  const ranked: RankedFollowup[] = [];
  const massCare: Reminder[] = [];
  let othersOwn = 0;
  for (const r of todays) {
    if (isActionable(r, input.engaged)) {
      if (input.me !== undefined && r.owner !== undefined && r.owner !== input.me) {
        othersOwn++;
        continue;
      }
      const value = input.valueOf(r);
      ranked.push({ reminder: r, value, score: followupScore(r.kind, value) });
    } else if (MASS_CARE_KINDS.has(r.kind)) {
      massCare.push(r);
    }
  }
  ranked.sort(
    (a, b) => b.score - a.score || a.reminder.dueAt - b.reminder.dueAt || (a.reminder.id < b.reminder.id ? -1 : 1),
  );
  const room = Math.max(0, input.cap - Math.max(0, input.handledToday));
  massCare.sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
  return { actionable: ranked.slice(0, room), overCap: Math.max(0, ranked.length - room), massCare, othersOwn };
}
