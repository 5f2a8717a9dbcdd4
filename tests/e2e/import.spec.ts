import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/browser';
import { DEMO_EXPORT, expect, importFiles, test } from './fixtures';

const EXPORTS = join(ROOT, 'tests', 'fixtures', 'exports');
const CLI_FIELDS = [
  'buyer',
  'platform',
  'paidOrders',
  'netTotal',
  'aov',
  'firstPaidDate',
  'lastPaidDate',
  'recencyDays',
  'stage',
  'level',
  'rfm',
  'rfm8',
];

test.describe('importing order exports in the options page', () => {
  test('imports the demo export, lists the buyers, and exports them as Excel-friendly CSV', async ({
    context,
    extensionId,
  }) => {
    const summary = await importFiles(context, extensionId, [DEMO_EXPORT]);
    expect(summary).toContain('10000');

    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#/data`);
    await expect(page.getByTestId('buyers-count')).toContainText('2000');
    await expect(page.getByTestId('buyer-row').first()).toBeVisible();

    // Filter by stage: every visible row is in that stage.
    await page.getByTestId('filter-stage').selectOption('silent');
    await expect(page.getByTestId('buyers-scroll')).toHaveAttribute('aria-busy', 'false');
    const stages = await page.getByTestId('buyer-row').locator('.stage-text').allTextContents();
    expect(stages.length).toBeGreaterThan(0);
    expect(new Set(stages)).toEqual(new Set(['沉默期']));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-buyers-csv').click(),
    ]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    const header = lines[0]!.split(',');
    for (const f of CLI_FIELDS) expect(header).toContain(f);
    const stageCol = header.indexOf('stage');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1, 50)) expect(line.split(',')[stageCol]).toBe('silent');
  });

  test('importing the same file twice counts every order once', async ({ context, extensionId }) => {
    const file = join(EXPORTS, 'ExportOrderList202510071230.csv');
    const first = await importFiles(context, extensionId, [file]);
    const second = await importFiles(context, extensionId, [file]);
    const newOrders = (s: string) => Number(/新增 (\d+) 笔/.exec(s)?.[1]);
    expect(newOrders(first)).toBeGreaterThan(0);
    expect(newOrders(second)).toBe(0);
  });

  test('bad rows are reported with file, line and column, and the good rows still land', async ({
    context,
    extensionId,
  }) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#/data`);
    const bad = join(EXPORTS, 'bad', 'ExportOrderList-bad-values.csv');
    await page.getByTestId('import-file').setInputFiles(bad);
    await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 30_000 });
    const issues = page.getByTestId('import-issue');
    await expect(issues.first()).toContainText('ExportOrderList-bad-values.csv');
    await expect(issues.first()).toContainText(/第 \d+ 行/);
    await expect(page.getByTestId('buyers-count')).not.toContainText('共 0 位');
    expect(readFileSync(bad).length).toBeGreaterThan(0);
  });
});
