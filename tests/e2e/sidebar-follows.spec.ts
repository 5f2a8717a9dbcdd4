import { DEMO_EXPORT, expect, importFiles, openConsole, sidebarFrame, test } from './fixtures';

test.describe('the sidebar in the demo console', () => {
  test("shows the open conversation's buyer from imported orders and follows conversation switches", async ({
    context,
    extensionId,
  }) => {
    const summary = await importFiles(context, extensionId, [DEMO_EXPORT]);
    expect(summary).toMatch(/\d/);

    const page = await openConsole(context, '?script=off');
    const rows = page.getByTestId('conversation');
    await expect(rows.first()).toBeVisible();
    const frame = await sidebarFrame(page, extensionId);

    const firstId = await rows.nth(0).getAttribute('data-buyer-id');
    await rows.nth(0).click();
    await expect(frame.getByTestId('buyer-nick')).toHaveText(firstId!);

    for (const n of [1, 2, 3]) {
      const id = await rows.nth(n).getAttribute('data-buyer-id');
      await rows.nth(n).click();
      await expect(frame.getByTestId('buyer-nick')).toHaveText(id!);
      await expect(page.getByTestId('current-buyer-nick')).toHaveText(id!);
    }
  });
});
