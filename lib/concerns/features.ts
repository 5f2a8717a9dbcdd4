import { stem } from './english';
import {
  CLOSING_EN,
  CLOSING_ZH,
  DOUBT_WORDS_EN,
  FINAL_PARTICLES_ZH,
  QUESTION_OPENERS_EN,
  QUESTION_WORDS_ZH,
  TRAILING_FILLERS,
} from './markers';
import { isCjk, isHardBoundary, normalize, type Normalized } from './normalize';

/**
 * What the learned model reads: a normalised message cut into units (one Chinese character, one
 * stemmed English word, or `0` for a run of digits), and the unit n-grams (n = 1…3) that do not cross
 * a sentence end. Training (scripts/train-concerns.ts) and detection use this one function, so the
 * model sees messages exactly as it was trained on them.
 */
export interface Unit {
  /** The unit as a feature: `尺`, `size`, `0`. */
  key: string;
  /** Offsets in the normalised text, end exclusive. */
  start: number;
  end: number;
  /** Latin word or digits (written with spaces around it inside an n-gram). */
  word: boolean;
}

export interface Gram {
  key: string;
  /** Offsets in the normalised text, end exclusive. */
  start: number;
  end: number;
}

export const MAX_GRAM = 3;

const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * Units of a normalised text, in runs: a new run starts at punctuation, or at an emoji or a space between
 * Chinese characters ("有货吗 什么时候发" is two runs) unless one side is a lone character, so that
 * spaced-out writing ("尺 码 偏 大 吗") and a lone form of address ("亲 在吗") stay one run.
 */
export function units(norm: Normalized): Unit[][] {
  const text = norm.text;
  const runs: Unit[][] = [];
  let run: Unit[] = [];
  let soft = false; // the run before `run` ended at a soft break
  const close = (atSoftBreak: boolean) => {
    if (run.length > 0) {
      const previous = runs[runs.length - 1];
      if (soft && previous && (previous.length === 1 || run.length === 1)) previous.push(...run);
      else runs.push(run);
      soft = atSoftBreak;
    }
    run = [];
  };
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (norm.softBreak[i] === 1) close(true);
    if (isLower(c) || isDigit(c)) {
      const start = i;
      while (
        i < text.length &&
        (isLower(text.charCodeAt(i)) ||
          isDigit(text.charCodeAt(i)) ||
          (text.charCodeAt(i) === 0x27 && isLower(text.charCodeAt(i + 1) || 0)))
      )
        i++;
      const raw = text.slice(start, i).replace(/'/g, '');
      const key = /^[0-9]+$/.test(raw) ? '0' : stem(raw);
      run.push({ key, start, end: i, word: true });
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      // Extension-B and later characters: one unit of two code units.
      const cp = text.codePointAt(i)!;
      if (isCjk(cp)) run.push({ key: text.slice(i, i + 2), start: i, end: i + 2, word: false });
      else close(false);
      i += 2;
      continue;
    }
    if (isCjk(c)) run.push({ key: text[i]!, start: i, end: i + 1, word: false });
    else if (isHardBoundary(c)) close(false);
    // Spaces and other symbols neither make a unit nor break a run ("尺 码" reads as 尺码).
    i++;
  }
  close(false);
  return runs;
}

function join(parts: Unit[]): string {
  let key = '';
  for (let k = 0; k < parts.length; k++) {
    const u = parts[k]!;
    if (u.word && k > 0) key += ' ';
    key += u.key;
    if (u.word && k < parts.length - 1) key += ' ';
  }
  return key.replace(/ {2}/g, ' ');
}

/** Unit n-grams of a normalised message, each with where it lies. */
export function grams(norm: Normalized): Gram[] {
  return gramsOf(units(norm));
}

/** Unit n-grams of some runs of units. */
export function gramsOf(runs: readonly Unit[][]): Gram[] {
  const out: Gram[] = [];
  for (const run of runs) {
    for (let i = 0; i < run.length; i++) {
      for (let n = 1; n <= MAX_GRAM && i + n <= run.length; n++) {
        const parts = run.slice(i, i + n);
        out.push({ key: join(parts), start: parts[0]!.start, end: parts[n - 1]!.end });
      }
    }
  }
  return out;
}

/** The distinct feature keys of a raw message (what training counts). */
export function featureKeys(text: string): string[] {
  return [...new Set(grams(normalize(text)).map((g) => g.key))];
}

const QUESTION_WORDS = [
  ...QUESTION_WORDS_ZH,
  '有冇',
  '係咪',
  '係唔係',
  '幾時',
  '點樣',
  '點解',
  '邊度',
  '可唔可以',
  '得唔得',
];
const CLOSINGS = [...CLOSING_ZH, ...CLOSING_EN, '谢谢', '感谢', 'thank', 'thanks'];
const CJK_NEGATORS = /[不没未别非]/;

/**
 * Cues the n-grams cannot show, of a stretch of normalised text: whether it asks anything at all (`§q`),
 * or states something (`§s`); a statement that closes a topic or praises (`§cs`: "发票收到了 谢谢",
 * "价格很实惠"), where a concern word is not a concern. The learned model reads them next to the n-grams.
 */
export function cueKeys(text: string): string[] {
  let question =
    text.includes('?') || QUESTION_WORDS.some((w) => text.includes(w)) || DOUBT_WORDS_EN.some((w) => text.includes(w));
  if (!question) {
    // A clause that ends in a particle (有货没, 是正品吧) or opens with an English question word.
    for (const clause of text.split(/[,.!;:~\n()[\]"|/\\]+/)) {
      let end = clause.length;
      while (end > 0 && TRAILING_FILLERS.has(clause.charAt(end - 1))) end--;
      if (end > 0 && FINAL_PARTICLES_ZH.has(clause.charAt(end - 1))) question = true;
      const first = /^\s*([a-z]+)/.exec(clause)?.[1];
      if (first && QUESTION_OPENERS_EN.has(first)) question = true;
    }
  }
  if (question) return ['§q'];
  const closing = CLOSINGS.some((w) => {
    const at = text.indexOf(w);
    return at >= 0 && !CJK_NEGATORS.test(text.slice(Math.max(0, at - 3), at));
  });
  return closing ? ['§s', '§cs'] : ['§s'];
}
