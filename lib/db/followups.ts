import { buildProfile } from '../metrics/profile';
import { campaignContactKind, campaignLists, type CampaignList } from '../reminders/campaigns';
import { ACTIONABLE_KINDS, planFollowups, type FollowupPlan, type FollowupValue } from '../reminders/followups';
import { complete } from '../reminders/lifecycle';
import { ReminderSchema, type Reminder } from '../reminders/schema';
import { epochAt, localDateAt } from '../reminders/time';
import type { BuyerRecord } from './records';
import type { AppSettings } from '../settings/app';
import { getBuyers } from './buyer-store';
import { segmentModelFor } from './buyers';
import { ContactRecordSchema } from './contact-log';
import type { HuitoukeDb } from './database';
import { openReminders } from './reminders';

/**
 * The popup's follow-ups and the supervisor's campaign lists, read from the database; the
 * decisions are lib/reminders/followups.ts and campaigns.ts.
 */

/** Buyers in a conversation today: an agent put text in their chat, or a concern of theirs was noted. */
export async function engagedToday(db: HuitoukeDb, now: number, timeZone: string): Promise<Set<string>> {
  const start = epochAt(localDateAt(now, timeZone), 0, timeZone);
  const [contacts, concerns] = await Promise.all([
    db.contactLog.where('at').aboveOrEqual(start).toArray(),
    db.concerns.where('at').aboveOrEqual(start).toArray(),
  ]);
  return new Set([...contacts.map((c) => c.buyerId), ...concerns.map((c) => c.buyerId)]);
}

/** Actionable reminders done or dismissed today (they count against the day's cap). */
async function handledToday(db: HuitoukeDb, now: number, timeZone: string): Promise<number> {
  const start = epochAt(localDateAt(now, timeZone), 0, timeZone);
  const rows = await db.reminders.where('updatedAt').aboveOrEqual(start).toArray();
  return rows.filter((r) => (r.status === 'done' || r.status === 'dismissed') && ACTIONABLE_KINDS.has(r.kind)).length;
}

function orderAmount(record: BuyerRecord, orderId: string | undefined): number | null {
  if (!orderId) return null;
  const order = record.orders.find((o) => o.orderId === orderId);
  if (!order) return null;
  if (order.paidCents !== null) return order.paidCents;
  const lines = order.lines.reduce((sum, l) => sum + (l.paidCents ?? 0), 0);
  return lines > 0 ? lines : null;
}

export interface TodaysFollowups extends FollowupPlan {
  now: number;
}

export async function followupsForToday(
  db: HuitoukeDb,
  now: number,
  settings: Pick<AppSettings, 'timeZone' | 'followupsPerDay' | 'profile'>,
  /** This agent's member id on a shop server (reminders others own are left out). */
  me?: string,
): Promise<TodaysFollowups> {
  const { timeZone } = settings;
  const [open, handled, engaged] = await Promise.all([
    openReminders(db),
    handledToday(db, now, timeZone),
    engagedToday(db, now, timeZone),
  ]);
  const asOf = localDateAt(now, timeZone);
  const ids = [...new Set(open.map((r) => r.buyerId))];
  // Only the buyers of reminders that can reach the agent's list are looked up.
  const candidates = ids.filter((id) =>
    open.some((r) => r.buyerId === id && (ACTIONABLE_KINDS.has(r.kind) || engaged.has(id))),
  );
  const records = await getBuyers(db, candidates);
  const byId = new Map<string, BuyerRecord>();
  records.forEach((r, i) => r && r.deletedAt === undefined && byId.set(candidates[i]!, r));
  const model = byId.size > 0 ? await segmentModelFor(db, asOf, now) : null;
  const values = new Map<string, { rank: number; layer: string | null; aov: number; record: BuyerRecord }>();
  const ladder = settings.profile.ladder.levels;
  for (const [id, record] of byId) {
    const profile = buildProfile(record, settings.profile, model!, asOf);
    const rank = profile.level ? ladder.findIndex((l) => l.id === profile.level!.id) + 1 : 0;
    values.set(id, { rank, layer: profile.layer, aov: record.metrics.aovCents, record });
  }
  const valueOf = (r: Reminder): FollowupValue => {
    const v = values.get(r.buyerId);
    if (!v) return { levelRank: 0, layer: null, amountCents: 0 };
    return { levelRank: v.rank, layer: v.layer, amountCents: orderAmount(v.record, r.orderId) ?? v.aov };
  };
  const plan = planFollowups({
    open,
    handledToday: handled,
    now,
    timeZone,
    cap: settings.followupsPerDay,
    engaged,
    valueOf,
    ...(me !== undefined ? { me } : {}),
  });
  return { ...plan, now };
}

/** The supervisor's campaign lists: mass care due within `horizonDays`, for buyers not in a conversation today. */
export async function campaignListsNow(
  db: HuitoukeDb,
  now: number,
  timeZone: string,
  horizonDays: number,
): Promise<CampaignList[]> {
  const [open, engaged] = await Promise.all([openReminders(db), engagedToday(db, now, timeZone)]);
  return campaignLists(open, { now, timeZone, horizonDays, engaged });
}

/**
 * The supervisor exported a campaign list to the platform's tool: each buyer's contact is recorded
 * (once per reminder, however often the list is exported) and the reminder is done, so it leaves
 * the lists and the dashboard counts the buyer as reached by that campaign from now on.
 */
export async function recordCampaignExport(
  db: HuitoukeDb,
  reminders: readonly Reminder[],
  now: number,
): Promise<number> {
  return db.transaction('rw', [db.contactLog, db.reminders], async () => {
    let recorded = 0;
    for (const r of reminders) {
      // No `sent` flag: the platform's tool sends it, and an unknown send counts as sent (lib/contact).
      const entry = ContactRecordSchema.parse({
        id: `${r.buyerId}|campaign:${r.id}`,
        buyerId: r.buyerId,
        templateId: null,
        kind: campaignContactKind(r.kind),
        marketing: true,
        at: now,
        text: `campaign:${r.kind}${r.day !== undefined ? `:${r.day}` : ''}`,
        updatedAt: now,
      });
      if (!(await db.contactLog.get(entry.id))) {
        await db.contactLog.put(entry);
        recorded++;
      }
      const parsed = ReminderSchema.safeParse(await db.reminders.get(r.id));
      // Only a reminder still open as the list showed it: an agent who acted on it meanwhile wins.
      if (parsed.success && (parsed.data.status === 'pending' || parsed.data.status === 'snoozed'))
        await db.reminders.put(complete(parsed.data, now));
    }
    return recorded;
  });
}
