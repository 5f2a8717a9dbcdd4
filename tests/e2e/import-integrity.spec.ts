import { join } from 'node:path';
import { ROOT } from '../../scripts/browser';
import { demoAsOf } from '../../lib/demo/time';
import { writeTaobaoCsv } from '../../scripts/demo-data';
import { expect, importFiles, readBuyers, test } from './fixtures';

const EXPORTS = join(ROOT, 'tests', 'fixtures', 'exports');

/** A Taobao export big enough that its import runs for a while. */
function bigExport(path: string, orders: number): string {
  writeTaobaoCsv(path, { buyers: orders / 5, orders, seed: 7, asOf: demoAsOf(Date.now()) });
  return path;
}

test.describe('an import and a restore, one at a time; an import stays in view and can be cancelled', () => {
  test('a restore is refused while an import runs; the import is still shown after leaving the Data page; cancelling it leaves the data as before', async ({
    context,
    extensionId,
  }, testInfo) => {
    // A big file on a busy machine: minutes, not the default minute.
    test.setTimeout(300_000);
    const big = bigExport(testInfo.outputPath('ExportOrderList-big.csv'), 150_000);
    // What the cancel must leave as it is: a shop imported before.
    await importFiles(context, extensionId, [join(EXPORTS, 'ExportOrderList202510071230.csv')]);
    const before = (await readBuyers(context, extensionId)).map((b) => b.id);
    expect(before.length).toBeGreaterThan(0);

    // Another tab has a backup ready to restore.
    const team = await context.newPage();
    team.on('dialog', (dialog) => void dialog.accept());
    await team.goto(`chrome-extension://${extensionId}/options.html#/team`);
    const downloading = team.waitForEvent('download');
    await team.getByTestId('backup-download').click();
    const backup = testInfo.outputPath('backup.json');
    await (await downloading).saveAs(backup);
    await team.getByTestId('backup-file').setInputFiles(backup);
    await expect(team.getByTestId('backup-preview')).toBeVisible();

    const data = await context.newPage();
    await data.goto(`chrome-extension://${extensionId}/options.html#/data`);
    await expect(data.getByTestId('buyers-count')).toContainText(`共 ${before.length} 位`);
    await data.getByTestId('import-file').setInputFiles(big);
    // Reading has begun: the import worker holds the data lock.
    await expect(data.getByTestId('import-progress')).toHaveAttribute('data-phase', /reading|writing/);

    // The restore is refused, with the reason, while the import runs.
    await team.getByTestId('backup-restore').click();
    await expect(team.getByTestId('backup-problem')).toContainText('正在导入订单');
    await expect(data.getByTestId('import-progress')).toBeVisible();
    // That tab's Data page says another window is importing.
    await team.getByTestId('nav-data').click();
    await expect(team.getByTestId('import-elsewhere')).toBeVisible();
    await team.getByTestId('nav-team').click();
    await team.getByTestId('backup-file').setInputFiles(backup);
    await expect(team.getByTestId('backup-preview')).toBeVisible();

    // Leaving the Data page and coming back: the import is still there, with its progress.
    await data.getByTestId('nav-team').click();
    await expect(data.getByTestId('backup-panel')).toBeVisible();
    await expect(data.getByTestId('import-progress')).toHaveCount(0);
    await data.getByTestId('nav-data').click();
    await expect(data.getByTestId('import-progress')).toBeVisible();

    // Cancelled once it is writing buyers: everything it wrote is put back.
    await expect(data.getByTestId('import-progress')).toHaveAttribute('data-phase', 'writing', { timeout: 120_000 });
    await data.getByTestId('import-cancel').click();
    const cancelled = data.getByTestId('import-cancelled');
    await expect(cancelled).toBeVisible({ timeout: 120_000 });
    await expect(cancelled).toHaveAttribute('data-rolled-back', 'true');
    await expect(cancelled).toContainText('数据与导入前完全相同');
    await expect(data.getByTestId('buyers-count')).toContainText(`共 ${before.length} 位`);
    expect((await readBuyers(context, extensionId)).map((b) => b.id)).toEqual(before);

    // With the import gone, the restore goes ahead.
    await team.getByTestId('backup-restore').click();
    await expect(team.getByTestId('backup-report')).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  });

  test('an import left running while the supervisor visits other pages is shown again, and finishes with its summary', async ({
    context,
    extensionId,
  }, testInfo) => {
    test.setTimeout(300_000);
    const big = bigExport(testInfo.outputPath('ExportOrderList-big.csv'), 100_000);
    const data = await context.newPage();
    await data.goto(`chrome-extension://${extensionId}/options.html#/data`);
    await data.getByTestId('import-file').setInputFiles(big);
    await expect(data.getByTestId('import-progress')).toBeVisible();
    await data.getByTestId('nav-templates').click();
    await expect(data.getByTestId('import-progress')).toHaveCount(0);
    await data.getByTestId('nav-data').click();
    await expect(data.getByTestId('import-progress').or(data.getByTestId('import-done'))).toBeVisible();
    const done = data.getByTestId('import-done');
    await expect(done).toBeVisible({ timeout: 180_000 });
    await expect(done).toContainText('100000');
    await expect(data.getByTestId('buyers-count')).toContainText('共 20000 位');
  });
});
