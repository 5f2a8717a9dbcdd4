// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ConsoleAdapterSchema, type ConsoleAdapter } from '@/lib/consoles/schema';
import { fixtureHtml } from '../../tests/fixtures/consoles/fixtures';
import { insertBound } from './bound-insert';
import { chatDocument, findInput, readConsole, readOpenBuyer } from './reader';

/**
 * A console whose chat sits in a frame of the same site (tests/fixtures/consoles/taught-frame.html
 * framing a chat page): the adapter names the frame, and every other selector is read in it.
 */
const adapter: ConsoleAdapter = ConsoleAdapterSchema.parse({
  id: 'desk',
  name: { zh: '商家后台', en: 'Back office' },
  platform: 'taobao',
  matches: ['http://console.huitouke.test/desk/*'],
  exampleUrls: ['http://console.huitouke.test/desk/index.html'],
  selectors: {
    frame: '[name="im"]',
    ready: '.im',
    buyerNick: { selector: '.im .nick' },
    messageRow: '.im .row',
    messageText: '.text',
    authorBuyer: '.peer',
    authorAgent: '.self',
    input: 'textarea',
    inputKind: 'textarea',
  },
});

function pageWithFrame(): { doc: Document; frame: HTMLIFrameElement } {
  const doc = new DOMParser().parseFromString(fixtureHtml('taught-frame'), 'text/html');
  document.documentElement.replaceWith(document.importNode(doc.documentElement, true));
  const frame = document.querySelector('iframe') as HTMLIFrameElement;
  // jsdom does not load the frame's address: the frame's document is written here, as it would load.
  const chat = new DOMParser().parseFromString(
    `<div class="im"><h2 class="nick">林间小鹿</h2>
      <div class="row peer"><p class="text">还有灰色吗</p></div><div class="row self"><p class="text">有的</p></div>
      <textarea></textarea></div>`,
    'text/html',
  );
  const inner = frame.contentDocument!;
  const root = inner.importNode(chat.documentElement, true);
  if (inner.documentElement) inner.documentElement.replaceWith(root);
  else inner.appendChild(root);
  return { doc: document, frame };
}

describe('a chat in a same-origin frame', () => {
  it('is read in the frame’s document', () => {
    const { doc, frame } = pageWithFrame();
    expect(chatDocument(doc, adapter)).toBe(frame.contentDocument);
    const reading = readConsole(doc, adapter);
    if (reading.status !== 'ok') throw new Error(JSON.stringify(reading));
    expect(reading.buyer.nick).toBe('林间小鹿');
    expect(reading.messages.map((m) => `${m.author}:${m.text}`)).toEqual(['buyer:还有灰色吗', 'agent:有的']);
    expect(findInput(doc, adapter)?.ownerDocument).toBe(frame.contentDocument);
  });

  it('takes an insert into the frame’s input, bound to the buyer read there', async () => {
    const { doc, frame } = pageWithFrame();
    const buyer = readOpenBuyer(doc, adapter)!;
    const result = await insertBound(doc, adapter, {
      requestId: 'r1',
      text: '亲，灰色有货',
      target: { ...buyer, consoleId: 'desk' },
    });
    expect(result).toEqual({ requestId: 'r1', ok: true });
    expect((frame.contentDocument!.querySelector('textarea') as HTMLTextAreaElement).value).toBe('亲，灰色有货');
  });

  it('is still loading while the frame is not in the page, and not recognised when its document cannot be read', () => {
    const { doc, frame } = pageWithFrame();
    Object.defineProperty(frame, 'contentDocument', { get: () => null });
    expect(readConsole(doc, adapter)).toEqual({ status: 'not_recognised', adapterId: 'desk', missing: ['frame'] });
    expect(readOpenBuyer(doc, adapter)).toBeNull();
    frame.remove();
    expect(readConsole(doc, adapter)).toEqual({ status: 'loading', adapterId: 'desk' });
  });
});
