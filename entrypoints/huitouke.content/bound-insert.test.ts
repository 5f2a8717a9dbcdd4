// @vitest-environment jsdom
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_ADAPTERS } from '@/lib/consoles';
import type { InsertRequest, InsertTarget } from '@/lib/schemas/messages';
import { fixtureHtml } from '../../tests/fixtures/consoles/fixtures';
import { createInserter, insertBound } from './bound-insert';
import { readOpenBuyer } from './reader';
import { listenForShortcuts, type TypedShortcut } from './shortcut-keys';

/**
 * The insert path of the content script on saved console pages: the request carries the
 * conversation the sidebar rendered the text for, and the console is read again just before the
 * input is touched.
 */
function openConsole(id: string) {
  const dom = new JSDOM(fixtureHtml(id), { runScripts: 'dangerously', url: 'http://127.0.0.1/' });
  const doc = dom.window.document;
  const adapter = BUILT_IN_ADAPTERS.find((a) => a.id === id)!;
  const input = doc.querySelector<HTMLElement>(adapter.selectors.input)!;
  const send = doc.querySelector<HTMLButtonElement>(adapter.selectors.sendButton!)!;
  const text = () => ('value' in input ? (input as HTMLTextAreaElement).value : (input.textContent ?? ''));
  /** The open conversation as the content script reads it and the sidebar sends it back. */
  const target = (): InsertTarget => ({ consoleId: adapter.id, ...readOpenBuyer(doc, adapter)! });
  return { dom, doc, adapter, input, send, text, target };
}

/** The demo console switches to another conversation: header and nick change, as its React app renders them. */
function switchDemoBuyer(doc: Document, id: string, nick: string) {
  const header = doc.querySelector('[data-testid="current-buyer"]')!;
  header.setAttribute('data-buyer-id', id);
  header.querySelector('[data-testid="current-buyer-nick"]')!.textContent = nick;
}

const request = (target: InsertTarget, text: string, extra: Partial<InsertRequest> = {}): InsertRequest => ({
  requestId: `r-${Math.random()}`,
  text,
  target,
  ...extra,
});

describe('an insert bound to its conversation', () => {
  it('goes into the input while the conversation it was written for is open', async () => {
    const c = openConsole('demo');
    const result = await insertBound(c.doc, c.adapter, request(c.target(), '小鹿爱吃糖，这款偏大半码'));
    expect(result).toMatchObject({ ok: true });
    expect(c.text()).toBe('小鹿爱吃糖，这款偏大半码');
    expect(c.send.disabled).toBe(false);
  });

  it('is refused when the console switched buyers between the request and the insert; the input is untouched', async () => {
    const c = openConsole('demo');
    const forA = request(c.target(), '小鹿爱吃糖，您上次买的连衣裙尺码是M');
    switchDemoBuyer(c.doc, 'dy_90018', '用户8827361');
    const result = await insertBound(c.doc, c.adapter, forA);
    expect(result).toEqual({
      requestId: forA.requestId,
      ok: false,
      reason: 'conversation_changed',
      openNick: '用户8827361',
    });
    expect(c.text()).toBe('');
    expect(c.send.disabled).toBe(true);
  });

  it('tells a buyer id that changed behind the same nick, and a console showing no buyer', async () => {
    const c = openConsole('demo');
    const forA = request(c.target(), '亲，在的');
    c.doc.querySelector('[data-testid="current-buyer"]')!.setAttribute('data-buyer-id', 'dy_other');
    expect(await insertBound(c.doc, c.adapter, forA)).toMatchObject({
      ok: false,
      reason: 'conversation_changed',
      openNick: '小鹿爱吃糖',
    });
    c.doc.querySelector('[data-testid="current-buyer-nick"]')!.textContent = '';
    expect(await insertBound(c.doc, c.adapter, forA)).toMatchObject({ ok: false, reason: 'no_conversation' });
    expect(c.text()).toBe('');
  });

  it('answers a request that comes again (after a worker restart) without inserting twice', async () => {
    const c = openConsole('demo');
    const insert = createInserter(c.doc, c.adapter, () => undefined);
    const req = request(c.target(), '亲，在的');
    const [first, again] = await Promise.all([insert(req), insert(req)]);
    expect(await insert(req)).toEqual(first);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ ok: true });
    expect(c.text()).toBe('亲，在的');
  });
});

/** Types `/cm` at the end of the input (caret after it) and presses Tab, as an agent would. */
function typeShortcut(
  c: ReturnType<typeof openConsole>,
  typed: string,
): { event: KeyboardEvent; captured: TypedShortcut[] } {
  const { dom, doc, input } = c;
  if ('value' in input) {
    const box = input as HTMLTextAreaElement;
    box.value += typed;
    box.setSelectionRange(box.value.length, box.value.length);
  } else {
    const node = input.appendChild(doc.createTextNode(typed));
    const range = doc.createRange();
    range.setStart(node, typed.length);
    range.collapse(true);
    doc.getSelection()!.removeAllRanges();
    doc.getSelection()!.addRange(range);
  }
  const captured: TypedShortcut[] = [];
  const stop = listenForShortcuts(dom.window as unknown as Window, {
    findInput: () => input,
    claims: (s) => s === '/cm',
    onShortcut: (s) => captured.push(s),
  });
  const event = new dom.window.KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
  input.dispatchEvent(event);
  stop();
  return { event, captured };
}

describe.each(['demo', 'qianniu'])('a typed shortcut replaced by its template (%s)', (id) => {
  it('replaces the typed /cm, and keeps what the agent wrote before it', async () => {
    const c = openConsole(id);
    const target = c.target();
    if ('value' in c.input) (c.input as HTMLTextAreaElement).value = '亲，';
    else c.input.textContent = '亲，';
    const { event, captured } = typeShortcut(c, '/cm');
    expect(event.defaultPrevented).toBe(true);
    const typed = captured[0]!;
    const insert = createInserter(c.doc, c.adapter, (sid) => (sid === typed.id ? typed : undefined));
    const result = await insert(
      request(target, '这款偏大半码，建议拿M', { replace: { shortcutId: typed.id, typed: '/cm' } }),
    );
    expect(result).toMatchObject({ ok: true });
    expect(c.text()).toBe('亲，这款偏大半码，建议拿M');
  });
});

describe('a rich editor given a moment to take the selection', () => {
  it('refuses the insert when the conversation switched during that moment; the typed text stays', async () => {
    const c = openConsole('qianniu');
    const target = c.target();
    const { captured } = typeShortcut(c, '/cm');
    const typed = captured[0]!;
    const pending = insertBound(
      c.doc,
      c.adapter,
      request(target, '这款偏大半码', { replace: { shortcutId: typed.id, typed: '/cm' } }),
      { typed },
    );
    // 千牛 names the open buyer in the chat header only (no id): another nick there is another conversation.
    c.doc.querySelector(c.adapter.selectors.buyerNick.selector)!.textContent = '另一位买家';
    expect(await pending).toMatchObject({ ok: false, reason: 'conversation_changed', openNick: '另一位买家' });
    expect(c.text()).toBe('/cm');
  });
});
