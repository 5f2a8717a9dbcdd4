import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { normalize } from './normalize';
import { T2S, T2S_PAIRS } from './t2s';

describe('Traditional → Simplified map', () => {
  it('pairs characters that share a reading (catches mis-typed pairs)', () => {
    const wrong: string[] = [];
    for (const [t, s] of T2S) {
      const a = String.fromCharCode(t);
      const b = String.fromCharCode(s);
      const readings = (ch: string) => pinyin(ch, { multiple: true, type: 'array', toneType: 'none' });
      if (!readings(a).some((r) => readings(b).includes(r))) wrong.push(a + b);
    }
    expect(wrong).toEqual([]);
  });

  it('maps each character once, and never onto a character it would map again', () => {
    expect(T2S.size * 2).toBe(T2S_PAIRS.length);
    for (const s of T2S.values()) expect(T2S.has(s), String.fromCharCode(s)).toBe(false);
  });

  it('folds whole Traditional messages', () => {
    expect(normalize('請問這件會不會縮水？發貨要幾天').text).toBe('请问这件会不会缩水?发货要几天');
  });
});
