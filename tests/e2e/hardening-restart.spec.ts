import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath, DEMO_EXTENSION_DIR } from '../../scripts/browser';
import { buildPack, serializePack } from '../../lib/playbook/pack';
import { defaultTemplates, type Template } from '../../lib/templates';
import { HOSTILE_SMALL } from '../fixtures/hostile/strings';
import { DEMO_EXPORT, expect, openConsole, readBuyers, sidebarFrame, test } from './fixtures';
import { expectNothingRan, PWN_PAYLOADS, readStore, watchDialogs } from './hardening-helpers';

/**
 * Faults around restarts: the browser closed while a reminder comes due, the service worker
 * stopped in the middle of an import, and a playbook pack full of hostile text.
 */

/** The parts of the extension API these tests call inside the service worker. */
interface WorkerChrome {
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
  action: { getBadgeText(details: object): Promise<string> };
}
declare const chrome: WorkerChrome;

interface StoredReminder {
  id: string;
  buyerId: string;
  kind: string;
  dueAt: number;
  firedAt?: number;
  status: string;
  note: string;
}

interface Browser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
}

/** Start Chromium on a profile this test owns, so it can be closed and started again. */
async function launch(dir: string): Promise<Browser> {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(DEMO_EXTENSION_DIR, false),
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  return { context, worker, extensionId: new URL(worker.url()).host };
}

/** The running background worker (a stopped one is started again by Chrome on the next event). */
function liveWorker(context: BrowserContext): Worker {
  const workers = context.serviceWorkers();
  return workers[workers.length - 1]!;
}

const badge = (context: BrowserContext) => liveWorker(context).evaluate(() => chrome.action.getBadgeText({}));

/** Close the extension's service worker target over CDP, as Chrome does to an idle MV3 worker. */
async function stopServiceWorker(context: BrowserContext, page: Page, extensionId: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const sw = targetInfos.filter(
    (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
  );
  expect(sw).toHaveLength(1);
  await cdp.send('Target.closeTarget', { targetId: sw[0]!.targetId });
  await cdp.detach();
}

async function manualReminders(b: Browser): Promise<StoredReminder[]> {
  return (await readStore<StoredReminder>(b.context, b.extensionId, 'reminders')).filter((r) => r.kind === 'manual');
}

async function expectPopupListsDue(b: Browser, note: string): Promise<void> {
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
  await expect(popup.getByTestId('popup-due-count')).toContainText('1');
  const item = popup.locator('[data-testid="reminder-item"][data-kind="manual"]');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(note);
  await popup.close();
}

/** What the agent sees first: the leading visible characters of a payload. */
const head = (v: string, n = 12) =>
  [...v]
    .filter((c) => c.charCodeAt(0) >= 0x20)
    .join('')
    .trim()
    .slice(0, n);

test.describe('restarts and stops', () => {
  test('the browser is closed while a manual reminder comes due: on restart it fires once, the badge and popup show it; a second restart does not fire it again', async () => {
    test.setTimeout(150_000);
    const BUYER = 'tb_restart';
    const NOTE = '回访';
    const LEAD_MS = 10_000;
    const dir = mkdtempSync(join(tmpdir(), 'htk-restart-'));
    try {
      // First session: the agent adds a reminder from the sidebar.
      let b = await launch(dir);
      const page = await openConsole(b.context, `?buyer=${BUYER}&nick=${BUYER}&script=off`);
      const frame = await sidebarFrame(page, b.extensionId);
      await expect(frame.getByTestId('buyer-nick')).toHaveText(BUYER);
      await frame.getByTestId('reminder-quick').fill(`1小时后 ${NOTE}`);
      await frame.getByTestId('reminder-quick').press('Enter');
      await expect(frame.locator('[data-testid="reminder-item"][data-kind="manual"]')).toContainText(NOTE);
      const [created] = await manualReminders(b);
      expect(created, 'the reminder is stored').toBeTruthy();
      expect(created!.firedAt).toBeUndefined();

      // Move the test clock to LEAD_MS before it is due, then close the browser before it rings.
      const offset = created!.dueAt - LEAD_MS - Date.now();
      await b.worker.evaluate((ms) => chrome.storage.local.set({ testClockOffsetMs: ms }), offset);
      await page.waitForTimeout(500);
      expect(await badge(b.context), 'not due yet').toBe('');
      await b.context.close();
      const closedAt = Date.now();
      // While the browser is closed, the reminder's time passes (the offset stays in the profile).
      const dueReal = created!.dueAt - offset;
      await new Promise((r) => setTimeout(r, Math.max(0, dueReal + 1000 - Date.now())));

      // Second session: the start-up catch-up fires it, counts it on the badge, lists it in the popup.
      const relaunchedAt = Date.now();
      b = await launch(dir);
      await expect.poll(() => badge(b.context), { timeout: 20_000 }).toBe('1');
      const [fired] = await manualReminders(b);
      expect(fired!.firedAt, 'fired after the restart').toBeDefined();
      expect(fired!.firedAt! - offset, 'fired in the new session, not before closing').toBeGreaterThanOrEqual(
        Math.min(closedAt, relaunchedAt),
      );
      expect(fired!.status).toBe('pending');
      await expectPopupListsDue(b, NOTE);
      await b.context.close();

      // Third session: still due and counted, but not notified again.
      b = await launch(dir);
      await expect.poll(() => badge(b.context), { timeout: 20_000 }).toBe('1');
      // Let the start-up run finish before reading what it stored.
      await b.context.newPage().then((p) => p.waitForTimeout(1000));
      const [again] = await manualReminders(b);
      expect(again!.firedAt, 'fired once only').toBe(fired!.firedAt);
      await expectPopupListsDue(b, NOTE);
      await b.context.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the service worker is stopped in the middle of an import: the import finishes and the sidebar shows imported buyers', async ({
    context,
    extensionId,
  }) => {
    test.setTimeout(120_000);
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#/data`);
    await options.getByTestId('import-file').setInputFiles([DEMO_EXPORT]);
    await expect(options.getByTestId('import-progress')).toBeVisible();
    await stopServiceWorker(context, options, extensionId);
    expect(await options.getByTestId('import-done').count(), 'the worker was stopped while the import ran').toBe(0);
    const done = options.getByTestId('import-done');
    await expect(done).toBeVisible({ timeout: 90_000 });
    await expect(options.getByTestId('import-failed')).toHaveCount(0);

    const buyers = (await readBuyers(context, extensionId)).filter((x) => x.platform === 'taobao');
    expect(buyers.length).toBeGreaterThan(10);
    expect((await done.textContent()) ?? '', 'the summary counts every stored buyer').toContain(String(buyers.length));
    const buyer = buyers.find((x) => x.metrics.paidOrders >= 2) ?? buyers[0]!;

    const page = await openConsole(
      context,
      `?buyer=${encodeURIComponent(buyer.buyerKey)}&nick=${encodeURIComponent(buyer.buyerKey)}&script=off`,
    );
    const frame = await sidebarFrame(page, extensionId);
    await expect(frame.getByTestId('buyer-nick')).toHaveText(buyer.buyerKey);
    await expect(frame.getByTestId('buyer-level')).not.toHaveAttribute('data-value', '');
    await expect(frame.getByTestId('buyer-orders')).toHaveText(String(buyer.metrics.paidOrders));
  });

  test('the service worker is stopped with two console tabs open: each sidebar links to its own tab again and follows it', async ({
    context,
    extensionId,
  }) => {
    const tabs = [
      { first: 'tb_rs_a', next: 'tb_rs_c' },
      { first: 'tb_rs_b', next: 'tb_rs_d' },
    ];
    const open = [];
    for (const t of tabs) {
      const page = await openConsole(context, `?buyer=${t.first}&nick=${t.first}&script=off`);
      const frame = await sidebarFrame(page, extensionId);
      await expect(frame.getByTestId('buyer-nick')).toHaveText(t.first);
      open.push({ ...t, page, frame, src: await (await frame.frameElement()).getAttribute('src') });
    }
    await stopServiceWorker(context, open[0]!.page, extensionId);

    // The new worker knows nothing; the content scripts register their frames' nonces again.
    for (const t of open) {
      await t.page.evaluate((nick) => window.__demoConsole!.receive(nick, '在吗'), t.next);
      await t.page.locator(`[data-testid="conversation"][data-buyer-id="${t.next}"]`).click();
    }
    for (const t of open) {
      await expect(t.frame.getByTestId('buyer-nick')).toHaveText(t.next);
      // The same frame as before the restart, not a new one.
      expect(await (await t.frame.frameElement()).getAttribute('src')).toBe(t.src);
    }
    // Data requests are answered again: a note written after the restart is saved and shown.
    await open[0]!.frame.getByTestId('note-input').fill('重启之后的备注');
    await open[0]!.frame.getByTestId('note-input').press('Enter');
    await expect(open[0]!.frame.getByTestId('note-item')).toHaveText([/重启之后的备注/]);
    await expect(open[1]!.frame.getByTestId('note-item')).toHaveCount(0);
  });

  test('a playbook pack with hostile template titles and bodies: preview, templates list and sidebar suggestions show text only', async ({
    context,
    extensionId,
  }, testInfo) => {
    test.setTimeout(120_000);
    const dialogs = await watchDialogs(context);
    const values = [
      ...PWN_PAYLOADS,
      ...HOSTILE_SMALL.filter((h) => h.kind === 'markup' || h.kind === 'url' || h.kind === 'css').map((h) => h.value),
    ];
    const STYLED = PWN_PAYLOADS.findIndex((v) => v.startsWith('{{buyer.nick}}'));
    const base: Template = { ...defaultTemplates()[0]! };
    delete base.shortcut;
    const templates: Template[] = values.map((v, i) => {
      return {
        ...base,
        id: `hostile.${i}`,
        title: v.slice(0, 80),
        folder: v.slice(0, 120),
        variants: { 'zh-CN': `${v} 尺码偏大半码` },
        // More specific than the built-in size answer, so the sidebar ranks them first.
        conditions: { concerns: ['size'], platforms: ['taobao'] },
        // The one with a variable and a style block first, so the sidebar renders it.
        order: i === STYLED ? -1 : i,
      };
    });
    const pack = buildPack(
      { templates, coupons: [], couponRules: [], taxonomy: null, reminderRules: null, contactPolicy: null },
      { name: PWN_PAYLOADS[0]!, exportedBy: PWN_PAYLOADS[1]!.slice(0, 40), now: Date.now() },
    );
    const file = testInfo.outputPath('hostile-pack.json');
    writeFileSync(file, serializePack(pack), 'utf8');

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html#/team`);
    await options.getByTestId('pack-file').setInputFiles(file);
    const preview = options.getByTestId('pack-preview');
    await expect(preview).toBeVisible();
    await expect(options.getByTestId('pack-count-add')).toContainText(String(values.length));
    await expect(preview).toContainText(PWN_PAYLOADS[0]!);
    const previewText = (await preview.textContent()) ?? '';
    for (const v of values) expect(previewText, 'titles shown as text in the preview').toContain(head(v));
    await options.getByTestId('pack-apply').click();
    await expect(options.getByTestId('pack-result')).toContainText(`新增 ${values.length}`);

    await options.goto(`chrome-extension://${extensionId}/options.html#/templates`);
    const items = options.locator('[data-testid="template-item"][data-template-id^="hostile."]');
    await expect(items).toHaveCount(values.length);
    const listText = (await items.allTextContents()).join('\n');
    for (const v of values) expect(listText, 'titles shown as text in the list').toContain(head(v));
    // Open one in the editor: its body is shown in the editor and the preview.
    await options.locator('[data-testid="template-item"][data-template-id="hostile.0"] .tpl-item-main').click();
    await expect(options.getByTestId('template-body')).toHaveValue(`${values[0]} 尺码偏大半码`);
    await expect(options.getByTestId('preview-text')).toContainText(head(values[0]!));

    const NICK = 'tb_hostile_pack';
    const page = await openConsole(context, `?buyer=${NICK}&nick=${NICK}&script=off`);
    const frame = await sidebarFrame(page, extensionId);
    await expect(page.locator('#demo-console[data-ready="true"]')).toBeVisible();
    await page.evaluate((nick) => window.__demoConsole!.receive(nick, '这件衣服偏大吗？我平时穿M码'), NICK);
    const suggested = frame.locator('[data-testid="suggestion-item"][data-template-id^="hostile."]');
    await expect(suggested.first()).toHaveAttribute('data-template-id', `hostile.${STYLED}`);
    const n = await suggested.count();
    expect(n).toBeGreaterThan(1);
    for (let i = 0; i < n; i++) {
      const item = suggested.nth(i);
      const index = Number((await item.getAttribute('data-template-id'))!.split('.')[1]);
      // Shown as text (`{{buyer.nick}}` is filled from the console's nick for this buyer without orders).
      await expect(item.getByTestId('suggestion-preview')).toContainText(
        head(values[index]!.replace('{{buyer.nick}}', '')),
      );
    }
    // The style block in a body stays text: the sidebar is still shown.
    await expect(frame.getByTestId('buyer-nick')).toBeVisible();
    await page.waitForTimeout(500);
    await expectNothingRan(context, dialogs);
  });
});
