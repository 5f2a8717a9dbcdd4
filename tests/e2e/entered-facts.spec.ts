import type { BrowserContext, Frame, Page, Worker } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { addDays } from '../../lib/dates/local-date';
import { epochOfLocalDateTime, localDateAt } from '../../lib/reminders/time';
import { expect, importFiles, openConsole, sidebarFrame, test } from './fixtures';
import { writeTaobaoCsv } from './hardening-helpers';

/** Facts no export has, entered by people: a buyer's birthday, the shop anniversary, product categories. */

const TZ = 'Asia/Shanghai';

async function backgroundWorker(context: BrowserContext): Promise<Worker> {
  const [worker] = context.serviceWorkers();
  return worker ?? context.waitForEvent('serviceworker');
}

interface WorkerChrome {
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
  action: { getBadgeText(details: object): Promise<string> };
}
declare const chrome: WorkerChrome;

/** The demo build's clock (entrypoints/background/clock.ts): "now" becomes this shop-local time. */
async function setClock(worker: Worker, localTime: string): Promise<void> {
  const offset = epochOfLocalDateTime(localTime, TZ) - Date.now();
  await worker.evaluate((ms) => chrome.storage.local.set({ testClockOffsetMs: ms }), offset);
}

async function consoleFor(
  context: BrowserContext,
  extensionId: string,
  key: string,
): Promise<{ page: Page; frame: Frame }> {
  const page = await openConsole(
    context,
    `?buyer=${encodeURIComponent(key)}&nick=${encodeURIComponent(key)}&script=off`,
  );
  const frame = await sidebarFrame(page, extensionId);
  await expect(frame.getByTestId('buyer-nick')).toHaveText(key);
  return { page, frame };
}

/** A recent paid order a few days before today, so every buyer has a profile. */
const recently = () => `${addDays(localDateAt(Date.now(), TZ), -5)} 10:00:00`;

test.describe('facts entered by people', () => {
  test('a birthday filled in the sidebar makes a birthday greeting reminder due on the day', async ({
    context,
    extensionId,
  }) => {
    const worker = await backgroundWorker(context);
    const key = '生日测试买家';
    const { page, frame } = await consoleFor(context, extensionId, key);
    const day = addDays(localDateAt(Date.now(), TZ), 3);
    const [month, date] = [Number(day.slice(5, 7)), Number(day.slice(8, 10))];

    await expect(frame.getByTestId('birthday-value')).toHaveText('未填写');
    await frame.getByTestId('birthday-edit').click();
    await frame.getByTestId('birthday-month').selectOption(String(month));
    await frame.getByTestId('birthday-day').selectOption(String(date));
    await frame.getByTestId('birthday-year').fill('1992');
    await frame.getByTestId('birthday-save').click();
    await expect(frame.getByTestId('birthday-value')).toHaveText(`1992年${month}月${date}日`);

    // Three days ahead: listed as upcoming, not due.
    const greeting = frame.locator('[data-testid="reminder-item"][data-kind="birthday"]');
    await expect(greeting).toHaveCount(1);
    await expect(greeting.locator('.rm-due')).toHaveCount(0);

    // On the day, after the send time: due, on the badge and in the sidebar.
    await setClock(worker, `${day} 10:30:00`);
    await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
    await page.reload();
    const after = await sidebarFrame(page, extensionId);
    await expect(after.getByTestId('birthday-value')).toHaveText(`1992年${month}月${date}日`);
    await expect(after.locator('[data-testid="reminder-item"][data-kind="birthday"] .rm-due')).toHaveCount(1);
    await expect(after.locator('[data-testid="reminder-item"][data-kind="birthday"]')).toContainText('生日问候');
  });

  test('the shop anniversary set in Settings makes the 店庆 rule offer its coupon on that day', async ({
    context,
    extensionId,
  }, testInfo) => {
    const worker = await backgroundWorker(context);
    const key = 'tb_店庆测试';
    await importFiles(context, extensionId, [
      writeTaobaoCsv(testInfo.outputPath('orders.csv'), [
        { order: '7100000000001', buyer: key, title: '暖柚 加绒打底裤', created: recently() },
      ]),
    ]);
    const day = addDays(localDateAt(Date.now(), TZ), 2);
    const [month, date] = [Number(day.slice(5, 7)), Number(day.slice(8, 10))];

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#/settings`);
    await expect(options.getByTestId('anniversary-current')).toContainText('未设置');
    await options.getByTestId('anniversary-month').selectOption(String(month));
    await options.getByTestId('anniversary-day').selectOption(String(date));
    await options.getByTestId('anniversary-save').click();
    await expect(options.getByTestId('anniversary-current')).toHaveText(`每年 ${month}月${date}日`);

    const { page, frame } = await consoleFor(context, extensionId, key);
    await expect(frame.getByTestId('coupon-item').first()).toBeVisible();
    await expect(frame.locator('[data-testid="coupon-item"][data-coupon-id="anniversary_30_off"]')).toHaveCount(0);

    await setClock(worker, `${day} 12:00:00`);
    await page.reload();
    const onDay = await sidebarFrame(page, extensionId);
    const coupon = onDay.locator('[data-testid="coupon-item"][data-coupon-id="anniversary_30_off"]');
    await expect(coupon).toBeVisible();
    await expect(coupon.getByTestId('coupon-reason')).toContainText('店庆日');
  });

  test('a product category table imported on the concerns page filters the concern export by category', async ({
    context,
    extensionId,
  }, testInfo) => {
    test.setTimeout(120_000);
    await importFiles(context, extensionId, [
      writeTaobaoCsv(testInfo.outputPath('orders.csv'), [
        { order: '7200000000001', buyer: 'tb_dress', title: '法式碎花连衣裙 收腰', created: recently() },
        { order: '7200000000002', buyer: 'tb_cream', title: '柚见 屏障修护面霜50g', created: recently() },
      ]),
    ]);
    for (const key of ['tb_dress', 'tb_cream']) {
      const { page, frame } = await consoleFor(context, extensionId, key);
      await page.evaluate((id) => window.__demoConsole!.receive(id, '这件偏大吗？我平时穿M码'), key);
      await frame.locator('[data-testid="concern-chip"][data-concern="size"]').first().click();
      await expect(frame.locator('[data-testid="concern-item"][data-concern="size"]')).toHaveCount(1);
      await page.close();
    }

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#/concerns`);
    await expect(options.getByTestId('concern-export-categories')).toContainText('还没有商品类目表');
    const table = testInfo.outputPath('商品类目.csv');
    writeFileSync(table, '商品,类目\r\n连衣裙,女装\r\n面霜,美妆\r\n,缺了商品\r\n');
    await options.getByTestId('category-import').setInputFiles(table);
    const result = options.getByTestId('category-import-result');
    await expect(result).toContainText('新增 2');
    await expect(options.getByTestId('category-issue')).toHaveText([
      '商品类目.csv 第4行第1列：商品是空的，这一行没有导入',
    ]);
    await expect(options.getByTestId('category-row')).toHaveCount(2);

    await options.locator('[data-testid="concern-export-categories"] [data-value="女装"]').click();
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByTestId('export-concerns-csv').click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    const header = csv[0]!.split(',');
    const rows = csv.slice(1).map((line) => line.split(','));
    expect(rows.map((r) => [r[header.indexOf('buyer')], r[header.indexOf('category')]])).toEqual([
      ['tb_dress', '女装'],
    ]);
  });
});
