import { T2S } from './t2s';

/**
 * A buyer message folded into the form rules are written against, with a way back to the original:
 * lower case, half-width, Simplified Chinese, emoji and invisible characters gone, runs of the same
 * punctuation mark collapsed, and spaces between two Chinese characters removed ("尺 码" → "尺码").
 */
export interface Normalized {
  text: string;
  /** Original UTF-16 offset where the source of normalised code unit i starts. */
  start: Int32Array;
  /** Original UTF-16 offset just past the source of normalised code unit i. */
  end: Int32Array;
  /**
   * 1 where a sentence boundary falls just before unit i although no punctuation is left to show it:
   * an emoji or a space between two Chinese characters ("有货吗 什么时候发" is two questions).
   */
  softBreak: Uint8Array;
}

/** Punctuation that ends a clause once normalised. Chinese marks are folded onto these. */
export const HARD_BOUNDARY = new Set([
  ',',
  '.',
  '!',
  '?',
  ';',
  ':',
  '~',
  '\n',
  '(',
  ')',
  '[',
  ']',
  '"',
  '|',
  '/',
  '\\',
]);
const HARD_CODES = new Uint8Array(128);
for (const ch of HARD_BOUNDARY) HARD_CODES[ch.charCodeAt(0)] = 1;

/** Same as HARD_BOUNDARY.has(), by code unit, without allocating a one-character string. */
export function isHardBoundary(code: number): boolean {
  return code < 128 && HARD_CODES[code] === 1;
}

const FOLD: ReadonlyMap<number, string> = new Map(
  (
    [
      ['，', ','],
      ['、', ','],
      ['。', '.'],
      ['．', '.'],
      ['…', '.'],
      ['！', '!'],
      ['？', '?'],
      ['；', ';'],
      ['：', ':'],
      ['～', '~'],
      ['〜', '~'],
      ['“', '"'],
      ['”', '"'],
      ['„', '"'],
      ['「', '"'],
      ['」', '"'],
      ['『', '"'],
      ['』', '"'],
      ['【', '['],
      ['】', ']'],
      ['《', '"'],
      ['》', '"'],
      ['〈', '"'],
      ['〉', '"'],
      ['（', '('],
      ['）', ')'],
      ['‘', "'"],
      ['’', "'"],
      ['′', "'"],
      ['`', "'"],
      ['—', '-'],
      ['–', '-'],
      ['－', '-'],
      ['\r', '\n'],
      ['\u2028', '\n'],
      ['\u2029', '\n'],
    ] as const
  ).map(([from, to]) => [from.codePointAt(0)!, to]),
);

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

export function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x3134f) ||
    code === 0x3007
  );
}

/** Characters that carry nothing a reader sees: zero-width, bidi controls, variation selectors, emoji modifiers. */
function isInvisible(code: number): boolean {
  return (
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x206f) ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    (code >= 0x1f3fb && code <= 0x1f3ff) ||
    (code >= 0xe0000 && code <= 0xe01ef) ||
    code === 0xfeff ||
    code === 0x061c ||
    code === 0x20e3 ||
    code === 0x00ad ||
    (code < 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) ||
    (code >= 0x7f && code <= 0x9f)
  );
}

function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0xa0 ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x202f ||
    code === 0x205f
  );
}

/** Fold one code point; returns the replacement code (or a one-character string for punctuation). */
function fold(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0; // full-width ASCII
  if (code >= 0x41 && code <= 0x5a) return code + 32;
  if (code < 0x80) return code;
  const simplified = T2S.get(code);
  if (simplified !== undefined) return simplified;
  if (code >= 0xc0 && code <= 0x24f) return String.fromCodePoint(code).toLowerCase().codePointAt(0)!;
  return code;
}

export function normalize(input: string): Normalized {
  const n = input.length;
  const out: number[] = [];
  const start = new Int32Array(n + 1);
  const end = new Int32Array(n + 1);
  const softBreak = new Uint8Array(n + 1);
  let pendingSpace = -1; // original offset of a pending run of whitespace
  let pendingBreak = false; // an emoji or lone surrogate was dropped since the last kept unit
  let lastCode = -1; // last kept code point (for CJK adjacency and punctuation runs)

  const push = (unit: number, from: number, to: number) => {
    start[out.length] = from;
    end[out.length] = to;
    out.push(unit);
  };

  for (let i = 0; i < n;) {
    let code = input.charCodeAt(i);
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      const low = input.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const from = i;
    i += width;

    if (isInvisible(code)) continue;
    if (
      (code >= 0xd800 && code <= 0xdfff) ||
      (code >= 0x2000 && !isCjk(code) && PICTOGRAPHIC.test(String.fromCodePoint(code)))
    ) {
      pendingBreak = true;
      if (pendingSpace < 0) pendingSpace = from;
      continue;
    }
    if (isSpace(code)) {
      if (pendingSpace < 0) pendingSpace = from;
      continue;
    }

    const punct = FOLD.get(code);
    const folded = punct !== undefined ? punct.charCodeAt(0) : fold(code);

    if (pendingSpace >= 0) {
      const cjkJoin = lastCode >= 0 && isCjk(lastCode) && isCjk(folded);
      if (cjkJoin || pendingBreak) softBreak[out.length] = 1;
      if (!cjkJoin && out.length > 0 && lastCode !== 0x20) push(0x20, pendingSpace, pendingSpace + 1);
      pendingSpace = -1;
      pendingBreak = false;
    }

    // Collapse "？？？" / "!!!" / "。。。" to one mark, keeping the whole run in the span.
    if (folded === lastCode && isHardBoundary(folded) && softBreak[out.length] === 0) {
      end[out.length - 1] = i;
      continue;
    }

    if (folded > 0xffff) {
      const s = String.fromCodePoint(folded);
      push(s.charCodeAt(0), from, i);
      push(s.charCodeAt(1), from, i);
    } else {
      push(folded, from, i);
    }
    lastCode = folded;
  }
  start[out.length] = n;
  end[out.length] = n;

  // join() yields a flat string; `+=` would build a rope that makes every later startsWith() walk it.
  const chunks: string[] = [];
  for (let k = 0; k < out.length; k += 4096) chunks.push(String.fromCharCode(...out.slice(k, k + 4096)));
  const text = chunks.join('');
  return {
    text,
    start: start.subarray(0, out.length + 1),
    end: end.subarray(0, out.length + 1),
    softBreak: softBreak.subarray(0, out.length + 1),
  };
}

/** Normalise a rule term the same way as messages, without the offsets. */
export function normalizeTerm(term: string): string {
  return normalize(term).text.trim();
}
