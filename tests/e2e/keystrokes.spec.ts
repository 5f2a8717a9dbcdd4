import { expect, markerLine, openConsole, sidebarFrame, test } from './fixtures';

/**
 * Issue 23: fewer keystrokes per good answer (search by meaning, 1–9 quick picks) and the send
 * check's marker by the console's input.
 */

const RETURN_TEMPLATE = 'builtin.concern.return_refund';

test.describe('fewer keystrokes per good answer', () => {
  test('"这个退货怎么弄": the return answer comes first, 退款 finds it, and one number key inserts it without sending', async ({
    context,
    extensionId,
  }) => {
    // The shop fills in its own return window once, so the answer has no blank left to fill.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#/templates`);
    await options.locator(`[data-testid="template-item"][data-template-id="${RETURN_TEMPLATE}"]`).click();
    await expect(options.getByTestId('template-title')).toHaveValue('退换货说明');
    const body = options.getByTestId('template-body');
    await body.fill(
      '{{buyer.nick|亲}}，收到后7天内，不影响二次销售都可以退换。在订单里直接申请就行，寄回后跟我说一声，我们收到会尽快处理。',
    );
    await options.getByTestId('template-save').click();
    await expect(options.getByRole('status')).toContainText('v2');
    await options.close();

    const page = await openConsole(context, '?buyer=kst_buyer&nick=kst_buyer&script=off');
    const frame = await sidebarFrame(page, extensionId);
    await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
    const agentRows = page.locator('[data-testid="message"][data-author="agent"]');
    const agentBefore = await agentRows.count();
    await page.evaluate(() => window.__demoConsole!.receive('kst_buyer', '这个退货怎么弄'));

    const items = frame.getByTestId('suggestion-item');
    await expect(items.first()).toHaveAttribute('data-template-id', RETURN_TEMPLATE);
    // The first nine are numbered for the keys that pick them.
    await expect(items.first().getByTestId('suggestion-pick')).toHaveText('1');
    await expect(items.nth(1).getByTestId('suggestion-pick')).toHaveText('2');

    // Searching by meaning: 退款 is not in the template's text, but it is what the template answers.
    await frame.locator('.bar .brand').click();
    await page.keyboard.press('Alt+j');
    await expect(frame.getByTestId('suggestion-list')).toBeFocused();
    await page.keyboard.press('/');
    await page.keyboard.type('退款');
    await expect(items.first()).toHaveAttribute('data-template-id', RETURN_TEMPLATE);
    await page.keyboard.press('Escape');
    await expect(frame.getByTestId('suggestion-search')).toHaveCount(0);

    // From the focused list: keystrokes counted until the answer is in the console's input.
    await expect(frame.getByTestId('suggestion-list')).toBeFocused();
    const preview = (await items.first().getByTestId('suggestion-preview').textContent()) ?? '';
    expect(preview).toContain('7天内');
    const keystrokes = ['1'];
    for (const key of keystrokes) await page.keyboard.press(key);
    await expect(page.getByTestId('chat-input')).toHaveValue(preview);
    expect(keystrokes.length).toBeLessThanOrEqual(2);
    // Inserted, never sent.
    await expect(page.getByTestId('send')).toBeEnabled();
    expect(await agentRows.count()).toBe(agentBefore);

    // The typed shortcut still works beside the number keys.
    await page.getByTestId('chat-input').fill('/th');
    await page.getByTestId('chat-input').press('Tab');
    await expect(page.getByTestId('chat-input')).toHaveValue(preview);
    expect(await agentRows.count()).toBe(agentBefore);
  });

  test('typed or inserted "加我微信 abc123" gets the send check\'s marker naming the rule; nothing is blocked or sent', async ({
    context,
    extensionId,
  }) => {
    const page = await openConsole(context, '?buyer=guard_buyer&nick=guard_buyer&script=off');
    const frame = await sidebarFrame(page, extensionId);
    await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
    await expect(frame.getByTestId('suggestion-item').first()).toBeVisible();
    const agentRows = page.locator('[data-testid="message"][data-author="agent"]');
    const agentBefore = await agentRows.count();
    const input = page.getByTestId('chat-input');

    await input.click();
    await page.keyboard.type('好的亲');
    await expect.poll(() => markerLine(page)).toBeNull();
    await page.keyboard.type('，加我微信 abc123');
    await expect.poll(() => markerLine(page)).toContain('站外联系方式');
    expect(await markerLine(page)).toContain('abc123');
    // Typing went on as typed, and nothing was sent.
    await expect(input).toHaveValue('好的亲，加我微信 abc123');
    await expect(page.getByTestId('send')).toBeEnabled();
    expect(await agentRows.count()).toBe(agentBefore);
    // The page's own scripts see a marker element but not what it says.
    expect(
      await page.evaluate(() => {
        const el = document.querySelector('huitouke-guard');
        return el ? [el.shadowRoot, el.textContent] : 'missing';
      }),
    ).toEqual([null, '']);

    // Cleared: the marker goes.
    await input.fill('');
    await expect.poll(() => markerLine(page)).toBeNull();

    // Inserted from the sidebar: a template of the shop's own that carries a WeChat id.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#/templates`);
    await options.getByTestId('template-new').click();
    await options.getByTestId('template-title').fill('加微信');
    await options.getByTestId('template-body').fill('亲，加我微信 abc123 发您细节图');
    await options.getByTestId('template-save').click();
    await expect(options.getByRole('status')).toContainText('v1');
    await options.close();

    await frame.locator('.bar .brand').click();
    await page.keyboard.press('Alt+j');
    await page.keyboard.press('/');
    await page.keyboard.type('加微信');
    await expect(frame.getByTestId('suggestion-item').first()).toContainText('加微信');
    await page.keyboard.press('Enter');
    await expect(input).toHaveValue('亲，加我微信 abc123 发您细节图');
    await expect.poll(() => markerLine(page)).toContain('站外联系方式');
    expect(await agentRows.count()).toBe(agentBefore);
  });
});
