import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import axe from 'axe-core';
import { DEMO_EXPORT, expect, importFiles, openConsole, readBuyers, sidebarFrame, test } from './fixtures';

/**
 * Accessibility (issue 22, item 5): axe (WCAG 2.0/2.1 A and AA rules) on the sidebar, the popup and
 * every page of the options workspace, in zh-CN and in en. Any serious or critical violation fails
 * the test, listed readably (page, rule, impact, element, help).
 */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
type Violations = axe.AxeResults['violations'];

interface Finding {
  where: string;
  rule: string;
  impact: string;
  target: string;
  help: string;
}

function serious(where: string, violations: Violations): Finding[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => ({
        where,
        rule: v.id,
        impact: v.impact ?? '',
        target: JSON.stringify(n.target),
        help: `${v.help} (${n.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? ''})`,
      })),
    );
}

/** One line per page (the counts the issue asks about), then one line per offending element. */
function report(findings: Finding[], pages: string[]): string {
  const counts = pages.map((p) => `${p}: ${findings.filter((f) => f.where === p).length}`);
  const lines = findings.map((f) => `  [${f.impact}] ${f.rule} @ ${f.where} ${f.target}\n      ${f.help}`);
  return [`serious/critical violations per page — ${counts.join(', ')}`, ...lines].join('\n');
}

async function checkPage(page: Page): Promise<Violations> {
  return (await new AxeBuilder({ page }).withTags(TAGS).analyze()).violations;
}

/** The sidebar is an extension page framed into the console: analyse its own document. */
async function checkFrame(frame: Frame): Promise<Violations> {
  await frame.evaluate(axe.source);
  return frame.evaluate(async (tags) => {
    const run = (window as unknown as { axe: typeof axe }).axe;
    return (await run.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }))
      .violations;
  }, TAGS);
}

async function htmlLang(target: Page | Frame): Promise<string> {
  return target.evaluate(() => document.documentElement.lang);
}

/** `<html lang>` follows the chosen UI language (axe only checks that it is valid). */
async function langFinding(target: Page | Frame, where: string, lang: string): Promise<Finding[]> {
  const actual = await htmlLang(target);
  return actual === lang
    ? []
    : [
        {
          where,
          rule: 'html-lang-follows-ui',
          impact: 'serious',
          target: '["html"]',
          help: `lang="${actual}", the UI is in ${lang}`,
        },
      ];
}

/** Every section of the options workspace, as its navigation lists them. */
async function optionsSections(page: Page): Promise<string[]> {
  const ids = await page
    .locator('[data-testid^="nav-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('nav-'.length)));
  expect(ids.length).toBeGreaterThan(5);
  return ids;
}

async function checkOptions(
  context: BrowserContext,
  extensionId: string,
  lang: string,
  findings: Finding[],
  pages: string[],
) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#/data`);
  await expect(page.locator('main h1')).toBeVisible();
  for (const id of await optionsSections(page)) {
    await page.goto(`chrome-extension://${extensionId}/options.html#/${id}`);
    await expect(page.locator('main h1')).toHaveText((await page.getByTestId(`nav-${id}`).textContent()) ?? '');
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    const where = `options#/${id} (${lang})`;
    pages.push(where);
    findings.push(...(await langFinding(page, where, lang)));
    findings.push(...serious(where, await checkPage(page)));
  }
  await page.close();
}

async function checkPopup(
  context: BrowserContext,
  extensionId: string,
  lang: string,
  findings: Finding[],
  pages: string[],
) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.waitForLoadState('networkidle');
  await expect(page.locator('#root > *').first()).toBeVisible();
  await page.waitForTimeout(300);
  const where = `popup (${lang})`;
  pages.push(where);
  findings.push(...(await langFinding(page, where, lang)));
  findings.push(...serious(where, await checkPage(page)));
  await page.close();
}

async function checkSidebar(
  context: BrowserContext,
  extensionId: string,
  buyer: string,
  lang: string,
  findings: Finding[],
  pages: string[],
) {
  const page = await openConsole(
    context,
    `?buyer=${encodeURIComponent(buyer)}&nick=${encodeURIComponent(buyer)}&script=off`,
  );
  const frame = await sidebarFrame(page, extensionId);
  await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
  await page.evaluate((id) => window.__demoConsole!.receive(id, '这个有色差吗，我165穿什么码'), buyer);
  await expect(frame.getByTestId('buyer-nick')).toHaveText(buyer);
  await expect(frame.getByTestId('suggestion-item').first()).toBeVisible();
  await page.waitForTimeout(500);
  const where = `sidebar (${lang})`;
  pages.push(where);
  findings.push(...(await langFinding(frame, where, lang)));
  findings.push(...serious(where, await checkFrame(frame)));
  await page.close();
}

async function returningBuyer(context: BrowserContext, extensionId: string): Promise<string> {
  const buyer = (await readBuyers(context, extensionId)).find(
    (b) => b.platform === 'taobao' && b.metrics.paidOrders >= 2,
  );
  expect(buyer, 'the demo data has a returning Taobao buyer').toBeTruthy();
  return buyer!.buyerKey;
}

async function chooseLocale(context: BrowserContext, extensionId: string, locale: 'en' | 'zh-CN') {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#/settings`);
  await page.getByTestId('settings-locale').selectOption(locale);
  await page.getByTestId('settings-save').click();
  await expect(page.locator('main h1')).toHaveText(locale === 'en' ? 'General' : '通用设置');
  await page.close();
}

test.describe('accessibility (axe, WCAG 2.1 A/AA): no serious or critical violation', () => {
  test('every options page, the popup and the sidebar, in zh-CN and in en', async ({ context, extensionId }) => {
    test.setTimeout(240_000);
    await importFiles(context, extensionId, [DEMO_EXPORT]);
    const buyer = await returningBuyer(context, extensionId);
    const findings: Finding[] = [];
    const pages: string[] = [];
    for (const lang of ['zh-CN', 'en'] as const) {
      if (lang !== 'zh-CN') await chooseLocale(context, extensionId, lang);
      await checkOptions(context, extensionId, lang, findings, pages);
      await checkPopup(context, extensionId, lang, findings, pages);
      await checkSidebar(context, extensionId, buyer, lang, findings, pages);
    }
    console.log(report(findings, pages));
    expect(findings, report(findings, pages)).toEqual([]);
  });

  test('open forms, menus, a locked workspace and the sidebar’s search and blanks (zh-CN)', async ({
    context,
    extensionId,
  }) => {
    test.setTimeout(180_000);
    await importFiles(context, extensionId, [DEMO_EXPORT]);
    const findings: Finding[] = [];
    const pages: string[] = [];
    const page = await context.newPage();
    const check = async (where: string) => {
      await page.waitForTimeout(300);
      pages.push(where);
      findings.push(...serious(where, await checkPage(page)));
    };
    const open = async (id: string) => {
      await page.goto(`chrome-extension://${extensionId}/options.html#/${id}`);
      await expect(page.locator('main h1')).toHaveText((await page.getByTestId(`nav-${id}`).textContent()) ?? '');
    };

    await open('offers');
    await page.getByTestId('coupon-new').click();
    await page.getByRole('button', { name: '新建规则' }).click();
    await check('offers: new coupon and new rule forms');

    await open('templates');
    await page.getByTestId('template-new').click();
    await page.getByTestId('template-body').click();
    await page.keyboard.type('{{');
    await expect(page.getByTestId('variable-menu')).toBeVisible();
    await page.getByRole('tab', { name: '真实买家' }).click();
    // An empty English variant: its tab is marked as having errors.
    await page.getByTestId('variant-toggle-en').click();
    await expect(page.getByTestId('variant-tabs').getByRole('tab', { name: '英文 有错误' })).toBeVisible();
    await check('templates: new template, variable menu, real-buyer preview, a variant with errors');

    await open('consoles');
    await page.getByTestId('consoles-add').click();
    await expect(page.getByTestId('consoles-editor')).toBeVisible();
    await check('consoles: new console form');

    await open('team');
    await page.getByTestId('pin-new').fill('2468');
    await page.getByTestId('pin-again').fill('2468');
    await page.getByTestId('pin-confirm-supervisor').check();
    await page.getByTestId('pin-save').click();
    await expect(page.getByTestId('pin-recovery')).toBeVisible();
    await check('team: PIN set, recovery code shown');
    await page.getByTestId('pin-recovery-saved').click();
    await page.reload();
    await open('levels');
    await expect(page.getByTestId('edit-gate').first()).toBeVisible();
    await check('levels: locked behind the PIN');
    await page.close();

    const chat = await openConsole(context, '?buyer=tb_a11y_forms&nick=tb_a11y_forms&script=off');
    const frame = await sidebarFrame(chat, extensionId);
    await expect(chat.locator('#demo-console[data-ready="true"]')).toBeVisible();
    await chat.evaluate(() => window.__demoConsole!.receive('tb_a11y_forms', '这个有色差吗，我165穿什么码'));
    const list = frame.getByTestId('suggestion-list');
    await expect(frame.getByTestId('suggestion-item').first()).toBeVisible();
    await list.focus();
    await chat.keyboard.press('Enter');
    await expect(frame.getByTestId('suggestion-blank').first()).toBeFocused();
    pages.push('sidebar: blanks open');
    findings.push(...serious('sidebar: blanks open', await checkFrame(frame)));
    await chat.keyboard.press('Escape');
    await list.focus();
    await chat.keyboard.press('/');
    await expect(frame.getByTestId('suggestion-search')).toBeFocused();
    pages.push('sidebar: search open');
    findings.push(...serious('sidebar: search open', await checkFrame(frame)));

    console.log(report(findings, pages));
    expect(findings, report(findings, pages)).toEqual([]);
  });
});

/** Tab from the console's input until the keyboard is in the sidebar (the console's own send button may come first). */
async function tabIntoSidebar(page: Page, frame: Frame) {
  const inSidebar = () => frame.evaluate(() => document.hasFocus() && document.activeElement !== document.body);
  for (let i = 0; i < 4 && !(await inSidebar()); i++) await page.keyboard.press('Tab');
  expect(await inSidebar(), 'Tab from the console reaches the sidebar').toBe(true);
}

test.describe('keyboard', () => {
  test('tab lists: one tab stop, Left/Right/Home/End move and select (levels → segment view)', async ({
    context,
    extensionId,
  }) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#/levels`);
    const list = page.getByRole('tablist', { name: '分群方式' });
    const tabs = list.getByRole('tab');
    await expect(tabs.first()).toBeVisible();
    const n = await tabs.count();
    expect(n).toBeGreaterThanOrEqual(3);
    const selected = list.getByRole('tab', { selected: true });
    await expect(selected).toHaveAttribute('tabindex', '0');
    await expect(list.locator('[role="tab"][tabindex="-1"]')).toHaveCount(n - 1);
    const names = await tabs.allTextContents();
    const chosen = () => list.getByRole('tab', { selected: true });

    await tabs.nth(0).click();
    await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(chosen()).toHaveText(names[1]!);
    await expect(tabs.nth(1)).toBeFocused();
    await expect(tabs.nth(1)).toHaveAttribute('tabindex', '0');
    await expect(tabs.nth(0)).toHaveAttribute('tabindex', '-1');
    await page.keyboard.press('End');
    await expect(chosen()).toHaveText(names[n - 1]!);
    await expect(tabs.nth(n - 1)).toBeFocused();
    // Wraps around at the end, and back.
    await page.keyboard.press('ArrowRight');
    await expect(chosen()).toHaveText(names[0]!);
    await expect(tabs.nth(0)).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(chosen()).toHaveText(names[n - 1]!);
    await page.keyboard.press('Home');
    await expect(chosen()).toHaveText(names[0]!);
    await expect(tabs.nth(0)).toBeFocused();
    // Tab leaves the list (one tab stop): it does not walk through the other tabs.
    await page.keyboard.press('Tab');
    for (let i = 0; i < n; i++) await expect(tabs.nth(i)).not.toBeFocused();
  });

  test('coupon rows open with Enter from the keyboard', async ({ context, extensionId }) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#/offers`);
    const row = page.getByTestId('coupon-row').first();
    await row.focus();
    await expect(row).toBeFocused();
    await expect(page.getByTestId('coupon-name')).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('coupon-name')).toBeVisible();
  });

  test('the sidebar by keyboard alone: Tab in from the console, Alt+J, arrows, Enter inserts, Esc, / searches', async ({
    context,
    extensionId,
  }) => {
    const buyer = 'tb_keyboard_only';
    const page = await openConsole(context, `?buyer=${buyer}&nick=${buyer}&script=off`);
    const frame = await sidebarFrame(page, extensionId);
    await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
    await page.evaluate((id) => window.__demoConsole!.receive(id, '这个有色差吗，我165穿什么码'), buyer);
    await expect(frame.getByTestId('buyer-nick')).toHaveText(buyer);
    const items = frame.getByTestId('suggestion-item');
    const options = frame.getByRole('option');
    await expect(items.nth(1)).toBeVisible();
    const agentMessages = page.locator('[data-testid="message"][data-author="agent"]');
    const sentBefore = await agentMessages.count();

    // The agent types in the console; Tab moves on into the sidebar (its first control).
    await page.getByTestId('chat-input').focus();
    await tabIntoSidebar(page, frame);
    // Alt+J anywhere in the sidebar goes to the suggestions.
    await page.keyboard.press('Alt+j');
    const list = frame.getByTestId('suggestion-list');
    await expect(list).toBeFocused();
    await expect(list).toHaveAttribute('aria-activedescendant', 'sg-0');
    await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
    // Arrows move the active suggestion (announced through aria-activedescendant).
    await page.keyboard.press('ArrowDown');
    await expect(list).toHaveAttribute('aria-activedescendant', 'sg-1');
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(options.nth(0)).toHaveAttribute('aria-selected', 'false');
    await page.keyboard.press('ArrowUp');
    await expect(list).toHaveAttribute('aria-activedescendant', 'sg-0');

    // Enter opens the top suggestion; its blanks are filled by keyboard, Enter inserts into the console.
    await page.keyboard.press('Enter');
    const blanks = items.nth(0).getByTestId('suggestion-blank');
    await expect(blanks.first()).toBeFocused();
    // Esc closes it and gives the keyboard back to the list; Enter opens it again.
    await page.keyboard.press('Escape');
    await expect(blanks).toHaveCount(0);
    await expect(list).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(blanks.first()).toBeFocused();
    const count = await blanks.count();
    for (let i = 0; i < count; i++) {
      await expect(blanks.nth(i)).toBeFocused();
      await page.keyboard.type('偏大');
      if (i < count - 1) await page.keyboard.press('Tab');
    }
    const preview = items.nth(0).getByTestId('suggestion-preview');
    await expect(preview).toContainText('偏大');
    const rendered = (await preview.textContent()) ?? '';
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('chat-input')).toHaveValue(rendered);
    await page.waitForTimeout(300);
    expect(await agentMessages.count(), 'inserting never sends').toBe(sentBefore);

    // Back to the sidebar by keyboard: Tab from the console input, Alt+J, then / searches.
    await page.getByTestId('chat-input').focus();
    await tabIntoSidebar(page, frame);
    await page.keyboard.press('Alt+j');
    await expect(list).toBeFocused();
    await page.keyboard.press('/');
    await expect(frame.getByTestId('suggestion-search')).toBeFocused();
    await page.keyboard.type('cm');
    await expect(items.first()).toHaveAttribute('data-template-id', 'builtin.concern.size');
    await page.keyboard.press('Escape');
    await expect(frame.getByTestId('suggestion-search')).toHaveCount(0);
  });
});
