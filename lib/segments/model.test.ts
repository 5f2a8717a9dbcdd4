import { describe, expect, it } from 'vitest';
import { addDays } from '../dates/local-date';
import { DEFAULT_LAYERS, LayerConfigSchema } from './layers';
import { buildSegmentModel, scoreBuyer, SegmentModelSchema } from './model';
import { quantileType7, rfmBin } from './rfm';
import { RFM8 } from './rfm8';

const asOf = '2024-06-30';
const buyer = (daysAgo: number, paidOrders: number, netCents: number) => ({
  lastPaidDate: addDays(asOf, -daysAgo),
  paidOrders,
  netCents,
});

describe('R-compatible binning', () => {
  it('interpolates quantiles like R type 7', () => {
    const sorted = Float64Array.from([1, 2, 3, 4, 10]);
    expect(quantileType7(sorted, 0)).toBe(1);
    expect(quantileType7(sorted, 0.5)).toBe(3);
    expect(quantileType7(sorted, 0.8)).toBeCloseTo(5.2, 10); // index 3.2 → 4 + 0.2 × 6
    expect(quantileType7(sorted, 1)).toBe(10);
    expect(quantileType7(Float64Array.from([7]), 0.2)).toBe(7);
  });

  it('puts a value equal to a break in the higher bin and anything beyond the last break in the top bin', () => {
    const breaks = [4, 5, 6, 8];
    expect([1, 3, 4, 5, 6, 7, 8, 100].map((v) => rfmBin(v, breaks))).toEqual([1, 1, 2, 3, 4, 4, 5, 5]);
  });
});

describe('buildSegmentModel / scoreBuyer', () => {
  // Means: recency (10 + 20 + 30 + 40) / 4 = 25 days, orders (1 + 2 + 3 + 6) / 4 = 3, net 250 yuan.
  const population = [
    buyer(10, 1, 10_000),
    buyer(20, 2, 20_000),
    buyer(30, 3, 30_000),
    buyer(40, 6, 40_000),
    { lastPaidDate: null, paidOrders: 0, netCents: 0 },
  ];
  const model = buildSegmentModel(population, asOf);

  it('summarises only buyers who paid, in a serialisable model', () => {
    expect(model.buyers).toBe(4);
    expect(model.means).toEqual({ recencyDays: 25, paidOrders: 3, netCents: 25_000 });
    expect(SegmentModelSchema.parse(JSON.parse(JSON.stringify(model)))).toEqual(model);
  });

  it('counts a buyer exactly at each mean as high', () => {
    expect(scoreBuyer(buyer(25, 3, 25_000), model, asOf).rfm8).toBe('important_value');
    expect(scoreBuyer(buyer(26, 3, 25_000), model, asOf).rfm8).toBe('important_keep');
    expect(scoreBuyer(buyer(25, 2, 25_000), model, asOf).rfm8).toBe('important_develop');
    expect(scoreBuyer(buyer(26, 2, 25_000), model, asOf).rfm8).toBe('important_retain');
    expect(scoreBuyer(buyer(25, 3, 24_999), model, asOf).rfm8).toBe('general_value');
    expect(scoreBuyer(buyer(25, 2, 24_999), model, asOf).rfm8).toBe('general_develop');
    expect(scoreBuyer(buyer(26, 3, 24_999), model, asOf).rfm8).toBe('general_keep');
    expect(scoreBuyer(buyer(26, 2, 24_999), model, asOf).rfm8).toBe('general_retain');
  });

  it('gives the most recent, most frequent, biggest spender 555 and the opposite 111', () => {
    expect(scoreBuyer(buyer(0, 9, 90_000), model, asOf).rfm).toEqual({ r: 5, f: 5, m: 5, score: 555 });
    expect(scoreBuyer(buyer(400, 1, 100), model, asOf).rfm).toEqual({ r: 1, f: 1, m: 1, score: 111 });
  });

  it('places buyers in the default layers by spend and frequency', () => {
    expect(scoreBuyer(buyer(100, 6, 40_000), model, asOf).layer).toBe('gold');
    expect(scoreBuyer(buyer(1, 1, 40_000), model, asOf).layer).toBe('develop');
    expect(scoreBuyer(buyer(1, 6, 100), model, asOf).layer).toBe('normal');
    expect(scoreBuyer(buyer(1, 1, 100), model, asOf).layer).toBe('low');
  });

  it('gives prospects and empty populations no segment', () => {
    expect(scoreBuyer({ lastPaidDate: null, paidOrders: 0, netCents: 0 }, model, asOf)).toEqual({
      rfm: null,
      rfm8: null,
      layer: null,
    });
    const empty = buildSegmentModel([], asOf);
    expect(empty).toMatchObject({ buyers: 0, breaks: null, means: null });
    expect(scoreBuyer(buyer(1, 1, 100), empty, asOf).rfm).toBeNull();
  });
});

describe('layer config', () => {
  it('assigns every 8-class to exactly one default layer', () => {
    const assigned = DEFAULT_LAYERS.layers.flatMap((l) => l.rfm8).sort();
    expect(assigned).toEqual(Object.keys(RFM8).sort());
  });

  it('rejects a config that leaves a class out or uses it twice', () => {
    const missing = { layers: [{ id: 'a', name: 'A', nameEn: 'A', rfm8: ['important_value'] }] };
    expect(LayerConfigSchema.safeParse(missing).success).toBe(false);
    const twice = structuredClone(DEFAULT_LAYERS);
    twice.layers[1]?.rfm8.push('important_value');
    expect(LayerConfigSchema.safeParse(twice).success).toBe(false);
  });
});

describe('a large shop', () => {
  // How long this takes is printed by `npm run bench:domain`.
  it('segments 200,000 buyers, some of them gold', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const population = Array.from({ length: 200_000 }, () =>
      buyer(Math.floor(random() * 900), 1 + Math.floor(random() * 12), 100 + Math.floor(random() * 500_000)),
    );
    const model = buildSegmentModel(population, asOf);
    let gold = 0;
    for (const b of population) if (scoreBuyer(b, model, asOf).layer === 'gold') gold++;
    expect(gold).toBeGreaterThan(0);
  });
});
