import { readFileSync } from 'node:fs';
import type { Frame, Page } from '@playwright/test';
import { parseCsv } from '../../lib/import/csv';
import { DEMO_EXPORT, expect, importFiles, openConsole, seedDemoContacts, sidebarFrame, test } from './fixtures';

const EVIL = '=HYPERLINK("http://evil.example","点我领券")';

/** A buyer writes in the demo console; the agent confirms the concern chip the sidebar shows. */
async function tagConcern(page: Page, frame: Frame, buyer: string, text: string, concern: string) {
  await page.evaluate(([id, message]) => window.__demoConsole!.receive(id!, message!), [buyer, text]);
  await page.locator(`[data-testid="conversation"][data-buyer-id=${JSON.stringify(buyer)}]`).click();
  await expect(frame.getByTestId('buyer-nick')).toHaveText(buyer);
  const chip = frame.locator(`[data-testid="concern-chip"][data-concern="${concern}"]`);
  await chip.click();
  await expect(chip).toHaveCount(0);
}

async function rowsOf(text: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of parseCsv([text])) rows.push(row.fields);
  return rows;
}

test.describe('supervisor workspace: insights', () => {
  test('exported concerns open as UTF-8 with BOM, carry only the filtered rows, and a formula nick is neutralised', async ({
    context,
    extensionId,
  }, testInfo) => {
    await importFiles(context, extensionId, [DEMO_EXPORT]);
    const page = await openConsole(
      context,
      `?buyer=${encodeURIComponent(EVIL)}&nick=${encodeURIComponent(EVIL)}&script=off`,
    );
    const frame = await sidebarFrame(page, extensionId);
    await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
    await tagConcern(page, frame, EVIL, '这件衣服偏大吗？我平时穿M码', 'size');
    await tagConcern(page, frame, EVIL, '你们家是正品吗', 'authenticity');
    await tagConcern(page, frame, '月亮宝妈', '实物和图片有色差吗', 'photo_match');

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#/concerns`);
    await expect(options.getByTestId('concern-export-count')).toContainText('3');
    await options.locator('[data-testid="export-filter-concerns"] [data-value="size"]').click();
    await options.locator('[data-testid="export-filter-concerns"] [data-value="photo_match"]').click();
    await expect(options.getByTestId('concern-export-count')).toContainText('符合条件 2 条');
    const downloading = options.waitForEvent('download');
    await options.getByTestId('export-concerns-csv').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^concerns-.*\.csv$/);
    const path = testInfo.outputPath('concerns.csv');
    await download.saveAs(path);

    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const [header, ...rows] = await rowsOf(text);
    const col = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => r[col('concern')]).sort()).toEqual(['photo_match', 'size']);
    // The buyer column is the console's id, which here is the nick itself: neutralised too.
    const evil = rows.find((r) => r[col('buyer')] === `'${EVIL}`)!;
    expect(evil[col('nick')]).toBe(`'${EVIL}`);
    expect(evil[col('quote')]).toBe('这件衣服偏大吗？我平时穿M码');
    expect(evil[col('concernName')]).toBe('尺码');
    const mom = rows.find((r) => r[col('buyer')] === '月亮宝妈')!;
    expect(mom[col('level')]).toMatch(/^VIP\d$/);
    expect(mom[col('item')]).not.toBe('');
    // No cell of the file starts like a formula.
    expect(rows.flat().filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
    await expect(options.getByTestId('concern-export-done')).toContainText('2');
  });

  test('the dashboard draws the demo shop: buyers by level, stage and segment, concerns by week and item, and how contacted buyers responded', async ({
    context,
    extensionId,
  }, testInfo) => {
    await importFiles(context, extensionId, [DEMO_EXPORT]);
    // What the demo shop's agents sent over the past weeks (as npm start seeds it).
    const seeded = await seedDemoContacts(context);
    expect(seeded).toBeGreaterThan(100);
    // Concerns the sidebar saves by itself while an agent reads through today's conversations.
    const settings = await context.newPage();
    await settings.goto(`chrome-extension://${extensionId}/options.html#/settings`);
    await settings.getByTestId('settings-autosave').check();
    await settings.getByTestId('settings-save').click();
    const page = await openConsole(context, '?script=off');
    const frame = await sidebarFrame(page, extensionId);
    const rows = page.getByTestId('conversation');
    const questions = [
      '这件偏大吗？我165穿什么码',
      '实物和图片有色差吗',
      '你们家是正品吗',
      '宝宝用安全吗，有没有异味',
      '什么时候发货呀',
      '质量怎么样，洗了会起球吗',
      '这个码数准吗',
      '有没有色差，屏幕上看着偏粉',
    ];
    const ids = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-buyer-id')!))).slice(
      0,
      questions.length,
    );
    for (const [i, text] of questions.entries()) {
      const id = ids[i]!;
      await page.evaluate(([buyer, message]) => window.__demoConsole!.receive(buyer!, message!), [id, text]);
      // A new message moves its conversation to the top: find the row by buyer, not by place.
      await page.locator(`[data-testid="conversation"][data-buyer-id=${JSON.stringify(id)}]`).click();
      await expect(frame.getByTestId('buyer-nick')).toHaveText(id);
      await expect(frame.locator('.concern-list li').first()).toBeVisible();
    }

    const dash = await context.newPage();
    await dash.setViewportSize({ width: 1360, height: 900 });
    await dash.goto(`chrome-extension://${extensionId}/options.html#/dashboard`);
    const buyers = Number((await dash.getByTestId('kpi-buyers').textContent())!.replace(/,/g, ''));
    expect(buyers).toBeGreaterThan(100);
    for (const id of ['chart-levels', 'chart-stages', 'chart-segments', 'chart-concern-weeks', 'chart-concern-items']) {
      await expect(dash.getByTestId(id).locator('svg path').first()).toBeAttached();
    }
    // The stage chart accounts for every buyer, in readable Chinese.
    const summary = (await dash.getByTestId('chart-stages').getAttribute('data-summary'))!;
    expect(summary).toContain('活跃期');
    expect([...summary.matchAll(/\d+/g)].reduce((sum, m) => sum + Number(m[0]), 0)).toBe(buyers);
    await expect(dash.getByTestId('chart-concern-weeks')).toHaveAttribute('data-summary', /尺码 \d+/);

    // Stimulus response against natural repurchase: by period and by kind of contact.
    await expect(dash.getByTestId('outcomes')).toBeVisible();
    await expect(dash.getByTestId('outcomes-empty')).toHaveCount(0);
    const numbers = async (row: import('@playwright/test').Locator) =>
      (await row.locator('td.num').allTextContents()).map((cell) => cell.trim());
    const byPeriod = dash.getByTestId('outcomes-by-period').locator('tbody tr');
    await expect(byPeriod).toHaveCount(3);
    expect(await byPeriod.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-period')))).toEqual([
      '7',
      '14',
      '30',
    ]);
    for (const row of await byPeriod.all()) {
      const [contacted, ordered, rate, natural, , controls] = await numbers(row);
      expect(Number(contacted)).toBeGreaterThan(20);
      expect(Number(ordered)).toBeGreaterThan(0);
      expect(rate).toMatch(/^\d+(\.\d)?%$/);
      expect(natural).toMatch(/^\d+(\.\d)?%$/);
      expect(Number(controls)).toBeGreaterThan(Number(contacted));
    }
    // The longer the period, the more of the contacted buyers have ordered by its end.
    const rates = await Promise.all((await byPeriod.all()).map(async (row) => parseFloat((await numbers(row))[2]!)));
    expect(rates[2]!).toBeGreaterThanOrEqual(rates[0]!);
    const byKind = dash.getByTestId('outcomes-table').locator('tbody tr');
    const kinds = await byKind.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    expect(kinds).toEqual(
      expect.arrayContaining(['group:coupon', 'coupon:stage45_gift', 'group:care', 'group:unpaid']),
    );
    await expect(
      dash.locator('[data-testid="outcomes-table"] tr[data-key="coupon:stage45_gift"] td').first(),
    ).toHaveText(/45天回购礼/);
    await expect(dash.locator('[data-testid="outcomes-table"] tr[data-key="group:unpaid"] td').first()).toHaveText(
      '催付跟进',
    );
    await expect(dash.getByTestId('chart-outcomes')).toHaveAttribute(
      'data-summary',
      /优惠券 \d+(\.\d)?% \/ \d+(\.\d)?%/,
    );
    // Another period re-draws the kinds for it.
    const couponAt = async () =>
      (await numbers(dash.locator('[data-testid="outcomes-table"] tr[data-key="group:coupon"]')))[0];
    const at14 = await couponAt();
    await dash.locator('[data-testid="outcome-window"] [data-value="30"]').click();
    await expect(dash.getByText('按跟进方式（30 天）')).toBeVisible();
    expect(Number(await couponAt())).toBeLessThanOrEqual(Number(at14));
    await dash.waitForTimeout(600); // let the chart animations settle before the picture
    const shot = testInfo.outputPath('dashboard.png');
    await dash.screenshot({ path: shot, fullPage: true });
    await testInfo.attach('dashboard', { path: shot, contentType: 'image/png' });
  });
});
