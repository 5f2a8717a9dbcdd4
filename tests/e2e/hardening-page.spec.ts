import type { Page } from '@playwright/test';
import { DEMO_URL, expect, openConsole, sidebarFrame, test } from './fixtures';

/** What a page's own scripts collected before and while the content script ran. */
interface PageSpy {
  __roots: ShadowRoot[];
  __nodes: Node[];
  __messages: string[];
}

const SECRET_NOTE = '私密备注-只给客服看';

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
    return {
      width: r.width,
      height: r.height,
      right: r.right,
      display: cs.display,
      visibility: cs.visibility,
      count: document.querySelectorAll('huitouke-sidebar').length,
    };
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

    await page.evaluate(() =>
      document.querySelector('huitouke-sidebar')!.setAttribute('style', 'display:none !important; width:0 !important'),
    );
    await expectHostShown(page, width);

    await page.evaluate(() => {
      const host = document.querySelector('huitouke-sidebar')! as HTMLElement;
      host.hidden = true;
      host.className = 'gone';
    });
    await expectHostShown(page, width);

    await page.evaluate(() => {
      const sheet = document.createElement('style');
      sheet.textContent =
        'huitouke-sidebar { display: none !important; width: 0 !important; visibility: hidden !important; opacity: 0 !important; }';
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

  test('the page cannot read the sidebar, even with its scripts in first, nor talk to the extension', async ({
    context,
    extensionId,
  }) => {
    const page = await context.newPage();
    // The page's own scripts run before the content script and do their worst: keep every shadow
    // root anyone attaches, every node anyone inserts, every message posted to the window.
    await page.addInitScript(() => {
      const w = window as unknown as PageSpy;
      w.__roots = [];
      w.__nodes = [];
      w.__messages = [];
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init: ShadowRootInit) {
        const root = attach.call(this, { ...init, mode: 'open' });
        w.__roots.push(root);
        return root;
      };
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) w.__nodes.push(n);
      }).observe(document, { childList: true, subtree: true });
      addEventListener('message', (e) => w.__messages.push(JSON.stringify(e.data) ?? String(e.data)));
    });
    await page.goto(`${DEMO_URL}?buyer=tb_secret&nick=tb_secret&script=off`);
    const frame = await sidebarFrame(page, extensionId);
    // What the sidebar shows about the buyer, through Playwright's own access to the frame.
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_secret');
    await frame.getByTestId('note-input').fill(SECRET_NOTE);
    await frame.getByTestId('note-input').press('Enter');
    await expect(frame.getByTestId('note-item')).toHaveText([new RegExp(SECRET_NOTE)]);
    // The frame's address: the per-session dynamic id and the frame's nonce must not reach the page either.
    const src = (await (await frame.frameElement()).getAttribute('src')) ?? '';
    const [, dynamicId, nonce] = /^chrome-extension:\/\/([^/]+)\/sidebar\.html#([0-9a-f]{32})$/.exec(src) ?? [];
    expect(dynamicId, 'the frame uses the dynamic web-accessible URL').not.toBe(extensionId);
    expect(dynamicId).toBeTruthy();
    expect(nonce).toBeTruthy();

    const seen = await page.evaluate(async (id) => {
      const w = window as unknown as PageSpy;
      const texts: string[] = [
        document.documentElement.outerHTML,
        document.body.innerText,
        document.cookie,
        JSON.stringify({ ...localStorage }),
        JSON.stringify({ ...sessionStorage }),
      ];
      const blocked: string[] = [];
      const reached: string[] = [];
      const read = (what: string, get: () => string | undefined | null) => {
        try {
          const t = get();
          if (t != null) {
            texts.push(t);
            reached.push(what);
          }
        } catch {
          blocked.push(what);
        }
      };
      // Every shadow root the page can reach: caught by the hook, or open on any element.
      const roots = new Set<ShadowRoot>(w.__roots);
      const walk = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          if (!el.shadowRoot || roots.has(el.shadowRoot)) continue;
          roots.add(el.shadowRoot);
          walk(el.shadowRoot);
        }
      };
      walk(document);
      for (const r of roots) texts.push(r.innerHTML);
      // Every iframe the page can get hold of: in the document, in those roots, among inserted nodes.
      const iframes = new Set<HTMLIFrameElement>([...document.querySelectorAll('iframe')]);
      for (const r of roots) for (const f of r.querySelectorAll('iframe')) iframes.add(f);
      for (const n of w.__nodes) if (n instanceof HTMLIFrameElement) iframes.add(n);
      for (const n of w.__nodes) if (n instanceof Element) texts.push(n.outerHTML);
      let i = 0;
      for (const f of iframes) {
        texts.push(f.src, f.getAttribute('src') ?? '');
        read(`iframe ${i} document`, () => f.contentDocument?.documentElement.outerHTML);
        read(`iframe ${i} location`, () => f.contentWindow?.location.href);
        i++;
      }
      for (let k = 0; k < window.frames.length; k++) {
        read(`frames[${k}] document`, () => window.frames[k]!.document.documentElement.outerHTML);
        read(`frames[${k}] location`, () => window.frames[k]!.location.href);
      }
      // Ask every frame it can address to answer, and wait for replies.
      const targets = [
        ...[...iframes].map((f) => f.contentWindow),
        ...Array.from({ length: window.frames.length }, (_, k) => window.frames[k]),
      ];
      for (const t of targets)
        for (const probe of [{ type: 'state' }, { type: 'rpc', id: 'x', request: { method: 'settings' } }, 'hello'])
          t?.postMessage(probe, '*');
      await new Promise((r) => setTimeout(r, 500));
      texts.push(...w.__messages);
      texts.push(...performance.getEntries().map((e) => e.name));
      // Web pages get no messaging API to an extension without externally_connectable.
      const rt = (globalThis as unknown as { chrome?: { runtime?: { connect?: unknown; sendMessage?: unknown } } })
        .chrome?.runtime;
      const runtimeApi = rt?.connect || rt?.sendMessage ? 'present' : 'absent';
      const ourRoots = [...roots].filter((r) => r.host.tagName === 'HUITOUKE-SIDEBAR').length;
      return { texts, blocked, reached, ourRoots, iframes: iframes.size, runtimeApi, id };
    }, extensionId);

    expect(seen.ourRoots, 'the page reaches no shadow root of the sidebar host').toBe(0);
    expect(seen.iframes, 'the page gets hold of no sidebar iframe').toBe(0);
    expect(seen.reached, 'no frame document or address is readable').toEqual([]);
    const leaked = [SECRET_NOTE, nonce!, dynamicId!].filter((secret) => seen.texts.some((t) => t.includes(secret)));
    expect(leaked, 'what the sidebar shows, and its address, never reach the page').toEqual([]);
    expect(seen.runtimeApi).toBe('absent');
    // The sidebar was not disturbed by the probes.
    await expect(frame.getByTestId('note-item')).toHaveCount(1);
  });

  test('a page that frames its own copy of the sidebar gets nothing, even with the dynamic address and the real nonce', async ({
    context,
    extensionId,
  }) => {
    const page = await openConsole(context, '?buyer=tb_frame_a&nick=tb_frame_a&script=off');
    const frame = await sidebarFrame(page, extensionId);
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_frame_a');
    const src = (await (await frame.frameElement()).getAttribute('src')) ?? '';
    const dynamicUrl = src.split('#')[0]!;
    const nonce = src.split('#')[1]!;
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);

    // The fixed address is refused outright; the dynamic one (which a page cannot know: assume it
    // leaked) loads a copy, with no nonce, a made-up one, or even the real one.
    const copies = {
      fixed: `chrome-extension://${extensionId}/sidebar.html#${nonce}`,
      bare: dynamicUrl,
      guessed: `${dynamicUrl}#${'0'.repeat(32)}`,
      stolen: src,
    };
    await page.evaluate((srcs) => {
      for (const [name, url] of Object.entries(srcs)) {
        const f = document.createElement('iframe');
        f.name = `hostile-${name}`;
        f.src = url;
        document.body.append(f);
      }
    }, copies);
    const copy = (name: string) => page.frame({ name: `hostile-${name}` })!;
    await expect
      .poll(() => Object.keys(copies).every((n) => copy(n) && copy(n).url() !== 'about:blank'), {
        message: 'all copies navigated',
      })
      .toBe(true);
    expect(copy('fixed').url(), 'the fixed address is not web-accessible').not.toContain('sidebar.html');
    for (const name of ['bare', 'guessed', 'stolen']) await copy(name).waitForSelector('[data-testid="htk-sidebar"]');

    // The console moves to another buyer: our sidebar follows; the copies hear nothing.
    await page.evaluate(() => window.__demoConsole!.receive('tb_frame_b', '在吗'));
    await page.locator('[data-testid="conversation"][data-buyer-id="tb_frame_b"]').click();
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_frame_b');
    for (const name of ['bare', 'guessed', 'stolen']) {
      await expect(copy(name).getByTestId('buyer-nick'), `${name} copy shows no buyer`).toHaveCount(0);
      // Not even its settings: the hub answers no request from it, so it renders nothing at all.
      await expect(copy(name).getByTestId('htk-sidebar'), `${name} copy shows nothing`).toHaveText('');
      await expect(copy(name).getByTestId('note-input')).toHaveCount(0);
    }

    // A port opened from a copy, saying hello with the real nonce, gets no data and is shut.
    const answer = await copy('stolen').evaluate(
      (nonce) =>
        new Promise<string>((resolve) => {
          type Port = {
            onMessage: { addListener(cb: (m: unknown) => void): void };
            onDisconnect: { addListener(cb: () => void): void };
            postMessage(m: unknown): void;
          };
          const runtime = (globalThis as unknown as { chrome: { runtime: { connect(o: { name: string }): Port } } })
            .chrome.runtime;
          const port = runtime.connect({ name: 'htk-sidebar' });
          port.onMessage.addListener((m) => resolve(`answered: ${JSON.stringify(m)}`));
          port.onDisconnect.addListener(() => resolve('disconnected'));
          port.postMessage({ type: 'hello', nonce });
          port.postMessage({ type: 'rpc', id: 'steal', request: { method: 'deleteNote', id: 'n1' } });
          setTimeout(() => resolve('silence'), 3000);
        }),
      nonce,
    );
    expect(answer).toBe('disconnected');
    // Our own sidebar still works.
    await page.locator('[data-testid="conversation"][data-buyer-id="tb_frame_a"]').click();
    await expect(frame.getByTestId('buyer-nick')).toHaveText('tb_frame_a');
  });

  test('a flood of 100,000 DOM mutations: the console stays usable and the sidebar follows', async ({
    context,
    extensionId,
  }) => {
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
          if (i % 2)
            el.remove(); // childList
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
