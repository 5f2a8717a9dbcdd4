import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { expect, markerLine, openConsole, readStore, seedDemoContacts, sidebarFrame, test } from './fixtures';

/**
 * Template shortcuts typed in the console's own input (issue 17, item 12). Test contract: in the
 * demo console, typing `/cm` then Tab in `data-testid="chat-input"` (either `?input=` kind) inserts
 * the size template; when it has blanks, the sidebar shows them in `data-testid="blank-form"`,
 * whose inputs, filled and confirmed with Enter, complete the insertion.
 */
const SIZE = 'builtin.concern.size';
const KINDS = ['textarea', 'contenteditable'] as const;
type Kind = (typeof KINDS)[number];

/** The console's input text, whichever kind it is. */
const inputText = (page: Page) =>
  page
    .getByTestId('chat-input')
    .evaluate((el) =>
      'value' in el ? String((el as HTMLTextAreaElement).value) : (el as HTMLElement).innerText.replace(/\n$/, ''),
    );

async function openChat(
  context: BrowserContext,
  extensionId: string,
  kind: Kind,
  buyer: string,
): Promise<{ page: Page; frame: Frame }> {
  const page = await openConsole(context, `?buyer=${buyer}&nick=${buyer}&script=off&input=${kind}`);
  const frame = await sidebarFrame(page, extensionId);
  await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
  await expect(frame.getByTestId('buyer-nick')).toHaveText(buyer);
  // The suggestions have their templates (and have told the console's input their shortcuts).
  await expect(frame.getByTestId('suggestions-shortcut')).toBeVisible();
  await expect(frame.getByText('正在准备推荐…')).toHaveCount(0);
  await page.getByTestId('chat-input').click();
  return { page, frame };
}

/** Agent messages in the thread: inserting never sends. */
const sentCount = (page: Page) => page.locator('[data-testid="message"][data-author="agent"]').count();

for (const kind of KINDS) {
  test.describe(`typing a template shortcut in the console (${kind})`, () => {
    test('/cm then Tab opens the size template’s blanks in the sidebar; filled and confirmed with Enter, it replaces /cm', async ({
      context,
      extensionId,
    }) => {
      const { page, frame } = await openChat(context, extensionId, kind, 'tb_cm_blanks');
      await page.keyboard.type('亲，/cm');
      await page.keyboard.press('Tab');

      const form = frame.getByTestId('blank-form');
      await expect(form).toBeVisible();
      const inputs = form.locator('input');
      await expect(inputs).toHaveCount(2);
      const item = frame.locator(`[data-testid="suggestion-item"][data-template-id="${SIZE}"]`);
      await expect(item.getByTestId('suggestion-reason')).toHaveText('输入框快捷短语 /cm');
      // The keyboard went with it: the first blank has focus, Tab goes to the next one.
      await expect(inputs.nth(0)).toBeFocused();
      await page.keyboard.type('偏大半码');
      await page.keyboard.press('Tab');
      await expect(inputs.nth(1)).toBeFocused();
      await page.keyboard.type('S码');
      expect(await inputText(page)).toBe('亲，/cm');
      await page.keyboard.press('Enter');

      const want =
        '亲，tb_cm_blanks，这款版型偏大半码，按您说的身高体重，建议拿S码。收到试穿不合身的话直接找我，帮您安排换码。';
      await expect.poll(() => inputText(page)).toBe(want);
      await expect(form).toHaveCount(0);
      await expect(page.getByTestId('chat-input')).toBeFocused();
      await expect(page.getByTestId('send')).toBeEnabled();
      await expect(page.getByTestId('char-count')).toHaveText(`${Array.from(want).length}/500`);
      await page.waitForTimeout(300);
      expect(await sentCount(page)).toBe(0);
      // The contact is logged once the console confirmed the insert.
      await expect
        .poll(async () =>
          (await readStore<{ buyerId: string; templateId: string }>(context, extensionId, 'contactLog')).map((c) => [
            c.buyerId,
            c.templateId,
          ]),
        )
        .toEqual([['taobao:tb_cm_blanks', SIZE]]);
    });

    test('Esc leaves the typed /cm alone, in the input and in the sidebar’s form; Tab after an unknown shortcut keeps the browser default', async ({
      context,
      extensionId,
    }) => {
      const { page, frame } = await openChat(context, extensionId, kind, 'tb_cm_esc');
      await page.keyboard.type('/cm');
      await page.keyboard.press('Escape');
      expect(await inputText(page)).toBe('/cm');
      await expect(frame.getByTestId('blank-form')).toHaveCount(0);

      await page.keyboard.press('Tab');
      const form = frame.getByTestId('blank-form');
      await expect(form.locator('input').first()).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(form).toHaveCount(0);
      // Back in the console's input, caret after /cm, text as typed.
      await expect(page.getByTestId('chat-input')).toBeFocused();
      await page.keyboard.type('x');
      expect(await inputText(page)).toBe('/cmx');

      // `/zz` names no template: Tab is the browser's (focus leaves the input) and the page sees it.
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('zz');
      await page.evaluate(() => {
        const w = window as unknown as { __tabs: boolean[] };
        w.__tabs = [];
        document.addEventListener('keydown', (e) => e.key === 'Tab' && w.__tabs.push(e.defaultPrevented));
      });
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (window as unknown as { __tabs: boolean[] }).__tabs)).toEqual([false]);
      await expect(page.getByTestId('chat-input')).not.toBeFocused();
      expect(await inputText(page)).toBe('/czz');
      await expect(frame.getByTestId('blank-form')).toHaveCount(0);
      expect(await sentCount(page)).toBe(0);
    });
  });
}

test('with the sidebar collapsed, /cm then Tab opens it at the blank form, keyboard included', async ({
  context,
  extensionId,
}) => {
  const { page, frame } = await openChat(context, extensionId, 'textarea', 'tb_cm_collapsed');
  await frame.getByRole('button', { name: '收起侧边栏' }).click();
  await expect(frame.getByTestId('buyer-nick')).toBeHidden();
  await page.getByTestId('chat-input').click();
  await page.keyboard.type('/cm');
  await page.keyboard.press('Tab');
  const inputs = frame.getByTestId('blank-form').locator('input');
  await expect(inputs.nth(0)).toBeFocused();
  await page.keyboard.type('偏小');
  await page.keyboard.press('Tab');
  await page.keyboard.type('L码');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => inputText(page))
    .toBe('tb_cm_collapsed，这款版型偏小，按您说的身高体重，建议拿L码。收到试穿不合身的话直接找我，帮您安排换码。');
  expect(await sentCount(page)).toBe(0);
});

test.describe('a size template without blanks', () => {
  test.beforeEach(async ({ context, extensionId }) => {
    // The supervisor writes the shop's own size answer, with nothing left to fill in.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#/templates`);
    await options.locator(`[data-testid="template-item"][data-template-id="${SIZE}"] .tpl-item-main`).click();
    const body = options.getByTestId('template-body');
    await body.fill('{{buyer.nick|亲}}，这款偏大半码，平时穿M的拍S就好。');
    await options.getByTestId('template-save').click();
    await expect(options.getByRole('status')).toContainText('v2');
    await options.close();
  });

  for (const kind of KINDS) {
    test(`/cm then Tab inserts it at once, in place of /cm (${kind})`, async ({ context, extensionId }) => {
      const { page, frame } = await openChat(context, extensionId, kind, 'tb_cm_plain');
      await page.keyboard.type('/cm');
      await page.keyboard.press('Tab');
      const want = 'tb_cm_plain，这款偏大半码，平时穿M的拍S就好。';
      await expect.poll(() => inputText(page)).toBe(want);
      await expect(page.getByTestId('chat-input')).toBeFocused();
      await expect(frame.getByTestId('blank-form')).toHaveCount(0);
      await expect(frame.getByTestId('suggestion-notice')).toHaveText('已放入输入框，检查后由你发送');
      // The caret is after the text: typing goes on from there.
      await page.keyboard.type('～');
      await expect.poll(() => inputText(page)).toBe(`${want}～`);
      expect(await sentCount(page)).toBe(0);
    });
  }

  test('on Shopee, a text already used for ten other buyers today is flagged in the sidebar; the agent may still put it in', async ({
    context,
    extensionId,
  }) => {
    const nick = 'sp_same_text';
    const want = `${nick}，这款偏大半码，平时穿M的拍S就好。`;
    // Ten other buyers had this very text an hour ago (spaced and punctuated differently: still the same text).
    const at = Date.now() - 3_600_000;
    const contacts = Array.from({ length: 10 }, (_, i) => ({
      id: `shopee:other${i}|seed`,
      buyerId: `shopee:other${i}`,
      templateId: null,
      kind: 'custom',
      marketing: false,
      at,
      sent: true,
      updatedAt: at,
      text: i === 0 ? want.replace('，', ' ').replace('。', '') : want,
    }));
    const dir = mkdtempSync(join(tmpdir(), 'htk-same-text-'));
    try {
      const file = join(dir, 'contacts.json');
      writeFileSync(
        file,
        JSON.stringify({
          version: 1,
          asOf: new Date().toISOString().slice(0, 10),
          timeZone: 'Asia/Shanghai',
          contacts,
        }),
      );
      expect(await seedDemoContacts(context, file)).toBe(10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const page = await openConsole(context, `?buyer=${nick}&nick=${nick}&script=off&platform=shopee`);
    const frame = await sidebarFrame(page, extensionId);
    await expect(frame.getByTestId('buyer-nick')).toHaveText(nick);
    await expect(frame.getByTestId('suggestions-shortcut')).toBeVisible();
    await expect(frame.getByText('正在准备推荐…')).toHaveCount(0);
    const input = page.getByTestId('chat-input');
    await input.click();
    await page.keyboard.type('/cm');
    await page.keyboard.press('Tab');
    const warn = frame.getByTestId('guard-warn');
    await expect(warn).toBeVisible();
    await expect(warn).toContainText('相同内容24小时内已用于另外10位买家，Shopee可能视为群发');
    expect(await inputText(page)).toBe('/cm');
    // The agent decides: "仍然插入" puts it in (never sends it).
    await frame
      .locator(`[data-testid="suggestion-item"][data-template-id="${SIZE}"]`)
      .getByRole('button', { name: /仍然插入/ })
      .click();
    await expect.poll(() => inputText(page)).toBe(want);
    // The quiet marker by the console's input names it too, for the text as it stands in the input.
    await expect.poll(() => markerLine(page)).toBe('相同内容近期已发给 10 位买家');
    await page.keyboard.type('～有问题随时找我');
    await expect.poll(() => markerLine(page)).toBeNull();
    expect(await sentCount(page)).toBe(0);
  });

  test('the send guard applies: on Shopee a sixth message in a row is stopped in the sidebar, and nothing is put in', async ({
    context,
    extensionId,
  }) => {
    const page = await openConsole(context, '?buyer=sp_guard&nick=sp_guard&script=off&platform=shopee');
    const frame = await sidebarFrame(page, extensionId);
    await expect(frame.getByTestId('buyer-nick')).toHaveText('sp_guard');
    const input = page.getByTestId('chat-input');
    // Five messages of the agent's own, sent with the console's Enter.
    for (let i = 1; i <= 5; i++) {
      await input.fill(`消息${i}`);
      await input.press('Enter');
    }
    await expect(page.locator('[data-testid="message"][data-author="agent"]')).toHaveCount(5);
    await expect(frame.getByText('正在准备推荐…')).toHaveCount(0);
    await input.click();
    await page.keyboard.type('/cm');
    await page.keyboard.press('Tab');
    await expect(frame.getByTestId('guard-block')).toBeVisible();
    await expect(frame.getByTestId('guard-block')).toContainText('Shopee');
    await page.keyboard.press('Escape');
    await expect(input).toBeFocused();
    expect(await inputText(page)).toBe('/cm');
    await expect(page.locator('[data-testid="message"][data-author="agent"]')).toHaveCount(5);
  });
});

test('Esc pressed at once after Tab, before or after the sidebar’s form shows, leaves the keyboard in the console', async ({
  context,
  extensionId,
}) => {
  const { page } = await openChat(context, extensionId, 'textarea', 'tb_cm_race');
  const input = page.getByTestId('chat-input');
  // The size template's blanks open in the sidebar; Esc at once, whichever of the two wins the race.
  await page.keyboard.type('/cm');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  // Given time to hand the keyboard over, the form does not keep it from the console.
  await page.waitForTimeout(500);
  await expect(input).toBeFocused();
  await page.keyboard.type('亲');
  await expect.poll(() => inputText(page)).toBe('/cm亲');
  expect(await sentCount(page)).toBe(0);
});
