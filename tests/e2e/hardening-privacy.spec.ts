import type { Frame, Page } from '@playwright/test';
import { DEMO_EXPORT, DEMO_URL, expect, importFiles, openConsole, readBuyers, sidebarFrame, test } from './fixtures';
import { readStore, writeTaobaoCsv } from './hardening-helpers';

/** Inserts the top suggestion into the console's input, filling any blanks. */
async function insertTopSuggestion(page: Page, frame: Frame) {
  const item = frame.getByTestId('suggestion-item').first();
  await item.click();
  const input = page.getByTestId('chat-input');
  for (let i = 0; i < 3 && !(await input.inputValue()); i++) {
    for (const blank of await frame.getByTestId('suggestion-blank').all())
      if (!(await blank.inputValue())) await blank.fill('明天');
    await frame.locator('.sg-actions button.primary').first().click();
  }
  await expect(input).not.toHaveValue('');
}

test.describe('privacy', () => {
  test('a full session (import, sidebar, concern, suggestion, export) talks to no host but the console page', async ({
    context,
    extensionId,
    extensionRequests,
  }) => {
    test.setTimeout(120_000);
    await importFiles(context, extensionId, [DEMO_EXPORT]);
    const page = await openConsole(context, '?buyer=tb_privacy&nick=tb_privacy&script=off');
    const frame = await sidebarFrame(page, extensionId);
    await page.evaluate(() => window.__demoConsole!.receive('tb_privacy', '这件衣服偏大吗？我平时穿M码'));
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_privacy');
    const chip = frame.locator('[data-testid="concern-chip"][data-concern="size"]');
    await chip.first().click();
    await expect(frame.locator('[data-testid="concern-item"][data-concern="size"]')).toHaveCount(1);
    await insertTopSuggestion(page, frame);

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#/concerns`);
    await expect(options.getByTestId('concern-export-count')).toContainText('1');
    const downloading = options.waitForEvent('download');
    await options.getByTestId('export-concerns-csv').click();
    await downloading;
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.waitForLoadState('load');
    await page.waitForTimeout(1000);

    const origin = new URL(DEMO_URL).origin;
    expect(extensionRequests.length, 'the console page itself was loaded').toBeGreaterThan(0);
    expect(extensionRequests.filter((u) => new URL(u).origin !== origin)).toEqual([]);
  });

  test('phone numbers and addresses from an import are kept only when the supervisor turns that on', async ({
    context,
    extensionId,
  }, testInfo) => {
    test.setTimeout(120_000);
    const PHONE = '13912345678';
    const ADDRESS = '浙江省 杭州市 西湖区 保密路99号 隐私小区3幢';
    const first = writeTaobaoCsv(testInfo.outputPath('contact-off.csv'), [
      { order: '7000000000001', buyer: 'tb_contact_off', title: '暖柚 加绒打底裤', phone: PHONE, address: ADDRESS },
    ]);
    await importFiles(context, extensionId, [first]);
    const off = (await readBuyers(context, extensionId)).find((b) => b.buyerKey === 'tb_contact_off');
    expect(off, 'the buyer was imported').toBeTruthy();
    const storedOff = JSON.stringify(off);
    expect(storedOff).not.toContain(PHONE);
    expect(storedOff).not.toContain(PHONE.slice(-8));
    expect(storedOff).not.toContain('保密路99号');
    // Nothing else in the database has them either (orphans, index, logs).
    for (const store of ['orphans', 'settings', 'importRuns']) {
      const rows = await readStore<unknown>(context, extensionId, store);
      expect(JSON.stringify(rows), store).not.toContain(PHONE);
    }

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#/settings`);
    await options.getByLabel('导入时保存买家手机号和地址').check();
    await options.getByTestId('settings-save').click();
    // Saving re-renders the form from the stored settings; wait for the stored value instead.
    await expect
      .poll(async () => JSON.stringify(await readStore<unknown>(context, extensionId, 'settings')))
      .toContain('"storeContact":true');
    await options.close();

    const second = writeTaobaoCsv(testInfo.outputPath('contact-on.csv'), [
      { order: '7000000000002', buyer: 'tb_contact_on', title: '暖柚 加绒打底裤', phone: PHONE, address: ADDRESS },
    ]);
    await importFiles(context, extensionId, [second]);
    const on = JSON.stringify((await readBuyers(context, extensionId)).find((b) => b.buyerKey === 'tb_contact_on'));
    expect(on).toContain(PHONE);
    expect(on).toContain('保密路99号');
  });
});
