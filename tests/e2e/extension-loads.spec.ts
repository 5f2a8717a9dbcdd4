import { test, expect } from './fixtures';

test('the extension loads with its service worker, options page and popup', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.locator('#root')).not.toBeEmpty();
});
