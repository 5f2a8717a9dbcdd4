import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findWithinOneEdit, normalize } from './fuzzy';

/** Optimal string alignment distance, the slow obvious way. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

function bestSubstringDistance(query: string, text: string): number {
  let best = osa(query, '');
  for (let i = 0; i <= text.length; i++)
    for (let j = i; j <= text.length; j++) best = Math.min(best, osa(query, text.slice(i, j)));
  return best;
}

describe('findWithinOneEdit', () => {
  it('agrees with a brute-force search over every substring', () => {
    const word = (max: number) =>
      fc.string({ unit: fc.constantFrom('a', 'b', 'c', '尺', '码'), minLength: 3, maxLength: max });
    fc.assert(
      fc.property(word(6), word(12), (query, text) => {
        const expected = bestSubstringDistance(query, text);
        const hit = findWithinOneEdit(query, text);
        if (expected > 1) expect(hit).toBeNull();
        else {
          expect(hit?.distance).toBe(expected);
          expect(osa(query, text.slice(hit!.start, hit!.end))).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds swaps, insertions, deletions and substitutions', () => {
    expect(findWithinOneEdit('chmia', 'xx chima yy')).toMatchObject({ distance: 1 });
    expect(findWithinOneEdit('shiping', 'free shipping')).toMatchObject({ distance: 1, end: 13 });
    expect(findWithinOneEdit('尺马推荐', '尺码推荐')).toMatchObject({ distance: 1, start: 0, end: 4 });
    expect(findWithinOneEdit('abcdef', 'abxyef')).toBeNull();
  });
});

describe('normalize', () => {
  it('keeps length so offsets still point into the original', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit: 'grapheme' }), (text) => {
        expect(normalize(text).length).toBe(text.length);
      }),
    );
    expect(normalize('ＶＩＰ２　尺码')).toBe('vip2 尺码');
  });
});
