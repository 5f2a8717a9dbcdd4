import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoAsOf } from '../../lib/demo/time';
import { ROOT } from '../../scripts/browser';
import { writeDemoWorkbook } from '../../scripts/fixtures/demo-workbook';
import { expect, importFiles, test } from './fixtures';

const EXPORTS = join(ROOT, 'tests', 'fixtures', 'exports');

test.describe('Excel workbooks import like CSV', () => {
  test('a Shopee .xlsx download imports as its CSV does, and an .xls is refused with what to do', async ({
    context,
    extensionId,
  }, testInfo) => {
    const summary = await importFiles(context, extensionId, [join(EXPORTS, 'Order.all.20251001_20251031.xlsx')]);
    expect(summary).toMatch(/新增 2 笔/);

    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#/data`);
    await expect(page.getByTestId('buyers-count')).toContainText('共 2 位');
    const xls = testInfo.outputPath('orders.xls');
    writeFileSync(xls, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]));
    await page.getByTestId('import-file').setInputFiles(xls);
    await expect(page.getByTestId('import-failed')).toContainText('请在表格软件中另存为 .xlsx 或 CSV 后再导入');
  });

  test('a 100,000-row workbook imports with progress while the options page stays usable', async ({
    context,
    extensionId,
  }, testInfo) => {
    test.setTimeout(300_000);
    const path = testInfo.outputPath('ExportOrderList-big.xlsx');
    const { rows } = writeDemoWorkbook(path, { buyers: 20_000, orders: 100_000, seed: 7, asOf: demoAsOf(Date.now()) });
    expect(rows).toBe(100_000);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html#/data`);
    await page.getByTestId('import-file').setInputFiles(path);
    const progress = page.getByTestId('import-progress');
    await expect(progress).toHaveAttribute('data-phase', 'reading', { timeout: 60_000 });
    // The page answers while the workbook is read: another section opens and the import is there on return.
    await page.getByTestId('nav-templates').click();
    await expect(page.getByTestId('import-progress')).toHaveCount(0);
    await page.getByTestId('nav-data').click();
    await expect(progress.or(page.getByTestId('import-done'))).toBeVisible();
    const done = page.getByTestId('import-done');
    await expect(done).toBeVisible({ timeout: 240_000 });
    await expect(done).toContainText('100000');
    await expect(page.getByTestId('buyers-count')).toContainText('共 20000 位');
  });
});
