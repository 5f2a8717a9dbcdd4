// @vitest-environment jsdom
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_ADAPTERS } from '@/lib/consoles';
import type { InsertRequest, InsertTarget } from '@/lib/schemas/messages';
import { fixtureHtml } from '../../tests/fixtures/consoles/fixtures';
import { createInserter, insertBound } from './bound-insert';
import { readOpenBuyer } from './reader';

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

const request = (target: InsertTarget, text: string, extra: Partial<InsertRequest> = {}): InsertRequest => ({ requestId: `r-${Math.random()}`, text, target, ...extra });

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
    expect(result).toEqual({ requestId: forA.requestId, ok: false, reason: 'conversation_changed', openNick: '用户8827361' });
    expect(c.text()).toBe('');
    expect(c.send.disabled).toBe(true);
  });

  it('tells a buyer id that changed behind the same nick, and a console showing no buyer', async () => {
    const c = openConsole('demo');
    const forA = request(c.target(), '亲，在的');
    c.doc.querySelector('[data-testid="current-buyer"]')!.setAttribute('data-buyer-id', 'dy_other');
    expect(await insertBound(c.doc, c.adapter, forA)).toMatchObject({ ok: false, reason: 'conversation_changed', openNick: '小鹿爱吃糖' });
    c.doc.querySelector('[data-testid="current-buyer-nick"]')!.textContent = '';
    expect(await insertBound(c.doc, c.adapter, forA)).toMatchObject({ ok: false, reason: 'no_conversation' });
    expect(c.text()).toBe('');
  });

  it('answers a request that comes again (after a worker restart) without inserting twice', async () => {
    const c = openConsole('demo');
    const insert = createInserter(c.doc, c.adapter);
    const req = request(c.target(), '亲，在的');
    const [first, again] = await Promise.all([insert(req), insert(req)]);
    expect(await insert(req)).toEqual(first);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ ok: true });
    expect(c.text()).toBe('亲，在的');
  });
});
