import { describe, expect, it } from 'vitest';
import { concernsByItem, concernsByWeek, OTHER, weekOf } from './aggregate';

describe('dashboard aggregates', () => {
  it('counts concerns per Monday-start week, keeping empty weeks on the axis', () => {
    expect(weekOf('2026-11-22')).toBe('2026-11-16'); // a Sunday belongs to the week of Monday 16th
    const out = concernsByWeek([
      { date: '2026-11-02', concern: 'size' },
      { date: '2026-11-03', concern: 'size' },
      { date: '2026-11-20', concern: 'shipping' },
    ]);
    expect(out.axis).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    expect(out.series).toEqual([
      { concern: 'size', values: [2, 0, 0] },
      { concern: 'shipping', values: [0, 0, 1] },
    ]);
  });

  it('folds the less frequent concerns into "other" and ranks items by concerns raised', () => {
    const recs = [
      ...['size', 'size', 'size', 'color', 'quality'].map((concern) => ({ buyerId: 'a', concern })),
      ...['size', 'authenticity'].map((concern) => ({ buyerId: 'b', concern })),
      { buyerId: 'nobody', concern: 'size' },
    ];
    const items: Record<string, string> = { a: '连衣裙', b: '面霜' };
    const out = concernsByItem(recs, (id) => items[id] ?? null, 8, 2);
    expect(out.axis).toEqual(['面霜', '连衣裙']);
    expect(out.series.map((s) => s.concern)).toEqual(['size', 'authenticity', OTHER]);
    expect(out.series.find((s) => s.concern === OTHER)?.values).toEqual([0, 2]);
    expect(out.series.find((s) => s.concern === 'size')?.values).toEqual([1, 3]);
  });
});
