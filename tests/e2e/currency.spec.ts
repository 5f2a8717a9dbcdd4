import { orderFile } from './consoles-helpers';
import { expect, importFiles, openConsole, sidebarFrame, test } from './fixtures';

/**
 * Money in its currency. `shopee-my.csv` is a Shopee Malaysia export (written from a description,
 * see tests/fixtures/consoles/orders/README.md): nurul.my paid RM 49.90 and RM 1,299.00, weiming_kl
 * RM 88.00. `ExportOrderList-demo.csv` is a Taobao export of ¥88 + ¥200 + ¥300 + ¥150 = ¥738.
 */

test('a Shopee Malaysia export shows its buyers in RM, and levels count ringgit', async ({ context, extensionId }) => {
  await importFiles(context, extensionId, [orderFile('shopee-my.csv')]);
  const page = await openConsole(context, '?script=off&platform=shopee&buyer=nurul.my');
  const frame = await sidebarFrame(page, extensionId);
  await expect(frame.getByTestId('buyer-nick')).toHaveText('nurul.my');
  await expect(frame.getByTestId('buyer-total')).toHaveText('RM 1,348.90');
  await expect(frame.getByTestId('buyer-total')).toHaveAttribute('data-currency', 'MYR');
  await expect(frame.getByTestId('buyer-aov')).toHaveText('RM 674.45');
  // No shop currency set: the data's. RM 1,348.90 reaches the 1,000 rung (VIP3), not ¥-anything.
  await expect(frame.getByTestId('buyer-level')).toHaveAttribute('data-value', 'VIP3');
  await expect(frame.locator('body')).not.toContainText('¥');
});

test('a shop with CNY and MYR orders shows the totals apart, and converts only at a rate the supervisor entered', async ({
  context,
  extensionId,
}) => {
  await importFiles(context, extensionId, [orderFile('ExportOrderList-demo.csv'), orderFile('shopee-my.csv')]);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html#/data`);
  const totals = options.getByTestId('buyers-net-totals');
  await expect(totals).toHaveText('¥738.00 + RM 1,436.90');
  await expect(totals).not.toHaveAttribute('data-converted', 'true');
  // Each buyer in their own currency.
  await expect(
    options.getByTestId('buyer-row').filter({ hasText: 'nurul.my' }).getByTestId('buyer-row-net'),
  ).toHaveText('RM 1,348.90');
  await expect(
    options.getByTestId('buyer-row').filter({ hasText: 'tb_hello' }).getByTestId('buyer-row-net'),
  ).toHaveText('¥500.00');

  // The shop is in CNY; the supervisor enters 1 MYR = 1.55 CNY: the ringgit are converted and said to be.
  await options.getByTestId('nav-settings').click();
  await options.getByTestId('settings-shop-currency').selectOption('CNY');
  await options.getByTestId('settings-rate-currency').selectOption('MYR');
  await options.getByTestId('settings-rate-add').click();
  await options.getByTestId('settings-rate-value').fill('1.55');
  await options.getByTestId('settings-save').click();
  await options.getByTestId('nav-data').click();
  // ¥738.00 + RM 1,436.90 × 1.55 (¥2,227.20) = ¥2,965.20.
  await expect(totals).toHaveText(/^¥2,965\.20/);
  await expect(totals).toHaveAttribute('data-converted', 'true');
  await expect(totals).toContainText('含按汇率换算');

  // The Taobao buyer's sidebar is in ¥.
  const page = await openConsole(context, '?script=off&buyer=tb_hello');
  const frame = await sidebarFrame(page, extensionId);
  await expect(frame.getByTestId('buyer-total')).toHaveText('¥500.00');
});
