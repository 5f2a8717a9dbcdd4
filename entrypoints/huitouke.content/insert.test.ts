// @vitest-environment jsdom
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_ADAPTERS } from '@/lib/consoles';
import { fixtureHtml } from '../../tests/fixtures/consoles/fixtures';
import { detectInputKind, insertText } from './insert';

/**
 * Each fixture carries an inline script that behaves like the console's framework: the send
 * button is enabled only when the page's own input handler saw text. So "the send button lit up"
 * is the user-visible proof that the console took the insertion as typing.
 */
function openConsole(id: string) {
  const dom = new JSDOM(fixtureHtml(id), { runScripts: 'dangerously', url: 'http://127.0.0.1/' });
  const doc = dom.window.document;
  const adapter = BUILT_IN_ADAPTERS.find((a) => a.id === id);
  if (!adapter?.selectors.sendButton) throw new Error(`adapter ${id}`);
  const input = doc.querySelector<HTMLElement>(adapter.selectors.input);
  const send = doc.querySelector<HTMLElement>(adapter.selectors.sendButton);
  if (!input || !send) throw new Error(`fixture ${id}`);
  const sendEnabled = () => !(send.hasAttribute('disabled') || send.classList.contains('disabled'));
  const counter = () =>
    Array.from(doc.querySelectorAll('span'))
      .map((el) => el.textContent ?? '')
      .find((t) => /^\d+\/\d+$/.test(t));
  return { dom, doc, input, send, sendEnabled, counter };
}

const TEXTAREA_CONSOLES = ['pinduoduo', 'douyin', 'shopee', 'demo'];
const EDITABLE_CONSOLES = ['jd', 'qianniu'];

describe.each(TEXTAREA_CONSOLES)('inserting into the %s textarea', (id) => {
  it('starts with send disabled, and a bare value assignment does not enable it', () => {
    const { input, sendEnabled } = openConsole(id);
    expect(sendEnabled()).toBe(false);
    (input as HTMLTextAreaElement).value = '你好';
    expect(sendEnabled()).toBe(false);
  });

  it('enables send and updates the counter: the page saw the text as typing', () => {
    const { input, sendEnabled, counter } = openConsole(id);
    expect(insertText(input, '亲，在的')).toEqual({ ok: true });
    expect((input as HTMLTextAreaElement).value).toBe('亲，在的');
    expect(sendEnabled()).toBe(true);
    if (id !== 'demo') expect(counter()).toMatch(/^4\//);
  });
});

describe('the React value tracker in the fixtures', () => {
  it.each(['douyin', 'shopee'])('%s swallows "el.value = x" followed by an input event', (id) => {
    const { dom, input, sendEnabled } = openConsole(id);
    (input as HTMLTextAreaElement).value = '你好';
    input.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
    expect(sendEnabled()).toBe(false);
    insertText(input, '！');
    expect(sendEnabled()).toBe(true);
  });
});

describe('caret and selection in a textarea', () => {
  const setup = (value: string, start: number, end = start) => {
    const c = openConsole('douyin');
    const box = c.input as HTMLTextAreaElement;
    box.value = value;
    box.setSelectionRange(start, end);
    return { ...c, box };
  };

  it('inserts at the caret and leaves the caret after the inserted text', () => {
    const { box } = setup('亲，欢迎光临', 2);
    expect(insertText(box, '您好')).toEqual({ ok: true });
    expect(box.value).toBe('亲，您好欢迎光临');
    expect([box.selectionStart, box.selectionEnd]).toEqual([4, 4]);
  });

  it('replaces the selected text', () => {
    const { box } = setup('亲，欢迎光临', 2, 6);
    insertText(box, '在的');
    expect(box.value).toBe('亲，在的');
  });

  it('puts the caret at the template cursor marker', () => {
    const { box } = setup('', 0);
    insertText(box, '您的订单号是，请核对', { cursorOffset: 6 });
    expect(box.selectionStart).toBe(6);
    expect(box.selectionEnd).toBe(6);
  });

  it('appends when the agent never placed a caret in a non-empty box', () => {
    const { box } = setup('亲，', 0);
    insertText(box, '在的');
    expect(box.value).toBe('亲，在的');
  });

  it('refuses text beyond the length limit and leaves the box as it was', () => {
    const { box, sendEnabled } = setup('', 0);
    box.maxLength = 5;
    expect(insertText(box, '这句话超过了五个字')).toEqual({ ok: false, reason: 'too_long' });
    expect(box.value).toBe('');
    expect(sendEnabled()).toBe(false);
  });

  it('refuses a disabled or read-only box', () => {
    const { box } = setup('', 0);
    box.disabled = true;
    expect(insertText(box, '你好')).toEqual({ ok: false, reason: 'not_editable' });
    box.disabled = false;
    box.readOnly = true;
    expect(insertText(box, '你好')).toEqual({ ok: false, reason: 'not_editable' });
  });

  it('reports a box that is no longer on the page', () => {
    const { box } = setup('', 0);
    box.remove();
    expect(insertText(box, '你好')).toEqual({ ok: false, reason: 'detached' });
  });

  it('reports a controlled box that put its old value back', () => {
    const { dom, box } = setup('', 0);
    const setter = Object.getOwnPropertyDescriptor(dom.window.HTMLTextAreaElement.prototype, 'value')?.set;
    box.addEventListener('input', () => setter?.call(box, ''));
    expect(insertText(box, '你好')).toEqual({ ok: false, reason: 'not_applied' });
  });
});

describe.each(EDITABLE_CONSOLES)('inserting into the %s contenteditable editor (jsdom: no execCommand)', (id) => {
  it('enables send through the fallback path and leaves the caret after the text', () => {
    const { doc, input, sendEnabled, counter } = openConsole(id);
    expect(sendEnabled()).toBe(false);
    expect(insertText(input, '亲，在的')).toEqual({ ok: true });
    expect(input.textContent).toBe('亲，在的');
    expect(sendEnabled()).toBe(true);
    expect(counter()).toBe('4/500');
    const sel = doc.getSelection();
    expect(sel?.focusNode?.textContent).toBe('亲，在的');
    expect(sel?.focusOffset).toBe(4);
  });

  it("inserts at the agent's caret and at the cursor marker", () => {
    const { doc, input } = openConsole(id);
    const text = input.appendChild(doc.createTextNode('亲，欢迎光临'));
    const range = doc.createRange();
    range.setStart(text, 2);
    range.collapse(true);
    doc.getSelection()?.removeAllRanges();
    doc.getSelection()?.addRange(range);
    expect(insertText(input, '您好呀', { cursorOffset: 2 })).toEqual({ ok: true });
    expect(input.textContent).toBe('亲，您好呀欢迎光临');
    const sel = doc.getSelection();
    expect(sel?.focusNode?.textContent).toBe('您好呀');
    expect(sel?.focusOffset).toBe(2);
  });

  it('appends when the selection is elsewhere on the page', () => {
    const { doc, input } = openConsole(id);
    input.appendChild(doc.createTextNode('亲，'));
    const outside = doc.createRange();
    outside.selectNodeContents(doc.body.firstElementChild as Element);
    doc.getSelection()?.addRange(outside);
    insertText(input, '在的');
    expect(input.textContent).toBe('亲，在的');
  });

  it('keeps line breaks as <br>', () => {
    const { input } = openConsole(id);
    insertText(input, '第一行\n第二行');
    expect(Array.from(input.childNodes).map((n) => n.nodeName)).toEqual(['#text', 'BR', '#text']);
  });
});

describe('editors that own their model', () => {
  it('lets an editor that handles beforeinput do the insertion (no double text)', () => {
    const { input, sendEnabled } = openConsole('qianniu');
    input.setAttribute('data-lexical-editor', 'true');
    input.addEventListener('beforeinput', (e) => {
      e.preventDefault();
      input.textContent = (input.textContent ?? '') + ((e as InputEvent).data ?? '');
      input.dispatchEvent(
        new (input.ownerDocument.defaultView as Window & typeof globalThis).Event('input', { bubbles: true }),
      );
    });
    expect(detectInputKind(input)).toBe('lexical');
    expect(insertText(input, '你好')).toEqual({ ok: true });
    expect(input.textContent).toBe('你好');
    expect(sendEnabled()).toBe(true);
  });

  it('tries beforeinput before execCommand for Lexical, and execCommand first otherwise', () => {
    for (const lexical of [true, false]) {
      const { doc, input } = openConsole('jd');
      if (lexical) input.setAttribute('data-lexical-editor', 'true');
      const order: string[] = [];
      input.addEventListener('beforeinput', () => order.push('beforeinput'));
      Object.assign(doc, { execCommand: () => (order.push('execCommand'), false) });
      insertText(input, '你好');
      expect(order).toEqual(lexical ? ['beforeinput', 'execCommand'] : ['execCommand', 'beforeinput']);
      expect(input.textContent).toBe('你好');
    }
  });

  it('falls back when execCommand claims success but nothing landed', () => {
    const { doc, input, sendEnabled } = openConsole('jd');
    Object.assign(doc, { execCommand: () => true });
    expect(insertText(input, '你好')).toEqual({ ok: true });
    expect(input.textContent).toBe('你好');
    expect(sendEnabled()).toBe(true);
  });

  it('refuses an element that is not editable', () => {
    const { doc } = openConsole('jd');
    const div = doc.querySelector<HTMLElement>('.chat-head');
    if (!div) throw new Error('fixture');
    expect(insertText(div, '你好')).toEqual({ ok: false, reason: 'not_editable' });
  });
});

describe('never sending', () => {
  it.each([...TEXTAREA_CONSOLES, ...EDITABLE_CONSOLES])('%s: no click on send, no Enter key', (id) => {
    const { doc, input, send } = openConsole(id);
    const seen: string[] = [];
    for (const type of ['click', 'mousedown', 'pointerdown', 'submit'])
      send.addEventListener(type, () => seen.push(type));
    for (const type of ['keydown', 'keypress', 'keyup']) doc.addEventListener(type, () => seen.push(type), true);
    insertText(input, '亲，在的\n请稍等');
    expect(seen).toEqual([]);
  });
});
