/** English words in a normalised message: tokens, a crude stemmer, and one-typo lookup. */

export interface Token {
  /** The word as written (lower case, apostrophes removed). */
  word: string;
  stem: string;
  /** Offsets in the normalised text, end exclusive. */
  start: number;
  end: number;
}

const isAlnum = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
const isLetter = (c: number) => c >= 0x61 && c <= 0x7a;

/** Runs of a–z/0–9 in normalised (lower-case) text; "don't" is one token `dont`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isAlnum(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let word = '';
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (isAlnum(c)) {
        word += text[i];
        i++;
      } else if (
        c === 0x27 &&
        i + 1 < text.length &&
        isLetter(text.charCodeAt(i + 1)) &&
        isLetter(text.charCodeAt(i - 1))
      ) {
        i++; // inner apostrophe: don't, it's
      } else break;
    }
    tokens.push({ word, stem: stem(word), start, end: i });
  }
  return tokens;
}

function undouble(s: string): string {
  const n = s.length;
  if (n >= 3 && s[n - 1] === s[n - 2] && !'lsz'.includes(s[n - 1]!) && !'aeiou'.includes(s[n - 1]!))
    return s.slice(0, -1);
  return s;
}

/**
 * Folds plural, -ed, -ing and a final e so that size/sizes/sized/sizing, ship/shipped/shipping and
 * return/returns/returned meet. It is not linguistics: both rules and messages go through it, so only
 * consistency matters.
 */
export function stem(word: string): string {
  let s = word;
  if (!/^[a-z]+$/.test(s)) return s;
  if (s.length > 4 && s.endsWith('ies')) s = s.slice(0, -3) + 'y';
  else if (s.length > 4 && /(ss|x|z|ch|sh)es$/.test(s)) s = s.slice(0, -2);
  else if (s.length > 3 && s.endsWith('s') && !/(ss|us|is)$/.test(s)) s = s.slice(0, -1);
  if (s.length >= 5 && s.endsWith('ing')) s = undouble(s.slice(0, -3));
  else if (s.length >= 4 && s.endsWith('ed') && !s.endsWith('eed')) s = undouble(s.slice(0, -2));
  if (s.length >= 3 && s.endsWith('e') && !s.endsWith('ee')) s = s.slice(0, -1);
  return s;
}

/** Optimal-string-alignment distance, stopping early once it exceeds 1. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Everyday words one letter away from a rule word. A buyer who writes "stuck" means stuck, not stock,
 * so these are never read as typos.
 */
const REAL_WORDS = new Set(
  (
    'stuck stick stack shock shops shopping still small smell shall where there their these those which while white quite quiet ' +
    'write wrote thank thanks think thing things check great order other under never every about above after again later maybe sorry ' +
    'hello happy today please first could would should right light night style prize pride price prices priced sizes sized parts party ' +
    'taste waste paste fixed mixed items color colour wears water waters worse worst works worth world words weather feather ' +
    'switch switched string strings eight reach mutual cheat sheet shoot short shore store stored phone'
  ).split(' '),
);

/** Index of rule stems by their one-deletion variants, for finding a stem within one edit in O(length). */
export class TypoIndex {
  private readonly byDeletion = new Map<string, Set<string>>();
  private readonly exact = new Set<string>();

  /** `word` is the rule word as written; only words of five letters or more take part in typo lookup. */
  add(word: string, stemmed: string): void {
    this.exact.add(stemmed);
    if (word.length < 5 || stemmed.length < 5) return;
    for (const key of deletions(stemmed)) {
      let set = this.byDeletion.get(key);
      if (!set) this.byDeletion.set(key, (set = new Set()));
      set.add(stemmed);
    }
  }

  /** Rule stems one edit away from this token, when the token is a plausible typo. */
  near(token: Token): string[] {
    if (token.word.length < 5 || token.word.length > 30 || token.stem.length < 5) return [];
    if (this.exact.has(token.stem) || REAL_WORDS.has(token.word) || !/^[a-z]+$/.test(token.word)) return [];
    const found = new Set<string>();
    for (const key of deletions(token.stem)) {
      const candidates = this.byDeletion.get(key);
      if (candidates) for (const c of candidates) if (withinOneEdit(token.stem, c)) found.add(c);
    }
    return [...found];
  }
}

function deletions(s: string): string[] {
  const result = [s];
  for (let i = 0; i < s.length; i++) result.push(s.slice(0, i) + s.slice(i + 1));
  return result;
}
