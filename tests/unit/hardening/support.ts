import { readFileSync } from 'node:fs';
import fc from 'fast-check';

/**
 * Shared settings for the property-based hardening tests. The seed is fixed so a run is
 * repeatable; set HARDENING_SEED to explore other cases (a failure prints the seed and path to
 * replay it). Run counts stay small: the whole suite must finish in well under a minute on 2 cores.
 */
export const SEED = Number(process.env.HARDENING_SEED ?? 20_251_007);
/** HARDENING_SCALE=10 multiplies every run count, for a deeper search outside `npm test`. */
const SCALE = Math.max(1, Number(process.env.HARDENING_SCALE ?? 1));

let logged = false;

export function runs(numRuns: number): fc.Parameters<unknown> {
  if (!logged) {
    logged = true;
    console.info(`[hardening] fast-check seed ${SEED}, runs ×${SCALE} (HARDENING_SEED, HARDENING_SCALE)`);
  }
  return { seed: SEED, numRuns: Math.round(numRuns * SCALE), endOnFailure: true };
}

/** A real export from tests/fixtures/exports/. */
export function loadExport(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/exports/${name}`, import.meta.url)));
}

/**
 * Any UTF-16 string, including lone surrogates, NUL and line breaks — what a buyer's paste or a
 * broken file can hold. Characters are drawn mostly from places that matter (ASCII punctuation,
 * template braces, CJK, surrogates) rather than uniformly from 65,536 code units.
 */
export const anyUnit = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '{',
      '}',
      '{{',
      '}}',
      '|',
      ':',
      'ask',
      '"',
      ',',
      '\n',
      '\r',
      '\t',
      ' ',
      '=',
      '+',
      '-',
      '@',
      '\u0000',
      '\uFEFF',
    ),
  },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '尺',
      '码',
      '偏',
      '大',
      '吗',
      '发',
      '货',
      '正',
      '品',
      '假',
      '买',
      '家',
      '亲',
      '，',
      '？',
      '。',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom('😀', '𠮷', '👨‍👩‍👧', '\u202E', '\u200B', '\u200D', 'İ', 'ß', 'ﬁ', 'Ａ', '＝') },
);

export function anyText(maxLength = 80): fc.Arbitrary<string> {
  return fc.array(anyUnit, { maxLength }).map((parts) => parts.join(''));
}

/** Resolves with the promise, or rejects when it has not settled within `ms` (an import that waits forever). */
export async function withinDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether offset `at` falls between the two halves of a surrogate pair. */
export function splitsPair(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
