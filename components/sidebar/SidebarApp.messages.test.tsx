// @vitest-environment jsdom
import Dexie from 'dexie';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { HuitoukeDb } from '@/lib/db/database';
import { seedPlaybook } from '@/lib/db/playbook';
import { PORT_CONSOLE, PORT_SIDEBAR, type ConsoleState } from '@/lib/schemas/messages';
import { createHub, type Hub, type HubPort } from '@/entrypoints/background/hub';
import { answerSidebar, sidebarView } from '@/entrypoints/background/sidebar-api';
import { changeScope } from '@/lib/db/change-scope';
import { SidebarApp } from './SidebarApp';

/**
 * The whole path between a console tab and its sidebar, in one process: the real sidebar app, the
 * real hub and the real answers from a database, joined by in-memory ports that deliver
 * asynchronously (as the browser does) and count what the sidebar sends.
 */
const NOW = Date.now();
const NONCE = '0123456789abcdef0123456789abcdef';
const EXT = 'chrome-extension://htk-test';

interface End extends HubPort {
  other?: End;
  /** Everything this end posted. */
  messages: unknown[];
  deliver(message: unknown): void;
  fire(): void;
}
function portPair(name: string, sender: HubPort['sender']): [End, End] {
  const make = (s?: HubPort['sender']): End => {
    const onMessage: ((m: unknown) => void)[] = [];
    const onDisconnect: (() => void)[] = [];
    const end: End = {
      name,
      ...(s ? { sender: s } : {}),
      messages: [],
      postMessage(message) {
        end.messages.push(message);
        const copy = structuredClone(message);
        setTimeout(() => end.other?.deliver(copy), 0);
      },
      disconnect() {
        const other = end.other;
        end.other = undefined;
        if (!other) return;
        other.other = undefined;
        setTimeout(() => other.fire(), 0);
      },
      onMessage: { addListener: (cb) => void onMessage.push(cb) },
      onDisconnect: { addListener: (cb) => void onDisconnect.push(cb) },
      deliver: (m) => onMessage.forEach((cb) => cb(m)),
      fire: () => onDisconnect.forEach((cb) => cb()),
    };
    return end;
  };
  const a = make();
  const b = make(sender);
  a.other = b;
  b.other = a;
  return [a, b];
}

let db: HuitoukeDb;
let n = 0;
let container: HTMLDivElement;
let root: Root;
let sidebarEnd: End;
let consoleEnd: End;
let hub: Hub;
let onMutated: (parts: Record<string, unknown>) => void;

const stateFor = (id: string, nick: string): ConsoleState => ({
  status: 'ok',
  consoleId: 'demo',
  consoleName: 'Demo',
  url: 'http://127.0.0.1/console',
  buyer: { platform: 'taobao', id, nick },
  messages: [{ id: `${id}-m1`, author: 'buyer', text: '你好，这款有货吗' }],
  inputFound: true,
});

/** Until the ports have been quiet for a while: every question asked and answered, every render done. */
async function settle() {
  let seen = -1;
  for (let i = 0; i < 400; i++) {
    const total = [sidebarEnd, consoleEnd].reduce(
      (sum, end) => sum + end.messages.length + end.other!.messages.length,
      0,
    );
    await act(async () => {
      await hub.views.idle();
      await new Promise((r) => setTimeout(r, 20));
    });
    if (total === seen) return;
    seen = total;
  }
  throw new Error('the sidebar never settled');
}

beforeEach(async () => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  db = new HuitoukeDb(`sidebar-messages-${++n}`);
  await seedPlaybook(db, NOW - 86_400_000);
  hub = createHub({
    extensionId: 'htk',
    extensionOrigin: EXT,
    answer: (request) => answerSidebar(db, request, NOW),
    view: (buyer) => sidebarView(db, buyer, NOW),
  });
  // As the background does: the database's change events are the views' one source of changes.
  onMutated = (parts) => hub.changed(changeScope(parts, db.name));
  Dexie.on('storagemutated', onMutated);
  const [page, consoleSide] = portPair(PORT_CONSOLE, {
    id: 'htk',
    url: 'http://127.0.0.1/console',
    frameId: 0,
    tab: { id: 7 },
  });
  consoleEnd = page;
  hub.connect(consoleSide);
  consoleEnd.postMessage({ type: 'frame', nonce: NONCE });
  consoleEnd.postMessage({ type: 'state', state: stateFor('tb_a', '小鹿') });
  vi.spyOn(browser.runtime, 'connect').mockImplementation((() => {
    const [frame, hubSide] = portPair(PORT_SIDEBAR, {
      id: 'htk',
      url: `${EXT}/sidebar.html#${NONCE}`,
      frameId: 3,
      tab: { id: 7 },
    });
    sidebarEnd = frame;
    hub.connect(hubSide);
    return frame;
  }) as unknown as typeof browser.runtime.connect);
  window.location.hash = `#${NONCE}`;
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(async () => {
  act(() => root.unmount());
  container.remove();
  vi.restoreAllMocks();
  Dexie.on('storagemutated').unsubscribe(onMutated);
  db.close();
  await db.delete();
});

describe('messages from the sidebar', () => {
  // Measured before the background pushed views: 11 (9 questions, reminders twice, and the shortcut
  // list and send check again). Now the background pushes the view and the sidebar asks nothing.
  it('a conversation switch costs the sidebar at most 2 messages', async () => {
    await act(async () => root.render(<SidebarApp />));
    await settle();
    expect(container.querySelector('[data-testid="htk-sidebar"]')?.textContent).toContain('小鹿');
    const before = sidebarEnd.messages.length;

    consoleEnd.postMessage({ type: 'state', state: stateFor('tb_b', '阿福') });
    await settle();
    expect(container.querySelector('[data-testid="htk-sidebar"]')?.textContent).toContain('阿福');
    const sent = sidebarEnd.messages.slice(before);
    const kinds = sent.map((m) => {
      const msg = m as { type: string; request?: { method?: string } };
      return msg.type === 'rpc' ? `rpc:${msg.request?.method}` : msg.type;
    });
    console.info(`conversation switch: ${sent.length} sidebar messages (${kinds.join(', ')})`);
    expect(sent.length, kinds.join(', ')).toBeLessThanOrEqual(2);
  });
});
