import {
  adapterOf,
  confirmSizeConcern,
  expectBuyer,
  insertThroughHub,
  orderFile,
  sendEnabled,
} from './consoles-helpers';
import { expect, importFiles, openConsole, sidebarFrame, test } from './fixtures';

/**
 * The demo console (a React app) as a Taobao shop. ExportOrderList-demo.csv: 小鱼爱逛街 bought
 * once, ¥88, 120 days ago; the two other buyers bought more, more recently → VIP1, 一般挽留
 * (general_retain), 睡眠期 (sleeping).
 */
const BUYER = '小鱼爱逛街';
const WANT = { level: 'VIP1', segment: 'general_retain', stage: 'sleeping' };
const demo = adapterOf('demo');

for (const input of ['textarea', 'contenteditable'] as const) {
  test(`demo console (${input}): imported buyer, size concern kept across a reload, insertion without sending`, async ({
    context,
    extensionId,
  }) => {
    await importFiles(context, extensionId, [orderFile('ExportOrderList-demo.csv')]);
    const query = `?script=off&input=${input}&buyer=${encodeURIComponent(BUYER)}`;
    const page = await openConsole(context, query);
    await expect(page.locator('#demo-console')).toHaveAttribute('data-input', input);
    const frame = await sidebarFrame(page, extensionId);
    await expectBuyer(frame, BUYER, WANT);

    const question = '我平时穿M码，这件会不会偏小？';
    await confirmSizeConcern(
      frame,
      () =>
        page.evaluate(
          ([b, q]) =>
            void (
              window as unknown as { __demoConsole: { receive(b: string, t: string): string } }
            ).__demoConsole.receive(b!, q!),
          [BUYER, question],
        ),
      question,
    );

    const thread = page.locator(demo.selectors.messageRow);
    const rows = await thread.count();
    const reply = '亲，这款偏大半码，平时 M 码建议拍 S 码';
    expect(await sendEnabled(page, demo.selectors.sendButton!)).toBe(false);
    expect(await insertThroughHub(frame, reply)).toEqual({ ok: true });
    await expect.poll(() => sendEnabled(page, demo.selectors.sendButton!)).toBe(true);
    // The console's own character counter saw the change.
    await expect(page.getByTestId('char-count')).toHaveText(`${Array.from(reply).length}/500`);
    await page.waitForTimeout(300);
    await expect(thread).toHaveCount(rows);

    // Reload, then reopen the conversation from another one: the concern is listed.
    await page.goto(page.url().replace(/buyer=[^&]+/, 'buyer=tb_other_buyer'));
    const again = await sidebarFrame(page, extensionId);
    await expect(again.getByTestId('buyer-nick')).toHaveText('tb_other_buyer');
    await page.evaluate(
      (b) => (window as unknown as { __demoConsole: { open(b: string): void } }).__demoConsole.open(b),
      BUYER,
    );
    await expectBuyer(again, BUYER, WANT);
    await expect(
      again.locator('[data-testid="concern-item"][data-concern="size"]').filter({ hasText: question }),
    ).toHaveCount(1);
  });
}

test('demo console: back and forward between conversations (SPA navigation) move the sidebar along', async ({
  context,
  extensionId,
}) => {
  const page = await openConsole(context, '?script=off');
  const rows = page.getByTestId('conversation');
  await expect(rows.nth(2)).toBeVisible();
  const frame = await sidebarFrame(page, extensionId);
  const ids: string[] = [];
  for (const n of [0, 1, 2]) {
    const id = (await rows.nth(n).getAttribute('data-buyer-id'))!;
    ids.push(id);
    await rows.nth(n).click();
    await expect(frame.getByTestId('buyer-nick')).toHaveText(id);
  }
  await page.goBack();
  await expect(page.getByTestId('current-buyer')).toHaveAttribute('data-buyer-id', ids[1]!);
  await expect(frame.getByTestId('buyer-nick')).toHaveText(ids[1]!);
  await page.goForward();
  await expect(frame.getByTestId('buyer-nick')).toHaveText(ids[2]!);
});
