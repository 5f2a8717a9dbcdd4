import type { BrowserContext, Page, Worker } from '@playwright/test';
import { epochAt, localDateAt } from '../../lib/reminders/time';
import { DEMO_URL, expect, readStore, sidebarFrame, test } from './fixtures';

/**
 * Issue 19, items 3 and 4: an order placed in the demo console's order panel is due for 催付 at 10
 * minutes (test clock) and 24 hours, and payment closes it; a shipped order offers the shipping
 * notice with its tracking number; a concern raised after a product card is stored and exported
 * with that product.
 */
const TZ = 'Asia/Shanghai';
const MIN = 60_000;

interface WorkerChrome {
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
}
declare const chrome: WorkerChrome;
type DemoApi = {
  placeOrder(buyerId: string, order: { id: string; amount?: number; status: string; tracking?: string }): void;
};
interface StoredReminder {
  kind: string;
  orderId?: string;
  dueAt: number;
  status: string;
  buyerId: string;
}

async function backgroundWorker(context: BrowserContext): Promise<Worker> {
  const [worker] = context.serviceWorkers();
  return worker ?? context.waitForEvent('serviceworker');
}
const setClockOffset = (worker: Worker, ms: number) =>
  worker.evaluate((offset) => chrome.storage.local.set({ testClockOffsetMs: offset }), ms);

/**
 * The demo console at `query`, its own clock at `placed`, the moment the extension's test clock
 * shows (the panel stamps orders in shop time, Asia/Shanghai, whatever the machine's zone): away
 * from quiet hours on any day the test runs.
 */
async function consoleAt(context: BrowserContext, query: string, placed: number): Promise<Page> {
  const page = await context.newPage();
  await page.clock.install({ time: placed });
  await page.goto(`${DEMO_URL}${query}`);
  await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
  return page;
}

const place = (page: Page, buyer: string, order: { id: string; amount?: number; status: string; tracking?: string }) =>
  page.evaluate(([b, o]) => (window as unknown as { __demoConsole: DemoApi }).__demoConsole.placeOrder(b, o), [
    buyer,
    order,
  ] as const);

test('an order placed unpaid in the console is due for 催付 at 10 minutes and 24 hours, payment closes it, shipping offers the notice with its tracking number', async ({
  context,
  extensionId,
}) => {
  const worker = await backgroundWorker(context);
  const placed = epochAt(localDateAt(Date.now(), TZ), 14 * 60, TZ);
  await setClockOffset(worker, placed + MIN - Date.now());
  const buyer = 'pdd_evt_1';
  const page = await consoleAt(
    context,
    `?script=off&platform=pinduoduo&buyer=${buyer}&nick=${encodeURIComponent('小鹿爱吃糖')}`,
    placed,
  );
  const frame = await sidebarFrame(page, extensionId);
  await expect(frame.getByTestId('buyer-nick')).toHaveText('小鹿爱吃糖');

  await place(page, buyer, { id: 'EVT-241207-1', amount: 59, status: 'unpaid' });
  const unpaid = async () =>
    (await readStore<StoredReminder>(context, extensionId, 'reminders')).filter(
      (r) => r.kind === 'unpaid' && r.orderId === 'EVT-241207-1',
    );
  await expect.poll(async () => (await unpaid()).length).toBe(2);
  const due = (await unpaid()).map((r) => Math.round((r.dueAt - placed) / MIN)).sort((a, b) => a - b);
  expect(due[0]).toBe(10);
  expect(due[1]).toBeGreaterThanOrEqual(24 * 60); // 24 h after, later if that falls in quiet hours
  // Not due a minute after; due at ten minutes (test clock), in the sidebar.
  await expect(frame.locator('[data-testid="reminder-item"][data-kind="unpaid"]')).toHaveCount(2);
  await setClockOffset(worker, placed + 10 * MIN + 5000 - Date.now());
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('popup-due-count')).toContainText('1');
  await expect(popup.locator('[data-testid="reminder-item"][data-kind="unpaid"] .rm-due')).toHaveCount(1);

  // The same order seen again (a reload) makes nothing new.
  await page.reload();
  await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
  const reloaded = await sidebarFrame(page, extensionId);
  await expect(reloaded.locator('[data-testid="reminder-item"][data-kind="unpaid"]')).toHaveCount(2);
  expect(await unpaid()).toHaveLength(2);

  // Paid: both 催付 closed.
  await place(page, buyer, { id: 'EVT-241207-1', status: 'paid' });
  await expect.poll(async () => (await unpaid()).map((r) => r.status).sort()).toEqual(['dismissed', 'dismissed']);

  // Shipped: the shipping notice, with its tracking number, offered in the sidebar.
  await place(page, buyer, { id: 'EVT-241207-1', status: 'shipped', tracking: 'YT7500000000001' });
  await expect
    .poll(
      async () =>
        (await readStore<StoredReminder>(context, extensionId, 'reminders')).filter((r) => r.kind === 'shipping')
          .length,
    )
    .toBe(1);
  const notice = reloaded.locator('[data-testid="suggestion-item"][data-template-id^="builtin.shipping"]');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('YT7500000000001');
});

test('a concern raised after a product card is stored and exported with that product', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(DEMO_URL);
  await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
  const card = page.getByTestId('product-card').last();
  await expect(card).toBeVisible();
  const productId = await card.getAttribute('data-product-id');
  const buyer = await page.getByTestId('current-buyer').getAttribute('data-buyer-id');
  const frame = await sidebarFrame(page, extensionId);
  await page.evaluate((id) => window.__demoConsole!.receive(id!, '这个尺码偏大还是偏小，我平时穿M'), buyer);
  const chip = frame.locator('[data-testid="concern-chip"][data-concern="size"]');
  await chip.click();
  await expect(frame.getByTestId('concern-product').first()).toHaveAttribute('data-product-id', productId!);
  const concerns = await readStore<{ concern: string; product?: { id: string | null; title: string } }>(
    context,
    extensionId,
    'concerns',
  );
  expect(concerns.find((c) => c.concern === 'size')?.product?.id).toBe(productId);
});
