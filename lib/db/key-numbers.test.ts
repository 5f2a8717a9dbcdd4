import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyNumbers } from './key-numbers';

describe('KeyNumbers', () => {
  it('numbers keys in the order first seen and finds each again, as a Map would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.string(), fc.constantFrom('', 'a', 'aa', '买家')), {
          maxLength: 3000,
        }),
        (seq) => {
          const table = new KeyNumbers();
          const map = new Map<string, number>();
          for (const key of seq) {
            if (!map.has(key)) map.set(key, map.size);
            expect(table.add(key)).toBe(map.get(key));
            expect(table.size).toBe(map.size);
          }
          expect(table.keys).toEqual([...map.keys()]);
          // Asked again, every key gives its number and nothing is added.
          for (const [key, n] of map) expect(table.add(key)).toBe(n);
          expect(table.size).toBe(map.size);
        },
      ),
    );
  });

  it('keeps a new key as the caller copies it, and still finds it among 100,000 (through several growths)', () => {
    const table = new KeyNumbers();
    const kept: string[] = [];
    const keep = (k: string) => (kept.push(k), k);
    for (let i = 0; i < 100_000; i++) table.add(`buyer_${i}`, keep);
    table.add('buyer_7', keep);
    expect(kept).toHaveLength(100_000);
    expect(table.size).toBe(100_000);
    expect(table.add('buyer_0')).toBe(0);
    expect(table.add('buyer_99999')).toBe(99_999);
    expect(table.add('buyer_5000')).toBe(5000);
    expect(table.size).toBe(100_000);
    expect(table.add('buyer_100000')).toBe(100_000);
  });
});
