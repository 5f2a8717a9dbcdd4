import type { BrowserContext } from '@playwright/test';
import { defaultTaxonomy } from '../../lib/concerns';
import { daysBetween } from '../../lib/dates/local-date';
import { buildPack, serializePack } from '../../lib/playbook/pack';
import { localDateAt } from '../../lib/reminders/time';
import { defaultTemplates } from '../../lib/templates';
import { DEMO_EXPORT, expect, importFiles, openConsole, readBuyers, sidebarFrame, test } from './fixtures';

/** The extension API as the options page sees it (only what these tests touch). */
declare const chrome: {
  storage: { local: { set(items: Record<string, unknown>): Promise<void>; remove(key: string): Promise<void> } };
};

/** Buyers from the extension's own database, read in one of its pages. */
async function storedBuyers(context: BrowserContext, extensionId: string) {
  return (await readBuyers(context, extensionId)).map((b) => ({
    key: b.buyerKey,
    platform: b.platform,
    paidOrders: b.metrics.paidOrders,
    lastPaidDate: b.metrics.lastPaidDate,
  }));
}

test.describe('supervisor workspace: templates', () => {
  test('a new template with a variable and a condition is suggested first in the sidebar to a matching buyer', async ({
    context,
    extensionId,
  }) => {
    await importFiles(context, extensionId, [DEMO_EXPORT]);
    const today = localDateAt(Date.now(), 'Asia/Shanghai');
    const buyer = (await storedBuyers(context, extensionId)).find(
      (b) =>
        b.platform === 'taobao' &&
        b.paidOrders >= 2 &&
        b.lastPaidDate !== null &&
        daysBetween(b.lastPaidDate, today) >= 50 &&
        daysBetween(b.lastPaidDate, today) <= 80,
    );
    expect(buyer, 'the demo data has a returning buyer in the silent stage').toBeTruthy();

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#/templates`);
    await options.getByTestId('template-new').click();
    await options.getByTestId('template-title').fill('沉默期尺码关怀');
    await options.getByTestId('template-folder').fill('答疑/尺码');
    const body = options.getByTestId('template-body');
    await body.click();
    // Autocomplete: `{{buyer.ni` offers buyer.nick; Enter takes it and closes the braces.
    await body.pressSequentially('{{buyer.ni');
    await expect(options.getByTestId('variable-menu')).toContainText('buyer.nick');
    await body.press('Enter');
    await body.pressSequentially('，好久不见～这款版型偏大半码，按您之前的尺码选小一码刚好。');
    await expect(body).toHaveValue('{{buyer.nick}}，好久不见～这款版型偏大半码，按您之前的尺码选小一码刚好。');

    // An unknown variable is flagged where it is, and saving waits until it is fixed.
    await body.press('End');
    await body.pressSequentially('{{buyer.nik}}');
    await expect(options.getByTestId('template-errors')).toContainText('buyer.nick');
    await expect(options.getByTestId('template-save')).toBeDisabled();
    for (let i = 0; i < '{{buyer.nik}}'.length; i++) await body.press('Backspace');
    await expect(options.getByTestId('template-errors')).toHaveCount(0);

    await options.locator('[data-testid="cond-concerns"] [data-value="size"]').click();
    await options.locator('[data-testid="cond-stages"] [data-value="silent"]').click();
    await expect(options.getByTestId('preview-text')).toContainText('示例买家，好久不见');
    await options.getByTestId('template-save').click();
    await expect(options.getByRole('status')).toContainText('v1');
    const item = options.locator('[data-testid="template-item"]', { hasText: '沉默期尺码关怀' });
    await expect(item).toBeVisible();
    const templateId = await item.getAttribute('data-template-id');
    await expect(options.locator('[data-testid="history-row"]')).toHaveCount(1);

    const page = await openConsole(
      context,
      `?buyer=${encodeURIComponent(buyer!.key)}&nick=${encodeURIComponent(buyer!.key)}&script=off`,
    );
    const frame = await sidebarFrame(page, extensionId);
    await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
    await page.evaluate(
      ([id, text]) => window.__demoConsole!.receive(id!, text!),
      [buyer!.key, '这件衣服偏大吗？我平时穿M码'],
    );
    const first = frame.getByTestId('suggestion-item').first();
    await expect(first).toHaveAttribute('data-template-id', templateId!);
    await expect(first.getByTestId('suggestion-preview')).toContainText(`${buyer!.key}，好久不见`);
    await expect(first.getByTestId('suggestion-reason')).toContainText('沉默期');
  });

  test('a playbook pushed by enterprise policy shows locked and cannot be edited', async ({ context, extensionId }) => {
    const hq = { ...defaultTemplates()[0]!, id: 'hq.size', title: '总部尺码话术', shortcut: '/hqcm', folder: '总部' };
    const taxonomy = defaultTaxonomy();
    const pack = buildPack(
      { templates: [hq], coupons: [], couponRules: [], taxonomy, reminderRules: null, contactPolicy: null },
      { name: '总部统一话术', exportedBy: 'IT', now: Date.now() },
    );
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#/team`);
    await expect(options.getByTestId('managed-status')).toHaveText('未启用');
    // The demo/test build reads this key as if it were managed storage (real policy cannot be set in a test).
    await options.evaluate((json) => chrome.storage.local.set({ testManagedPack: json }), serializePack(pack));
    await expect(options.getByTestId('managed-status')).toHaveText('已启用');
    await expect(options.getByTestId('managed-panel')).toContainText('总部统一话术');

    await options.goto(`chrome-extension://${extensionId}/options.html#/templates`);
    const item = options.locator('[data-testid="template-item"][data-template-id="hq.size"]');
    await expect(item.getByTestId('template-item-locked')).toBeVisible();
    await expect(item.getByTestId('template-item-enabled')).toBeDisabled();
    await item.locator('.tpl-item-main').click();
    await expect(options.getByTestId('template-editor').getByTestId('locked-badge')).toBeVisible();
    await expect(options.getByTestId('template-title')).toHaveValue('总部尺码话术');
    await expect(options.getByTestId('template-title')).toBeDisabled();
    await expect(options.getByTestId('template-body')).toBeDisabled();
    await expect(options.getByTestId('template-save')).toBeDisabled();
    await expect(options.getByTestId('template-delete')).toHaveCount(0);
    // A copy is the agent's own and can be changed.
    await options.getByTestId('template-duplicate').click();
    await expect(options.getByTestId('template-title')).toHaveValue(/总部尺码话术/);
    await expect(options.getByTestId('template-title')).toBeEnabled();

    await options.goto(`chrome-extension://${extensionId}/options.html#/concerns`);
    await expect(options.getByTestId('taxonomy-editor').getByTestId('locked-badge')).toBeVisible();
    await expect(options.getByTestId('taxonomy-save')).toBeDisabled();

    // Policy removed: the administrator's template goes, the taxonomy is the shop's again.
    await options.evaluate(() => chrome.storage.local.remove('testManagedPack'));
    await options.goto(`chrome-extension://${extensionId}/options.html#/templates`);
    await expect(options.locator('[data-testid="template-item"][data-template-id="hq.size"]')).toHaveCount(0);
  });
});
