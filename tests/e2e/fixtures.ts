import { test as base, chromium, expect, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBuyer } from '../../lib/db/buyer-codec';
import type { BuyerShard } from '../../lib/db/buyer-shards';
import { Lexicon, type LexiconChunk } from '../../lib/db/lexicon';
import type { BuyerRecord } from '../../lib/db/records';
import { chromiumArgs, chromiumPath, DEMO_EXTENSION_DIR } from '../../scripts/browser';
import { findDemoExport } from '../../scripts/demo-data';
import { DEMO_PORT } from '../../playwright.config';

export const DEMO_URL = `http://127.0.0.1:${DEMO_PORT}/`;
/** The demo shop's order export, dated from the day `npm run build:demo` ran (ExportOrderList<that day>0000.csv). */
export const DEMO_EXPORT = findDemoExport();
/** Writes the demo build's contact history into the extension's contact log (demo build hook). */
export { seedDemoContacts } from '../../scripts/demo-seed';

interface Fixtures {
  context: BrowserContext;
  extensionId: string;
  /** Network requests the extension's own contexts made, for the privacy tests. */
  extensionRequests: string[];
}

export const test = base.extend<Fixtures>({
  // A fresh profile per test: the extension's database starts empty.
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'htk-profile-'));
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: chromiumPath(),
      headless: true,
      args: chromiumArgs(DEMO_EXTENSION_DIR, false),
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
    });
    await use(context);
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  },
  extensionId: async ({ context }, use) => {
    let [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker');
    await use(new URL(worker.url()).host);
  },
  extensionRequests: async ({ context }, use) => {
    const seen: string[] = [];
    context.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith('chrome-extension://') && !url.startsWith('data:') && !url.startsWith('blob:'))
        seen.push(url);
    });
    await use(seen);
  },
});
export { expect };

/** The sidebar's frame inside a console page (an extension-page iframe). */
export async function sidebarFrame(page: Page, extensionId: string): Promise<Frame> {
  // The frame may use the extension's id or its per-session dynamic id (web-accessible resources).
  void extensionId;
  const isSidebar = (u: string) => /^chrome-extension:\/\/[a-z0-9]+\/sidebar\.html/.test(u);
  await expect
    .poll(() => page.frames().some((f) => isSidebar(f.url())), { message: 'sidebar iframe appears' })
    .toBe(true);
  const frame = page.frames().find((f) => isSidebar(f.url()));
  if (!frame) throw new Error('sidebar frame missing');
  await frame.waitForSelector('[data-testid="htk-sidebar"]');
  return frame;
}

/** Import files through the options page, as a supervisor would, and wait for the summary. */
export async function importFiles(context: BrowserContext, extensionId: string, files: string[]): Promise<string> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#/data`);
  await page.getByTestId('import-file').setInputFiles(files);
  const done = page.getByTestId('import-done');
  await expect(done).toBeVisible({ timeout: 60_000 });
  const summary = (await done.textContent()) ?? '';
  await page.close();
  return summary;
}

export async function openConsole(context: BrowserContext, query: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${DEMO_URL}${query}`);
  return page;
}

/** Every row of one table of the extension's IndexedDB, read in one of its own pages. */
export async function readStore<T>(context: BrowserContext, extensionId: string, store: string): Promise<T[]> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const rows = await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('huitouke');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return all;
  }, store);
  await page.close();
  return rows as T[];
}

/**
 * Every stored buyer record (tombstones included), decoded from the buyer shards, in id order as the
 * old one-record-per-buyer table returned them, so tests that pick "the first buyer that…" keep picking the same one.
 */
export async function readBuyers(context: BrowserContext, extensionId: string): Promise<BuyerRecord[]> {
  const shards = await readStore<BuyerShard>(context, extensionId, 'buyerShards');
  const lexicon = Lexicon.of(await readStore<LexiconChunk>(context, extensionId, 'lexicon'), () => '');
  const buyers = shards.flatMap((shard) => shard.docs.map((doc, i) => decodeBuyer(doc, shard.keys[i]!, lexicon)));
  return buyers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/**
 * The marker's line, read the way only a debugger can: it is inside a closed shadow root, which the
 * page's scripts (and Playwright's selectors) cannot enter. null when the marker is hidden or absent.
 */
export async function markerLine(page: Page): Promise<string | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const text = (n: DomNode): string =>
      n.nodeType === 3 ? (n.nodeValue ?? '') : (n.children ?? []).map(text).join('');
    const find = (n: DomNode): DomNode | null => {
      if (n.nodeName === 'HUITOUKE-GUARD') return n;
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
        const hit = find(c);
        if (hit) return hit;
      }
      return null;
    };
    const host = find(root);
    const shadow = host?.shadowRoots?.[0];
    const marker = shadow?.children?.find((c) => c.nodeName === 'DIV');
    if (!marker || (marker.attributes ?? []).includes('hidden')) return null;
    return text(marker);
  } finally {
    await cdp.detach();
  }
}
