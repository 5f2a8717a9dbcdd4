import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayNumber, fromDayNumber } from '../../lib/dates/local-date';
import { todayIn } from '../../lib/settings/app';
import { expect, importFiles, openConsole, sidebarFrame, test } from './fixtures';

/**
 * Issue 19: Pinduoduo's and Douyin's order exports have no buyer column, so their buyers were all
 * 新客户. The console's order panel shows the open buyer's order ids; the extension ties those
 * imported orders to the buyer, and keeps orders no export has yet as live orders.
 *
 * The real-shaped exports of tests/fixtures/exports are moved so that their export day is today
 * (the stage must not drift with the calendar).
 */
function exportAsOfToday(name: string, exportDay: string): string {
  const shift = dayNumber(todayIn('Asia/Shanghai', Date.now())) - dayNumber(exportDay);
  const text = readFileSync(join(process.cwd(), 'tests', 'fixtures', 'exports', name), 'utf8').replace(
    /\b(\d{4}-\d{2}-\d{2})\b/g,
    (d) => fromDayNumber(dayNumber(d) + shift),
  );
  const file = join(mkdtempSync(join(tmpdir(), 'htk-live-')), name);
  writeFileSync(file, text);
  return file;
}

type DemoApi = {
  placeOrder(buyerId: string, order: { id: string; amount?: number; status: string; tracking?: string }): void;
};

test('Pinduoduo: an export without buyers, then the order panel shows two of its orders → the buyer has a level, a stage, orders and spend', async ({
  context,
  extensionId,
}) => {
  const summary = await importFiles(context, extensionId, [
    exportAsOfToday('pinduoduo-orders-20251010.csv', '2025-10-10'),
  ]);
  expect(summary).toContain('3');

  const page = await openConsole(
    context,
    `?script=off&platform=pinduoduo&buyer=pdd_8823014491&nick=${encodeURIComponent('墨墨的小铺常客')}&orders=251007-607198974342268,251009-998877665544332`,
  );
  await expect(page.getByTestId('console-order')).toHaveCount(2);
  await expect(page.getByTestId('console-order').first()).toHaveAttribute('data-order-id', '251007-607198974342268');
  const frame = await sidebarFrame(page, extensionId);
  await expect(frame.getByTestId('buyer-nick')).toHaveText('墨墨的小铺常客');
  // 42.90 + 1,059.00 paid: ¥1,101.90 reaches the ¥1,000 level; the latest order was placed yesterday.
  await expect(frame.getByTestId('buyer-level')).toHaveAttribute('data-value', 'VIP3');
  await expect(frame.getByTestId('buyer-stage')).toHaveAttribute('data-value', 'active');
  await expect(frame.getByTestId('buyer-orders')).toHaveText('2');
  await expect(frame.getByTestId('buyer-total')).toContainText('1,101.90');
  await expect(frame.getByTestId('buyer-new')).toHaveCount(0);
  await expect(frame.getByTestId('buyer-live')).toHaveAttribute('data-linked', '2');
  // How current the data is: its newest order (shipped the day before the export was taken), not the import day.
  const dayBefore = fromDayNumber(dayNumber(todayIn('Asia/Shanghai', Date.now())) - 1);
  await expect(frame.getByTestId('buyer-freshness')).toHaveAttribute('data-value', dayBefore);
  await expect(frame.getByTestId('buyer-freshness')).toContainText(dayBefore.slice(5));

  // For good: the buyer opened again without the panel's orders keeps them.
  const again = await openConsole(
    context,
    `?script=off&platform=pinduoduo&buyer=pdd_8823014491&nick=${encodeURIComponent('墨墨的小铺常客')}`,
  );
  const frame2 = await sidebarFrame(again, extensionId);
  await expect(frame2.getByTestId('buyer-level')).toHaveAttribute('data-value', 'VIP3');
  await expect(frame2.getByTestId('buyer-orders')).toHaveText('2');
});

test('Douyin: an export without buyers is tied by the panel; an order placed now counts live, once, and follows its payment', async ({
  context,
  extensionId,
}) => {
  await importFiles(context, extensionId, [exportAsOfToday('douyin-orders-20251010.csv', '2025-10-10')]);
  const page = await openConsole(
    context,
    `?script=off&platform=douyin&buyer=dy_5561&nick=${encodeURIComponent('小鹿爱吃糖')}&orders=6929012345678901234`,
  );
  const frame = await sidebarFrame(page, extensionId);
  // ¥2,598 paid (the refunded ¥59 eye mask does not count): the ¥1,000 level.
  await expect(frame.getByTestId('buyer-level')).toHaveAttribute('data-value', 'VIP3');
  await expect(frame.getByTestId('buyer-stage')).toHaveAttribute('data-value', 'active');
  await expect(frame.getByTestId('buyer-orders')).toHaveText('1');
  await expect(frame.getByTestId('buyer-total')).toContainText('2,598');

  // A new order, not in any export: shown as live, unpaid (not counted as paid yet).
  await page.evaluate(() =>
    (window as unknown as { __demoConsole: DemoApi }).__demoConsole.placeOrder('dy_5561', {
      id: '6930000000000000001',
      amount: 100,
      status: 'unpaid',
    }),
  );
  await expect(page.locator('[data-testid="console-order"][data-order-id="6930000000000000001"]')).toHaveCount(1);
  await expect(frame.getByTestId('buyer-live')).toHaveAttribute('data-console-orders', '1');
  await expect(frame.getByTestId('buyer-orders')).toHaveText('1');
  // Paid: counted once, with its amount.
  await page.evaluate(() =>
    (window as unknown as { __demoConsole: DemoApi }).__demoConsole.placeOrder('dy_5561', {
      id: '6930000000000000001',
      status: 'paid',
    }),
  );
  await expect(frame.getByTestId('buyer-orders')).toHaveText('2');
  await expect(frame.getByTestId('buyer-total')).toContainText('2,698');
  await expect(page.getByTestId('console-order')).toHaveCount(2);
});

test("the demo's Pinduoduo mode: its export has no buyer column; a chatting buyer's order panel ties their orders, and the buyer is in the buyers table", async ({
  context,
  extensionId,
}) => {
  const dir = join(process.cwd(), 'demo', 'dist', 'data');
  const csv = readdirSync(dir).find((n) => /^pinduoduo-orders-\d{12}\.csv$/.test(n));
  expect(csv).toBeDefined();
  const panels = (
    JSON.parse(readFileSync(join(dir, 'pinduoduo-panels.json'), 'utf8')) as {
      panels: Record<string, { id: string; status: string }[]>;
    }
  ).panels;
  const chats = (
    JSON.parse(readFileSync(join(dir, 'conversations.json'), 'utf8')) as {
      conversations: { buyerId: string; nick: string }[];
    }
  ).conversations;
  const [buyer, orders] = Object.entries(panels).find(([, p]) => p.some((o) => o.status !== 'unpaid'))!;
  const nick = chats.find((c) => c.buyerId === buyer)!.nick;
  await importFiles(context, extensionId, [join(dir, csv!)]);

  const page = await openConsole(context, `?script=off&platform=pinduoduo&buyer=${encodeURIComponent(buyer)}`);
  await expect(page.getByTestId('console-order')).toHaveCount(orders.length);
  const frame = await sidebarFrame(page, extensionId);
  await expect(frame.getByTestId('buyer-nick')).toHaveText(nick);
  await expect(frame.getByTestId('buyer-live')).toHaveAttribute('data-linked', String(orders.length));
  await expect(frame.getByTestId('buyer-new')).toHaveCount(0);

  // A buyer everywhere: the options page's buyers table lists them.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#/data`);
  await expect(options.getByTestId('buyer-row').filter({ hasText: nick })).toHaveCount(1);
});
