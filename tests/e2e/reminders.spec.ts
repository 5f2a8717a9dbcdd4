import type { BrowserContext, Worker } from '@playwright/test';
import iconv from 'iconv-lite';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TAOBAO_HEADER_ROW, taobaoRow } from '../../lib/demo/taobao-export';
import type { DemoOrder } from '../../lib/demo/orders';
import { epochOfLocalDateTime, localDateAt } from '../../lib/reminders/time';
import { expect, importFiles, openConsole, sidebarFrame, test } from './fixtures';

const TZ = 'Asia/Shanghai';
const MIN = 60_000;
const NICK = '催付测试买家';

/** A one-order 订单报表: an order placed at `createdAt` (shop time) and not paid. */
function unpaidExport(dir: string, createdAt: string): string {
  const order: DemoOrder = {
    orderId: '4000000000000000001',
    buyerIndex: 1,
    buyerNick: NICK,
    status: 'awaiting_payment',
    rawStatus: '等待买家付款',
    createdAt,
    paidAt: null,
    confirmedAt: null,
    goodsCents: 12_900,
    shippingCents: 0,
    discountCents: 0,
    paidCents: 0,
    refundCents: 0,
    lines: [{ productId: 'p1', title: '羊毛混纺开衫', category: 'clothing', quantity: 1, priceCents: 12_900 }],
    closeReason: '',
    buyerMessage: '',
    sellerMemo: '',
    logisticsNo: '',
    logisticsCompany: '',
    receiver: '王某某',
    address: '浙江省 杭州市 西湖区 示例路1号',
    mobile: '19900000001',
    mobileOrder: true,
    invoiceTitle: '',
  };
  const file = join(dir, `ExportOrderList${createdAt.slice(0, 10).replace(/-/g, '')}0000.csv`);
  writeFileSync(file, iconv.encode(`${TAOBAO_HEADER_ROW}\n${taobaoRow(order)}\n`, 'gb18030'));
  return file;
}

async function backgroundWorker(context: BrowserContext): Promise<Worker> {
  const [worker] = context.serviceWorkers();
  return worker ?? context.waitForEvent('serviceworker');
}

/** The parts of the extension API these tests call inside the service worker. */
interface WorkerChrome {
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
  action: { getBadgeText(details: object): Promise<string> };
}
declare const chrome: WorkerChrome;

/** The demo build's controllable clock (see entrypoints/background/clock.ts). */
async function setClockOffset(worker: Worker, ms: number): Promise<void> {
  await worker.evaluate((offset) => chrome.storage.local.set({ testClockOffsetMs: offset }), ms);
}

const badge = (worker: Worker) => worker.evaluate(() => chrome.action.getBadgeText({}));

test.describe('follow-up reminders', () => {
  test('an unpaid order becomes a reminder due 10 minutes after it was placed: badge, popup and sidebar', async ({
    context,
    extensionId,
  }) => {
    const worker = await backgroundWorker(context);
    // The order is placed at 14:00 shop time, away from quiet hours; the clock is set to a minute later.
    const createdAt = `${localDateAt(Date.now(), TZ)} 14:00:00`;
    const placed = epochOfLocalDateTime(createdAt, TZ);
    await setClockOffset(worker, placed + MIN - Date.now());

    const dir = mkdtempSync(join(tmpdir(), 'htk-unpaid-'));
    try {
      await importFiles(context, extensionId, [unpaidExport(dir, createdAt)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // Created, but not due yet.
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.getByTestId('popup-reminders')).toBeVisible();
    await expect.poll(() => badge(worker)).toBe('');
    await expect(popup.getByTestId('reminder-item')).toHaveCount(1);
    await expect(popup.locator('[data-testid="reminder-item"] .rm-due')).toHaveCount(0);

    // Nine minutes later: still not due. Ten minutes after the order: due.
    await setClockOffset(worker, placed + 9 * MIN - Date.now());
    await popup.reload();
    await expect(popup.getByTestId('popup-reminders')).toBeVisible();
    expect(await badge(worker)).toBe('');
    await setClockOffset(worker, placed + 10 * MIN + 5000 - Date.now());
    await expect.poll(() => badge(worker)).toBe('1');

    await popup.reload();
    const item = popup.getByTestId('reminder-item');
    await expect(item).toHaveCount(1);
    await expect(item).toHaveAttribute('data-kind', 'unpaid');
    await expect(item).toContainText(NICK);
    await expect(item).toContainText('催付');
    await expect(popup.getByTestId('popup-due-count')).toContainText('1');

    // The same reminder in the buyer's sidebar, with a quick reminder added in two keystrokes.
    const page = await openConsole(
      context,
      `?buyer=${encodeURIComponent(NICK)}&nick=${encodeURIComponent(NICK)}&script=off`,
    );
    await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
    await page.evaluate((id) => window.__demoConsole!.receive(id, '在吗，我还没付款'), NICK);
    const frame = await sidebarFrame(page, extensionId);
    await expect(frame.getByTestId('buyer-nick')).toHaveText(NICK);
    const sidebarItems = frame.getByTestId('reminder-item');
    await expect(sidebarItems.first()).toHaveAttribute('data-kind', 'unpaid');
    // With an unpaid reminder open, the payment-reminder templates are suggested.
    await expect(
      frame.locator('[data-testid="suggestion-item"][data-template-id^="builtin.unpaid.first"]'),
    ).toBeVisible();

    const quick = frame.getByTestId('reminder-quick');
    await quick.fill('明天10点回访，问尺码是否合适');
    await expect(frame.getByTestId('reminder-preview')).toContainText('明天 10:00');
    await quick.press('Enter');
    await expect(frame.locator('[data-testid="reminder-item"][data-kind="manual"]')).toContainText(
      '回访，问尺码是否合适',
    );

    // Done in the popup: the badge clears.
    await popup.bringToFront();
    await popup.locator('[data-testid="reminder-item"][data-kind="unpaid"]').getByTestId('reminder-done').click();
    await expect.poll(() => badge(worker)).toBe('');
    await expect(popup.getByTestId('popup-due-count')).toHaveCount(0);
  });
});
