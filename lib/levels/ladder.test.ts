import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER, LadderSchema, resolveLevel } from './ladder';

const buyer = (netCents: number, paidOrders = 1) => ({ netCents, paidOrders });

describe('resolveLevel with the default ladder', () => {
  it('gives no level to a buyer who never paid', () => {
    expect(resolveLevel(buyer(0, 0))).toBeNull();
  });

  it('makes any paying buyer a VIP1 at 9.8折', () => {
    expect(resolveLevel(buyer(1))).toEqual({ id: 'VIP1', name: '普通会员', nameEn: 'Member', discount: 0.98 });
  });

  it('promotes to VIP2 at exactly ¥300, not a fen earlier', () => {
    expect(resolveLevel(buyer(29_999))?.id).toBe('VIP1');
    expect(resolveLevel(buyer(30_000))).toMatchObject({ id: 'VIP2', name: '高级会员', discount: 0.95 });
  });

  it('reaches VIP3 at ¥1,000 and VIP4 at ¥3,000', () => {
    expect(resolveLevel(buyer(99_999))?.id).toBe('VIP2');
    expect(resolveLevel(buyer(100_000))).toMatchObject({ id: 'VIP3', discount: 0.92 });
    expect(resolveLevel(buyer(299_999))?.id).toBe('VIP3');
    expect(resolveLevel(buyer(300_000))).toMatchObject({ id: 'VIP4', name: '至尊VIP', discount: 0.9 });
  });

  it('has four levels with discounts that grow with the level', () => {
    const discounts = DEFAULT_LADDER.levels.map((l) => l.discount);
    expect(discounts).toEqual([...discounts].sort((a, b) => b - a));
  });
});

describe('configured ladders', () => {
  const ladder = LadderSchema.parse({
    levels: [
      { id: 'L1', name: '新客', nameEn: 'New', discount: 1 },
      {
        id: 'L2',
        name: '熟客',
        nameEn: 'Regular',
        minNetCents: 50_000,
        minPaidOrders: 3,
        match: 'all',
        discount: 0.95,
      },
      {
        id: 'L3',
        name: '贵客',
        nameEn: 'Valued',
        minNetCents: 200_000,
        minPaidOrders: 10,
        match: 'any',
        discount: 0.9,
      },
    ],
  });

  it("needs every condition with 'all' and one of them with 'any'", () => {
    expect(resolveLevel(buyer(60_000, 2), ladder)?.id).toBe('L1');
    expect(resolveLevel(buyer(60_000, 3), ladder)?.id).toBe('L2');
    expect(resolveLevel(buyer(10_000, 10), ladder)?.id).toBe('L3');
    expect(resolveLevel(buyer(200_000, 1), ladder)?.id).toBe('L3');
  });

  it('rejects duplicate ids and discounts above 1', () => {
    expect(
      LadderSchema.safeParse({
        levels: [
          { id: 'A', name: 'a', nameEn: 'a', discount: 0.9 },
          { id: 'A', name: 'b', nameEn: 'b', discount: 0.8 },
        ],
      }).success,
    ).toBe(false);
    expect(LadderSchema.safeParse({ levels: [{ id: 'A', name: 'a', nameEn: 'a', discount: 1.2 }] }).success).toBe(
      false,
    );
  });
});
