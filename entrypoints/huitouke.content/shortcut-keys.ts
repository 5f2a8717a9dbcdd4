/**
 * Template shortcuts typed in the console's own input: `/cm` then Tab. Only the input's text just
 * before the caret is read, and only when Tab is pressed in the input; a Tab after anything that is
 * not a known shortcut keeps the browser's default (and the page's own handlers). Nothing here
 * changes the input: the typed `/cm` stays until the text that replaces it is inserted, so Esc (or
 * a blank form left unfilled) leaves the agent's text as it was.
 */

/** How much text before the caret is looked at: a shortcut is at most 25 characters. */
const LOOK_BEHIND = 32;
/**
 * `/` + the shortcut at the caret, after the start of the text or a character that cannot end a
 * word or an address (so `http://x.cn/cm` and `a/cm` are left alone; Chinese text before it is fine).
 */
const TYPED = /(?:^|[^A-Za-z0-9_\-/.:])(\/[A-Za-z0-9_-]{1,24})$/;

/** Where the typed shortcut ends: the caret when Tab was pressed. */
export type TypedMark = { kind: 'control'; end: number } | { kind: 'editable'; node: Text; end: number };

export interface TypedShortcut {
  id: string;
  /** Lower-case, as templates store it: `/cm`. */
  typed: string;
  input: HTMLElement;
  mark: TypedMark;
}

const isControl = (el: Element): el is HTMLTextAreaElement | HTMLInputElement =>
  el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
const isText = (node: Node | null | undefined): node is Text => !!node && node.nodeType === 3;

/** The last text node inside `node` (itself when it is one). */
function lastText(node: Node | null): Text | null {
  for (let n: Node | null = node; n; n = n.lastChild) {
    if (isText(n)) return n;
    if (!n.lastChild) return null;
  }
  return null;
}

/** The text node and offset of a collapsed caret inside `input`, or null. */
function caretIn(input: HTMLElement): { node: Text; end: number } | null {
  const sel = input.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0 || !sel.isCollapsed) return null;
  const { anchorNode, anchorOffset } = sel;
  if (!anchorNode || !input.contains(anchorNode)) return null;
  if (isText(anchorNode)) return { node: anchorNode, end: anchorOffset };
  // The caret sits between children (after a text node, or after an editor's <span>).
  const before = anchorOffset > 0 ? lastText(anchorNode.childNodes[anchorOffset - 1] ?? null) : null;
  return before ? { node: before, end: before.data.length } : null;
}

/** Where the caret is and the few characters before it, without reading the rest of the input. */
function textBeforeCaret(input: HTMLElement): { before: string; mark: TypedMark } | null {
  if (isControl(input)) {
    const start = input.selectionStart;
    if (start === null || start !== input.selectionEnd) return null;
    return {
      before: input.value.slice(Math.max(0, start - LOOK_BEHIND), start),
      mark: { kind: 'control', end: start },
    };
  }
  const caret = caretIn(input);
  if (!caret) return null;
  return {
    before: caret.node.data.slice(Math.max(0, caret.end - LOOK_BEHIND), caret.end),
    mark: { kind: 'editable', ...caret },
  };
}

/** The shortcut typed just before the caret, lower-cased, or null. */
export function typedShortcutAt(input: HTMLElement): { typed: string; mark: TypedMark } | null {
  const at = textBeforeCaret(input);
  const m = at ? TYPED.exec(at.before) : null;
  return at && m?.[1] ? { typed: m[1].toLowerCase(), mark: at.mark } : null;
}

export interface ShortcutListener {
  /** The console's input, found again on every key (consoles re-create it per conversation). */
  findInput(): HTMLElement | null;
  /** Whether this shortcut is one to act on now; a "no" leaves the key to the browser and the page. */
  claims(typed: string): boolean;
  onShortcut(shortcut: TypedShortcut): void;
  /** Any other key pressed in the console's input (not a lone modifier): the agent is typing there. */
  onOtherKey?(): void;
}

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock']);

/**
 * Whether the sidebar may take the keyboard for a typed shortcut's form when its answer arrives.
 * Not when the agent has pressed a key in the console's input since Tab (they went on typing, or
 * left with Esc before the form showed): a form never steals keystrokes meant for the console.
 * Nor for an older shortcut than the last one typed.
 */
export function createHandover() {
  let last: string | null = null;
  let typedSince = false;
  return {
    taken(id: string) {
      last = id;
      typedSince = false;
    },
    keyed() {
      typedSince = true;
    },
    mayFocus: (id: string) => id === last && !typedSince,
  };
}

let counter = 0;
const newId = () =>
  `sc-${Date.now().toString(36)}-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/**
 * Listens for Tab in the console's input (capture phase, so the page's own Tab handling does not
 * run for a shortcut we take). Returns the function that stops listening.
 */
export function listenForShortcuts(win: Window, opts: ShortcutListener): () => void {
  const onKey = (e: KeyboardEvent) => {
    const input = opts.findInput();
    const target = e.target as Node | null;
    if (!input || !target || typeof target.nodeType !== 'number' || !input.contains(target)) return;
    if (e.key !== 'Tab' || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey || e.isComposing || e.keyCode === 229) {
      if (!MODIFIERS.has(e.key)) opts.onOtherKey?.();
      return;
    }
    const found = typedShortcutAt(input);
    if (!found || !opts.claims(found.typed)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    opts.onShortcut({ id: newId(), typed: found.typed, input, mark: found.mark });
  };
  win.addEventListener('keydown', onKey, true);
  return () => win.removeEventListener('keydown', onKey, true);
}

/**
 * Selects the typed shortcut in the input, so the insertion replaces it: at the mark left when Tab
 * was pressed, else just before the caret. Returns false (and selects nothing) when the agent has
 * changed it meanwhile; the text is then inserted at the caret and the agent's text left alone.
 */
export function selectTypedShortcut(input: HTMLElement, typed: string, mark: TypedMark | null): boolean {
  const matchesAt = (text: string, end: number) =>
    end >= typed.length && text.slice(end - typed.length, end).toLowerCase() === typed;
  if (isControl(input)) {
    const ends = [
      mark?.kind === 'control' ? mark.end : null,
      input.selectionStart === input.selectionEnd ? input.selectionStart : null,
    ];
    const end = ends.find((e): e is number => e !== null && matchesAt(input.value, e));
    if (end === undefined) return false;
    input.setSelectionRange(end - typed.length, end);
    return true;
  }
  const candidates = [mark?.kind === 'editable' ? { node: mark.node, end: mark.end } : null, caretIn(input)];
  const hit = candidates.find(
    (c) => c !== null && c.node.isConnected && input.contains(c.node) && matchesAt(c.node.data, c.end),
  );
  if (!hit) return false;
  const doc = input.ownerDocument;
  const sel = doc.getSelection();
  if (!sel) return false;
  const range = doc.createRange();
  range.setStart(hit.node, hit.end - typed.length);
  range.setEnd(hit.node, hit.end);
  sel.removeAllRanges();
  sel.addRange(range);
  return true;
}

/** Puts the caret back where the agent pressed Tab (they left the sidebar's form with Esc). */
export function restoreCaret(input: HTMLElement, mark: TypedMark): void {
  try {
    input.focus();
    if (mark.kind === 'control' && isControl(input)) {
      const at = Math.min(mark.end, input.value.length);
      input.setSelectionRange(at, at);
    } else if (mark.kind === 'editable' && mark.node.isConnected && input.contains(mark.node)) {
      const sel = input.ownerDocument.getSelection();
      const range = input.ownerDocument.createRange();
      range.setStart(mark.node, Math.min(mark.end, mark.node.data.length));
      range.collapse(true);
      sel?.removeAllRanges();
      sel?.addRange(range);
    }
  } catch {
    // The page rebuilt its editor: focus is all we can give back.
  }
}
