import type { BrowserContext, Page } from '@playwright/test';
import { fixtureExpected, serveFixture } from './consoles-helpers';
import { expect, sidebarFrame, test } from './fixtures';

/**
 * A supervisor adds a console the extension does not ship (tests/fixtures/consoles/custom-lazada.html).
 * Permission prompts cannot be clicked in a headless browser, so the page is served on `localhost`,
 * which the demo/test build may already read: `permissions.request` then answers yes at once.
 * Prompts for new sites, and registration details, are covered by entrypoints/background/custom-consoles.test.ts.
 */
const PATTERN = 'http://localhost/apps/im/*';
const SELECTORS: Record<string, string> = {
  ready: '.im-container',
  buyerNick: '.session-header .buyer-name',
  buyerId: '.session-header .buyer-name',
  messageRow: '.message-list .message-item',
  messageText: '.message-text',
  authorBuyer: '.message-item.left',
  authorAgent: '.message-item.right',
  input: '.im-editor textarea',
  sendButton: '.im-send',
};

async function openForm(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#/consoles`);
  await options.getByTestId('consoles-add').click();
  await expect(options.getByTestId('consoles-editor')).toBeVisible();
  return options;
}

async function fill(options: Page, name: string, pattern: string, selectors: Record<string, string>) {
  await options.getByTestId('consoles-name').fill(name);
  await options.getByTestId('consoles-patterns').fill(pattern);
  for (const [key, value] of Object.entries(selectors)) await options.getByTestId(`consoles-sel-${key}`).fill(value);
}

const storedConsoles = (page: Page) =>
  page.evaluate(async () => {
    const storage = (
      globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }
    ).chrome.storage.local;
    return ((await storage.get('customConsoles')).customConsoles ?? []) as Array<{
      id: string;
      matches: string[];
      exampleUrls: string[];
    }>;
  });

async function registeredScripts(
  context: BrowserContext,
): Promise<Array<{ id: string; matches?: string[]; js?: string[] }>> {
  const [worker] = context.serviceWorkers();
  if (!worker) throw new Error('no service worker');
  return worker.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: {
          scripting: {
            getRegisteredContentScripts(): Promise<Array<{ id: string; matches?: string[]; js?: string[] }>>;
          };
        };
      }
    ).chrome.scripting.getRegisteredContentScripts(),
  );
}

test('the custom-console form says what is wrong, field by field, and stores nothing', async ({
  context,
  extensionId,
}) => {
  const options = await openForm(context, extensionId);
  await fill(options, '', 'https://*/*', {
    ...SELECTORS,
    messageRow: '.message-list .message-item[data-x="1"',
    input: '',
  });
  await options.getByTestId('consoles-save').click();

  const error = (field: string) => options.locator(`[data-testid="consoles-error"][data-field="${field}"]`);
  await expect(error('name')).toContainText('名称');
  await expect(error('matches')).toContainText('不能匹配所有网站');
  await expect(error('selectors.messageRow')).toContainText('不是有效的 CSS 选择器');
  await expect(error('selectors.input')).toContainText('输入框');
  await expect(error('selectors.ready')).toHaveCount(0);
  expect(await storedConsoles(options)).toEqual([]);
});

test('a supervisor tests selectors on an open tab, saves, and the sidebar then follows that console', async ({
  context,
  extensionId,
}) => {
  const expected = fixtureExpected('custom-lazada');
  const consolePage = await context.newPage();
  await consolePage.goto(await serveFixture(context, 'custom-lazada'));

  const options = await openForm(context, extensionId);
  await fill(options, 'Lazada 聊天', PATTERN, SELECTORS);
  await options.getByTestId('consoles-attr-buyerId').fill('data-buyer-uid');
  await options.getByTestId('consoles-test-run').click();
  // "This selector matches 12 rows; current buyer: 小鱼"
  await expect(options.getByTestId('consoles-test-summary')).toHaveText(
    `消息列表匹配 ${expected.messageCount} 条；当前买家：${expected.buyerNick}`,
  );
  await expect(options.locator('[data-testid="consoles-test-count"][data-field="input"]')).toHaveAttribute(
    'data-count',
    '1',
  );
  // The tested tab's address becomes the console's example address.
  await expect(options.getByTestId('consoles-example')).toHaveValue(expected.url);

  // A selector the page does not have is pointed out before saving.
  await options.getByTestId('consoles-sel-sendButton').fill('.im-send-v2');
  await options.getByTestId('consoles-test-run').click();
  await expect(options.locator('[data-testid="consoles-test-count"][data-field="sendButton"]')).toHaveAttribute(
    'data-count',
    '0',
  );
  await options.getByTestId('consoles-sel-sendButton').fill(SELECTORS.sendButton!);

  await options.getByTestId('consoles-save').click();
  await expect(options.getByTestId('consoles-notice')).toContainText('已保存');
  const [saved] = await storedConsoles(options);
  expect(saved?.matches).toEqual([PATTERN]);
  expect(saved?.exampleUrls).toEqual([expected.url]);
  await expect(options.getByTestId('consoles-item')).toHaveAttribute('data-allowed', 'true');

  // The background registers the console script for the pattern…
  await expect
    .poll(async () => (await registeredScripts(context)).find((s) => s.id === `htk-custom-${saved!.id}`)?.matches)
    .toEqual([PATTERN]);

  // …and on the next load the sidebar reads this console with the supervisor's selectors. Its frame
  // loads through the per-session dynamic address, which web_accessible_resources offers on every
  // site (the manifest lists no console origin there), so a custom console's own site gets it too.
  await consolePage.reload();
  const frame = await sidebarFrame(consolePage, extensionId);
  const src = (await (await frame.frameElement()).getAttribute('src')) ?? '';
  expect(src).toMatch(/^chrome-extension:\/\/[0-9a-f-]+\/sidebar\.html#[0-9a-f]{32}$/);
  expect(new URL(src).host, 'the dynamic address, not the fixed one').not.toBe(extensionId);
  await expect(frame.getByTestId('buyer-nick')).toHaveText(expected.buyerNick);
  await expect(frame.getByTestId('sidebar-status')).toHaveCount(0);

  // Deleting the console removes its registration.
  await options.getByTestId('consoles-delete').click();
  await expect(options.getByTestId('consoles-item')).toHaveCount(0);
  await expect
    .poll(async () => (await registeredScripts(context)).filter((s) => s.id.startsWith('htk-custom-')).length)
    .toBe(0);
});
