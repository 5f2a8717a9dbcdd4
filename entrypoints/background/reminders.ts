import Dexie from 'dexie';
import { browser } from 'wxt/browser';
import { db } from '@/lib/db/database';
import { loadReminderRules } from '@/lib/db/playbook';
import { reminderTitle, runReminderCheck, scanImportedOrders, sweepProfiles } from '@/lib/db/reminders';
import { loadAppSettings } from '@/lib/db/settings';
import { syncLinkedBuyersIfDue } from '@/lib/db/console-linked';
import { webDataLock, type DataLock } from '@/lib/db/data-lock';
import { todayIn } from '@/lib/settings/app';
import { addDays } from '@/lib/dates/local-date';
import { translate } from '@/lib/i18n';
import { epochAt, localDateAt, type Reminder } from '@/lib/reminders';
import type { UiLocale } from '@/lib/schemas/common';
import { REMINDER_RETRY_MINUTES, REMINDER_RUN_STATUS_KEY, type ReminderRunStatus } from '@/lib/reminders/run-status';
import { clockNow, watchTestClock } from './clock';
import { conversationTabFor, type OpenConversation } from '@/lib/reminders/open-conversation';

/**
 * Follow-up reminders in the background. One alarm, {@link REMINDER_ALARM}, rings at the next due
 * reminder or at the next daily sweep, whichever is first. Every run, whatever woke the worker
 * (the alarm, browser start-up, install, an import finishing, a reminder edited, the test
 * clock moving), does the same idempotent work from what is stored:
 *  1. scan imports finished since the last scan for unpaid orders (10 min / 24 h reminders);
 *  2. sweep buyer profiles once a day, and after an import (stage-end nudges, 100th day, anniversary);
 *  3. catch up: notify every reminder due and not yet notified, once, then set the badge to the
 *     number due and the alarm to the next one.
 *
 * A run that fails (a step throws, the database cannot be read) is logged, stored for the popup
 * and options page ("提醒检查失败：…", lib/reminders/run-status.ts) and retried: the alarm is set
 * before the work starts.
 *
 * Imports are heard two ways: the options page's `dataChanged` message after an import (index.ts
 * calls {@link requestReminderRun}) and Dexie's change events on `importRuns`. Neither has to
 * arrive: every run looks for imports finished after the last scan (`finishedAt`), so the next
 * wake-up finds an import the worker slept through.
 */
export const REMINDER_ALARM = 'htk-reminders';
const SWEEP_MINUTE = 5;

/** The extension's icon, shipped in public/icon/ (Chrome refuses data: URLs for notification icons). */
const ICON_FILE = '/icon/128.png';

let queued: Promise<void> | null = null;
/** The linked buyers are put right on the next run whatever the imports say (a restore or a sync pull changed them). */
let linkedDue = false;

/** The data lock imports and restores hold (Web Locks; none where there are none, as in unit tests). */
export function dataLock(): { lock: DataLock } | Record<string, never> {
  return typeof navigator !== 'undefined' && navigator.locks ? { lock: webDataLock(navigator.locks) } : {};
}

/** Data changed under the linked buyers (a restore, another agent's links): the next run puts them right. */
export function linkedBuyersChanged(): void {
  linkedDue = true;
}

let running: Promise<void> = Promise.resolve();

/** Runs once more after the current run; any number of triggers meanwhile make one run. */
export function requestReminderRun(log: (m: string) => void = console.warn): Promise<void> {
  queued ??= running.then(() => {
    queued = null;
    running = runOnce(log).catch((e: unknown) => log(`reminders: ${errorText(e)}`));
    return running;
  });
  return queued;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * One run. The alarm is re-armed before any work (to the retry time, unless it already rings
 * sooner), so a run that throws, or a worker stopped half-way, still leaves the next run set.
 * Each step is tried on its own: a sweep that fails does not keep due reminders from ringing.
 * Failures are logged and stored for the popup and options page; a run that goes well clears them.
 */
async function runOnce(log: (m: string) => void): Promise<void> {
  await armRetry();
  const failures: string[] = [];
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (e) {
      failures.push(`${name}: ${errorText(e)}`);
      return undefined;
    }
  };
  try {
    const database = db();
    const now = await clockNow();
    const settings = await loadAppSettings(database);
    const rules = await loadReminderRules(database);
    // Buyers the console linked become buyer records (after an import, a restore, a sync pull), so the
    // scan and sweep below see them.
    const force = linkedDue;
    linkedDue = false;
    const linked = await step('linked', () =>
      syncLinkedBuyersIfDue(
        database,
        { rules: settings.profile.rules, asOf: todayIn(settings.timeZone, now), now, ...dataLock() },
        force,
      ),
    );
    if (force && (!linked || linked.skipped)) linkedDue = true;
    const scan = await step('scan', () => scanImportedOrders(database, now, rules, settings.timeZone));
    await step('sweep', () => sweepProfiles(database, now, settings, rules, { force: scan?.scanned ?? false }));
    const check = await step('check', () => runReminderCheck(database, now));
    if (check) {
      await notify(check.fire, check.missedWhileAway.length, settings.uiLocale);
      await step('badge', () => setBadge(check.dueCount));
      const tomorrow = addDays(localDateAt(now, settings.timeZone), 1);
      const nextSweep = epochAt(tomorrow, SWEEP_MINUTE, settings.timeZone);
      // After a failed step, no later than the retry time; the next reminder may ring sooner.
      const retry = failures.length ? now + REMINDER_RETRY_MINUTES * 60_000 : Number.POSITIVE_INFINITY;
      const target = Math.min(check.nextAlarmAt ?? Number.POSITIVE_INFINITY, nextSweep, retry);
      // Alarms run on the real clock; the test clock only shifts "now".
      await browser.alarms.create(REMINDER_ALARM, { when: Date.now() + Math.max(1000, target - now) });
    }
  } catch (e) {
    failures.push(errorText(e));
  }
  await report(failures, log);
}

/** The alarm at the retry time, unless it is already set to ring sooner. */
async function armRetry(): Promise<void> {
  const retryAt = Date.now() + REMINDER_RETRY_MINUTES * 60_000;
  const existing = await browser.alarms.get(REMINDER_ALARM).catch(() => undefined);
  if (existing && existing.scheduledTime <= retryAt) return;
  await browser.alarms.create(REMINDER_ALARM, { when: retryAt });
}

async function report(failures: readonly string[], log: (m: string) => void): Promise<void> {
  try {
    if (failures.length === 0) {
      const stored = await browser.storage.local.get(REMINDER_RUN_STATUS_KEY);
      if (stored[REMINDER_RUN_STATUS_KEY] !== undefined) await browser.storage.local.remove(REMINDER_RUN_STATUS_KEY);
      return;
    }
    const message = failures.join('; ').slice(0, 1000);
    log(`reminders: ${message}`);
    const status: ReminderRunStatus = { ok: false, at: Date.now(), message, retryMinutes: REMINDER_RETRY_MINUTES };
    await browser.storage.local.set({ [REMINDER_RUN_STATUS_KEY]: status });
  } catch (e) {
    log(`reminders: the run's status could not be stored: ${errorText(e)}`);
  }
}

async function setBadge(count: number): Promise<void> {
  await browser.action.setBadgeBackgroundColor({ color: '#ff5000' });
  await browser.action.setBadgeText({ text: count > 0 ? (count > 99 ? '99+' : String(count)) : '' });
}

type Translate = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => string;

/** One notification per reminder, or one summary when several come due together. */
async function notify(fire: readonly Reminder[], missed: number, locale: UiLocale): Promise<void> {
  if (fire.length === 0) return;
  const t: Translate = (key, params) => translate(locale, key, params);
  try {
    await show(fire, missed, browser.runtime.getURL(ICON_FILE as '/sidebar.html'), locale, t);
  } catch {
    // Notifications turned off: the badge and the popup still show what is due.
  }
}

async function show(
  fire: readonly Reminder[],
  missed: number,
  iconUrl: string,
  locale: UiLocale,
  t: Translate,
): Promise<void> {
  const base = {
    type: 'basic' as const,
    iconUrl,
    priority: 1,
    ...(missed > 0 ? { contextMessage: t('reminder_missedWhileAway', { count: missed }) } : {}),
  };
  if (fire.length <= 3) {
    for (const r of fire) {
      await browser.notifications.create(`htk-reminder|${r.id}`, {
        ...base,
        title: `${r.nick} · ${reminderTitle(r, locale)}`,
        message: r.note || t('sg_notifyOpenChat'),
      });
    }
    return;
  }
  await browser.notifications.create(`htk-reminders|${fire[0]!.id}`, {
    ...base,
    title: t('sg_notifyMany', { count: fire.length }),
    message: fire
      .slice(0, 4)
      .map((r) => `${r.nick} · ${reminderTitle(r, locale)}`)
      .join('\n'),
  });
}

/** A reminder's notification was clicked: bring the console tab showing that buyer's conversation forward, if one does. */
async function openConversationOf(reminderId: string, conversations: () => OpenConversation[]): Promise<void> {
  const reminder = await db().reminders.get(reminderId);
  if (!reminder) return;
  const tabId = conversationTabFor(reminder.buyerId, conversations());
  if (tabId === null) return;
  const tab = await browser.tabs.update(tabId, { active: true });
  if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
}

/**
 * Registers the listeners; call synchronously at the top of the background so a worker woken by
 * the alarm receives it. Also runs once now: whatever woke the worker, missed reminders fire.
 */
export function setupReminders(log: (m: string) => void, conversations: () => OpenConversation[] = () => []): void {
  const run = () => void requestReminderRun(log);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMINDER_ALARM) run();
  });
  browser.runtime.onStartup.addListener(run);
  browser.runtime.onInstalled.addListener(run);
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith('htk-reminder')) return;
    void browser.notifications.clear(id);
    if (id.startsWith('htk-reminder|'))
      void openConversationOf(id.slice('htk-reminder|'.length), conversations).catch((e: unknown) =>
        log(`notification click: ${String(e)}`),
      );
  });
  Dexie.on('storagemutated', (parts: Record<string, unknown>) => {
    const name = db().name;
    const touched = (table: string) => Object.keys(parts).some((k) => k.startsWith(`idb://${name}/${table}/`));
    if (touched('importRuns') || touched('reminders')) run();
  });
  watchTestClock(run);
  run();
}
