import { describe, expect, it } from 'vitest';
import { BuyerProfileSchema } from '../schemas/buyer';
import type { Order } from '../schemas/order';
import { buildSegmentModel } from '../segments/model';
import { computeBuyerMetrics } from './compute';
import { buildProfile, DEFAULT_PROFILE_SETTINGS, ProfileSettingsSchema } from './profile';

const asOf = '2024-06-30';
function paidOrder(orderId: string, paidAt: string, paidCents: number): Order {
  return {
    platform: 'taobao',
    orderId,
    buyerKey: 'k',
    buyerNick: null,
    status: 'completed',
    rawStatus: '交易成功',
    createdAt: paidAt,
    paidAt,
    paidCents,
    refundCents: null,
    lines: [{ lineId: '1', title: '连衣裙', quantity: 1, category: '女装' }],
    sources: ['run-1'],
  };
}

describe('buildProfile', () => {
  const regular = computeBuyerMetrics([
    paidOrder('a', '2024-06-20 10:00:00', 20_000),
    paidOrder('b', '2024-02-01 10:00:00', 15_000),
    paidOrder('c', '2023-12-01 10:00:00', 5_000),
  ]);
  const oneTimer = computeBuyerMetrics([paidOrder('d', '2023-11-01 10:00:00', 3_000)]);
  const prospect = computeBuyerMetrics([]);
  const model = buildSegmentModel([regular, oneTimer, prospect], asOf);

  it('assembles level, segment, stage and recent orders for a returning buyer', () => {
    const profile = buildProfile(
      { platform: 'taobao', buyerKey: 'k', nick: '小王', metrics: regular },
      DEFAULT_PROFILE_SETTINGS,
      model,
      asOf,
    );
    expect(BuyerProfileSchema.parse(profile)).toEqual(profile);
    expect(profile.id).toBe('taobao:k');
    expect(profile.level?.id).toBe('VIP2');
    expect(profile.orders90d).toBe(1);
    expect(profile.stage).toEqual({ id: 'active', daysSinceLastPaid: 10, daysToNextStage: 36 });
    expect(profile.rfm8).toBe('important_value');
    expect(profile.layer).toBe('gold');
    expect(profile.rfm?.r).toBe(5);
  });

  it('shows a lost one-time buyer and a prospect without inventing values', () => {
    const lost = buildProfile(
      { platform: 'taobao', buyerKey: 'd', nick: 'd', metrics: oneTimer },
      DEFAULT_PROFILE_SETTINGS,
      model,
      asOf,
    );
    expect(lost.stage.id).toBe('lost');
    expect(lost.level?.id).toBe('VIP1');
    expect(lost.rfm8).toBe('general_retain');
    const p = buildProfile(
      { platform: 'jd', buyerKey: 'p', nick: 'p', metrics: prospect },
      DEFAULT_PROFILE_SETTINGS,
      model,
      asOf,
    );
    expect(p).toMatchObject({
      level: null,
      rfm: null,
      rfm8: null,
      layer: null,
      orders90d: 0,
      stage: { id: 'prospect' },
    });
  });

  it('uses configured ladder and stage boundaries', () => {
    const settings = ProfileSettingsSchema.parse({
      stages: { activeMaxDays: 7, silentMaxDays: 30, sleepingMaxDays: 60 },
      ladder: { levels: [{ id: 'M', name: '会员', nameEn: 'Member', minPaidOrders: 3, discount: 0.9 }] },
    });
    const profile = buildProfile(
      { platform: 'taobao', buyerKey: 'k', nick: 'k', metrics: regular },
      settings,
      model,
      asOf,
    );
    expect(profile.stage.id).toBe('silent');
    expect(profile.level?.id).toBe('M');
    expect(
      buildProfile({ platform: 'taobao', buyerKey: 'd', nick: 'd', metrics: oneTimer }, settings, model, asOf).level,
    ).toBeNull();
  });
});
