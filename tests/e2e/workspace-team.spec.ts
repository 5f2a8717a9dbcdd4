import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath, DEMO_EXTENSION_DIR } from '../../scripts/browser';
import { expect, test } from './fixtures';

/** A second browser profile with the extension, like the fixture's (a colleague's computer). */
async function secondProfile(): Promise<{ context: BrowserContext; extensionId: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'htk-profile-b-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(DEMO_EXTENSION_DIR, false),
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  return {
    context,
    extensionId: new URL(worker.url()).host,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The first PIN: typed twice, the supervisor confirms who they are, and a recovery code is shown once. */
async function setFirstPin(page: Page, pin: string): Promise<string> {
  await expect(page.getByTestId('pin-limits')).toContainText('不加密任何数据');
  await page.getByTestId('pin-new').fill(pin);
  await page.getByTestId('pin-again').fill(pin);
  await expect(page.getByTestId('pin-save')).toBeDisabled();
  await page.getByTestId('pin-confirm-supervisor').check();
  await page.getByTestId('pin-save').click();
  await expect(page.getByTestId('pin-state')).toHaveText('已设置');
  const code = (await page.getByTestId('pin-recovery-code').textContent()) ?? '';
  expect(code).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/);
  await page.getByTestId('pin-recovery-saved').click();
  await expect(page.getByTestId('pin-recovery')).toHaveCount(0);
  return code;
}

async function openTemplate(page: Page, id: string) {
  await page.locator(`[data-testid="template-item"][data-template-id="${id}"] .tpl-item-main`).click();
  await expect(page.getByTestId('template-editor')).toBeVisible();
}

test.describe('supervisor workspace: team', () => {
  test('a pack exported from one profile imports into another with the previewed changes and choices', async ({
    context,
    extensionId,
  }, testInfo) => {
    // Profile A: the supervisor edits two built-in templates, writes a new one and exports the pack.
    const a = await context.newPage();
    await a.goto(`chrome-extension://${extensionId}/options.html#/templates`);
    await openTemplate(a, 'builtin.concern.size');
    await a.getByTestId('template-title').fill('尺码推荐（总部版）');
    await a.getByTestId('template-save').click();
    await expect(a.getByRole('status')).toContainText('v2');
    await openTemplate(a, 'builtin.concern.photo_match');
    await a.getByTestId('template-title').fill('色差说明（总部版）');
    await a.getByTestId('template-save').click();
    await expect(a.getByRole('status')).toContainText('v2');
    await a.getByTestId('template-new').click();
    await a.getByTestId('template-title').fill('团队新话术：预售发货');
    await a.getByTestId('template-body').fill('亲，这款是预售款，付款后 7 天内发货，{{agent.name}}会帮您盯着物流～');
    await a.getByTestId('template-save').click();
    await expect(a.getByRole('status')).toContainText('v1');

    await a.goto(`chrome-extension://${extensionId}/options.html#/team`);
    await a.getByTestId('pack-name').fill('暖柚家话术 11 月');
    const downloading = a.waitForEvent('download');
    await a.getByTestId('pack-export').click();
    const download = await downloading;
    const packPath = testInfo.outputPath('playbook.json');
    await download.saveAs(packPath);
    const pack = JSON.parse(readFileSync(packPath, 'utf8')) as {
      format: string;
      name: string;
      templates: { title: string }[];
    };
    expect(pack.format).toBe('huitouke-playbook');
    expect(pack.templates.map((t) => t.title)).toContain('团队新话术：预售发货');

    // Profile B: a colleague previews the pack, keeps their own colour answer, takes the rest.
    const b = await secondProfile();
    try {
      const page = await b.context.newPage();
      await page.goto(`chrome-extension://${b.extensionId}/options.html#/team`);
      await page.getByTestId('pack-file').setInputFiles(packPath);
      const preview = page.getByTestId('pack-preview');
      await expect(preview).toContainText('暖柚家话术 11 月');
      await expect(page.getByTestId('pack-count-add')).toHaveText('新增 1');
      await expect(page.getByTestId('pack-count-change')).toHaveText('修改 2');
      await expect(page.getByTestId('pack-count-remove')).toHaveText('对方没有 0');
      const added = page.locator('[data-testid="pack-item"][data-change="add"]');
      await expect(added).toContainText('团队新话术：预售发货');
      const size = page.locator('[data-testid="pack-item"][data-key="template:builtin.concern.size"]');
      await expect(size).toHaveAttribute('data-change', 'change');
      await expect(size).toContainText('标题');
      await page
        .locator('[data-testid="pack-item"][data-key="template:builtin.concern.photo_match"] [data-choice="mine"]')
        .click();
      await page.getByTestId('pack-apply').click();
      await expect(page.getByTestId('pack-result')).toContainText('新增 1，修改 1，删除 0，保留 1');

      await page.goto(`chrome-extension://${b.extensionId}/options.html#/templates`);
      await page.getByTestId('template-search').fill('预售');
      await expect(page.locator('[data-testid="template-item"]', { hasText: '团队新话术：预售发货' })).toBeVisible();
      await page.getByTestId('template-search').fill('');
      await expect(
        page.locator('[data-testid="template-item"][data-template-id="builtin.concern.size"]'),
      ).toContainText('尺码推荐（总部版）');
      await expect(
        page.locator('[data-testid="template-item"][data-template-id="builtin.concern.photo_match"]'),
      ).not.toContainText('总部版');
      // The import is a version in the template's history.
      await openTemplate(page, 'builtin.concern.size');
      await expect(page.getByTestId('template-history')).toContainText('导入话术包');

      // Importing the same pack again: only the declined change is left to decide.
      await page.goto(`chrome-extension://${b.extensionId}/options.html#/team`);
      await page.getByTestId('pack-file').setInputFiles(packPath);
      await expect(page.getByTestId('pack-count-add')).toHaveText('新增 0');
      await expect(page.getByTestId('pack-count-change')).toHaveText('修改 1');
    } finally {
      await b.close();
    }
  });

  test('with a supervisor PIN, editing needs the PIN and five wrong tries lock it out', async ({
    context,
    extensionId,
  }) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#/templates`);
    await expect(page.getByTestId('edit-gate')).toHaveAttribute('data-state', 'open');
    await page.goto(`chrome-extension://${extensionId}/options.html#/team`);
    await setFirstPin(page, '2580');

    // Another agent opens the workspace: everything is readable, nothing editable.
    const agent = await context.newPage();
    await agent.goto(`chrome-extension://${extensionId}/options.html#/templates`);
    await expect(agent.getByTestId('edit-gate')).toHaveAttribute('data-state', 'locked');
    await expect(agent.getByTestId('template-body')).toBeDisabled();
    await expect(agent.getByTestId('template-new')).toBeDisabled();
    for (let i = 0; i < 4; i++) {
      await agent.getByTestId('unlock-pin').fill('0000');
      await agent.getByTestId('unlock-submit').click();
      await expect(agent.getByRole('alert')).toContainText(`还可以再试 ${4 - i} 次`);
    }
    await agent.getByTestId('unlock-pin').fill('1111');
    await agent.getByTestId('unlock-submit').click();
    await expect(agent.getByTestId('edit-gate')).toContainText('之前不能解锁');
    await expect(agent.getByTestId('unlock-pin')).toHaveCount(0);
    await expect(agent.getByTestId('template-body')).toBeDisabled();
  });

  test('with a supervisor PIN, Settings, exports, backup download and custom consoles wait for the PIN; a forgotten PIN is reset with the recovery code', async ({
    context,
    extensionId,
  }) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#/team`);
    const code = await setFirstPin(page, '2580');
    await expect(page.getByTestId('pin-set-by')).toContainText('客服');

    // Another page of the same browser (an agent): locked everywhere the PIN guards.
    const agent = await context.newPage();
    await agent.goto(`chrome-extension://${extensionId}/options.html#/settings`);
    await expect(agent.getByTestId('edit-gate')).toHaveAttribute('data-state', 'locked');
    await expect(agent.getByTestId('edit-gate')).toContainText('修改通用设置需要主管密码');
    await expect(agent.getByTestId('gate-set-by')).toContainText('客服');
    await expect(agent.getByTestId('settings-store-contact')).toBeDisabled();
    await expect(agent.getByTestId('settings-save')).toBeDisabled();
    await agent.goto(`chrome-extension://${extensionId}/options.html#/data`);
    await expect(agent.getByTestId('export-buyers-csv')).toBeDisabled();
    await expect(agent.locator('[data-testid="edit-gate"][data-scope="export"]')).toContainText('导出数据需要主管密码');
    await agent.goto(`chrome-extension://${extensionId}/options.html#/concerns`);
    await expect(agent.getByTestId('export-concerns-csv')).toBeDisabled();
    await expect(agent.getByTestId('export-concerns-json')).toBeDisabled();
    await agent.goto(`chrome-extension://${extensionId}/options.html#/team`);
    await expect(agent.getByTestId('backup-download')).toBeDisabled();
    await agent.goto(`chrome-extension://${extensionId}/options.html#/consoles`);
    await expect(agent.getByTestId('consoles-add')).toBeDisabled();

    // The right PIN opens all of it for this page.
    await agent.getByTestId('unlock-pin').fill('2580');
    await agent.getByTestId('unlock-submit').click();
    await expect(agent.getByTestId('edit-gate')).toHaveAttribute('data-state', 'unlocked');
    await expect(agent.getByTestId('consoles-add')).toBeEnabled();
    await agent.goto(`chrome-extension://${extensionId}/options.html#/settings`);
    await expect(agent.getByTestId('settings-save')).toBeEnabled();
    await expect(agent.getByTestId('settings-store-contact')).toBeEnabled();
    // Loading the page again locks it again (the unlock lives in the page).
    await agent.reload();
    await expect(agent.getByTestId('settings-save')).toBeDisabled();

    // Forgotten PIN: the recovery code sets a new one and is used up.
    await agent.goto(`chrome-extension://${extensionId}/options.html#/team`);
    await agent.getByTestId('pin-forgot').click();
    await agent.getByTestId('pin-recovery-input').fill(code.toLowerCase());
    await agent.getByTestId('pin-new').fill('3690');
    await agent.getByTestId('pin-again').fill('3690');
    await agent.getByTestId('pin-reset').click();
    await expect(agent.getByTestId('pin-recovery-code')).toHaveText(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/);
    await expect(agent.getByTestId('pin-recovery-code')).not.toHaveText(code);
    // The reset unlocked this page; loaded again, it takes the new PIN.
    await agent.goto(`chrome-extension://${extensionId}/options.html#/settings`);
    await agent.reload();
    await agent.getByTestId('unlock-pin').fill('2580');
    await agent.getByTestId('unlock-submit').click();
    await expect(agent.getByRole('alert')).toContainText('还可以再试 4 次');
    await agent.getByTestId('unlock-pin').fill('3690');
    await agent.getByTestId('unlock-submit').click();
    await expect(agent.getByTestId('settings-save')).toBeEnabled();
  });

  test('a full backup restores into a fresh profile with every record checked', async ({
    context,
    extensionId,
  }, testInfo) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#/templates`);
    await page.getByTestId('template-new').click();
    await page.getByTestId('template-title').fill('备份里的话术');
    await page.getByTestId('template-body').fill('这条话术应该随备份一起恢复');
    await page.getByTestId('template-save').click();
    await expect(page.getByRole('status')).toContainText('v1');
    await page.goto(`chrome-extension://${extensionId}/options.html#/team`);
    const downloading = page.waitForEvent('download');
    await page.getByTestId('backup-download').click();
    const backupPath = testInfo.outputPath('backup.json');
    await (await downloading).saveAs(backupPath);

    const b = await secondProfile();
    try {
      const other = await b.context.newPage();
      await other.goto(`chrome-extension://${b.extensionId}/options.html#/team`);
      await other.getByTestId('backup-file').setInputFiles(backupPath);
      await expect(other.getByTestId('backup-preview')).toContainText('数据库版本 v');
      other.once('dialog', (d) => void d.accept());
      await other.getByTestId('backup-restore').click();
      const report = other.getByTestId('backup-report');
      await expect(report).toHaveAttribute('data-ok', 'true');
      await expect(report).toContainText('没有丢失数据');
      await other.goto(`chrome-extension://${b.extensionId}/options.html#/templates`);
      await expect(other.locator('[data-testid="template-item"]', { hasText: '备份里的话术' })).toBeVisible();
    } finally {
      await b.close();
    }
  });
});
