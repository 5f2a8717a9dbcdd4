import type { BrowserContext } from '@playwright/test';
import { daysBetween } from '../../lib/dates/local-date';
import { localDateAt } from '../../lib/reminders/time';
import { DEMO_EXPORT, expect, importFiles, openConsole, readBuyers, sidebarFrame, test } from './fixtures';

async function silentBuyers(context: BrowserContext, extensionId: string): Promise<string[]> {
  const today = localDateAt(Date.now(), 'Asia/Shanghai');
  const buyers = (await readBuyers(context, extensionId)).filter(
    (b) =>
      b.platform === 'taobao' &&
      b.metrics.paidOrders >= 2 &&
      b.metrics.lastPaidDate !== null &&
      daysBetween(b.metrics.lastPaidDate, today) >= 50 &&
      daysBetween(b.metrics.lastPaidDate, today) <= 80,
  );
  expect(buyers.length, 'the demo data has two returning buyers in the silent stage').toBeGreaterThanOrEqual(2);
  return buyers.slice(0, 2).map((b) => b.buyerKey);
}

test('a supervisor writes Thai and Vietnamese variants; a buyer writing Thai or Vietnamese is offered their own', async ({
  context,
  extensionId,
}) => {
  await importFiles(context, extensionId, [DEMO_EXPORT]);
  const [thaiBuyer, vietnameseBuyer] = await silentBuyers(context, extensionId);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#/templates`);
  await options.getByTestId('template-new').click();
  await options.getByTestId('template-title').fill('沉默期问候（多语言）');
  const body = options.getByTestId('template-body');
  await body.fill('好久不见，新款到了');
  for (const [lang, label, text] of [
    ['th', '泰文', 'สวัสดีค่ะ สินค้าใหม่มาแล้ว'],
    ['vi', '越南文', 'Lâu rồi không gặp, hàng mới về rồi ạ'],
  ] as const) {
    await options.getByTestId(`variant-toggle-${lang}`).click();
    await expect(options.getByTestId('variant-tabs')).toContainText(label);
    await body.fill(text);
  }
  // An empty Malay/Indonesian variant is named in words and blocks saving until it is removed.
  await options.getByTestId('variant-toggle-ms').click();
  await expect(options.getByTestId('template-errors')).toContainText('马来文/印尼文');
  await expect(options.getByTestId('template-save')).toBeDisabled();
  await options.getByTestId('variant-toggle-ms').click();
  await options.locator('[data-testid="cond-stages"] [data-value="silent"]').click();
  await options.getByTestId('template-save').click();
  await expect(options.getByRole('status')).toContainText('v1');
  const templateId = await options
    .locator('[data-testid="template-item"]', { hasText: '沉默期问候（多语言）' })
    .getAttribute('data-template-id');

  for (const [buyer, message, expected] of [
    [thaiBuyer!, 'สวัสดีค่ะ มีไซส์ M ไหมคะ', 'สินค้าใหม่มาแล้ว'],
    [vietnameseBuyer!, 'Shop ơi, còn size M không ạ? Giao hàng mấy ngày?', 'hàng mới về'],
  ] as const) {
    const page = await openConsole(
      context,
      `?buyer=${encodeURIComponent(buyer)}&nick=${encodeURIComponent(buyer)}&script=off`,
    );
    const frame = await sidebarFrame(page, extensionId);
    await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
    await page.evaluate(([id, text]) => window.__demoConsole!.receive(id!, text!), [buyer, message]);
    const item = frame.locator(`[data-testid="suggestion-item"][data-template-id="${templateId}"]`);
    await expect(item.getByTestId('suggestion-preview')).toContainText(expected);
    await page.close();
  }
});
