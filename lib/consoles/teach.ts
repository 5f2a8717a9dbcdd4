import type { ConsoleSelectors, InputKind, ValueSource } from './schema';
import {
  ancestors,
  commonAncestor,
  commonSelector,
  elementFeatures,
  hitIn,
  queryAll,
  selectorFor,
  textOf,
  within,
  type Feature,
  type PickElement,
  type PickRoot,
} from './selectors';

/**
 * Teaching a console by pointing: the supervisor clicks one example of each part (two buyer and two
 * agent messages, to generalise), and these functions turn the clicks into the adapter's selectors,
 * checked against the page they were made on.
 */

/** Why a part could not be proposed from the clicks; `picker_problem_<code>` in the catalogue. */
export type TeachProblem =
  'noSelector' | 'noText' | 'sameMessage' | 'nested' | 'authorsAlike' | 'rowsDiffer' | 'notEditable' | 'wrongRole';

export type Proposal<T> = { ok: true; value: T } | { ok: false; problem: TeachProblem };

const fail = <T>(problem: TeachProblem): Proposal<T> => ({ ok: false, problem });

/** What a click on `el` would pick for a part: the editor around a caret, the button around an icon. */
export function pickTarget(kind: 'value' | 'message' | 'input' | 'sendButton', el: PickElement): PickElement {
  if (kind === 'input') {
    for (let a: PickElement | null = el, depth = 0; a && depth < 12; a = a.parentElement, depth++) {
      const tag = a.tagName.toLowerCase();
      if (
        tag === 'textarea' ||
        (tag === 'input' && !/^(button|submit|checkbox|radio|file|image|hidden)$/.test(a.getAttribute('type') ?? ''))
      )
        return a;
    }
    // The editor's root is the outermost element that makes its content editable.
    let root: PickElement | null = null;
    for (let a: PickElement | null = el, depth = 0; a && depth < 12; a = a.parentElement, depth++) {
      const ce = a.getAttribute('contenteditable');
      if (ce === '' || ce === 'true' || ce === 'plaintext-only') root = a;
    }
    return root ?? el;
  }
  if (kind === 'sendButton') {
    for (let a: PickElement | null = el, depth = 0; a && depth < 5; a = a.parentElement, depth++) {
      const tag = a.tagName.toLowerCase();
      if (
        tag === 'button' ||
        tag === 'a' ||
        a.getAttribute('role') === 'button' ||
        (tag === 'input' && /^(button|submit)$/.test(a.getAttribute('type') ?? ''))
      )
        return a;
    }
    return el;
  }
  return el;
}

const unique = (el: PickElement) => (matches: PickElement[]) => matches.length === 1 && matches[0] === el;

/** The buyer's name (or id) as the page shows it: one element, its text or a labelling attribute. */
export function proposeValue(root: PickRoot, el: PickElement): Proposal<{ source: ValueSource; text: string }> {
  let attr: string | undefined;
  let text = textOf(el);
  if (!text) {
    for (const name of ['title', 'aria-label', 'data-name', 'data-nick']) {
      const v = el.getAttribute(name)?.trim();
      if (v) {
        attr = name;
        text = v.slice(0, 300);
        break;
      }
    }
  }
  if (!text) return fail('noText');
  const found = selectorFor(root, el, { content: true, accept: unique(el) });
  if (!found) return fail('noSelector');
  return { ok: true, value: { source: { selector: found.selector, ...(attr ? { attr } : {}) }, text } };
}

/** The kind of editor an element is, as `inputKind` names it; null when it is not one. */
export function editorKind(el: PickElement): Exclude<InputKind, 'auto'> | null {
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'input') return 'textarea';
  const ce = el.getAttribute('contenteditable');
  if (ce === '' || ce === 'true' || ce === 'plaintext-only')
    return el.getAttribute('data-lexical-editor') !== null ? 'lexical' : 'contenteditable';
  return null;
}

export function proposeInput(
  root: PickRoot,
  clicked: PickElement,
): Proposal<{ selector: string; kind: Exclude<InputKind, 'auto'> }> {
  const el = pickTarget('input', clicked);
  const kind = editorKind(el);
  if (!kind) return fail('notEditable');
  const found = selectorFor(root, el, { accept: unique(el), allowBareTag: true });
  return found ? { ok: true, value: { selector: found.selector, kind } } : fail('noSelector');
}

export function proposeSendButton(root: PickRoot, clicked: PickElement): Proposal<{ selector: string }> {
  const el = pickTarget('sendButton', clicked);
  const found = selectorFor(root, el, { accept: unique(el), allowBareTag: true });
  return found ? { ok: true, value: { selector: found.selector } } : fail('noSelector');
}

export interface MessagesProposal {
  selectors: Pick<ConsoleSelectors, 'messageRow' | 'messageText' | 'authorBuyer' | 'authorAgent'> & {
    messageList?: string;
  };
  /** Rows the row selector finds on the page now, and how many of them read as buyer / agent. */
  rows: number;
  buyerRows: number;
  agentRows: number;
  /** No element inside the rows holds just the text: the whole row is read. */
  wholeRowText: boolean;
}

/** Whether a row is (or contains) what `selector` matches: how the reader assigns authors. */
export function rowHas(row: PickElement, selector: string): boolean {
  return hitIn(row, selector) !== null;
}

/** No element of the list sits inside another: a row selector must not match a row and its bubble. */
function flat(matches: readonly PickElement[]): boolean {
  const set = new Set(matches);
  return matches.every((m) => ancestors(m, 40).every((a) => !set.has(a)));
}

/**
 * The row of each clicked message: its highest ancestor that holds no other clicked message. For
 * messages in one list that is the list's child; in a list grouped by day, the day's child.
 */
function rowsOf(clicks: readonly PickElement[]): PickElement[] | null {
  const rows: PickElement[] = [];
  for (const c of clicks) {
    const others = clicks.filter((o) => o !== c);
    let row: PickElement = c;
    for (let a = c.parentElement; a; a = a.parentElement) {
      const outer = a;
      if (others.some((o) => within(outer, o))) break;
      row = a;
    }
    rows.push(row);
  }
  return new Set(rows).size === rows.length ? rows : null;
}

/** Features found in a row or inside it (a marker class on the row, an avatar, a name tag). */
function rowFeatures(row: PickElement): Array<Feature & { onRow: boolean }> {
  const out: Array<Feature & { onRow: boolean }> = elementFeatures(row, { content: true }).map((f) => ({
    ...f,
    onRow: true,
  }));
  const inner = queryAll(row, '*').slice(0, 60);
  for (const el of inner)
    for (const f of elementFeatures(el, { content: true }).slice(0, 6)) out.push({ ...f, onRow: false });
  return out;
}

/** Selectors that find every `mine` row (the row or inside it) and none of `theirs`, most stable first. */
function authorSelectors(root: PickRoot, mine: PickElement[], theirs: PickElement[]): string[] {
  const lists = mine.map(rowFeatures);
  const [head, ...tail] = lists;
  if (!head) return [];
  const shared = head.filter((f) => tail.every((l) => l.some((g) => g.sel === f.sel)));
  const seen = new Set<string>();
  const ranked = shared
    .filter((f) => (seen.has(f.sel) ? false : (seen.add(f.sel), true)))
    .sort((a, b) => a.rank + (a.onRow ? 0 : 1) - (b.rank + (b.onRow ? 0 : 1)));
  const out: string[] = [];
  for (const f of ranked) {
    if (out.length >= 6) break;
    if (queryAll(root, f.sel).length === 0) continue;
    if (mine.every((r) => rowHas(r, f.sel)) && theirs.every((r) => !rowHas(r, f.sel))) out.push(f.sel);
  }
  return out;
}

/**
 * Message rows, their authors and their text, from two buyer messages and two agent messages the
 * supervisor clicked. The row selector must find the four rows and nothing nested; the buyer
 * selector must find both buyer rows and neither agent row (and the other way round); the text
 * selector must give back exactly the text that was clicked.
 */
export function proposeMessages(
  root: PickRoot,
  buyer: readonly PickElement[],
  agent: readonly PickElement[],
): Proposal<MessagesProposal> {
  const clicks = [...buyer, ...agent];
  if (new Set(clicks).size !== clicks.length) return fail('sameMessage');
  if (clicks.some((a) => clicks.some((b) => a !== b && within(a, b)))) return fail('nested');
  const rows = rowsOf(clicks);
  if (!rows) return fail('sameMessage');
  const list = commonAncestor(rows);
  if (!list) return fail('rowsDiffer');
  const buyerRows = rows.slice(0, buyer.length);
  const agentRows = rows.slice(buyer.length);

  const row = commonSelector(root, rows, {
    content: true,
    allowBareTag: false,
    accept: (m) => rows.every((r) => m.includes(r)) && flat(m) && m.every((x) => within(list, x)),
  });
  if (!row) return fail('rowsDiffer');
  const allRows = queryAll(root, row.selector);

  let buyers = authorSelectors(root, buyerRows, agentRows);
  let agents = authorSelectors(root, agentRows, buyerRows);
  // One side has no marker of its own: it is the rows without the other side's marker.
  const without = (marker: string) => `${row.selector}:not(${marker}):not(:has(${marker}))`;
  if (!buyers.length && agents.length) buyers = agents.map(without);
  if (!agents.length && buyers.length) agents = buyers.map(without);
  if (!buyers.length || !agents.length) return fail('authorsAlike');
  // Wrong role: no row of the thread may read as both; the most stable pair that keeps them apart wins.
  let pair: [string, string] | null = null;
  for (const b of buyers) {
    for (const a of agents) {
      if (!pair && !allRows.some((r) => rowHas(r, b) && rowHas(r, a))) pair = [b, a];
    }
  }
  if (!pair) return fail('wrongRole');
  const [b, a] = pair;

  // The text: what the supervisor clicked, found again inside each row.
  const wanted = clicks.map((c) => textOf(c, 4000));
  if (wanted.some((t) => !t)) return fail('noText');
  const textFits = (sel: string) => rows.every((r, i) => textOf(hitIn(r, sel), 4000) === wanted[i]);
  const text = commonSelector(root, clicks, { content: true, allowBareTag: true, accept: (_m, sel) => textFits(sel) });
  let messageText = text?.selector;
  let wholeRowText = false;
  if (!messageText) {
    messageText = row.selector;
    wholeRowText = true;
  }

  const listSel = selectorFor(root, list, { content: true, accept: unique(list) });
  return {
    ok: true,
    value: {
      selectors: {
        messageRow: row.selector,
        messageText,
        authorBuyer: b,
        authorAgent: a,
        ...(listSel ? { messageList: listSel.selector } : {}),
      },
      rows: allRows.length,
      buyerRows: allRows.filter((r) => rowHas(r, b)).length,
      agentRows: allRows.filter((r) => rowHas(r, a)).length,
      wholeRowText,
    },
  };
}
