import type { BrowserContext, Page, Worker } from '@playwright/test';
import { expect, openConsole, sidebarFrame, test } from './fixtures';

/** Writes the settings record straight into the extension's IndexedDB, as a hand edit or an old version would. */
async function storeSettings(page: Page, value: unknown): Promise<void> {
  await page.evaluate(async (v) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('huitouke');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('settings', 'readwrite');
      tx.objectStore('settings').put({ key: 'app', value: v, updatedAt: Date.now() });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, value);
}

async function backgroundWorker(context: BrowserContext): Promise<Worker> {
  const [worker] = context.serviceWorkers();
  return worker ?? context.waitForEvent('serviceworker');
}

/** The parts of the extension API this test calls inside the service worker. */
interface WorkerChrome {
  storage: {
    local: { set(items: Record<string, unknown>): Promise<void>; get(key: string): Promise<Record<string, unknown>> };
  };
  alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined>; clear(name: string): Promise<boolean> };
}
declare const chrome: WorkerChrome;

test.describe('a setting stored wrong', () => {
  test('a time zone typo in storage: the sidebar, the options page and the reminder run keep working, and Settings says what to fix', async ({
    context,
    extensionId,
  }) => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#/data`);
    await expect(options.getByTestId('nav-settings')).toBeVisible();
    await storeSettings(options, { uiLocale: 'zh-CN', shopName: '小鹿家', timeZone: 'Asia/Shanghia' });

    // The sidebar on a console shows the open buyer and its panels, no error.
    const page = await openConsole(context, '?buyer=tb_tz_typo&nick=tb_tz_typo&script=off');
    const frame = await sidebarFrame(page, extensionId);
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_tz_typo');
    await frame.getByTestId('note-input').fill('时区写错了也能记');
    await frame.getByTestId('note-input').press('Enter');
    await expect(frame.getByTestId('note-item')).toHaveCount(1);
    await expect(frame.getByTestId('error-boundary')).toHaveCount(0);

    // The reminder run (woken by the test clock) completes and sets its alarm; nothing is reported failed.
    const worker = await backgroundWorker(context);
    await worker.evaluate(() => chrome.alarms.clear('htk-reminders'));
    await worker.evaluate(() => chrome.storage.local.set({ testClockOffsetMs: 1000 }));
    await expect
      .poll(() => worker.evaluate(async () => (await chrome.alarms.get('htk-reminders'))?.scheduledTime ?? 0))
      .toBeGreaterThan(Date.now());
    expect(
      await worker.evaluate(
        async () => (await chrome.storage.local.get('reminderRunStatus')).reminderRunStatus ?? null,
      ),
    ).toBeNull();

    // The options page works, points to Settings, and Settings names the bad value.
    await options.reload();
    await expect(options.getByTestId('buyers-count')).toBeVisible();
    await expect(options.getByTestId('settings-fallback-banner')).toBeVisible();
    await options.getByTestId('nav-settings').click();
    await expect(options.getByTestId('settings-fallback')).toContainText('Asia/Shanghia');
    await expect(options.getByTestId('settings-timezone')).toHaveValue('Asia/Shanghai');
    await options.getByTestId('settings-timezone').selectOption('Asia/Bangkok');
    await options.getByTestId('settings-save').click();
    await expect(options.getByTestId('settings-fallback')).toHaveCount(0);
    await expect(options.getByTestId('settings-timezone')).toHaveValue('Asia/Bangkok');
    // The other settings were kept through the fallback and the save.
    await expect(options.getByTestId('settings-shop')).toHaveValue('小鹿家');

    // The popup opens too.
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.getByTestId('popup-reminders')).toBeVisible();
    await expect(popup.getByTestId('error-boundary')).toHaveCount(0);
  });
});
