/**
 * CSS selectors proposed from elements a supervisor pointed at in a console page.
 *
 * The functions here only use the elements and the root they are given (no globals), so they run
 * in the content script on the live page and in Node on saved HTML (jsdom). Every proposal is
 * checked against the page it was made on: a selector is only offered when it matches what it
 * must match there, and nothing it must not.
 *
 * Preference, most stable first: an id that does not look generated, `data-*` attributes, ARIA
 * labels and roles, `name`; then class names, those with a build hash reduced to their stable
 * part (`MessageItem--item--4Gh7t` → `[class*="MessageItem--item--"]`, CSS modules
 * `_bubble_1x2y3` → `[class*="_bubble_"]`), generated ones (styled-components `sc-…`, emotion
 * `css-…`) never; then structure (`:nth-of-type` under a stable ancestor). State classes
 * (`active`, `selected`, `disabled`…) are never used: they change while the console is used.
 */

/** The part of a DOM element the proposals use (a DOM `Element` has all of it). */
export interface PickElement {
  readonly tagName: string;
  readonly parentElement: PickElement | null;
  readonly children: ArrayLike<PickElement>;
  readonly textContent: string | null;
  getAttributeNames(): string[];
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
  querySelector(selector: string): PickElement | null;
  querySelectorAll(selector: string): ArrayLike<PickElement>;
}

/** Where selectors are evaluated: the console's document (or the chat frame's). */
export interface PickRoot {
  querySelectorAll(selector: string): ArrayLike<PickElement>;
}

/** One simple selector an element has, with how stable it is (0 = most stable). */
export interface Feature {
  sel: string;
  rank: number;
}

export const RANK = {
  id: 0,
  data: 1,
  aria: 2,
  role: 2,
  name: 2,
  editable: 2,
  customTag: 3,
  cls: 3,
  placeholder: 3,
  dataPresence: 3,
  hashedCls: 4,
  type: 5,
  attrPresence: 5,
  tag: 6,
  nth: 7,
} as const;

/** Classes and attribute values that describe a moment, not a kind of element. */
const STATE_WORDS = new Set([
  'active',
  'selected',
  'current',
  'hover',
  'hovered',
  'focus',
  'focused',
  'open',
  'opened',
  'closed',
  'checked',
  'disabled',
  'enabled',
  'loading',
  'loaded',
  'unread',
  'read',
  'new',
  'highlight',
  'highlighted',
  'visible',
  'hidden',
  'show',
  'shown',
  'expanded',
  'collapsed',
  'pressed',
  'empty',
  'error',
  'animating',
]);

/** Prefixes of class names that are generated whole (CSS-in-JS): never stable. */
const GENERATED_CLASS_PREFIXES = [
  'sc-',
  'css-',
  'jsx-',
  'emotion-',
  'svelte-',
  'tw-',
  'ng-tns-',
  'ng-star-',
  'mui-',
  'ant-motion',
];

/** Attributes that carry content, layout or behaviour, never a kind of element. */
const SKIP_ATTRIBUTES = new Set([
  'id',
  'class',
  'style',
  'src',
  'srcset',
  'href',
  'alt',
  'title',
  'value',
  'width',
  'height',
  'tabindex',
  'draggable',
  'spellcheck',
  'autocomplete',
  'autocorrect',
  'autocapitalize',
  'dir',
  'lang',
  'translate',
  'for',
  'target',
  'rel',
  'loading',
  'decoding',
  'crossorigin',
  'referrerpolicy',
  'sizes',
  'maxlength',
  'minlength',
  'rows',
  'cols',
  'disabled',
  'readonly',
  'hidden',
  'checked',
  'selected',
  'open',
  'wrap',
  'xmlns',
  'viewbox',
  'fill',
  'stroke',
  'd',
  'points',
  'transform',
  'nonce',
]);

/** ARIA attributes that describe a state (they change), or point at ids (generated). */
const SKIP_ARIA = new Set([
  'aria-selected',
  'aria-checked',
  'aria-expanded',
  'aria-pressed',
  'aria-hidden',
  'aria-current',
  'aria-disabled',
  'aria-busy',
  'aria-live',
  'aria-atomic',
  'aria-labelledby',
  'aria-describedby',
  'aria-controls',
  'aria-owns',
  'aria-activedescendant',
  'aria-setsize',
  'aria-posinset',
  'aria-level',
  'aria-valuenow',
  'aria-valuetext',
  'aria-invalid',
  'aria-relevant',
  'aria-rowindex',
  'aria-colindex',
]);

/** A run of characters that looks machine-made: letters and digits mixed, or random-looking case. */
export function looksHashed(segment: string): boolean {
  if (segment.length < 3) return false;
  const letters = /[A-Za-z]/.test(segment);
  const digits = (segment.match(/\d/g) ?? []).length;
  if (digits > 0 && letters && segment.length >= 4) return true;
  if (digits >= 3 && !letters) return true;
  // styled-components style: short, letters only, case flipping back and forth (`bdVaJa`).
  if (!digits && segment.length >= 5 && segment.length <= 8 && /^[A-Za-z]+$/.test(segment)) {
    let flips = 0;
    for (let i = 1; i < segment.length; i++) {
      const a = segment.charAt(i - 1);
      const b = segment.charAt(i);
      if ((a === a.toUpperCase()) !== (b === b.toUpperCase())) flips++;
    }
    if (flips >= 3 && flips / segment.length >= 0.5) return true;
  }
  return false;
}

const isStateWord = (word: string) => STATE_WORDS.has(word.toLowerCase()) || /^is[A-Z]|^(is|has)-/.test(word);

/** The words of a class name, split at `-`, `_` and case changes: `MessageItem--left` → message, item, left. */
function words(name: string): string[] {
  return name
    .split(/[-_]+/)
    .flatMap((part) => part.split(/(?<=[a-z0-9])(?=[A-Z])/))
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export type ClassVerdict =
  | { kind: 'stable'; sel: string }
  | { kind: 'hashed'; sel: string; stable: string }
  | { kind: 'rejected'; why: 'generated' | 'state' };

/**
 * How a class name can be used: as it is, reduced to the part before its build hash, or not at all.
 * `MessageItem--left--8Jq3f` → `[class*="MessageItem--left--"]`; `_bubble_1x2y3` → `[class*="_bubble_"]`;
 * `sc-bdVaJa`, `css-1x2y3z`, `a3f9c` → rejected; `ConversationItem--active--9xQ2w` → rejected (a state).
 */
export function classifyClass(name: string): ClassVerdict {
  const lower = name.toLowerCase();
  if (GENERATED_CLASS_PREFIXES.some((p) => lower.startsWith(p))) return { kind: 'rejected', why: 'generated' };
  // Split off the last segment after a separator run; a hashed tail is dropped.
  const m = /^(.*?[A-Za-z].*?)([-_]+)([A-Za-z0-9]+)$/.exec(name);
  if (m && looksHashed(m[3]!)) {
    const stable = `${m[1]}${m[2]}`;
    const stableWords = words(m[1]!);
    if (stableWords.length === 0 || stableWords.every((w) => looksHashed(w)))
      return { kind: 'rejected', why: 'generated' };
    if (stableWords.some(isStateWord) && !stableWords.every(isStateWord)) {
      // `ConversationItem--active--9xQ2w`: the word that matters is a state.
      const last = stableWords[stableWords.length - 1]!;
      if (isStateWord(last)) return { kind: 'rejected', why: 'state' };
    }
    if (stableWords.every(isStateWord)) return { kind: 'rejected', why: 'state' };
    if (stable.replace(/[-_]/g, '').length < 3) return { kind: 'rejected', why: 'generated' };
    return { kind: 'hashed', sel: `[class*=${cssString(stable)}]`, stable };
  }
  if (!/[-_]/.test(name) && looksHashed(name)) return { kind: 'rejected', why: 'generated' };
  const ws = words(name);
  if (ws.length === 0 || ws.some((w) => looksHashed(w))) return { kind: 'rejected', why: 'generated' };
  if (ws.some(isStateWord) && isStateWord(ws[ws.length - 1]!)) return { kind: 'rejected', why: 'state' };
  return { kind: 'stable', sel: `.${cssIdent(name)}` };
}

/** An id a developer wrote (`msgListContainer`), not one a framework numbered (`react-select-2`, `:r1:`). */
export function isStableId(id: string): boolean {
  if (!id || id.length > 60 || /\d/.test(id) || /[:\s]/.test(id)) return false;
  return !words(id).some((w) => looksHashed(w) || isStateWord(w));
}

/** A value worth naming in a selector: short, no digits (ids, counts), nothing that reads like content. */
function isStableValue(value: string, contentRole: boolean): boolean {
  if (!value || value.length > 40 || /\d/.test(value) || /[\n\r\t]/.test(value)) return false;
  // Content (a buyer's name, a message) is often mirrored in attributes: never a stable marker there.
  if (contentRole && /[^\x20-\x7e]/.test(value)) return false;
  return !words(value).some((w) => looksHashed(w)) && !isStateWord(value);
}

export function cssString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ')}"`;
}

/** An identifier escaped for use after `#` or `.` (CSS.escape is not available in every context). */
export function cssIdent(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    const code = value.charCodeAt(i);
    if (/[A-Za-z_-]/.test(ch) || code >= 0x80 || (/[0-9]/.test(ch) && i > 0 && !(i === 1 && value.charAt(0) === '-')))
      out += ch;
    else if (/[0-9]/.test(ch)) out += `\\${code.toString(16)} `;
    else out += `\\${ch}`;
  }
  return out;
}

export interface FeatureOptions {
  /**
   * The element holds content that changes per conversation (a buyer's name, a message): its
   * attribute values are only used when they look like markers (ASCII, no digits).
   */
  content?: boolean;
}

/** The simple selectors an element offers, best first. */
export function elementFeatures(el: PickElement, opts: FeatureOptions = {}): Feature[] {
  const out: Feature[] = [];
  const content = opts.content ?? false;
  const tag = el.tagName.toLowerCase();
  const id = el.getAttribute('id');
  if (id && isStableId(id)) out.push({ sel: `#${cssIdent(id)}`, rank: RANK.id });
  for (const name of el.getAttributeNames()) {
    const attr = name.toLowerCase();
    if (SKIP_ATTRIBUTES.has(attr) || attr.startsWith('on') || !/^[a-z_][-a-z0-9_:.]*$/.test(attr)) continue;
    const value = el.getAttribute(name) ?? '';
    if (attr.startsWith('data-')) {
      // Vue's scoped-style marker `data-v-7ba5bd90` is a build hash in the name itself.
      if (words(attr.slice(5)).some((w) => looksHashed(w)) || /^data-v-/.test(attr) || attr === 'data-reactid')
        continue;
      if (attr === 'data-lexical-editor') out.push({ sel: '[data-lexical-editor]', rank: RANK.data });
      else if (value && isStableValue(value, content))
        out.push({ sel: `[${attr}=${cssString(value)}]`, rank: RANK.data });
      else out.push({ sel: `[${attr}]`, rank: RANK.dataPresence });
    } else if (attr.startsWith('aria-')) {
      if (SKIP_ARIA.has(attr) || content) continue;
      if (value && value.length <= 30 && !/\d/.test(value))
        out.push({ sel: `[${attr}=${cssString(value)}]`, rank: RANK.aria });
    } else if (attr === 'role') {
      if (value && /^[a-z]+$/.test(value)) out.push({ sel: `[role=${cssString(value)}]`, rank: RANK.role });
    } else if (attr === 'name') {
      if (value && isStableValue(value, true)) out.push({ sel: `[name=${cssString(value)}]`, rank: RANK.name });
    } else if (attr === 'contenteditable') {
      if (value === '' || value === 'true' || value === 'plaintext-only')
        out.push({ sel: `[contenteditable=${cssString(value || 'true')}]`, rank: RANK.editable });
    } else if (attr === 'placeholder') {
      if (!content && value && value.length <= 30 && !/\d/.test(value))
        out.push({ sel: `[placeholder=${cssString(value)}]`, rank: RANK.placeholder });
    } else if (attr === 'type') {
      if (value && /^[a-z]+$/.test(value)) out.push({ sel: `[type=${cssString(value)}]`, rank: RANK.type });
    } else if (!content || !value || isStableValue(value, true)) {
      // An attribute of the console's own (`currentuid`): its presence marks a kind of element.
      out.push({ sel: `[${attr}]`, rank: RANK.attrPresence });
    }
  }
  const classes = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
  for (const name of classes) {
    const verdict = classifyClass(name);
    if (verdict.kind === 'stable') out.push({ sel: verdict.sel, rank: RANK.cls });
    else if (verdict.kind === 'hashed') out.push({ sel: verdict.sel, rank: RANK.hashedCls });
  }
  if (tag.includes('-')) out.push({ sel: tag, rank: RANK.customTag });
  const seen = new Set<string>();
  return out.filter((f) => (seen.has(f.sel) ? false : (seen.add(f.sel), true))).sort((a, b) => a.rank - b.rank);
}

/** Queries never throw: a selector the engine rejects matches nothing. */
export function queryAll(root: PickRoot | PickElement, selector: string): PickElement[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

function safeMatches(el: PickElement, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/** The element itself or the first element inside it that `selector` matches (how rows are read). */
export function hitIn(row: PickElement, selector: string): PickElement | null {
  if (safeMatches(row, selector)) return row;
  try {
    return row.querySelector(selector);
  } catch {
    return null;
  }
}

export function ancestors(el: PickElement, max = 12): PickElement[] {
  const out: PickElement[] = [];
  for (let p = el.parentElement; p && out.length < max; p = p.parentElement) out.push(p);
  return out;
}

function tagOf(el: PickElement): string {
  return el.tagName.toLowerCase();
}

/** `:nth-of-type` position among the element's siblings of the same tag (1-based). */
function nthOfType(el: PickElement): { n: number; of: number } {
  const parent = el.parentElement;
  if (!parent) return { n: 1, of: 1 };
  let n = 0;
  let of = 0;
  for (const sibling of Array.from(parent.children)) {
    if (sibling.tagName !== el.tagName) continue;
    of++;
    if (sibling === el) n = of;
  }
  return { n, of };
}

interface Candidate {
  sel: string;
  cost: number;
}

const compound = (tag: string | null, feats: readonly Feature[]) => `${tag ?? ''}${feats.map((f) => f.sel).join('')}`;
const cost = (feats: readonly Feature[], extra = 0) => feats.reduce((s, f) => s + f.rank, 0) + extra;

/** Simple and compound selectors from one element's features, cheapest first. */
function ownCandidates(el: PickElement, feats: readonly Feature[], allowBareTag: boolean): Candidate[] {
  const tag = tagOf(el);
  const out: Candidate[] = [];
  const top = feats.slice(0, 8);
  for (const f of top) {
    out.push({ sel: f.sel, cost: f.rank });
    out.push({ sel: `${tag}${f.sel}`, cost: f.rank + 0.5 });
  }
  for (let i = 0; i < top.length; i++) {
    for (let j = i + 1; j < top.length; j++) {
      const pair = [top[i]!, top[j]!];
      out.push({ sel: compound(null, pair), cost: cost(pair, 1) });
    }
  }
  if (allowBareTag) out.push({ sel: tag, cost: RANK.tag });
  return out;
}

export interface Found {
  selector: string;
  /** Lower is more stable. */
  cost: number;
}

export interface SearchOptions extends FeatureOptions {
  /** Whether the elements a selector matches are acceptable (e.g. exactly the picked one). */
  accept(matches: PickElement[], selector: string): boolean;
  /** A bare tag (`textarea`) may be tried on its own. */
  allowBareTag?: boolean;
  /** Stop after this many selectors were tried. */
  budget?: number;
}

function search(root: PickRoot, candidates: Candidate[], opts: SearchOptions): Found | null {
  const seen = new Set<string>();
  const sorted = candidates.sort((a, b) => a.cost - b.cost || a.sel.length - b.sel.length);
  let tried = 0;
  for (const c of sorted) {
    if (seen.has(c.sel) || c.sel.length > 280) continue;
    seen.add(c.sel);
    if (++tried > (opts.budget ?? 600)) break;
    const matches = queryAll(root, c.sel);
    if (matches.length && opts.accept(matches, c.sel)) return { selector: c.sel, cost: c.cost };
  }
  return null;
}

/**
 * A selector for one element: its own features, then scoped by a stable ancestor, then a
 * structural path down from the nearest ancestor that has a selector of its own.
 */
export function selectorFor(root: PickRoot, el: PickElement, opts: SearchOptions): Found | null {
  const feats = elementFeatures(el, opts);
  const own = ownCandidates(el, feats, opts.allowBareTag ?? false);
  const candidates = [...own];
  // Scoped by an ancestor: `#chat .name`, `[class*="ChatHeader--header--"] [class*="chatName"]`.
  const ownForScope = [...own.filter((c) => c.cost <= RANK.hashedCls + 0.5), { sel: tagOf(el), cost: RANK.tag }];
  ancestors(el, 8).forEach((a, depth) => {
    for (const af of elementFeatures(a, { content: true }).slice(0, 4)) {
      for (const oc of ownForScope)
        candidates.push({ sel: `${af.sel} ${oc.sel}`, cost: oc.cost + af.rank + 1 + depth * 0.25 });
    }
  });
  const found = search(root, candidates, opts);
  if (found) return found;
  return structuralPath(root, el, opts);
}

/** `#app > div:nth-of-type(2) > span`: from the nearest ancestor with a selector of its own. */
function structuralPath(root: PickRoot, el: PickElement, opts: SearchOptions): Found | null {
  const steps: string[] = [];
  let node: PickElement = el;
  for (let depth = 0; depth < 10; depth++) {
    const parent = node.parentElement;
    if (!parent) break;
    const { n, of } = nthOfType(node);
    steps.unshift(of > 1 ? `${tagOf(node)}:nth-of-type(${n})` : tagOf(node));
    const anchorFeats = elementFeatures(parent, { content: true });
    for (const f of anchorFeats.slice(0, 4)) {
      const anchored = queryAll(root, f.sel);
      if (anchored.length !== 1) continue;
      const sel = `${f.sel} > ${steps.join(' > ')}`;
      const matches = queryAll(root, sel);
      if (matches.length && opts.accept(matches, sel)) return { selector: sel, cost: f.rank + RANK.nth * steps.length };
    }
    node = parent;
  }
  return null;
}

/**
 * One selector for several examples of the same kind (two buyer messages): features they share,
 * scoped by an ancestor they share, or their common parent and tag.
 */
export function commonSelector(root: PickRoot, examples: readonly PickElement[], opts: SearchOptions): Found | null {
  const [first, ...rest] = examples;
  if (!first) return null;
  const shared = (lists: Feature[][]): Feature[] => {
    const [head, ...tail] = lists;
    if (!head) return [];
    return head.filter((f) => tail.every((l) => l.some((g) => g.sel === f.sel)));
  };
  const common = shared(examples.map((e) => elementFeatures(e, opts)));
  const tags = new Set(examples.map(tagOf));
  const tag = tags.size === 1 ? tagOf(first) : null;
  const candidates: Candidate[] = [];
  const top = common.slice(0, 8);
  for (const f of top) {
    candidates.push({ sel: f.sel, cost: f.rank });
    if (tag) candidates.push({ sel: `${tag}${f.sel}`, cost: f.rank + 0.5 });
  }
  for (let i = 0; i < top.length; i++) {
    for (let j = i + 1; j < top.length; j++)
      candidates.push({ sel: compound(tag, [top[i]!, top[j]!]), cost: cost([top[i]!, top[j]!], 1) });
  }
  if (tag && (opts.allowBareTag ?? false)) candidates.push({ sel: tag, cost: RANK.tag });
  // Scoped by an ancestor every example has.
  const ancestorFeats = shared(
    examples.map((e) => ancestors(e, 8).flatMap((a) => elementFeatures(a, { content: true }).slice(0, 4))),
  );
  const scoped = [...candidates.filter((c) => c.cost <= RANK.hashedCls + 1.5)];
  if (tag) scoped.push({ sel: tag, cost: RANK.tag });
  for (const af of ancestorFeats.slice(0, 6)) {
    for (const c of scoped) candidates.push({ sel: `${af.sel} ${c.sel}`, cost: c.cost + af.rank + 1 });
  }
  const found = search(root, candidates, opts);
  if (found) return found;
  // The examples are children of one parent: `<parent> > div`.
  const parents = new Set(examples.map((e) => e.parentElement));
  const parent = first.parentElement;
  if (tag && parent && parents.size === 1 && rest.every((e) => e.parentElement === parent)) {
    const parentSel = selectorFor(root, parent, { content: true, accept: (m) => m.length === 1 && m[0] === parent });
    if (parentSel) {
      const sel = `${parentSel.selector} > ${tag}`;
      const matches = queryAll(root, sel);
      if (matches.length && opts.accept(matches, sel)) return { selector: sel, cost: parentSel.cost + RANK.nth };
    }
  }
  return null;
}

/** Whether `inner` is `outer` or inside it. */
export function within(outer: PickElement, inner: PickElement | null): boolean {
  for (let a = inner; a; a = a.parentElement) if (a === outer) return true;
  return false;
}

/** The nearest element that contains every one given (themselves included). */
export function commonAncestor(elements: readonly PickElement[]): PickElement | null {
  const [first, ...rest] = elements;
  if (!first) return null;
  for (let a: PickElement | null = first; a; a = a.parentElement) {
    const outer = a;
    if (rest.every((e) => within(outer, e))) return a;
  }
  return null;
}

/** The text a person sees in an element, spaces collapsed (what a reading would take). */
export function textOf(el: PickElement | null | undefined, max = 300): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}
