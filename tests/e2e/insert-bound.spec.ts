import { insertThroughHub } from './consoles-helpers';
import { expect, openConsole, readStore, sidebarFrame, test } from './fixtures';

/**
 * An insert is bound to the conversation its text was written for (issue 17, item 5), and the
 * contact it makes is logged once the console confirmed it — also when the service worker stops
 * before the log is written.
 */
const SIZE_QUESTION = '我平时穿M码，这件会不会偏小？';
const SIZE = 'builtin.concern.size';

interface StoredContact {
  buyerId: string;
  templateId: string | null;
  sent?: boolean;
  deletedAt?: number;
}

test.describe('inserts bound to their conversation', () => {
  test('an insert in flight when the agent switches conversation is refused there, and the sidebar says so', async ({
    context,
    extensionId,
  }) => {
    const page = await openConsole(context, '?buyer=tb_first&nick=tb_first&script=off');
    const frame = await sidebarFrame(page, extensionId);
    await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
    // A second conversation waits in the list; the open one asks about sizes.
    await page.evaluate(() => window.__demoConsole!.receive('tb_second', '在吗？', 'tb_second'));
    await page.evaluate((q) => window.__demoConsole!.receive('tb_first', q), SIZE_QUESTION);
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_first');
    const item = frame.locator(`[data-testid="suggestion-item"][data-template-id="${SIZE}"]`);
    await item.click();
    const blanks = frame.getByTestId('blank-form').locator('input');
    await expect(blanks).toHaveCount(2);
    await blanks.nth(0).fill('偏大半码');
    await blanks.nth(1).fill('S码');
    await expect(item.getByTestId('suggestion-preview')).toContainText('tb_first，这款版型偏大半码');

    // The console is busy for a moment (its page thread blocked). The agent confirms the insert in
    // the sidebar meanwhile — the sidebar is an extension frame with a thread of its own — and the
    // console's last act before it is free again is to open the other conversation. The insert,
    // written for tb_first, arrives there. (Both are timers in their own frames: Playwright's own
    // key press would wait for the busy page.)
    await blanks.nth(1).evaluate((el) => {
      setTimeout(
        () => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })),
        600,
      );
    });
    await page.evaluate(() => {
      setTimeout(() => {
        const until = performance.now() + 2500;
        while (performance.now() < until) {
          // busy
        }
        document.querySelector<HTMLElement>('[data-testid="conversation"][data-buyer-id="tb_second"]')!.click();
      }, 50);
    });

    await expect(page.getByTestId('current-buyer')).toHaveAttribute('data-buyer-id', 'tb_second');
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_second');
    await expect(frame.getByTestId('suggestion-notice')).toHaveText('会话已切换到 tb_second，未填入');
    await expect(page.getByTestId('chat-input')).toHaveValue('');
    await expect(page.getByTestId('send')).toBeDisabled();
    // Nothing was logged as a contact with either buyer.
    const contacts = await readStore<StoredContact>(context, extensionId, 'contactLog');
    expect(contacts).toEqual([]);
    // The first conversation's draft is untouched too.
    await page.evaluate(() => window.__demoConsole!.open('tb_first'));
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_first');
    await expect(page.getByTestId('chat-input')).toHaveValue('');
  });

  test('an insert request carrying the previous buyer is refused in the open conversation; the input is untouched', async ({
    context,
    extensionId,
  }) => {
    const page = await openConsole(context, '?buyer=tb_before&nick=tb_before&script=off&input=contenteditable');
    const frame = await sidebarFrame(page, extensionId);
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_before');
    const before = { consoleId: 'demo', platform: 'taobao', id: 'tb_before', nick: 'tb_before' };
    await page.evaluate(() => window.__demoConsole!.open('tb_after', 'tb_after'));
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_after');

    expect(await insertThroughHub(frame, 'tb_before，您的尺码是 M', before)).toEqual({
      ok: false,
      reason: 'conversation_changed',
      openNick: 'tb_after',
    });
    await expect(page.getByTestId('chat-input')).toHaveText('');
    await expect(page.getByTestId('send')).toBeDisabled();
    // Written for the open buyer, the same request goes in.
    expect(await insertThroughHub(frame, 'tb_after，您的尺码是 M')).toEqual({ ok: true });
    await expect(page.getByTestId('chat-input')).toHaveText('tb_after，您的尺码是 M');
  });

  test('the service worker stops before the contact is logged: the sidebar asks again, and the contact is logged once', async ({
    context,
    extensionId,
  }) => {
    const page = await openConsole(context, '?buyer=tb_log&nick=tb_log&script=off');
    const frame = await sidebarFrame(page, extensionId);
    await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
    await page.evaluate((q) => window.__demoConsole!.receive('tb_log', q), SIZE_QUESTION);
    const item = frame.locator(`[data-testid="suggestion-item"][data-template-id="${SIZE}"]`);
    await item.click();
    const blanks = frame.getByTestId('blank-form').locator('input');
    await blanks.nth(0).fill('偏大半码');
    await blanks.nth(1).fill('S码');

    // The worker stalls: it still relays between the console and the sidebar, but answers no data
    // request (every answer first reads the clock's test offset from storage, which now never
    // comes back). Then Chrome stops it, as it stops an idle MV3 worker.
    const worker = context.serviceWorkers()[0]!;
    await worker.evaluate(() => {
      const local = (globalThis as unknown as { chrome: { storage: { local: { get: unknown } } } }).chrome.storage
        .local;
      local.get = () => new Promise(() => {});
    });
    await blanks.nth(1).press('Enter');
    await expect(page.getByTestId('chat-input')).toHaveValue(/^tb_log，这款版型偏大半码/);
    await expect(frame.getByTestId('suggestion-notice')).toHaveText('已放入输入框，检查后由你发送');
    await page.waitForTimeout(300);
    expect(await readStore<StoredContact>(context, extensionId, 'contactLog')).toEqual([]);

    const cdp = await context.newCDPSession(page);
    const { targetInfos } = await cdp.send('Target.getTargets');
    const sw = targetInfos.filter(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
    );
    expect(sw).toHaveLength(1);
    await cdp.send('Target.closeTarget', { targetId: sw[0]!.targetId });

    const logged = async () =>
      (await readStore<StoredContact>(context, extensionId, 'contactLog')).filter(
        (c) => c.buyerId === 'taobao:tb_log' && !c.deletedAt,
      );
    await expect.poll(async () => (await logged()).map((c) => c.templateId), { timeout: 20_000 }).toEqual([SIZE]);
    // Asked again, recorded once: nothing more arrives.
    await page.waitForTimeout(1500);
    expect(await logged()).toHaveLength(1);
    await expect(frame.locator('[data-testid="suggestion-notice"][data-notice="sg_contactNotRecorded"]')).toHaveCount(
      0,
    );
  });
});
