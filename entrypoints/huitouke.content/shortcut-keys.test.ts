// @vitest-environment jsdom
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  createHandover,
  listenForShortcuts,
  restoreCaret,
  selectTypedShortcut,
  typedShortcutAt,
  type TypedShortcut,
} from './shortcut-keys';

/** A page with a console input of either kind and a button after it (where a default Tab goes). */
function page(kind: 'textarea' | 'contenteditable') {
  const dom = new JSDOM(
    `<!DOCTYPE html><body><p id="other">别处</p>${kind === 'textarea' ? '<textarea id="in"></textarea>' : '<div id="in" contenteditable="true"></div>'}<button>发送</button></body>`,
    {
      url: 'http://127.0.0.1/',
    },
  );
  const doc = dom.window.document;
  const input = doc.getElementById('in')!;
  const captured: TypedShortcut[] = [];
  const pageSaw: { key: string; defaultPrevented: boolean }[] = [];
  // The console's own key handler, on the input itself.
  input.addEventListener('keydown', (e) => pageSaw.push({ key: e.key, defaultPrevented: e.defaultPrevented }));
  const stop = listenForShortcuts(dom.window as unknown as Window, {
    findInput: () => input,
    claims: (s) => s === '/cm' || s === '/fh',
    onShortcut: (s) => captured.push(s),
  });

  /** The input's text with the caret at `caret` (default: the end). */
  const type = (text: string, caret = text.length) => {
    if (kind === 'textarea') {
      const box = input as HTMLTextAreaElement;
      box.value = text;
      box.setSelectionRange(caret, caret);
      return;
    }
    input.textContent = text;
    const range = doc.createRange();
    range.setStart(input.firstChild ?? input, input.firstChild ? caret : 0);
    range.collapse(true);
    doc.getSelection()!.removeAllRanges();
    doc.getSelection()!.addRange(range);
  };
  const press = (key: string, init: KeyboardEventInit = {}, target: Element = input) => {
    const event = new dom.window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(event);
    return event;
  };
  const text = () => (kind === 'textarea' ? (input as HTMLTextAreaElement).value : (input.textContent ?? ''));
  return { dom, doc, input, captured, pageSaw, stop, type, press, text };
}

describe.each(['textarea', 'contenteditable'] as const)('shortcuts typed in a %s', (kind) => {
  it('Tab after a known /cm is taken: no default, the page does not see it, the text is left for the insert', () => {
    const p = page(kind);
    p.type('亲，/cm');
    const tab = p.press('Tab');
    expect(tab.defaultPrevented).toBe(true);
    expect(p.pageSaw).toEqual([]);
    expect(p.captured.map((s) => s.typed)).toEqual(['/cm']);
    expect(p.text()).toBe('亲，/cm');
  });

  it('Tab after an unknown shortcut, plain text or an address keeps the browser default and the page sees it', () => {
    for (const text of ['/zz', '你好', 'http://x.cn/cm', 'a/cm', '/cm ']) {
      const p = page(kind);
      p.type(text);
      const tab = p.press('Tab');
      expect(tab.defaultPrevented, text).toBe(false);
      expect(p.pageSaw, text).toEqual([{ key: 'Tab', defaultPrevented: false }]);
      expect(p.captured, text).toEqual([]);
      expect(p.text(), text).toBe(text);
    }
  });

  it('Esc, Shift+Tab, Tab while composing and Tab with the caret elsewhere leave everything alone', () => {
    const p = page(kind);
    p.type('/cm');
    expect(p.press('Escape').defaultPrevented).toBe(false);
    expect(p.press('Tab', { shiftKey: true }).defaultPrevented).toBe(false);
    expect(p.press('Tab', { isComposing: true }).defaultPrevented).toBe(false);
    // A Tab that is not in the console's input.
    expect(p.press('Tab', {}, p.doc.getElementById('other')!).defaultPrevented).toBe(false);
    p.type('/cm亲', 2);
    expect(p.press('Tab').defaultPrevented).toBe(false);
    expect(p.captured).toEqual([]);
    expect(p.text()).toBe('/cm亲');
  });

  it('reads the shortcut case-insensitively, and only the text just before the caret', () => {
    const p = page(kind);
    p.type('前面很长的一段话'.repeat(20) + '/FH');
    expect(typedShortcutAt(p.input)?.typed).toBe('/fh');
    p.press('Tab');
    expect(p.captured.map((s) => s.typed)).toEqual(['/fh']);
  });

  it('stops listening when asked', () => {
    const p = page(kind);
    p.stop();
    p.type('/cm');
    expect(p.press('Tab').defaultPrevented).toBe(false);
  });

  it('selects the typed /cm at its mark for the insert, and puts the caret back on cancel', () => {
    const p = page(kind);
    p.type('亲，/cm');
    p.press('Tab');
    const { mark } = p.captured[0]!;
    // Focus went to the sidebar's form meanwhile; the mark still finds the typed text.
    p.doc.getSelection()!.removeAllRanges();
    expect(selectTypedShortcut(p.input, '/cm', mark)).toBe(true);
    const selected =
      kind === 'textarea'
        ? (p.input as HTMLTextAreaElement).value.slice(
            (p.input as HTMLTextAreaElement).selectionStart!,
            (p.input as HTMLTextAreaElement).selectionEnd!,
          )
        : p.doc.getSelection()!.toString();
    expect(selected).toBe('/cm');
    restoreCaret(p.input, mark);
    expect(typedShortcutAt(p.input)?.typed).toBe('/cm');
    // The agent edited it away: nothing is selected, so nothing of theirs is replaced.
    p.type('亲，/c');
    expect(selectTypedShortcut(p.input, '/cm', mark)).toBe(false);
  });
});

describe('handing the keyboard to a typed shortcut’s form', () => {
  it('is allowed when the agent pressed nothing since Tab, and not after Esc, more typing or for an older shortcut', () => {
    const p = page('textarea');
    p.stop();
    const handover = createHandover();
    const ids: string[] = [];
    const stop = listenForShortcuts(p.dom.window as unknown as Window, {
      findInput: () => p.input,
      claims: (s) => s === '/cm',
      onShortcut: (s) => {
        ids.push(s.id);
        handover.taken(s.id);
      },
      onOtherKey: () => handover.keyed(),
    });
    const taken = () => ids.at(-1)!;
    p.type('/cm');
    p.press('Tab');
    const first = taken();
    // A lone modifier is not typing.
    p.press('Shift');
    expect(handover.mayFocus(first)).toBe(true);
    p.press('Escape');
    expect(handover.mayFocus(first)).toBe(false);

    p.press('Tab');
    const second = taken();
    expect(handover.mayFocus(second)).toBe(true);
    expect(handover.mayFocus(first)).toBe(false);
    p.press('a');
    expect(handover.mayFocus(second)).toBe(false);
    // A key pressed elsewhere on the page is not typing in the console.
    p.press('Tab');
    p.press('x', {}, p.doc.getElementById('other')!);
    expect(handover.mayFocus(taken())).toBe(true);
    stop();
  });
});
