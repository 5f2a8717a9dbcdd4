import { describe, expect, it } from 'vitest';
import { concernsByItem, concernsByWeek, concernSubject, OTHER, weekOf } from './concerns';

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
    const out = concernsByItem(recs, (r) => items[r.buyerId] ?? null, 8, 2);
    expect(out.axis).toEqual(['面霜', '连衣裙']);
    expect(out.series.map((s) => s.concern)).toEqual(['size', 'authenticity', OTHER]);
    expect(out.series.find((s) => s.concern === OTHER)?.values).toEqual([0, 2]);
    expect(out.series.find((s) => s.concern === 'size')?.values).toEqual([1, 3]);
  });
});

describe('what a concern is about, by product', () => {
  const bought = new Map([['a', { item: '连衣裙', category: 'clothing' }]]);
  const categories = new Map([['羊毛混纺大衣', 'outerwear']]);
  const productCategory = (p: { title: string }) => categories.get(p.title) ?? null;
  const subject = (r: Parameters<typeof concernSubject>[0], by: 'item' | 'category') =>
    concernSubject(r, by, (id) => bought.get(id), productCategory);

  it('is the product the buyer asked about when the chat showed one, else the last bought item', () => {
    const asked = { buyerId: 'a', product: { id: '623', title: '羊毛混纺大衣' } };
    expect(subject(asked, 'item')).toBe('羊毛混纺大衣');
    expect(subject(asked, 'category')).toBe('outerwear');
    expect(subject({ buyerId: 'a' }, 'item')).toBe('连衣裙');
    // A product the category table does not know: the buyer's category stands.
    expect(subject({ buyerId: 'a', product: { id: null, title: '围巾' } }, 'category')).toBe('clothing');
    expect(subject({ buyerId: 'nobody' }, 'item')).toBeNull();
    const recs = [
      { ...asked, concern: 'size' },
      { buyerId: 'a', concern: 'color' },
    ];
    expect(concernsByItem(recs, (r) => subject(r, 'item')).axis.sort()).toEqual(['羊毛混纺大衣', '连衣裙'].sort());
  });
});
