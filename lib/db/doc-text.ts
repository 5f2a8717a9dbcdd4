import type { Lexicon } from './lexicon';

/**
 * JSON text as buyer docs write it (buyer-codec.ts), by hand where JSON.stringify would cost more
 * than the text it writes: numbers, strings, repeated texts named in a lexicon, and the escapes
 * that keep a doc written with a lexicon a Latin-1 (one byte a character) string.
 */

/** A number as JSON writes it. */
export const num = (n: number) => (Number.isFinite(n) ? `${n}` : 'null');
/** Whether JSON.stringify would escape a character of the string (controls, quote, backslash, surrogates). */
function needsEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}
/** A string (or null) as JSON writes it. */
export const str = (s: string | null) => (s === null ? 'null' : needsEscape(s) ? JSON.stringify(s) : `"${s}"`);

/** A repeated text as a doc names it: its lexicon number, or itself when there is no lexicon or no room. */
export function textRef(text: string, lexicon: Lexicon | undefined): string | number {
  return lexicon?.numberOf(text) ?? text;
}

/** {@link textRef} as JSON (see {@link latinWith}). */
export function refJson(text: string, lexicon: Lexicon | undefined): string {
  const ref = textRef(text, lexicon);
  return typeof ref === 'number' ? `${ref}` : latinWith(lexicon, str(ref));
}

/** JSON as a doc written with this lexicon (or none) holds it: Latin-1 with one, as it is without. */
export function latinWith(lexicon: Lexicon | undefined, json: string): string {
  return lexicon ? latin1(json) : json;
}

const ABOVE_LATIN1 = /[\u0100-\uffff]/g;
/** JSON text with every character above U+00FF written as a \u escape: a one-byte string. */
function latin1(json: string): string {
  ABOVE_LATIN1.lastIndex = 0;
  if (!ABOVE_LATIN1.test(json)) return json;
  return json.replace(ABOVE_LATIN1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
