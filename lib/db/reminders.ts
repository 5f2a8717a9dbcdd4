import { z } from 'zod';
import {
  catchUp,
  complete,
  dismiss,
  dueReminders,
  isOpen,
  manualReminder,
  remindersFromBirthday,
  remindersFromOrders,
  remindersFromProfile,
  ReminderSchema,
  snooze,
  staleBirthdayReminders,
  staleOrderReminders,
  staleProfileReminders,
  upcomingReminders,
  type ManualReminderInput,
  type Reminder,
  type ReminderRules,
  type ReminderSubject,
} from '../reminders';
import { translate } from '../i18n';
import { localDateAt } from '../reminders/time';
import type { UiLocale } from '../schemas/common';
import { buyerId as makeBuyerId } from '../schemas/buyer';
import type { Order } from '../schemas/order';
import type { AppSettings } from '../settings/app';
import { resolveStage } from '../stages/stages';
import { liveBirthdays } from './birthdays';
import { loadBuyerIndex } from './buyer-index';
import type { HuitoukeDb } from './database';
import { scanBuyers } from './buyer-store';
import { orphanBucket } from './import-hold';
import { fromExport } from '../orders/live';

/**
 * Reminders as stored, and the runs that create and fire them. Everything the background needs
 * to survive being stopped lives here, in IndexedDB: which reminders fired (`firedAt`), when the
 * last check ran, which import was last scanned and which day was last swept.
 */

export const REMINDER_STATE_KEY = 'reminderState';

export const ReminderStateSchema = z.object({
  /** When the last catch-up ran (a later run reports what came due in between as missed). */
  lastRunAt: z.number().int().nullable(),
  /** `finishedAt` of the newest import already scanned for unpaid orders. */
  lastImportScanAt: z.number().int(),
  /** Shop-local date of the last daily sweep of buyer profiles. */
  lastSweepDate: z.string().nullable(),
});
export type ReminderState = z.infer<typeof ReminderStateSchema>;

const EMPTY_STATE: ReminderState = { lastRunAt: null, lastImportScanAt: 0, lastSweepDate: null };

export async function loadReminderState(db: HuitoukeDb): Promise<ReminderState> {
  const parsed = ReminderStateSchema.safeParse((await db.settings.get(REMINDER_STATE_KEY))?.value);
  return parsed.success ? parsed.data : { ...EMPTY_STATE };
}

async function saveReminderState(db: HuitoukeDb, patch: Partial<ReminderState>, now: number): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const next = { ...(await loadReminderState(db)), ...patch };
    await db.settings.put({ key: REMINDER_STATE_KEY, value: next, updatedAt: now });
  });
}

function valid(rows: readonly unknown[]): Reminder[] {
  const out: Reminder[] = [];
  for (const row of rows) {
    const parsed = ReminderSchema.safeParse(row);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** Pending and snoozed reminders (the only ones that can still ring). */
export async function openReminders(db: HuitoukeDb): Promise<Reminder[]> {
  return valid(await db.reminders.where('status').anyOf('pending', 'snoozed').toArray()).filter(isOpen);
}

export interface BuyerReminders {
  due: Reminder[];
  upcoming: Reminder[];
}

/** One buyer's open reminders, split at `now`. */
export async function remindersOfBuyer(db: HuitoukeDb, buyerId: string, now: number): Promise<BuyerReminders> {
  const all = valid(await db.reminders.where('buyerId').equals(buyerId).toArray());
  return { due: dueReminders(all, now), upcoming: upcomingReminders(all, now) };
}

/** Due now, and due later on the same shop-local day: the popup's list. */
export async function remindersForToday(db: HuitoukeDb, now: number, timeZone: string): Promise<BuyerReminders> {
  const all = await openReminders(db);
  const today = localDateAt(now, timeZone);
  return {
    due: dueReminders(all, now),
    upcoming: upcomingReminders(all, now).filter((r) => localDateAt(r.dueAt, timeZone) === today),
  };
}

export async function addManualReminder(db: HuitoukeDb, input: ManualReminderInput, now: number): Promise<Reminder> {
  const reminder = ReminderSchema.parse(
    manualReminder(
      { ...input, id: input.id ?? `manual|${input.buyerId}|${now}|${Math.random().toString(36).slice(2, 6)}` },
      now,
    ),
  );
  await db.reminders.put(reminder);
  return reminder;
}

export type ReminderAction = { action: 'done' } | { action: 'dismiss' } | { action: 'snooze'; until: number };

/** Done, dismissed or snoozed; null when the reminder does not exist (deleted meanwhile). */
export async function actOnReminder(
  db: HuitoukeDb,
  id: string,
  act: ReminderAction,
  now: number,
): Promise<Reminder | null> {
  return db.transaction('rw', db.reminders, async () => {
    const parsed = ReminderSchema.safeParse(await db.reminders.get(id));
    if (!parsed.success) return null;
    const r = parsed.data;
    const next =
      act.action === 'done' ? complete(r, now) : act.action === 'dismiss' ? dismiss(r, now) : snooze(r, act.until, now);
    await db.reminders.put(next);
    return next;
  });
}

export interface CheckResult {
  /** Reminders to notify about now (already stored as fired). */
  fire: Reminder[];
  missedWhileAway: string[];
  /** When the next reminder needs the alarm; null when none is waiting. */
  nextAlarmAt: number | null;
  /** Open reminders due at `now`: the badge. */
  dueCount: number;
}

/**
 * The alarm's work: fire what is due and not yet fired, once. Stored before anyone is notified, and
 * only for reminders unchanged since they were read, so two wake-ups racing (alarm and start-up)
 * cannot both notify: the second finds them changed by the first.
 */
export async function runReminderCheck(db: HuitoukeDb, now: number): Promise<CheckResult> {
  // Reading every open reminder takes seconds once a big import has made tens of thousands, and a
  // write transaction over reminders and settings would hold up every sidebar lookup meanwhile:
  // they are read first, and the write only marks what fires.
  const all = await openReminders(db);
  const state = await loadReminderState(db);
  const result = catchUp(all, now, state.lastRunAt);
  const read = new Map(all.map((r) => [r.id, r]));
  return db.transaction('rw', [db.reminders, db.settings], async () => {
    // One done or snoozed from the sidebar since it was read stays as the agent left it.
    const fire = await unchangedSinceRead(
      db,
      result.fire.map((next) => ({ read: read.get(next.id)!, next })),
    );
    if (fire.length) await db.reminders.bulkPut(fire);
    await saveReminderState(db, { lastRunAt: now }, now);
    const fired = new Set(fire.map((r) => r.id));
    return {
      ...result,
      fire,
      missedWhileAway: result.missedWhileAway.filter((id) => fired.has(id)),
      dueCount: dueReminders(all, now).length,
    };
  });
}

/** A reminder as read by a run, and what the run would write in its place. */
interface Update {
  read: Reminder;
  next: Reminder;
}

/**
 * The updates whose reminder is still stored exactly as the run read it; call inside the write's
 * transaction. The runs read, work for a while (seconds after a big import) and then write: an
 * agent who marked one done, snoozed or dismissed it meanwhile made a newer decision, which the
 * run's older view must not undo. The whole record is compared, not only `updatedAt`.
 */
async function unchangedSinceRead(db: HuitoukeDb, updates: readonly Update[]): Promise<Reminder[]> {
  if (updates.length === 0) return [];
  const stored = await db.reminders.bulkGet(updates.map((u) => u.next.id));
  const out: Reminder[] = [];
  updates.forEach((u, i) => {
    const now = ReminderSchema.safeParse(stored[i]);
    if (now.success && JSON.stringify(now.data) === JSON.stringify(u.read)) out.push(u.next);
  });
  return out;
}

/** Reminders written per transaction, so sidebar reads of a buyer's reminders get in between. */
const WRITE_CHUNK = 500;

/**
 * Adds reminders that are new by id; existing ones (maybe snoozed or done) are never touched. In
 * transactions of their own, a chunk at a time: a run stopped half-way adds the rest next time.
 */
async function putNew(db: HuitoukeDb, candidates: readonly Reminder[]): Promise<number> {
  let added = 0;
  for (let at = 0; at < candidates.length; at += WRITE_CHUNK) {
    const part = candidates.slice(at, at + WRITE_CHUNK);
    added += await db.transaction('rw', db.reminders, async () => {
      const existing = await db.reminders.bulkGet(part.map((r) => r.id));
      const fresh = part.filter((_, i) => existing[i] === undefined);
      if (fresh.length) await db.reminders.bulkPut(fresh);
      return fresh.length;
    });
  }
  return added;
}

/**
 * Updated reminders (dismissed ones), a chunk per transaction, each only if it is still as it was
 * read (see {@link unchangedSinceRead}). Returns how many were written.
 */
async function putUnchanged(db: HuitoukeDb, updates: readonly Update[]): Promise<number> {
  let written = 0;
  for (let at = 0; at < updates.length; at += WRITE_CHUNK) {
    written += await db.transaction('rw', db.reminders, async () => {
      const part = await unchangedSinceRead(db, updates.slice(at, at + WRITE_CHUNK));
      if (part.length) await db.reminders.bulkPut(part);
      return part.length;
    });
  }
  return written;
}

/** Pairs each updated reminder with the version it was made from. */
function updatesOf(read: readonly Reminder[], next: readonly Reminder[]): Update[] {
  const byId = new Map(read.map((r) => [r.id, r]));
  return next.flatMap((n) => {
    const r = byId.get(n.id);
    return r ? [{ read: r, next: n }] : [];
  });
}

export interface ScanResult {
  created: number;
  dismissed: number;
  /** Whether the run did the work (a new import was found, or the sweep was due). */
  scanned: boolean;
}

/**
 * Unpaid-order, shipping-notice and check-in reminders from imported orders. Runs when an import
 * finished after the last scan (the background hears of it through Dexie's change events, or finds
 * it on its next wake-up); reads buyers one at a time so a 200,000-buyer shop does not sit in
 * memory. Only orders shipped within the rules' window are read for shipping reminders, so a first
 * import of a year's history does not greet old parcels; ids are deterministic, so a re-import or
 * re-scan adds nothing. Also dismisses open unpaid reminders whose order has since been paid or
 * closed, unless an agent changed them since they were read.
 */
export async function scanImportedOrders(
  db: HuitoukeDb,
  now: number,
  rules: ReminderRules,
  timeZone: string,
  opts: { force?: boolean } = {},
): Promise<ScanResult> {
  const state = await loadReminderState(db);
  const runs = await db.importRuns.where('startedAt').above(0).toArray();
  const finished = runs.filter((r) => r.status === 'done' && (r.finishedAt ?? 0) > state.lastImportScanAt);
  if (!opts.force && finished.length === 0) return { created: 0, dismissed: 0, scanned: false };
  const newest = Math.max(state.lastImportScanAt, ...finished.map((r) => r.finishedAt ?? 0));

  const openUnpaid = (await openReminders(db)).filter((r) => r.kind === 'unpaid');
  const watched = new Map<string, Set<string>>();
  for (const r of openUnpaid)
    if (r.orderId) watched.set(r.buyerId, (watched.get(r.buyerId) ?? new Set()).add(r.orderId));

  // Shop-local date from which a shipped order can still have a reminder that is not stale; a
  // whole-day bound is enough here, remindersFromOrders applies the exact one.
  const shippedSince = localDateAt(now - shippingWindowMs(rules), timeZone);
  const candidates: Order[] = [];
  const watchedOrders: Order[] = [];
  const foundWatched = new Set<string>();
  await scanBuyers(db, (page) => {
    for (const b of page) {
      if (b.deletedAt !== undefined) continue;
      const ids = watched.get(b.id);
      for (const o of b.orders) {
        // Orders only a console showed (a linked buyer's live orders) have their reminders from the
        // console's order events (console-orders.ts), by the console's rules: not again from here.
        if (fromExport(o) && (o.status === 'awaiting_payment' || (o.shippedAt && o.shippedAt >= shippedSince)))
          candidates.push(o);
        if (ids?.has(o.orderId)) {
          foundWatched.add(`${b.id}\u0000${o.orderId}`);
          if (o.status !== 'awaiting_payment') watchedOrders.push(o);
        }
      }
    }
  });
  watchedOrders.push(
    ...(await watchedOrphans(
      db,
      openUnpaid.filter((r) => r.orderId && !foundWatched.has(`${r.buyerId}\u0000${r.orderId}`)),
    )),
  );

  const existing = valid(
    await db.reminders
      .where('buyerId')
      .anyOf([...new Set(candidates.map((o) => makeBuyerId(o.platform, o.buyerKey ?? '')))])
      .toArray(),
  );
  const created = remindersFromOrders({ orders: candidates }, rules, now, existing, timeZone);
  const stale = staleOrderReminders(openUnpaid, { orders: watchedOrders }, now, timeZone);
  const count = await putNew(db, created);
  const dismissed = await putUnchanged(db, updatesOf(openUnpaid, stale));
  // Marked scanned only once everything is written: a run stopped before does it all again.
  await saveReminderState(db, { lastImportScanAt: newest }, now);
  return { created: count, dismissed, scanned: true };
}

/**
 * The orders of open 催付 that no buyer has, among the imported orders without a buyer
 * (Pinduoduo, Douyin): a 催付 the console started is filed under the chat's buyer, whom such an
 * export never names, and an export showing the order paid or closed must still end it. Each comes
 * back under the reminder's buyer (an orphan has no buyer key), as no longer awaiting payment only.
 */
async function watchedOrphans(db: HuitoukeDb, reminders: readonly Reminder[]): Promise<Order[]> {
  const wanted = new Map<string, Map<string, Reminder>>();
  for (const r of reminders) {
    if (!r.orderId) continue;
    const bucket = orphanBucket(r.platform, r.orderId);
    (wanted.get(bucket) ?? wanted.set(bucket, new Map()).get(bucket)!).set(r.orderId, r);
  }
  if (!wanted.size) return [];
  const out: Order[] = [];
  for (const b of await db.orphans.bulkGet([...wanted.keys()])) {
    if (!b || b.deletedAt !== undefined) continue;
    const byOrder = wanted.get(b.id)!;
    for (const o of b.orders) {
      const r = byOrder.get(o.orderId);
      if (r && o.platform === r.platform && o.status !== 'awaiting_payment') out.push({ ...o, buyerKey: r.buyerId });
    }
  }
  return out;
}

/** How long after shipping a shipping notice or check-in can still be created (with a day's slack). */
function shippingWindowMs(rules: ReminderRules): number {
  const shippingMinutes = rules.shipping.delayMinutes + rules.shipping.staleAfterMinutes;
  return Math.max(shippingMinutes * 60_000, (rules.checkin.daysAfterShipping + 2) * 86_400_000);
}

/**
 * The daily sweep: stage-end nudges, 100th-day and anniversary greetings for every buyer, and
 * birthday greetings for every birthday agents entered (birthdays.ts), created
 * once they come within the rules' horizon; stage-end nudges of buyers who bought since are
 * dismissed (unless an agent changed them since they were read). Skipped when it already ran
 * today unless forced (after an import).
 */
export async function sweepProfiles(
  db: HuitoukeDb,
  now: number,
  settings: AppSettings,
  rules: ReminderRules,
  opts: { force?: boolean } = {},
): Promise<ScanResult> {
  const today = localDateAt(now, settings.timeZone);
  const state = await loadReminderState(db);
  if (!opts.force && state.lastSweepDate === today) return { created: 0, dismissed: 0, scanned: false };
  const byBuyer = new Map<string, Reminder[]>();
  for (const r of valid(await db.reminders.toArray())) {
    if (r.kind === 'stage_end' || r.kind === 'day100' || r.kind === 'anniversary' || r.kind === 'birthday') {
      const list = byBuyer.get(r.buyerId) ?? [];
      list.push(r);
      byBuyer.set(r.buyerId, list);
    }
  }
  const created: Reminder[] = [];
  const stale: Update[] = [];
  // The buyer index has what these reminders need of every live buyer: reading it is a fraction of
  // a second where decoding every buyer took about ten at 200,000 buyers, with the sidebar waiting.
  const index = await loadBuyerIndex(db);
  for (let i = 0; i < index.ids.length; i++) {
    if (!index.paidOrders[i]) continue;
    const lastPaidDate = index.lastPaidDate[i] || null;
    const subject: ReminderSubject = {
      id: index.ids[i]!,
      nick: index.nicks[i]!,
      platform: index.platforms[i]!,
      stage: resolveStage(lastPaidDate, today, settings.profile.stages),
      metrics: { firstPaidDate: index.firstPaidDate[i] || null, lastPaidDate },
    };
    const existing = byBuyer.get(subject.id) ?? [];
    created.push(...remindersFromProfile(subject, rules, now, existing, { timeZone: settings.timeZone }));
    stale.push(...updatesOf(existing, staleProfileReminders(subject, existing, now)));
  }
  // Birthdays agents entered, for buyers in the data or not (a chat contact who never ordered).
  for (const b of await liveBirthdays(db)) {
    const existing = byBuyer.get(b.buyerId) ?? [];
    created.push(
      ...remindersFromBirthday(
        { id: b.buyerId, nick: b.nick, platform: b.platform, monthDay: b.monthDay },
        rules,
        now,
        existing,
        settings.timeZone,
      ),
    );
    stale.push(...updatesOf(existing, staleBirthdayReminders(b.buyerId, b.monthDay, existing, now)));
  }
  const count = await putNew(db, created);
  const dismissed = await putUnchanged(db, stale);
  await saveReminderState(db, { lastSweepDate: today }, now);
  return { created: count, dismissed, scanned: true };
}

const KIND_KEY = {
  unpaid: 'reminder_kindUnpaid',
  shipping: 'reminder_kindShipping',
  checkin: 'reminder_kindCheckin',
  stage_end: 'reminder_kindStageEnd',
  day100: 'reminder_kindDay100',
  anniversary: 'reminder_kindAnniversary',
  birthday: 'reminder_kindBirthday',
  manual: 'reminder_kindManual',
} as const satisfies Record<Reminder['kind'], string>;

/** What a reminder is about, in a few words: 催付, 第45天前回购提醒, 跟进. */
export function reminderTitle(r: Reminder, locale: UiLocale): string {
  return translate(locale, KIND_KEY[r.kind], { day: r.day ?? '' });
}
