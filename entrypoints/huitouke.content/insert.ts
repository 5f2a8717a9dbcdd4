import type { InputKind } from '@/lib/consoles/schema';

/**
 * Put text into the console's message box the way typing would, so the page's framework
 * (React's value tracker, Vue's v-model, rich-text editors) takes it as the agent's input.
 * This module never sends: no click on a send button, no Enter key.
 */

export type InsertFailure = 'not_editable' | 'detached' | 'too_long' | 'not_applied';
export type InsertResult = { ok: true } | { ok: false; reason: InsertFailure };

export interface InsertOptions {
  /** Where the caret goes inside the inserted text (a template's cursor marker); default: after it. */
  cursorOffset?: number | undefined;
  /** The adapter's `inputKind`; `'auto'` or absent reads it from the element. */
  kind?: InputKind | undefined;
}

type TextControl = HTMLTextAreaElement | HTMLInputElement;

function isTextControl(el: Element): el is TextControl {
  return el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
}

function isContentEditable(el: HTMLElement): boolean {
  if (el.isContentEditable === true) return true;
  const attr = el.getAttribute('contenteditable');
  return attr === '' || attr === 'true' || attr === 'plaintext-only';
}

/** The kind of editor an element is, as the adapter's `inputKind: 'auto'` resolves it. */
export function detectInputKind(el: HTMLElement): Exclude<InputKind, 'auto'> | null {
  if (isTextControl(el)) return 'textarea';
  if (!isContentEditable(el)) return null;
  return el.hasAttribute('data-lexical-editor') ? 'lexical' : 'contenteditable';
}

/** Events are built from the element's own window so they belong to the page's realm. */
function inputEvent(el: HTMLElement, type: 'input' | 'beforeinput', text: string, cancelable: boolean): InputEvent {
  const view = el.ownerDocument.defaultView;
  const Ctor = view?.InputEvent ?? InputEvent;
  return new Ctor(type, { bubbles: true, cancelable, composed: true, inputType: 'insertText', data: text });
}

function plainEvent(el: HTMLElement, type: string): Event {
  const Ctor = el.ownerDocument.defaultView?.Event ?? Event;
  return new Ctor(type, { bubbles: true });
}

function clampOffset(text: string, offset: number | undefined): number {
  if (offset === undefined || !Number.isFinite(offset)) return text.length;
  return Math.min(text.length, Math.max(0, Math.trunc(offset)));
}

export function insertText(input: HTMLElement, text: string, opts: InsertOptions = {}): InsertResult {
  try {
    if (!input.isConnected) return { ok: false, reason: 'detached' };
    const kind = opts.kind && opts.kind !== 'auto' ? opts.kind : detectInputKind(input);
    if (!kind) return { ok: false, reason: 'not_editable' };
    const caret = clampOffset(text, opts.cursorOffset);
    if (kind === 'textarea' && isTextControl(input)) return insertIntoControl(input, text, caret);
    return insertIntoEditable(input, text, caret, kind === 'lexical');
  } catch {
    return { ok: false, reason: 'not_applied' };
  }
}

function insertIntoControl(el: TextControl, text: string, caret: number): InsertResult {
  if (el.disabled || el.readOnly) return { ok: false, reason: 'not_editable' };
  const before = el.value;
  let start = el.selectionStart ?? before.length;
  let end = el.selectionEnd ?? start;
  // A box the agent never clicked reports its caret at 0; appending is what they expect then.
  if (start === 0 && end === 0 && before.length > 0) start = end = before.length;
  const next = before.slice(0, start) + text + before.slice(end);
  if (el.maxLength > 0 && next.length > el.maxLength) return { ok: false, reason: 'too_long' };

  el.focus();
  // The prototype's setter bypasses a framework's own setter on the element (React's value
  // tracker), so the framework sees a changed value when the input event arrives.
  const view = el.ownerDocument.defaultView;
  const proto = el.tagName === 'TEXTAREA' ? view?.HTMLTextAreaElement.prototype : view?.HTMLInputElement.prototype;
  const setter = proto ? Object.getOwnPropertyDescriptor(proto, 'value')?.set : undefined;
  if (setter) setter.call(el, next);
  else el.value = next;
  const at = start + caret;
  el.setSelectionRange(at, at);
  el.dispatchEvent(inputEvent(el, 'input', text, false));
  el.dispatchEvent(plainEvent(el, 'change'));
  // A controlled input that rejected the change has put its old value back.
  if (el.value !== next) return { ok: false, reason: 'not_applied' };
  if (el.selectionStart !== at) el.setSelectionRange(at, at);
  return { ok: true };
}

function compact(s: string): string {
  return s.replace(/\s+/g, '');
}

/** The agent's selection if it is inside the editor (read before focusing, which may move it). */
function savedRange(el: HTMLElement): Range | null {
  const sel = el.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0) return null;
  const range = sel.getRangeAt(0);
  return el.contains(range.startContainer) && el.contains(range.endContainer) ? range.cloneRange() : null;
}

/** Restore the agent's caret, or put it at the end of the editor's content. */
function placeSelection(el: HTMLElement, saved: Range | null): boolean {
  const doc = el.ownerDocument;
  const sel = doc.getSelection();
  if (!sel) return false;
  let range = saved;
  if (!range) {
    range = doc.createRange();
    range.selectNodeContents(el);
    range.collapse(false);
  }
  sel.removeAllRanges();
  sel.addRange(range);
  return true;
}

function moveCaretBack(el: HTMLElement, chars: number): void {
  const sel = el.ownerDocument.getSelection();
  if (!sel || chars <= 0 || typeof sel.modify !== 'function') return;
  for (let i = 0; i < chars; i++) sel.modify('move', 'backward', 'character');
}

/** Whether `text` is in the editor now; `replaced` is the selected text it took the place of. */
function landed(el: HTMLElement, before: string, text: string, replaced: string): boolean {
  const after = compact(el.textContent ?? '');
  const wanted = compact(text);
  if (!wanted) return after !== compact(before) || (el.textContent ?? '').length > before.length;
  return after.length > compact(before).length - compact(replaced).length && after.includes(wanted);
}

function insertIntoEditable(el: HTMLElement, text: string, caret: number, lexical: boolean): InsertResult {
  if (!isContentEditable(el) || el.getAttribute('aria-disabled') === 'true')
    return { ok: false, reason: 'not_editable' };
  const doc = el.ownerDocument;
  const saved = savedRange(el);
  // Text the agent selected (a typed `/cm`) is replaced by the insertion.
  const replaced = saved && !saved.collapsed ? saved.toString() : '';
  el.focus();
  if (!placeSelection(el, saved)) return { ok: false, reason: 'not_applied' };
  const before = el.textContent ?? '';

  const tryExecCommand = (): boolean => {
    // Deprecated but still the one path every editor treats as real typing (undo stack included).
    if (typeof doc.execCommand !== 'function') return false;
    try {
      return doc.execCommand('insertText', false, text) && landed(el, before, text, replaced);
    } catch {
      return false;
    }
  };
  // Editors that own their model (Lexical, Slate) apply a cancelled beforeinput themselves,
  // sometimes a tick later, so "cancelled" is taken as accepted.
  const tryBeforeInput = (): boolean => !el.dispatchEvent(inputEvent(el, 'beforeinput', text, true));

  if (lexical ? tryBeforeInput() || tryExecCommand() : tryExecCommand() || tryBeforeInput()) {
    moveCaretBack(el, text.length - caret);
    return { ok: true };
  }
  if (!insertRange(el, text, caret)) return { ok: false, reason: 'not_applied' };
  el.dispatchEvent(inputEvent(el, 'input', text, false));
  return landed(el, before, text, replaced) ? { ok: true } : { ok: false, reason: 'not_applied' };
}

/** Last resort: edit the DOM at the selection ourselves, lines separated by `<br>`. */
function insertRange(el: HTMLElement, text: string, caret: number): boolean {
  const doc = el.ownerDocument;
  const sel = doc.getSelection();
  const range = sel && sel.rangeCount > 0 ? sel.getRangeAt(0) : null;
  if (!sel || !range || !el.contains(range.startContainer)) return false;
  range.deleteContents();
  const fragment = doc.createDocumentFragment();
  let caretNode: Node | null = null;
  let caretAt = 0;
  let consumed = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (i > 0) {
      fragment.appendChild(doc.createElement('br'));
      consumed += 1;
    }
    const node = fragment.appendChild(doc.createTextNode(line));
    if (!caretNode && caret <= consumed + line.length) {
      caretNode = node;
      caretAt = caret - consumed;
    }
    consumed += line.length;
  }
  range.insertNode(fragment);
  const after = doc.createRange();
  if (caretNode) after.setStart(caretNode, caretAt);
  after.collapse(true);
  sel.removeAllRanges();
  sel.addRange(after);
  return true;
}
