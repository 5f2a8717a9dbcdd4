// @vitest-environment jsdom
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { fixtureHtml } from '../../tests/fixtures/consoles/fixtures';
import {
  classifyClass,
  commonSelector,
  elementFeatures,
  isStableId,
  looksHashed,
  selectorFor,
  type PickElement,
} from './selectors';

/** A console page as the browser shows it: the fixture's own script has rendered it. */
function page(name: string): Document {
  return new JSDOM(fixtureHtml(name), { runScripts: 'dangerously' }).window.document;
}
function html(body: string): Document {
  return new JSDOM(`<!DOCTYPE html><body>${body}</body>`).window.document;
}
const one = (doc: Document, sel: string): Element => {
  const el = doc.querySelector(sel);
  if (!el) throw new Error(`no ${sel}`);
  return el;
};
const uniqueTo = (el: PickElement) => (m: PickElement[]) => m.length === 1 && m[0] === el;

describe('class names', () => {
  it.each([
    ['MessageItem--a3f9c', '[class*="MessageItem--"]'],
    ['MessageItem--item--4Gh7t', '[class*="MessageItem--item--"]'],
    ['_row_7fk2q', '[class*="_row_"]'],
    ['ChatHeader_nick__x8Yq2', '[class*="ChatHeader_nick__"]'],
    ['SendBtn--root--4k2Lm', '[class*="SendBtn--root--"]'],
  ])('reduces the hashed %s to its stable part', (name, sel) => {
    expect(classifyClass(name)).toMatchObject({ kind: 'hashed', sel });
  });

  it.each(['sc-bdVaJa', 'gKGzOp', 'hKBzSx', 'css-1x2y3z', 'jsx-2731', 'a3f9c'])('rejects the generated %s', (name) => {
    expect(classifyClass(name)).toEqual({ kind: 'rejected', why: 'generated' });
  });

  it.each(['active', 'is-selected', 'ConversationItem--active--9xQ2w', 'tab-current'])(
    'rejects the state class %s',
    (name) => {
      expect(classifyClass(name)).toEqual({ kind: 'rejected', why: 'state' });
    },
  );

  it.each(['message_left', 'chatName', 'messageNotMe', 'send-button', 'msg-list'])(
    'keeps the plain %s as it is',
    (name) => {
      expect(classifyClass(name)).toEqual({ kind: 'stable', sel: `.${name}` });
    },
  );

  it('tells hashes from words', () => {
    expect(['4Gh7t', '1a2b3', 'bdVaJa', '8f3a2c'].map(looksHashed)).toEqual([true, true, true, true]);
    expect(['left', 'chatName', 'item', 'v2'].map(looksHashed)).toEqual([false, false, false, false]);
  });
});

describe('element features', () => {
  it('prefer a written id, data-*, ARIA and name over classes, and skip generated ids', () => {
    const doc = html(`
      <div id="chatPanel" class="panel"></div>
      <div id="react-select-2-input" class="a"></div>
      <div data-testid="composer" aria-label="消息" class="Composer--box--3kq9Z"></div>`);
    expect(elementFeatures(one(doc, '.panel'))[0]?.sel).toBe('#chatPanel');
    expect(elementFeatures(one(doc, '.a')).map((f) => f.sel)).toEqual(['.a']);
    expect(isStableId(':r1:')).toBe(false);
    expect(elementFeatures(one(doc, '[data-testid]')).map((f) => f.sel)).toEqual([
      '[data-testid="composer"]',
      '[aria-label="消息"]',
      '[class*="Composer--box--"]',
    ]);
  });

  it('never take a buyer’s name or a message from an attribute as a marker', () => {
    const doc = html('<span class="nick" data-nick="小鹿" data-uid="5512087731" title="小鹿">小鹿</span>');
    const sels = elementFeatures(one(doc, '.nick'), { content: true }).map((f) => f.sel);
    expect(sels).toContain('[data-nick]');
    expect(sels).toContain('[data-uid]');
    expect(sels.join(' ')).not.toMatch(/小鹿|5512/);
  });
});

describe('a selector for one element', () => {
  it('uses a stable attribute where the console has one (Douyin’s data-qa-id, Pinduoduo’s id, Shopee’s data-cy)', () => {
    const douyin = page('douyin');
    const input = one(douyin, 'textarea');
    expect(selectorFor(douyin, input, { accept: uniqueTo(input) })?.selector).toBe(
      '[data-qa-id="qa-send-message-textarea"]',
    );
    const pdd = page('pinduoduo');
    const box = one(pdd, 'textarea');
    expect(selectorFor(pdd, box, { accept: uniqueTo(box) })?.selector).toBe('#replyTextarea');
    const shopee = page('shopee');
    const row = one(shopee, '[data-cy="webchat-message-receive"]');
    const rows = [...shopee.querySelectorAll('[data-cy="webchat-message-receive"]')];
    expect(
      commonSelector(shopee, rows.slice(0, 2), { content: true, accept: (m) => m.length === rows.length })?.selector,
    ).toBe('[data-cy="webchat-message-receive"]');
    expect(row).toBeTruthy();
  });

  it('reduces a hashed class to its stable part when that is all there is (千牛)', () => {
    const doc = page('qianniu');
    const nick = one(doc, '.ChatHeader--chatName--3cD9e');
    expect(selectorFor(doc, nick, { content: true, accept: uniqueTo(nick) })?.selector).toBe(
      '[class*="ChatHeader--chatName--"]',
    );
  });

  it('scopes a name that appears twice to where it was clicked, so it matches exactly one element', () => {
    const doc = html(`
      <ul class="sessions"><li><span class="name">小鹿</span></li><li><span class="name">阿杰</span></li></ul>
      <header class="chat-head"><span class="name">小鹿</span></header>`);
    const head = one(doc, '.chat-head .name');
    const found = selectorFor(doc, head, { content: true, accept: uniqueTo(head) });
    expect(found?.selector).toBe('.chat-head .name');
    expect(doc.querySelectorAll(found!.selector)).toHaveLength(1);
  });

  it('falls back to structure under a stable ancestor when the element has nothing of its own', () => {
    const doc = html('<div id="toolbar"><span>a</span><span>b</span><span>c</span></div>');
    const b = one(doc, '#toolbar span:nth-of-type(2)');
    expect(selectorFor(doc, b, { accept: uniqueTo(b) })?.selector).toBe('#toolbar > span:nth-of-type(2)');
  });
});
