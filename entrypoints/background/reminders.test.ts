import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { db } from '@/lib/db/database';
import * as stored from '@/lib/db/reminders';
import { REMINDER_RETRY_MINUTES, REMINDER_RUN_STATUS_KEY, parseReminderRunStatus } from '@/lib/reminders/run-status';
import { REMINDER_ALARM, requestReminderRun } from './reminders';

vi.mock('@/lib/db/reminders', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/db/reminders')>();
  return { ...real, sweepProfiles: vi.fn(real.sweepProfiles), runReminderCheck: vi.fn(real.runReminderCheck) };
});

const MIN = 60_000;
const log = vi.fn();

async function runStatus() {
  return parseReminderRunStatus(
    (await fakeBrowser.storage.local.get(REMINDER_RUN_STATUS_KEY))[REMINDER_RUN_STATUS_KEY],
  );
}

beforeEach(async () => {
  fakeBrowser.reset();
  log.mockClear();
  // The fake browser has no badge; the real one does.
  fakeBrowser.action.setBadgeText = vi.fn(async () => {});
  fakeBrowser.action.setBadgeBackgroundColor = vi.fn(async () => {});
  await db().reminders.clear();
});

describe('the background reminder run', () => {
  it('re-arms its alarm, logs and reports when the run throws', async () => {
    vi.mocked(stored.runReminderCheck).mockRejectedValueOnce(new Error('QuotaExceededError: disk full'));
    const before = Date.now();
    await requestReminderRun(log);
    const alarm = await fakeBrowser.alarms.get(REMINDER_ALARM);
    expect(alarm).toBeDefined();
    expect(alarm!.scheduledTime).toBeGreaterThanOrEqual(before + REMINDER_RETRY_MINUTES * MIN);
    expect(alarm!.scheduledTime).toBeLessThanOrEqual(Date.now() + REMINDER_RETRY_MINUTES * MIN);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('disk full'));
    expect(await runStatus()).toMatchObject({
      ok: false,
      message: expect.stringContaining('check: QuotaExceededError: disk full'),
      retryMinutes: REMINDER_RETRY_MINUTES,
    });
  });

  it('a failed sweep does not keep a due reminder from ringing; the next good run clears the report', async () => {
    const now = Date.now();
    const r = await stored.addManualReminder(
      db(),
      { buyerId: 'taobao:小鹿', nick: '小鹿', platform: 'taobao', dueAt: now - MIN, note: '问尺码' },
      now - 2 * MIN,
    );
    const shown = vi.spyOn(fakeBrowser.notifications, 'create');
    vi.mocked(stored.sweepProfiles).mockRejectedValueOnce(new Error('buyer index unreadable'));
    await requestReminderRun(log);
    expect(shown).toHaveBeenCalledWith(`htk-reminder|${r.id}`, expect.objectContaining({ message: '问尺码' }));
    expect((await runStatus())?.message).toContain('sweep: buyer index unreadable');
    // The alarm rings again by the retry time to sweep again.
    expect((await fakeBrowser.alarms.get(REMINDER_ALARM))!.scheduledTime).toBeLessThanOrEqual(
      Date.now() + REMINDER_RETRY_MINUTES * MIN,
    );

    await requestReminderRun(log);
    expect(await runStatus()).toBeNull();
    // Nothing failing, the alarm is set for the next sweep (tomorrow), not the retry.
    expect((await fakeBrowser.alarms.get(REMINDER_ALARM))!.scheduledTime).toBeGreaterThan(
      Date.now() + REMINDER_RETRY_MINUTES * MIN,
    );
  });
});
