import { DEMO_EXPORT, expect, importFiles, openConsole, readBuyers, sidebarFrame, test } from './fixtures';

test.describe('the shipping notice (发货通知) in the demo console', () => {
  test('a buyer whose parcel is on its way is offered 发货通知 with the tracking number and carrier from the export', async ({
    context,
    extensionId,
  }) => {
    await importFiles(context, extensionId, [DEMO_EXPORT]);
    // The demo shop's export names the parcel of every shipped order (物流单号 / 物流公司).
    const buyers = await readBuyers(context, extensionId);
    const withParcel = buyers.flatMap((b) =>
      b.orders.filter((o) => o.status === 'shipped' && o.trackingNo && o.carrier).map((o) => ({ b, o })),
    );
    expect(withParcel.length, 'the demo shop has parcels on their way').toBeGreaterThan(0);
    // The buyer's newest parcel on its way is the one the notice is about.
    const { b: buyer } = withParcel[0]!;
    const parcel = buyer.orders
      .filter((o) => o.status === 'shipped' && o.trackingNo)
      .sort((x, y) => (x.createdAt! < y.createdAt! ? 1 : -1))[0]!;
    expect(parcel.trackingNo).not.toMatch(/^No:/);

    const key = buyer.buyerKey;
    const page = await openConsole(
      context,
      `?buyer=${encodeURIComponent(key)}&nick=${encodeURIComponent(key)}&script=off`,
    );
    const frame = await sidebarFrame(page, extensionId);
    await expect(frame.getByTestId('buyer-nick')).toHaveText(key);
    const notice = frame.locator('[data-testid="suggestion-item"][data-template-id="builtin.shipping.notice"]');
    await expect(notice).toBeVisible();
    const preview = notice.getByTestId('suggestion-preview');
    await expect(preview).toContainText(`${parcel.carrier}单号：${parcel.trackingNo}`);
    await expect(preview).not.toContainText('order.');

    // Chosen, its one blank (the expected delivery) filled, Enter inserts it into the console's input.
    await notice.click();
    const blank = notice.getByTestId('suggestion-blank').first();
    await expect(blank).toBeFocused();
    await page.keyboard.type('后天');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('chat-input')).toHaveValue(new RegExp(`${parcel.trackingNo}.*预计后天送到`));
  });

  test('a buyer with no parcel on its way is not offered 发货通知', async ({ context, extensionId }) => {
    await importFiles(context, extensionId, [DEMO_EXPORT]);
    const buyers = await readBuyers(context, extensionId);
    const none = buyers.find(
      (b) => b.platform === 'taobao' && b.orders.length > 1 && b.orders.every((o) => o.status === 'completed'),
    );
    expect(none, 'the demo shop has buyers whose orders are all received').toBeTruthy();
    const key = none!.buyerKey;
    const page = await openConsole(
      context,
      `?buyer=${encodeURIComponent(key)}&nick=${encodeURIComponent(key)}&script=off`,
    );
    const frame = await sidebarFrame(page, extensionId);
    await expect(frame.getByTestId('buyer-nick')).toHaveText(key);
    await expect(frame.getByTestId('suggestion-item').first()).toBeVisible();
    await expect(
      frame.locator('[data-testid="suggestion-item"][data-template-id="builtin.shipping.notice"]'),
    ).toHaveCount(0);
  });
});
