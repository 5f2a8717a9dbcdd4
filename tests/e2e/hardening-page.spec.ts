import type { Page } from '@playwright/test';
import { expect, openConsole, sidebarFrame, test } from './fixtures';

/**
 * A console page that fights the sidebar: removes it, hides it, floods the DOM, tries to read
 * it and tries to talk to the extension. The sidebar comes back, stays usable, and says nothing.
 */
async function hostBox(page: Page) {
  return page.evaluate(() => {
    const host = document.querySelector('huitouke-sidebar');
    if (!host) return null;
    const r = host.getBoundingClientRect();
    const cs = getComputedStyle(host);
    return { width: r.width, height: r.height, right: r.right, display: cs.display, visibility: cs.visibility, count: document.querySelectorAll('huitouke-sidebar').length };
  });
}

async function expectHostShown(page: Page, width: number) {
  await expect
    .poll(() => hostBox(page), { message: 'sidebar host visible at its width' })
    .toMatchObject({ width, display: 'block', visibility: 'visible', count: 1, right: page.viewportSize()!.width });
}

test.describe('hostile console page', () => {
  test('the page removes and restyles the sidebar host: it comes back as it was', async ({ context, extensionId }) => {
    const page = await openConsole(context, '?buyer=tb_guard&nick=tb_guard&script=off');
    const frame = await sidebarFrame(page, extensionId);
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_guard');
    const width = (await hostBox(page))!.width;
    expect(width).toBeGreaterThanOrEqual(240);

    await page.evaluate(() => document.querySelector('huitouke-sidebar')!.remove());
    await expectHostShown(page, width);

    await page.evaluate(() => document.querySelector('huitouke-sidebar')!.setAttribute('style', 'display:none !important; width:0 !important'));
    await expectHostShown(page, width);

    await page.evaluate(() => {
      const host = document.querySelector('huitouke-sidebar')! as HTMLElement;
      host.hidden = true;
      host.className = 'gone';
    });
    await expectHostShown(page, width);

    await page.evaluate(() => {
      const sheet = document.createElement('style');
      sheet.textContent = 'huitouke-sidebar { display: none !important; width: 0 !important; visibility: hidden !important; opacity: 0 !important; }';
      document.head.append(sheet);
    });
    await expectHostShown(page, width);

    // Removed again, and its docking style with it: both come back, and the sidebar still works.
    await page.evaluate(() => {
      document.querySelector('huitouke-sidebar')!.remove();
      document.querySelector('style[data-huitouke="dock"]')?.remove();
    });
    await expectHostShown(page, width);
    const again = await sidebarFrame(page, extensionId);
    await expect(again.getByTestId('buyer-nick')).toHaveText('tb_guard');
  });

  test('the page cannot read the sidebar or message the extension', async ({ context, extensionId }) => {
    const page = await openConsole(context, '?buyer=tb_secret&nick=tb_secret&script=off');
    const frame = await sidebarFrame(page, extensionId);
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_secret');
    await frame.getByTestId('note-input').fill('私密备注-只给客服看');
    await frame.getByTestId('note-input').press('Enter');
    await expect(frame.getByTestId('note-item')).toHaveCount(1);

    const seen = await page.evaluate(async (id) => {
      const host = document.querySelector('huitouke-sidebar') as HTMLElement & { shadowRoot: ShadowRoot | null };
      const frames = [...document.querySelectorAll('iframe')].map((f) => {
        try {
          return f.contentDocument?.body?.innerText ?? null;
        } catch {
          return null;
        }
      });
      const rt = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown>; connect?: (...a: unknown[]) => unknown } } }).chrome?.runtime;
      let send = 'no runtime api';
      if (rt?.sendMessage) {
        try {
          await rt.sendMessage(id, { type: 'dataChanged' });
          send = 'delivered';
        } catch (e) {
          send = `rejected: ${String(e)}`;
        }
      }
      let connect = 'no runtime api';
      if (rt?.connect) {
        try {
          rt.connect(id, { name: 'htk-sidebar' });
          connect = 'connected';
        } catch (e) {
          connect = `rejected: ${String(e)}`;
        }
      }
      return { shadow: host.shadowRoot, frames, text: document.body.innerText, send, connect };
    }, extensionId);

    expect(seen.shadow, 'the shadow root is closed').toBeNull();
    expect(seen.frames.filter((t) => t !== null), 'the sidebar frame is cross-origin').toEqual([]);
    expect(seen.text).not.toContain('私密备注');
    // Without externally_connectable a page gets no runtime messaging to the extension at all.
    expect(seen.send).not.toBe('delivered');
    expect(seen.connect).not.toBe('connected');
  });

  test('a flood of 100,000 DOM mutations: the console stays usable and the sidebar follows', async ({ context, extensionId }) => {
    test.setTimeout(120_000);
    const page = await openConsole(context, '?buyer=tb_flood_a&nick=tb_flood_a&script=off');
    const frame = await sidebarFrame(page, extensionId);
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_flood_a');
    await page.evaluate(() => window.__demoConsole!.receive('tb_flood_b', '在吗'));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('crash', () => errors.push('crash'));

    // 20 batches of 5,000: appends, attribute and text changes, removals, in the body (the
    // observed subtree) and inside the thread.
    for (let batch = 0; batch < 20; batch++) {
      await page.evaluate((b) => {
        const thread = document.querySelector('[data-testid="thread"]') ?? document.body;
        const box = document.createElement('div');
        box.id = `flood-${b}`;
        (b % 2 ? thread : document.body).append(box);
        for (let i = 0; i < 1250; i++) {
          const el = document.createElement('span');
          box.append(el); // childList
          el.setAttribute('data-i', String(i)); // attributes
          el.textContent = `x${i}`; // childList inside el
          if (i % 2) el.remove(); // childList
          else el.className = 'f';
        }
        if (b % 4 === 3) box.remove();
      }, batch);
    }

    await page.locator('[data-testid="conversation"][data-buyer-id="tb_flood_b"]').click();
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_flood_b', { timeout: 5_000 });
    await page.locator('[data-testid="conversation"][data-buyer-id="tb_flood_a"]').click();
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_flood_a', { timeout: 5_000 });
    // The console's own input still takes typing.
    await page.getByTestId('chat-input').fill('好的');
    await expect(page.getByTestId('chat-input')).toHaveValue('好的');
    expect(errors).toEqual([]);
  });
});
