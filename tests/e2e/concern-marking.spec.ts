import { readFileSync } from 'node:fs';
import { expect, openConsole, readStore, sidebarFrame, test } from './fixtures';

/** Issue 23 item 1 (part): select text → concern, kept as a labelled example the supervisor exports. */

const MESSAGE = '我老公说穿上像麻袋';

test('the agent selects words the detector missed and marks them as a concern; the supervisor exports the example as JSONL', async ({
  context,
  extensionId,
}) => {
  const page = await openConsole(context, '?buyer=mk_buyer&nick=mk_buyer&script=off');
  const frame = await sidebarFrame(page, extensionId);
  await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
  await page.evaluate((text) => window.__demoConsole!.receive('mk_buyer', text), MESSAGE);
  await expect(frame.getByTestId('buyer-nick')).toHaveText('mk_buyer');
  // The detector finds nothing in it.
  await expect(frame.getByTestId('concern-chip')).toHaveCount(0);

  await frame.getByTestId('mark-concern-open').click();
  const message = frame.locator('[data-testid="mark-message"]', { hasText: MESSAGE });
  await expect(message).toBeVisible();
  // Select "像麻袋" in the message, as the agent would with the mouse.
  await message.evaluate((el) => {
    const node = el.firstChild!;
    const text = node.textContent ?? '';
    const start = text.indexOf('像麻袋');
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + 3);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  });
  await expect(frame.getByTestId('mark-picked')).toContainText('像麻袋');
  await frame.getByTestId('mark-concern-select').selectOption('size');
  await frame.getByTestId('mark-concern-save').click();
  await expect(frame.getByTestId('mark-concern-status')).toContainText('尺码');

  // Saved as the buyer's concern, with the selection as the quote.
  const item = frame.locator('[data-testid="concern-item"][data-concern="size"]');
  await expect(item).toBeVisible();
  await expect(item).toContainText('像麻袋');
  const stored = await readStore<{ concern: string; missed?: boolean; quote: string; messageText?: string }>(
    context,
    extensionId,
    'concerns',
  );
  expect(stored.map((c) => [c.concern, c.missed, c.quote, c.messageText])).toEqual([['size', true, '像麻袋', MESSAGE]]);

  // The supervisor exports the labelled example.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#/concerns`);
  await expect(options.getByTestId('concern-examples-count')).toContainText('1');
  const download = options.waitForEvent('download');
  await options.getByTestId('export-concern-examples').click();
  const lines = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\n');
  expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([{ text: MESSAGE, concerns: ['size'], lang: 'zh-CN' }]);
});
