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
    .flatMap((v) => v.nodes.map((n) => ({ where, rule: v.id, impact: v.impact ?? '', target: JSON.stringify(n.target), help: `${v.help} (${n.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? ''})` })));
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
    return (await run.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations;
  }, TAGS);
}

async function htmlLang(target: Page | Frame): Promise<string> {
  return target.evaluate(() => document.documentElement.lang);
}

/** `<html lang>` follows the chosen UI language (axe only checks that it is valid). */
async function langFinding(target: Page | Frame, where: string, lang: string): Promise<Finding[]> {
  const actual = await htmlLang(target);
  return actual === lang ? [] : [{ where, rule: 'html-lang-follows-ui', impact: 'serious', target: '["html"]', help: `lang="${actual}", the UI is in ${lang}` }];
}

/** Every section of the options workspace, as its navigation lists them. */
async function optionsSections(page: Page): Promise<string[]> {
  const ids = await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('nav-'.length)));
  expect(ids.length).toBeGreaterThan(5);
  return ids;
}

async function checkOptions(context: BrowserContext, extensionId: string, lang: string, findings: Finding[], pages: string[]) {
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

async function checkPopup(context: BrowserContext, extensionId: string, lang: string, findings: Finding[], pages: string[]) {
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

async function checkSidebar(context: BrowserContext, extensionId: string, buyer: string, lang: string, findings: Finding[], pages: string[]) {
  const page = await openConsole(context, `?buyer=${encodeURIComponent(buyer)}&nick=${encodeURIComponent(buyer)}&script=off`);
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
  const buyer = (await readBuyers(context, extensionId)).find((b) => b.platform === 'taobao' && b.metrics.paidOrders >= 2);
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
});
