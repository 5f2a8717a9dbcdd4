import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { BUILT_IN_ADAPTERS } from '../../lib/consoles/adapters';
import type { ConsoleAdapter } from '../../lib/consoles/schema';
import { dayNumber, fromDayNumber } from '../../lib/dates/local-date';
import { translate } from '../../lib/i18n';
import type { ColumnMapping } from '../../lib/import/mapping';
import type { Platform } from '../../lib/schemas/common';
import { todayIn } from '../../lib/settings/app';
import { ROOT } from '../../scripts/browser';
import { expect } from './fixtures';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'consoles');

export function adapterOf(id: string): ConsoleAdapter {
  const adapter = BUILT_IN_ADAPTERS.find((a) => a.id === id);
  if (!adapter) throw new Error(`no adapter ${id}`);
  return adapter;
}

export interface FixtureExpected {
  url: string;
  buyerId: string | null;
  buyerNick: string;
  send?: string;
  messageCount?: number;
}

export function fixtureExpected(name: string): FixtureExpected {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as FixtureExpected;
}

/**
 * Serve a console fixture page (written from public descriptions, not saved from the console) at its real address, so the manifest's match patterns decide whether
 * the content script runs. Anything else the page asks of that host gets a 404.
 */
export async function serveFixture(
  context: BrowserContext,
  name: string,
  html = readFileSync(join(FIXTURES, `${name}.html`), 'utf8'),
): Promise<string> {
  const { url } = fixtureExpected(name);
  const page = url.split('#')[0]!;
  const origin = new URL(url).origin;
  await context.route(`${origin}/**`, (route) => {
    const requested = route.request().url().split('#')[0];
    if (requested === page) return route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' });
    return route.fulfill({ status: 404, body: '' });
  });
  return url;
}

/**
 * The order exports in tests/fixtures/consoles/orders are written as of ANCHOR. So that lifecycle
 * stages do not drift as the calendar moves, every date is moved by the days between ANCHOR and the
 * shop's today before importing. Taobao and JD exports are written in GB18030, as the platforms do.
 */
const ANCHOR = '2026-06-30';
const SHOP_TIME_ZONE = 'Asia/Shanghai';

export function orderFile(name: string): string {
  const shift = dayNumber(todayIn(SHOP_TIME_ZONE, Date.now())) - dayNumber(ANCHOR);
  const text = readFileSync(join(FIXTURES, 'orders', name), 'utf8').replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d) =>
    fromDayNumber(dayNumber(d) + shift),
  );
  const gbk = name.startsWith('ExportOrderList') || name.startsWith('jd');
  const dir = mkdtempSync(join(tmpdir(), 'htk-orders-'));
  const file = join(dir, name);
  writeFileSync(file, gbk ? iconv.encode(text, 'gb18030') : text);
  return file;
}

/** Import a table the importer does not recognise, mapping its columns as a supervisor would. */
export async function importMapped(
  context: BrowserContext,
  extensionId: string,
  file: string,
  mapping: ColumnMapping,
  platform: Platform,
): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html#/data`);
  await page.getByTestId('import-file').setInputFiles(file);
  for (const [field, header] of Object.entries(mapping)) await page.getByTestId(`map-${field}`).selectOption(header);
  await page.getByLabel(translate('zh-CN', 'op_import_platform')).selectOption(platform);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
  await page.close();
}

/**
 * A buyer message arrives the way the console shows one: a copy of the buyer's last plain-text
 * row with the new text (and a new id where the console gives ids), appended after the last row.
 */
export async function appendBuyerMessage(page: Page, adapter: ConsoleAdapter, text: string): Promise<void> {
  const s = adapter.selectors;
  await page.evaluate(
    ({ row, buyer, textSel, idAttr, idSel, text }) => {
      const rows = [...document.querySelectorAll(row)];
      const textLeaves = (el: Element) => {
        const holder = el.matches(textSel) ? el : el.querySelector(textSel);
        if (!holder) return [];
        return [holder, ...holder.querySelectorAll('*')].filter(
          (e) => e.children.length === 0 && (e.textContent ?? '').trim() !== '',
        );
      };
      const template = rows
        .filter((r) => (r.matches(buyer) || r.querySelector(buyer)) && textLeaves(r).length === 1)
        .pop();
      const last = rows[rows.length - 1];
      if (!template || !last) throw new Error('no buyer message to copy');
      const copy = template.cloneNode(true) as Element;
      textLeaves(copy)[0]!.textContent = text;
      if (idAttr) {
        const holder = idSel ? copy.querySelector(idSel) : copy;
        const old = holder?.getAttribute(idAttr) ?? 'm';
        holder?.setAttribute(idAttr, `${old}9${Date.now()}`);
      }
      last.after(copy);
    },
    {
      row: s.messageRow,
      buyer: s.authorBuyer,
      textSel: s.messageText,
      idAttr: s.messageId?.attr ?? null,
      idSel: s.messageId?.selector ?? null,
      text,
    },
  );
}

export interface InsertTargetE2E {
  consoleId: string;
  platform: string;
  id: string | null;
  nick: string;
}

/**
 * Insert text the way the sidebar does: an `insert` message on a sidebar port, which the hub
 * relays to this tab's content script. The request is bound to `target`, by default the
 * conversation the hub reports on connecting (what the sidebar shows). Resolves with the content
 * script's answer.
 */
export async function insertThroughHub(
  frame: Frame,
  text: string,
  target?: InsertTargetE2E,
): Promise<{ ok: boolean; reason?: string; openNick?: string }> {
  return frame.evaluate(
    ([text, given]) =>
      new Promise<{ ok: boolean; reason?: string; openNick?: string }>((resolve, reject) => {
        type Result = { requestId: string; ok: boolean; reason?: string; openNick?: string };
        type State = {
          status: string;
          consoleId: string;
          buyer: { id: string | null; nick: string; platform: string };
        } | null;
        type Message = { type?: string; result?: Result; state?: State };
        type Port = {
          onMessage: { addListener(cb: (m: Message) => void): void };
          postMessage(m: unknown): void;
          disconnect(): void;
        };
        const runtime = (globalThis as unknown as { chrome: { runtime: { connect(o: { name: string }): Port } } })
          .chrome.runtime;
        const port = runtime.connect({ name: 'htk-sidebar' });
        // The hub serves a sidebar port only after the frame's nonce (its URL fragment).
        port.postMessage({ type: 'hello', nonce: location.hash.slice(1) });
        const requestId = `e2e-${Date.now()}`;
        const timer = setTimeout(() => reject(new Error('no insert result')), 5000);
        let sent = false;
        const send = (target: InsertTargetE2E) => {
          sent = true;
          port.postMessage({ type: 'insert', request: { requestId, text, target } });
        };
        port.onMessage.addListener((msg) => {
          if (msg.type === 'state' && !sent) {
            const s = msg.state;
            if (s?.status !== 'ok') return reject(new Error('no conversation open'));
            return send(
              given ?? { consoleId: s.consoleId, platform: s.buyer.platform, id: s.buyer.id, nick: s.buyer.nick },
            );
          }
          if (msg.type !== 'insertResult' || msg.result?.requestId !== requestId) return;
          clearTimeout(timer);
          port.disconnect();
          const r = msg.result;
          resolve({
            ok: r.ok,
            ...(r.reason ? { reason: r.reason } : {}),
            ...(r.openNick !== undefined ? { openNick: r.openNick } : {}),
          });
        });
      }),
    [text, target ?? null] as const,
  );
}

/** Whether the console's send button is usable, by the markers consoles use (attribute, ARIA, class). */
export async function sendEnabled(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate(
      (el) =>
        !(el as HTMLButtonElement).disabled &&
        el.getAttribute('aria-disabled') !== 'true' &&
        !el.classList.contains('disabled'),
    );
}

export async function messageRowCount(page: Page, adapter: ConsoleAdapter): Promise<number> {
  return page.locator(adapter.selectors.messageRow).count();
}

/** The text the console's input holds (value for a textarea, text for an editor). */
export async function inputText(page: Page, adapter: ConsoleAdapter): Promise<string> {
  return page
    .locator(adapter.selectors.input)
    .first()
    .evaluate((el) => ('value' in el ? String((el as HTMLTextAreaElement).value) : (el.textContent ?? '')));
}

export async function expectBuyer(frame: Frame, nick: string, want: { level: string; segment: string; stage: string }) {
  await expect(frame.getByTestId('buyer-nick')).toHaveText(nick);
  await expect(frame.getByTestId('buyer-level')).toHaveAttribute('data-value', want.level);
  await expect(frame.getByTestId('buyer-segment')).toHaveAttribute('data-value', want.segment);
  await expect(frame.getByTestId('buyer-stage')).toHaveAttribute('data-value', want.stage);
}

/** The buyer writes about sizes → a `size` chip; the agent confirms it → it is saved with the quote. */
export async function confirmSizeConcern(frame: Frame, deliver: () => Promise<void>, quote: string) {
  const chips = frame.locator('[data-testid="concern-chip"][data-concern="size"]');
  const before = await chips.count();
  await deliver();
  await expect(chips).toHaveCount(before + 1);
  // Chips list the newest message first.
  await chips.first().click();
  await expect(
    frame.locator('[data-testid="concern-item"][data-concern="size"]').filter({ hasText: quote }),
  ).toHaveCount(1);
  await expect(chips).toHaveCount(before);
}
