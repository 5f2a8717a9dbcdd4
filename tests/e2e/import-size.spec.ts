import { closeSync, openSync, ftruncateSync } from 'node:fs';
import { expect, test } from './fixtures';

test.describe('an import too big for the browser', () => {
  test('is refused before anything is read, with the size, the limit and the way to the team server', async ({
    context,
    extensionId,
  }, testInfo) => {
    // 600 MB without writing them: a sparse file (the page only looks at its size).
    const huge = testInfo.outputPath('ExportOrderList-huge.csv');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 600 * 1024 * 1024);
    closeSync(fd);
    const data = await context.newPage();
    await data.goto(`chrome-extension://${extensionId}/options.html#/data`);
    await data.getByTestId('import-file').setInputFiles(huge);
    const refusal = data.getByTestId('import-too-big');
    await expect(refusal).toBeVisible();
    await expect(refusal).toContainText('600 MB');
    await expect(refusal).toContainText('512 MB');
    await expect(refusal).toContainText('团队服务器');
    await expect(data.getByTestId('import-progress')).toHaveCount(0);
    await expect(data.getByTestId('import-failed')).toHaveCount(0);
  });
});
