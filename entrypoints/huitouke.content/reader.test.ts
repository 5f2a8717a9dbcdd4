// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { BUILT_IN_ADAPTERS, type ConsoleAdapter } from '@/lib/consoles';
import { fixtureExpected, fixtureHtml } from '../../tests/fixtures/consoles/fixtures';
import { readConsole, readNewMessages } from './reader';

interface Expected {
  url: string;
  buyerId: string | null;
  buyerNick: string;
  platform: string;
  messageCount: number;
  authors: string[];
  firstMessage: { id: string | null; text: string };
  lastBuyerText: string;
  texts: Record<string, string>;
  input: string;
  inputKind: string;
  send: string;
  conversationRows: number;
  unread: number | null;
  /** The order panel and product cards (issue 19), for fixtures whose adapter describes them. */
  orders?: unknown[];
  products?: unknown[];
}

function load(name: string): Document {
  return new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
}
function expected<T = Expected>(name: string): T {
  return fixtureExpected<T>(name);
}
function adapter(id: string): ConsoleAdapter {
  const found = BUILT_IN_ADAPTERS.find((a) => a.id === id);
  if (!found) throw new Error(`no adapter ${id}`);
  return found;
}

const CONSOLES = ['pinduoduo', 'douyin', 'jd', 'shopee', 'qianniu', 'demo'];

describe.each(CONSOLES)('the %s fixture', (id) => {
  const want = expected(id);
  const doc = load(id);

  it('reads the open conversation: buyer, messages in order, authors, input', () => {
    const reading = readConsole(doc, adapter(id));
    if (reading.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(reading)}`);
    expect(reading.buyer).toEqual({ id: want.buyerId, nick: want.buyerNick, platform: want.platform });
    expect(reading.messages).toHaveLength(want.messageCount);
    expect(reading.messages.map((m) => m.author)).toEqual(want.authors);
    expect(reading.messages[0]?.text).toBe(want.firstMessage.text);
    if (want.firstMessage.id) expect(reading.messages[0]?.id).toBe(want.firstMessage.id);
    expect(reading.messages.filter((m) => m.author === 'buyer').at(-1)?.text).toBe(want.lastBuyerText);
    for (const [index, text] of Object.entries(want.texts)) expect(reading.messages[Number(index)]?.text).toBe(text);
    expect(reading.inputFound).toBe(true);
    expect(reading.degraded).toEqual([]);
    expect(new Set(reading.messages.map((m) => m.id)).size).toBe(reading.messages.length);
  });

  it('reads the order panel and product cards where the adapter describes them', () => {
    const reading = readConsole(doc, adapter(id));
    if (reading.status !== 'ok') throw new Error('expected ok');
    expect(reading.orders).toEqual(adapter(id).orderPanel ? want.orders : undefined);
    expect(reading.products).toEqual(adapter(id).productCards ? want.products : undefined);
  });

  it("has the adapter's other selectors pointing at the expected elements", () => {
    const s = adapter(id).selectors;
    expect(doc.querySelector(s.input)).toBe(doc.querySelector(want.input));
    if (s.sendButton) expect(doc.querySelector(s.sendButton)).toBe(doc.querySelector(want.send));
    if (s.conversationRow) expect(doc.querySelectorAll(s.conversationRow)).toHaveLength(want.conversationRows);
    if (s.unread) expect(doc.querySelectorAll(s.unread)).toHaveLength(want.unread ?? -1);
    else expect(want.unread).toBeNull();
  });

  it('gives the same message ids when the same thread is read again from a fresh page', () => {
    const a = readConsole(doc, adapter(id));
    const b = readConsole(load(id), adapter(id));
    expect(a.status === 'ok' && b.status === 'ok').toBe(true);
    if (a.status === 'ok' && b.status === 'ok')
      expect(b.messages.map((m) => m.id)).toEqual(a.messages.map((m) => m.id));
  });

  it('is not read as ok by any other console', () => {
    for (const other of BUILT_IN_ADAPTERS.filter((a) => a.id !== id)) {
      expect(readConsole(doc, other).status, `${other.id} on ${id}`).not.toBe('ok');
    }
  });
});

describe('a console whose markup changed', () => {
  it.each(['pinduoduo-changed', 'douyin-changed'])('%s reads as not recognised, naming what is gone', (name) => {
    const want = expected<{ missing: string[]; present: string[] }>(name);
    const reading = readConsole(load(name), adapter(name.replace('-changed', '')));
    if (reading.status !== 'not_recognised') throw new Error(`expected not_recognised, got ${reading.status}`);
    for (const key of want.missing) expect(reading.missing).toContain(key);
    for (const key of want.present) expect(reading.missing).not.toContain(key);
  });

  it('still reads, and says what is degraded, when only optional parts are gone', () => {
    const doc = load('shopee');
    for (const pre of Array.from(doc.querySelectorAll('pre'))) pre.replaceWith(...Array.from(pre.childNodes));
    doc.querySelector('[data-cy="webchat-conversation-detail-input"] textarea')?.remove();
    const reading = readConsole(doc, adapter('shopee'));
    if (reading.status !== 'ok') throw new Error(reading.status);
    expect(reading.degraded).toEqual(['messageText', 'input']);
    expect(reading.inputFound).toBe(false);
    expect(reading.messages.at(-1)?.text).toBe('Can I change the colour? 15:41');
  });

  it('reads as loading while the console has not rendered', () => {
    const doc = new DOMParser().parseFromString('<div id="app"><div class="spinner"></div></div>', 'text/html');
    for (const a of BUILT_IN_ADAPTERS) expect(readConsole(doc, a).status).toBe('loading');
  });

  it('reads a selector the browser rejects as "found nothing" instead of throwing', () => {
    const broken: ConsoleAdapter = {
      ...adapter('demo'),
      selectors: { ...adapter('demo').selectors, buyerNick: { selector: '>>> [data-testid="current-buyer-nick"]' } },
    };
    expect(() => readConsole(load('demo'), broken)).not.toThrow();
    expect(readConsole(load('demo'), broken)).toMatchObject({ status: 'not_recognised', missing: ['buyerNick'] });
  });
});

describe('a console that has not shown the buyer id yet', () => {
  it('reads no orders or product cards on Pinduoduo until a message row carries the uid', () => {
    const doc = load('pinduoduo');
    for (const el of Array.from(doc.querySelectorAll('[currentuid]'))) el.removeAttribute('currentuid');
    const reading = readConsole(doc, adapter('pinduoduo'));
    if (reading.status !== 'ok') throw new Error(reading.status);
    expect(reading.buyer).toEqual({ id: null, nick: expected('pinduoduo').buyerNick, platform: 'pinduoduo' });
    expect(reading.degraded).toContain('buyerId');
    // The panel is on the page (the fixture shows orders), but nothing may be tied to the nick.
    expect(doc.querySelectorAll(adapter('pinduoduo').orderPanel?.row ?? 'none').length).toBeGreaterThan(0);
    expect(reading.orders).toBeUndefined();
    expect(reading.products).toBeUndefined();
  });
});

describe('the demo console', () => {
  it('takes its platform from the page', () => {
    const doc = load('demo');
    doc.getElementById('demo-console')?.setAttribute('data-platform', 'pinduoduo');
    const reading = readConsole(doc, adapter('demo'));
    expect(reading.status === 'ok' && reading.buyer.platform).toBe('pinduoduo');
    doc.getElementById('demo-console')?.setAttribute('data-platform', 'myspace');
    const unknown = readConsole(doc, adapter('demo'));
    expect(unknown.status === 'ok' && unknown.buyer.platform).toBe('other');
  });
});

/** A JD-style thread (no message ids in the DOM) of `n` messages. */
function bigThread(n: number): Document {
  const doc = load('jd');
  const scroll = doc.getElementById('t-chat-scroll');
  if (!scroll) throw new Error('fixture');
  scroll.replaceChildren();
  for (let i = 0; i < n; i++) {
    const row = doc.createElement('div');
    row.className = `message ${i % 3 === 2 ? 'message_right' : 'message_left'}`;
    const content = row.appendChild(doc.createElement('div'));
    content.className = 'message_content';
    const text = content.appendChild(doc.createElement('div'));
    text.className = 'message_text';
    text.textContent = i % 10 === 0 ? '在吗' : `第 ${i} 条消息：这件衣服有没有大一码的`;
    const time = row.appendChild(doc.createElement('span'));
    time.className = 'message_time';
    time.textContent = '10:21:07';
    scroll.appendChild(row);
  }
  return doc;
}

describe('reading a long thread', () => {
  it('queries the page a fixed number of times, however long the thread', () => {
    // The property that keeps reading fast: no per-message queries. The time is printed by
    // `npm run bench:domain` (jsdom) and, in Chromium, `npm run bench:sidebar`.
    const countQueries = (doc: Document) => {
      const spies = [Document.prototype, Element.prototype].flatMap((proto) => [
        vi.spyOn(proto, 'querySelector'),
        vi.spyOn(proto, 'querySelectorAll'),
      ]);
      const reading = readConsole(doc, adapter('jd'));
      const calls = spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
      vi.restoreAllMocks();
      return { calls, messages: reading.status === 'ok' ? reading.messages.length : -1 };
    };
    const short = countQueries(bigThread(20));
    const long = countQueries(bigThread(200));
    expect(short.messages).toBe(20);
    expect(long.messages).toBe(200);
    expect(short.calls).toBeGreaterThan(3);
    expect(long.calls).toBe(short.calls);
  });

  it('tells which buyer messages are new after one arrives, and not after history loads above', () => {
    const doc = bigThread(20);
    const first = readConsole(doc, adapter('jd'));
    const scroll = doc.getElementById('t-chat-scroll');
    const newest = scroll?.lastElementChild?.cloneNode(true) as Element;
    newest.className = 'message message_left';
    const text = newest.querySelector('.message_text');
    if (text) text.textContent = '在吗';
    scroll?.appendChild(newest);
    const second = readConsole(doc, adapter('jd'));
    const fresh = readNewMessages(first, second);
    expect(fresh.conversationChanged).toBe(false);
    expect(fresh.fromBuyer.map((m) => m.text)).toEqual(['在吗']);

    const older = scroll?.firstElementChild?.cloneNode(true) as Element;
    scroll?.prepend(older);
    expect(readNewMessages(second, readConsole(doc, adapter('jd'))).added).toEqual([]);
  });

  it('does not count a switch to another buyer as new messages', () => {
    const doc = load('jd');
    const before = readConsole(doc, adapter('jd'));
    const name = doc.querySelector('.chat-head-name > span');
    if (name) name.textContent = 'jd_5b1c0e7a2f';
    const after = readNewMessages(before, readConsole(doc, adapter('jd')));
    expect(after).toEqual({ conversationChanged: true, added: [], fromBuyer: [] });
  });
});
