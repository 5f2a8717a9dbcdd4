import type { Token } from './english';
import { FINAL_PARTICLES_ZH, NEGATORS_ZH, QUESTION_OPENERS_EN, TRAILING_FILLERS } from './markers';
import { isCjk, isHardBoundary, type Normalized } from './normalize';

const codes = (set: Set<string>) => new Set([...set].map((ch) => ch.charCodeAt(0)));
const FILLER_CODES = codes(TRAILING_FILLERS);
const PARTICLE_CODES = codes(FINAL_PARTICLES_ZH);
const SPACE = 0x20;
const QUESTION_MARK = 0x3f;

/** Per-clause facts the negation rule needs. Clauses end at punctuation, emoji, spaced Chinese, 但是/but. */
export interface ClauseInfo {
  /** Clause number of each normalised unit. */
  clauseOf: Int32Array;
  count: number;
  question: Uint8Array;
  closing: Uint8Array;
  hasHit: Uint8Array;
}

type Marker = { t: 'question' | 'closing' | 'doubt' | 'starter'; start: number; end: number };

export function analyseClauses(
  norm: Normalized,
  markers: Marker[],
  tokens: Token[],
  hits: { start: number; end: number }[],
): ClauseInfo {
  const text = norm.text;
  const starters = new Set<number>();
  for (const m of markers) if (m.t === 'starter' && m.start > 0) starters.add(m.start);

  const clauseOf = new Int32Array(text.length + 1);
  let id = 0;
  let open = false; // current clause has content
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (open && (norm.softBreak[i] === 1 || starters.has(i))) {
      id++;
      open = false;
    }
    clauseOf[i] = id;
    if (isHardBoundary(code)) {
      if (open || code === QUESTION_MARK) {
        // The mark stays in the clause it ends; the next clause starts fresh.
        id++;
        open = false;
      }
    } else if (code !== SPACE) open = true;
  }
  clauseOf[text.length] = id;
  const count = id + 1;

  const question = new Uint8Array(count);
  const closing = new Uint8Array(count);
  const hasHit = new Uint8Array(count);
  const lastCode = new Int32Array(count).fill(-1);
  const firstContent = new Int32Array(count).fill(-1);

  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const c = clauseOf[i]!;
    if (code === QUESTION_MARK) question[c] = 1;
    const boundary = isHardBoundary(code);
    if (!FILLER_CODES.has(code) && !boundary) lastCode[c] = code;
    if (firstContent[c] === -1 && code !== SPACE && !boundary) firstContent[c] = i;
  }
  for (let c = 0; c < count; c++) if (PARTICLE_CODES.has(lastCode[c]!)) question[c] = 1;

  for (const token of tokens) {
    const c = clauseOf[token.start]!;
    if (token.start === firstContent[c] && QUESTION_OPENERS_EN.has(token.word)) question[c] = 1;
  }

  for (const m of markers) {
    const c = clauseOf[m.start]!;
    if (m.t === 'question' || m.t === 'doubt') question[c] = 1;
    else if (m.t === 'closing') {
      // "不是很满意" / "不太满意" are complaints, not closings: a negator up to three characters before a Chinese marker voids it.
      const negated =
        isCjk(text.charCodeAt(m.start)) &&
        [1, 2, 3].some((k) => m.start - k >= 0 && NEGATORS_ZH.has(text.charAt(m.start - k)));
      if (!negated) closing[c] = 1;
    }
  }
  for (const h of hits) hasHit[clauseOf[h.start]!] = 1;
  return { clauseOf, count, question, closing, hasHit };
}
