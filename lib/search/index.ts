import { findWithinOneEdit, normalize } from './fuzzy';
import { hanReadings, isHan } from './pinyin';

/**
 * In-memory search for short texts (templates, buyers' tags, folders): substring, pinyin initials
 * (`cm` → 尺码), full or partial pinyin (`chima`, `chim`), and one-typo tolerance for terms of
 * three or more characters. Pinyin is worked out when the index is built; a query only compares
 * strings, so searching 2,000 templates stays well under a frame.
 */

export interface SearchItem {
  id: string;
  fields: readonly string[];
  /**
   * What the item is about, as opaque tags (`concern:return_refund`). A query term never matches a
   * tag by its letters; it matches when the search's `meaning` option says the term means that tag
   * (`退款` means `concern:return_refund`), so a search finds an answer by meaning, not by letters.
   */
  tags?: readonly string[];
}

/** One thing a query term means, with how sure the finder is (0–1). */
export interface TermMeaning {
  tag: string;
  weight: number;
}

export interface SearchOptions {
  /** What a term means (concern detection, synonyms); see lib/search/meaning.ts. Called once per term. */
  meaning?: (term: string) => readonly TermMeaning[];
  /** Forgive a typo while exact matches are scarce. Default true. */
  typos?: boolean;
}

export interface SearchFieldOptions {
  /** Multiplies the field's match scores (a title or shortcut counts more than a body). Default 1. */
  weight?: number;
  /** Match pinyin in this field. Default true. */
  pinyin?: boolean;
  /**
   * Shortest latin term matched as pinyin here. Two letters match some pair of neighbouring
   * characters in almost any long text, so bodies want 3. Default 2.
   */
  minPinyinTerm?: number;
  /** Also forgive a typo in pinyin typed for this field's Chinese (`chmia` → 尺码). Default true; long bodies want false. */
  pinyinTypos?: boolean;
}

/** `meaning`: the term means one of the item's tags (no letters matched; `field` is -1). */
export type MatchKind = 'exact' | 'prefix' | 'substring' | 'pinyin' | 'initials' | 'typo' | 'meaning';

/** Where one query term matched: offsets into the original field string, for highlighting. */
export interface FieldMatch {
  field: number;
  kind: MatchKind;
  start: number;
  end: number;
}

export interface SearchHit {
  id: string;
  score: number;
  /** One per query term, in query order. */
  matches: FieldMatch[];
}

type Readings = readonly (readonly string[] | null)[];

interface IndexedField {
  text: string;
  weight: number;
  minPinyinTerm: number;
  pinyinTypos: boolean;
  /** Per UTF-16 unit: pinyin readings for Chinese, the letter itself for a-z/0-9, null elsewhere. Null when the field has no Chinese. */
  readings: Readings | null;
  /** a-z letters appearing in any reading, as bits. */
  letters: number;
  /** Per UTF-16 unit: first letters of its readings, as bits (where a pinyin match may start). */
  firstLetters: Int32Array;
  /** Most common reading of each character joined, and the field offset of each of its units. */
  primary: string;
  primaryAt: Int32Array;
}

export interface SearchIndex {
  readonly items: readonly {
    readonly id: string;
    readonly fields: readonly IndexedField[];
    readonly tags: ReadonlySet<string>;
  }[];
}

const BASE: Record<MatchKind, number> = {
  exact: 100,
  prefix: 80,
  substring: 60,
  pinyin: 50,
  initials: 40,
  typo: 20,
  meaning: 0,
};

/**
 * Score of a term that means one of an item's tags, at full weight: above a title's substring or
 * pinyin (3 × 60), below a shortcut typed exactly (4 × 100). An item both meant and matched by
 * letters adds a little of the weaker score, so the answer the agent spelled out wins a tie.
 */
export const MEANING_SCORE = 200;
const SELF = new Map<string, readonly string[]>();

function letterBits(text: string): number {
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i) - 97;
    if (code >= 0 && code < 26) bits |= 1 << code;
  }
  return bits;
}

const BITS = new WeakMap<readonly string[], { letters: number; first: number }>();

/** Letters of a character's readings, and their first letters, as bits; cached per readings array. */
function readingBits(readings: readonly string[]): { letters: number; first: number } {
  let bits = BITS.get(readings);
  if (!bits) {
    bits = { letters: 0, first: 0 };
    for (const reading of readings) {
      bits.letters |= letterBits(reading);
      bits.first |= letterBits(reading[0]!);
    }
    BITS.set(readings, bits);
  }
  return bits;
}

function indexField(raw: string, options: SearchFieldOptions): IndexedField {
  const text = normalize(raw);
  const field: IndexedField = {
    text,
    weight: options.weight ?? 1,
    minPinyinTerm: options.minPinyinTerm ?? 2,
    pinyinTypos: options.pinyinTypos ?? true,
    readings: null,
    letters: 0,
    firstLetters: new Int32Array(0),
    primary: '',
    primaryAt: new Int32Array(0),
  };
  let hasHan = false;
  for (let i = 0; i < text.length && !hasHan; i++) hasHan = isHan(text.charCodeAt(i));
  if (options.pinyin === false || !hasHan) return field;

  const readings: (readonly string[] | null)[] = new Array(text.length);
  const firstLetters = new Int32Array(text.length);
  const primary: string[] = [];
  const primaryAt: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let own: readonly string[] | null = null;
    if (isHan(code)) own = hanReadings(text[i]!);
    else if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      const ch = text[i]!;
      own = SELF.get(ch) ?? [ch];
      SELF.set(ch, own);
    }
    if (own && own.length === 0) own = null;
    readings[i] = own;
    if (own) {
      const bits = readingBits(own);
      field.letters |= bits.letters;
      firstLetters[i] = bits.first;
    }
    if (field.pinyinTypos) {
      const first = own?.[0] ?? text[i]!;
      primary.push(first);
      for (let k = 0; k < first.length; k++) primaryAt.push(i);
    }
  }
  field.readings = readings;
  field.primary = primary.join('');
  field.primaryAt = Int32Array.from(primaryAt);
  field.firstLetters = firstLetters;
  return field;
}

export function createSearchIndex(
  items: readonly SearchItem[],
  options: { fields?: readonly SearchFieldOptions[] } = {},
): SearchIndex {
  return {
    items: items.map((item) => ({
      id: item.id,
      fields: item.fields.map((text, i) => indexField(text, options.fields?.[i] ?? {})),
      tags: new Set(item.tags ?? []),
    })),
  };
}

/**
 * Match `term` (a-z only) as consecutive characters' pinyin starting at `start`, each character
 * taking its whole reading or a prefix of it. Tracks the reachable term offsets as bit sets, with
 * a second set for "every character so far took a whole reading" (that is `pinyin`, else `initials`).
 */
function pinyinFrom(term: string, readings: Readings, start: number): { end: number; full: boolean } | null {
  const m = term.length;
  let any = 1;
  let full = 1;
  for (let i = start; i < readings.length; i++) {
    const own = readings[i];
    if (!own) return null;
    let nextAny = 0;
    let nextFull = 0;
    let done = false;
    let doneFull = false;
    for (let p = 0; p < m; p++) {
      if (!(any & (1 << p))) continue;
      const fromFull = (full & (1 << p)) !== 0;
      for (const reading of own) {
        const max = Math.min(reading.length, m - p);
        for (let k = 1; k <= max && reading.charCodeAt(k - 1) === term.charCodeAt(p + k - 1); k++) {
          const next = p + k;
          if (next === m) {
            done = true;
            // The last character may be cut short: `chim` still reads as full pinyin for 尺码.
            if (fromFull) doneFull = true;
          } else {
            nextAny |= 1 << next;
            if (fromFull && k === reading.length) nextFull |= 1 << next;
          }
        }
      }
    }
    if (done) return { end: i + 1, full: doneFull };
    if (!nextAny) return null;
    any = nextAny;
    full = nextFull;
  }
  return null;
}

function pinyinMatch(term: string, field: IndexedField): { start: number; end: number; full: boolean } | null {
  const readings = field.readings;
  if (!readings) return null;
  const first = letterBits(term[0]!);
  const starts = field.firstLetters;
  let best: { start: number; end: number; full: boolean } | null = null;
  for (let s = 0; s < readings.length; s++) {
    if (!(starts[s]! & first)) continue;
    const hit = pinyinFrom(term, readings, s);
    if (!hit) continue;
    if (hit.full) return { start: s, ...hit };
    best ??= { start: s, ...hit };
  }
  return best;
}

function score(kind: MatchKind, field: IndexedField, start: number, end: number): number {
  const length = field.text.length || 1;
  return BASE[kind] * field.weight + (10 * (end - start)) / length - start * 0.001;
}

function matchTerm(
  term: string,
  field: IndexedField,
  index: number,
  latin: boolean,
  termBits: number,
): FieldMatch | null {
  const at = field.text.indexOf(term);
  if (at >= 0) {
    const kind: MatchKind = term.length === field.text.length ? 'exact' : at === 0 ? 'prefix' : 'substring';
    return { field: index, kind, start: at, end: at + term.length };
  }
  if (latin && term.length >= field.minPinyinTerm && (termBits & ~field.letters) === 0) {
    const hit = pinyinMatch(term, field);
    if (hit) return { field: index, kind: hit.full ? 'pinyin' : 'initials', start: hit.start, end: hit.end };
  }
  return null;
}

function typoMatch(term: string, field: IndexedField, index: number, latin: boolean): FieldMatch | null {
  const inText = findWithinOneEdit(term, field.text);
  if (inText) return { field: index, kind: 'typo', start: inText.start, end: inText.end };
  if (latin && field.readings && field.pinyinTypos) {
    const hit = findWithinOneEdit(term, field.primary);
    if (hit)
      return { field: index, kind: 'typo', start: field.primaryAt[hit.start]!, end: field.primaryAt[hit.end - 1]! + 1 };
  }
  return null;
}

function bestMatch(
  fields: readonly IndexedField[],
  matcher: (field: IndexedField, index: number) => FieldMatch | null,
): { match: FieldMatch; score: number } | null {
  let best: { match: FieldMatch; score: number } | null = null;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const match = matcher(field, i);
    if (!match) continue;
    const s = score(match.kind, field, match.start, match.end);
    if (!best || s > best.score) best = { match, score: s };
  }
  return best;
}

/** Split a query into terms; each must match some field of an item. */
export function queryTerms(query: string): string[] {
  return normalize(query).split(/\s+/).filter(Boolean);
}

interface Term {
  term: string;
  latin: boolean;
  bits: number;
  typo: boolean;
  meanings: readonly TermMeaning[];
}

type Found = { match: FieldMatch; score: number } | null;

/**
 * Exact and pinyin matches for every item; items missing some term keep their partial results
 * so a typo pass (if needed) only looks at the missing terms.
 */
function collect(
  index: SearchIndex,
  terms: readonly Term[],
): { hits: (SearchHit & { order: number })[]; partial: { order: number; found: Found[] }[] } {
  const hits: (SearchHit & { order: number })[] = [];
  const partial: { order: number; found: Found[] }[] = [];
  index.items.forEach((item, order) => {
    const found = terms.map(({ term, latin, bits, meanings }) =>
      withMeaning(
        bestMatch(item.fields, (field, i) => matchTerm(term, field, i, latin, bits)),
        meanings,
        item.tags,
      ),
    );
    if (found.every((f) => f !== null)) hits.push(toHit(item.id, order, found));
    else if (found.every((f, t) => f !== null || terms[t]!.typo)) partial.push({ order, found });
  });
  return { hits, partial };
}

/** The better of a term's letter match and what it means for this item (see {@link MEANING_SCORE}). */
function withMeaning(letters: Found, meanings: readonly TermMeaning[], tags: ReadonlySet<string>): Found {
  let weight = 0;
  for (const m of meanings) if (m.weight > weight && tags.has(m.tag)) weight = m.weight;
  if (weight === 0) return letters;
  const meant = MEANING_SCORE * weight;
  if (!letters) return { match: { field: -1, kind: 'meaning', start: 0, end: 0 }, score: meant };
  return letters.score >= meant
    ? { ...letters, score: letters.score + meant * 0.1 }
    : { match: letters.match, score: meant + letters.score * 0.1 };
}

function toHit(id: string, order: number, found: readonly NonNullable<Found>[]): SearchHit & { order: number } {
  return { id, order, score: found.reduce((sum, f) => sum + f.score, 0), matches: found.map((f) => f.match) };
}

/** Typo matches only help when exact and pinyin matches are scarce; otherwise they are noise. */
const TYPOS_BELOW = 10;

/**
 * Items matching every term of `query`, best first (ties keep index order). A term matches by its
 * letters (text, pinyin, initials) or, with `options.meaning`, by what it means (an item's tags).
 * Typos are forgiven only when fewer than ten items match without them. Empty query → [].
 */
export function search(
  index: SearchIndex,
  query: string,
  limit = Number.POSITIVE_INFINITY,
  options: SearchOptions = {},
): SearchHit[] {
  const terms: Term[] = queryTerms(query).map((term) => ({
    term,
    latin: /^[a-z]+$/.test(term) && term.length <= 30,
    bits: letterBits(term),
    typo: [...term].length >= 3,
    meanings: options.meaning?.(term) ?? [],
  }));
  if (terms.length === 0) return [];
  const { hits, partial } = collect(index, terms);
  if (options.typos !== false && hits.length < TYPOS_BELOW) {
    for (const { order, found } of partial) {
      const item = index.items[order]!;
      const filled = found.map(
        (f, t) => f ?? bestMatch(item.fields, (field, i) => typoMatch(terms[t]!.term, field, i, terms[t]!.latin)),
      );
      if (filled.every((f) => f !== null)) hits.push(toHit(item.id, order, filled));
    }
  }
  hits.sort((a, b) => b.score - a.score || a.order - b.order);
  return hits.slice(0, limit).map(({ id, score: s, matches }) => ({ id, score: s, matches }));
}
