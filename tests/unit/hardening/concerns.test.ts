import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTaxonomy, defaultTaxonomy, detect, detectHits, type Detection } from '../../../lib/concerns';
import { HOSTILE_STRINGS, hostileOfKind } from '../../fixtures/hostile/strings';
import { anyText, runs, splitsPair } from './support';

const matcher = compileTaxonomy(defaultTaxonomy());
const KB100 = 100 * 1024;

function expectSpansInside(text: string, detections: readonly Detection[]) {
  for (const d of detections) {
    const [start, end] = d.span;
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    expect(end).toBeLessThanOrEqual(text.length);
    // A highlight never cuts an emoji or extension-B character in half.
    expect(splitsPair(text, start) || splitsPair(text, end)).toBe(false);
    expect(Number.isFinite(d.score)).toBe(true);
  }
}

/** Real questions with hostile text around and inside them. */
const question = fc.constantFrom(
  '尺码偏大吗',
  '是正品吗',
  '什么时候发货',
  '有发票吗',
  'is it fake?',
  'when will you ship',
  '這件衣服尺碼偏大嗎',
);

describe('concern detector on arbitrary text', () => {
  it('never throws and keeps every span inside the message', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText(120),
          fc.tuple(anyText(20), question, anyText(20)).map((p) => p.join('')),
        ),
        (text) => {
          expectSpansInside(text, detect(text, matcher));
          for (const hit of detectHits(text, matcher)) {
            expect(hit.start).toBeGreaterThanOrEqual(0);
            expect(hit.end).toBeLessThanOrEqual(text.length);
          }
        },
      ),
      runs(300),
    );
  });

  it('handles every corpus string, 100 KB ones included', () => {
    for (const { label, value } of HOSTILE_STRINGS) {
      const found = detect(value, matcher);
      expectSpansInside(value, found);
      if (label === 'cjk-100kb') expect(found.map((d) => d.concern)).toContain('size');
    }
  });

  it('finishes 100 KB of worst-case input: repeated keywords, pattern anchors and English words', () => {
    // Bounded work per character is what keeps these finishing; the time limit is the test timeout.
    const inputs = [
      '尺码'.repeat(KB100 / 2),
      '尺'.repeat(KB100),
      '不会是假的吧？'.repeat(KB100 / 7),
      'is it fake not fake size? '.repeat(KB100 / 26),
      'sizee '.repeat(KB100 / 6),
      '？'.repeat(KB100),
      '😀'.repeat(KB100 / 2),
      '\uD800'.repeat(KB100),
    ];
    for (const text of inputs) {
      const found = detect(text, matcher);
      expectSpansInside(text, found);
      expect(found.length).toBeLessThanOrEqual(matcher.concerns.length);
    }
  });

  it('finds the same concerns when invisible characters are sprinkled anywhere in a message', () => {
    const invisible = fc.constantFrom(
      '\u200B',
      '\u200C',
      '\u200D',
      '\u2060',
      '\uFEFF',
      '\u202E',
      '\u202C',
      '\u2066',
      '\u00AD',
      '\u0000',
      '\u0007',
      '\uFE0F',
    );
    const message = fc
      .array(fc.oneof(question, anyText(6)), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join('，'));
    fc.assert(
      fc.property(
        message,
        fc.array(fc.tuple(fc.nat(), invisible), { minLength: 1, maxLength: 12 }),
        (text, inserts) => {
          let dirty = text;
          for (const [at, ch] of inserts) {
            let k = at % (dirty.length + 1);
            // Inserting between the halves of a surrogate pair would make a different character.
            if (k > 0 && k < dirty.length && /[\uD800-\uDBFF]/.test(dirty[k - 1]!) && /[\uDC00-\uDFFF]/.test(dirty[k]!))
              k++;
            dirty = dirty.slice(0, k) + ch + dirty.slice(k);
          }
          const concerns = (t: string) =>
            detect(t, matcher)
              .map((d) => d.concern)
              .sort();
          expect(concerns(dirty)).toEqual(concerns(text));
          expectSpansInside(dirty, detect(dirty, matcher));
        },
      ),
      runs(200),
    );
  });

  it('is not fooled by invisible or bidi characters inside a keyword', () => {
    for (const { label, value } of hostileOfKind('invisible')) {
      if (!value.includes('尺')) continue;
      expect(
        detect(value, matcher).map((d) => d.concern),
        label,
      ).toContain('size');
    }
    expect(detect('尺\u202E码偏大吗', matcher).map((d) => d.concern)).toContain('size');
  });
});
