// @vitest-environment jsdom
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { readConsole } from '@/entrypoints/huitouke.content/reader';
import { fixtureHtml } from '../../tests/fixtures/consoles/fixtures';
import { BUILT_IN_ADAPTERS } from './adapters';
import { applyRepair } from './parts';
import { ConsoleAdapterSchema, type ConsoleAdapter } from './schema';
import { pickTarget, proposeInput, proposeMessages, proposeSendButton, proposeValue, rowHas } from './teach';

function page(name: string): { doc: Document; window: JSDOM['window'] } {
  const dom = new JSDOM(fixtureHtml(name), { runScripts: 'dangerously' });
  return { doc: dom.window.document, window: dom.window };
}
function html(body: string): Document {
  return new JSDOM(`<!DOCTYPE html><body>${body}</body>`).window.document;
}
const all = (doc: Document, sel: string) => [...doc.querySelectorAll(sel)];
const one = (doc: Document, sel: string) => {
  const el = doc.querySelector(sel);
  if (!el) throw new Error(`no ${sel}`);
  return el;
};
function ok<T>(p: { ok: true; value: T } | { ok: false; problem: string }): T {
  if (!p.ok) throw new Error(`expected a proposal, got ${p.problem}`);
  return p.value;
}

describe('teaching the hashed console (tests/fixtures/consoles/taught-hashed.html) by its clicks', () => {
  const { doc } = page('taught-hashed');
  const texts = (kind: string) => all(doc, `[class*="_${kind}_"] p`);

  it('proposes each part from one click (two per message author) and reads the conversation with them', () => {
    const nick = ok(proposeValue(doc, one(doc, 'h2')));
    const uid = ok(proposeValue(doc, one(doc, '[class*="ChatHeader_uid"]')));
    const messages = ok(proposeMessages(doc, texts('peer').slice(0, 2), texts('self').slice(0, 2)));
    // A click on the paragraph inside the editor picks the editor.
    const input = ok(proposeInput(doc, one(doc, '[data-lexical-editor] p')));
    const send = ok(proposeSendButton(doc, one(doc, 'button')));

    expect(nick.source).toEqual({ selector: '[class*="ChatHeader_nick__"]' });
    expect(messages.selectors).toEqual({
      messageRow: '[class*="_row_"]',
      messageText: '[class*="_text_"]',
      authorBuyer: '[class*="_peer_"]',
      authorAgent: '[class*="_self_"]',
      messageList: '[class*="_list_"]',
    });
    expect(messages).toMatchObject({ rows: 6, buyerRows: 3, agentRows: 2, wholeRowText: false });
    expect(input).toEqual({ selector: '[data-lexical-editor]', kind: 'lexical' });
    // styled-components classes on the button are passed over for its stable part.
    expect(send.selector).toBe('[class*="SendBtn--root--"]');

    const adapter: ConsoleAdapter = ConsoleAdapterSchema.parse({
      id: 'taught',
      name: { zh: '客服工作台', en: '客服工作台' },
      platform: 'taobao',
      matches: ['http://console.huitouke.test/im/*'],
      exampleUrls: ['http://console.huitouke.test/im/workbench'],
      selectors: {
        ready: messages.selectors.messageList,
        buyerNick: nick.source,
        buyerId: uid.source,
        ...messages.selectors,
        input: input.selector,
        inputKind: input.kind,
        sendButton: send.selector,
      },
    });
    const reading = readConsole(doc, adapter);
    if (reading.status !== 'ok') throw new Error(JSON.stringify(reading));
    expect(reading.buyer).toEqual({ id: '5512087731', nick: '林间小鹿', platform: 'taobao' });
    expect(reading.messages.map((m) => `${m.author}:${m.text}`)).toEqual([
      'buyer:你好，这条围巾还有灰色吗',
      'agent:亲，灰色有货的',
      'buyer:羊绒的会不会起球',
      'agent:正常使用不会起球哦，可以放心',
      'buyer:那我先看看',
    ]);
  });

  it('keeps reading after the console renders another conversation anew', () => {
    const { doc: fresh } = page('taught-hashed');
    const nick = ok(proposeValue(fresh, one(fresh, 'h2')));
    const peer = all(fresh, '[class*="_peer_"] p');
    const self = all(fresh, '[class*="_self_"] p');
    const messages = ok(proposeMessages(fresh, peer.slice(0, 2), self.slice(0, 2)));
    (all(fresh, '[class*="_convItem_"]')[1] as HTMLElement).click();
    expect(fresh.querySelector(nick.source.selector)?.textContent).toBe('阿杰不吃辣');
    const rows = all(fresh, messages.selectors.messageRow);
    expect(rows.map((r) => (rowHas(r, messages.selectors.authorBuyer) ? 'buyer' : 'agent'))).toEqual([
      'buyer',
      'agent',
      'buyer',
    ]);
  });
});

describe('generalising from two examples', () => {
  it('finds the selector both buyer messages share and only buyer messages have (京东 咚咚)', () => {
    const { doc } = page('jd');
    const buyer = all(doc, '.message_left .message_text').slice(0, 2);
    const agent = all(doc, '.message_right .message_text').slice(0, 2);
    const p = ok(proposeMessages(doc, buyer, agent));
    expect(p.selectors.authorBuyer).toBe('.message_left');
    expect(p.selectors.authorAgent).toBe('.message_right');
    // Both examples, and every other buyer row of the thread, but no agent row.
    const rows = all(doc, p.selectors.messageRow);
    expect(rows.filter((r) => rowHas(r, p.selectors.authorBuyer))).toEqual(all(doc, '#t-chat-scroll .message_left'));
    expect(rows.some((r) => rowHas(r, p.selectors.authorBuyer) && rowHas(r, p.selectors.authorAgent))).toBe(false);
  });

  it('reduces the rows of 千牛 to the stable part of their hashed class and keeps the card text out of the text selector', () => {
    const { doc } = page('qianniu');
    const buyer = all(doc, '.MessageItem--left--8Jq3f .MessageItem--text--6Yt2w');
    const agent = all(doc, '.MessageItem--right--2Lp0s .MessageItem--text--6Yt2w');
    // The fixture has one agent text: a second agent message arrives as the console would render it.
    const copy = agent[0]!.closest('.MessageItem--item--4Gh7t')!.cloneNode(true) as Element;
    copy.querySelector('.MessageItem--text--6Yt2w')!.textContent = '好的，马上为您备注';
    doc.querySelector('.MessageList--messageList--5Ns1a')!.append(copy);
    const p = ok(proposeMessages(doc, buyer, [agent[0]!, copy.querySelector('.MessageItem--text--6Yt2w')!]));
    expect(p.selectors.messageRow).toBe('[class*="MessageItem--item--"]');
    expect(p.selectors.authorBuyer).toBe('[class*="MessageItem--left--"]');
    expect(p.selectors.authorAgent).toBe('[class*="MessageItem--right--"]');
    expect(p.selectors.messageText).toBe('[class*="MessageItem--text--"]');
  });
});

describe('wrong roles are refused', () => {
  it('marks one side by the other’s absence when only agent rows carry a marker, and the buyer side never matches an agent row', () => {
    const doc = html(`<div id="log">
      <div class="msg"><p class="t">在吗</p></div>
      <div class="msg mine"><p class="t">在的</p></div>
      <div class="msg"><p class="t">有货吗</p></div>
      <div class="msg mine"><p class="t">有</p></div></div>`);
    const ps = all(doc, '.t');
    const p = ok(proposeMessages(doc, [ps[0]!, ps[2]!], [ps[1]!, ps[3]!]));
    expect(p.selectors.authorAgent).toBe('.mine');
    expect(p.selectors.authorBuyer).toBe('.msg:not(.mine):not(:has(.mine))');
    const rows = all(doc, '.msg');
    expect(rows.map((r) => rowHas(r, p.selectors.authorBuyer))).toEqual([true, false, true, false]);
  });

  it('says buyer and agent messages look alike when nothing tells them apart', () => {
    const doc = html(
      '<div id="log"><div class="msg"><p>a</p></div><div class="msg"><p>b</p></div><div class="msg"><p>c</p></div><div class="msg"><p>d</p></div></div>',
    );
    const ps = all(doc, 'p');
    expect(proposeMessages(doc, [ps[0]!, ps[2]!], [ps[1]!, ps[3]!])).toEqual({ ok: false, problem: 'authorsAlike' });
  });

  it('passes over a more stable marker that an agent message has too, for one only buyer messages have', () => {
    // data-kind="text" ranks above any class, but the first agent message has it as well.
    const doc = html(`<div id="log">
      <div class="msg from-buyer" data-kind="text"><p class="t">在吗</p></div>
      <div class="msg from-shop" data-kind="text"><p class="t">在的</p></div>
      <div class="msg from-buyer" data-kind="text"><p class="t">有货吗</p></div>
      <div class="msg from-shop" data-kind="card"><p class="t">羊绒围巾 ¥299</p></div></div>`);
    const ps = all(doc, '.t');
    const p = ok(proposeMessages(doc, [ps[0]!, ps[2]!], [ps[1]!, ps[3]!]));
    expect(p.selectors.authorBuyer).toBe('.from-buyer');
    expect(p.selectors.authorAgent).toBe('.from-shop');
    expect(all(doc, '.msg').filter((r) => rowHas(r, p.selectors.authorBuyer))).toHaveLength(2);
  });

  it('never lets a row of the thread read as both: the next most stable pair is taken', () => {
    // A recalled message carries both side classes; only `.buyer-row` keeps it out of the buyer side.
    const doc = html(`<div id="log">
      <div class="msg in buyer-row"><p class="t">1</p></div>
      <div class="msg out"><p class="t">2</p></div>
      <div class="msg in buyer-row"><p class="t">3</p></div>
      <div class="msg out"><p class="t">4</p></div>
      <div class="msg in out"><p class="t">已撤回</p></div></div>`);
    const ps = all(doc, '.t');
    const p = ok(proposeMessages(doc, [ps[0]!, ps[2]!], [ps[1]!, ps[3]!]));
    expect([p.selectors.authorBuyer, p.selectors.authorAgent]).toEqual(['.buyer-row', '.out']);
    expect(all(doc, '.msg').some((r) => rowHas(r, p.selectors.authorBuyer) && rowHas(r, p.selectors.authorAgent))).toBe(
      false,
    );
  });

  it('asks for different messages when two clicks are in one message', () => {
    const doc = html(
      '<div id="log"><div class="msg a"><p><b>x</b></p></div><div class="msg b"><p>y</p></div><div class="msg a"><p>z</p></div></div>',
    );
    const p = all(doc, 'p');
    expect(proposeMessages(doc, [p[0]!, one(doc, 'b')], [p[1]!, p[2]!])).toEqual({ ok: false, problem: 'nested' });
    expect(proposeMessages(doc, [p[0]!, p[0]!], [p[1]!, p[2]!])).toEqual({ ok: false, problem: 'sameMessage' });
  });

  it('asks for the message box itself when the click was not on something that takes text', () => {
    const { doc } = page('qianniu');
    expect(proposeInput(doc, one(doc, '.Editor--count--1Nn5b'))).toEqual({ ok: false, problem: 'notEditable' });
    expect(pickTarget('sendButton', one(doc, '.Editor--send--6Qa2d'))).toBe(one(doc, 'button'));
  });
});

describe('a repair laid over a built-in console', () => {
  it('replaces only the taught part and keeps the built-in’s other selectors', () => {
    const qianniu = BUILT_IN_ADAPTERS.find((a) => a.id === 'qianniu')!;
    const repaired = applyRepair(qianniu, {
      parts: ['messages'],
      selectors: {
        messageRow: '[class*="ChatMessage--item--"]',
        messageText: '.t',
        authorBuyer: '.l',
        authorAgent: '.r',
      },
    });
    expect(repaired.selectors.messageRow).toBe('[class*="ChatMessage--item--"]');
    expect(repaired.selectors.authorSystem).toBeUndefined();
    expect(repaired.selectors.buyerNick).toEqual(qianniu.selectors.buyerNick);
    expect(repaired.selectors.input).toBe(qianniu.selectors.input);
    expect(qianniu.selectors.messageRow).toBe('[class*="MessageList--"] [class*="MessageItem--item"]');
  });
});
