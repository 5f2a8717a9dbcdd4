import { describe, expect, it } from 'vitest';
import { makeNick } from './nicks';
import { mulberry32 } from './prng';

describe('demo buyer nicks', () => {
  const taken = new Set<string>();
  const rng = mulberry32(42);
  const nicks = Array.from({ length: 30_000 }, () => makeNick(rng, taken));

  it('never repeats, even across tens of thousands of buyers', () => {
    expect(new Set(nicks).size).toBe(nicks.length);
  });

  it('mixes the forms real Taobao member names take', () => {
    // Measured on a shop-sized sample: in huge runs the short Chinese names run out and gain digits.
    const sample = nicks.slice(0, 2000);
    const share = (re: RegExp) => sample.filter((n) => re.test(n)).length / sample.length;
    expect(share(/^tb_?\d{7,}$/)).toBeGreaterThan(0.05);
    expect(share(/^t_\d{13}$/)).toBeGreaterThan(0.01);
    expect(share(/^[\u4e00-\u9fff]+$/)).toBeGreaterThan(0.1);
    expect(share(/^[\u4e00-\u9fff]+_\d{4}$/)).toBeGreaterThan(0.05);
    expect(share(/^[a-z]+[\u4e00-\u9fff]+$/)).toBeGreaterThan(0.05);
    expect(share(/^[a-z]+\d+$/)).toBeGreaterThan(0.05);
    for (const nick of nicks) expect(nick).toMatch(/^[\u4e00-\u9fffa-z0-9_]{2,20}$/);
  });

  it('gives the same names for the same seed', () => {
    const again = new Set<string>();
    const rng2 = mulberry32(42);
    expect(Array.from({ length: 100 }, () => makeNick(rng2, again))).toEqual(nicks.slice(0, 100));
  });
});
