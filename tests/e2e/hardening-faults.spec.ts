import { expect, openConsole, sidebarFrame, test } from './fixtures';
import { readStore } from './hardening-helpers';

interface StoredConcern {
  buyerId: string;
  concern: string;
  deletedAt: number | null;
}

test.describe('faults', () => {
  test('two console tabs confirm the same concern of the same buyer at once: one record', async ({
    context,
    extensionId,
  }) => {
    const BUYER = 'tb_twotabs';
    const TEXT = '这件衣服偏大吗？我平时穿M码';
    const tabs = await Promise.all([0, 1].map(() => openConsole(context, `?buyer=${BUYER}&nick=${BUYER}&script=off`)));
    const frames = await Promise.all(tabs.map((p) => sidebarFrame(p, extensionId)));
    // The same conversation in both tabs: the same message, with the same id, arrives in each.
    for (const page of tabs) {
      await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
      await page.evaluate(([b, t]) => window.__demoConsole!.receive(b!, t!), [BUYER, TEXT]);
    }
    const ids = await Promise.all(
      tabs.map((p) => p.locator('[data-testid="message"][data-author="buyer"]').last().getAttribute('data-message-id')),
    );
    expect(ids[0]).toBe(ids[1]);
    const chips = frames.map((f) => f.locator('[data-testid="concern-chip"][data-concern="size"]').first());
    for (const chip of chips) await expect(chip).toBeVisible();
    // Both clicks go out together, without waiting for actionability: once one tab has saved, the
    // other tab's chip legitimately disappears, and a waiting click would retry until it times out.
    const handles = await Promise.all(chips.map((c) => c.elementHandle()));
    await Promise.all(handles.map((h) => h!.evaluate((el) => (el as HTMLElement).click())));

    for (const f of frames) await expect(f.locator('[data-testid="concern-item"][data-concern="size"]')).toHaveCount(1);
    const records = (await readStore<StoredConcern>(context, extensionId, 'concerns')).filter(
      (c) => c.buyerId === `taobao:${BUYER}` && c.concern === 'size' && !c.deletedAt,
    );
    expect(records).toHaveLength(1);
  });

  test('the service worker is stopped while a console is open: the sidebar recovers and saves', async ({
    context,
    extensionId,
  }) => {
    const page = await openConsole(context, '?buyer=tb_sw_stop&nick=tb_sw_stop&script=off');
    const frame = await sidebarFrame(page, extensionId);
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_sw_stop');
    await frame.getByTestId('note-input').fill('停之前');
    await frame.getByTestId('note-input').press('Enter');
    await expect(frame.getByTestId('note-item')).toHaveCount(1);

    // Mark the running worker's global scope, then close the worker's target over CDP (what
    // Chrome does to an idle MV3 worker). A restarted worker has a fresh scope without the mark.
    const before = context.serviceWorkers()[0]!;
    await before.evaluate(() => ((globalThis as { __htkMark?: number }).__htkMark = 1));
    const cdp = await context.newCDPSession(page);
    const { targetInfos } = await cdp.send('Target.getTargets');
    const sw = targetInfos.filter(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
    );
    expect(sw).toHaveLength(1);
    await cdp.send('Target.closeTarget', { targetId: sw[0]!.targetId });

    // The buyer is still shown, a new message still reaches it, and a note still saves.
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_sw_stop');
    await page.evaluate(() => window.__demoConsole!.receive('tb_sw_stop', '这件衣服偏大吗？'));
    await expect(frame.locator('[data-testid="concern-chip"][data-concern="size"]').first()).toBeVisible({
      timeout: 15_000,
    });
    await frame.getByTestId('note-input').fill('停之后');
    await frame.getByTestId('note-input').press('Enter');
    await expect(frame.getByTestId('note-item')).toHaveCount(2, { timeout: 15_000 });
    await expect(frame.getByTestId('note-item').filter({ hasText: '停之后' })).toHaveCount(1);
    // The note went through a new worker: the old scope (with the mark) is gone.
    await expect
      .poll(async () => {
        const marks = await Promise.all(
          context
            .serviceWorkers()
            .map((w) => w.evaluate(() => (globalThis as { __htkMark?: number }).__htkMark ?? 0).catch(() => -1)),
        );
        return marks.includes(0);
      })
      .toBe(true);
  });
});
