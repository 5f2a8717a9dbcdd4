import type { BuyerProfile } from '../schemas/buyer';
import type { RenderContext, TemplateCoupon } from './variables';

/** Real-shaped fixtures for the template tests (not used by the product). */

export function sampleBuyer(overrides: Partial<BuyerProfile> = {}): BuyerProfile {
  return {
    id: 'taobao:tb_lily88',
    platform: 'taobao',
    buyerKey: 'tb_lily88',
    nick: '莉莉小姐',
    asOf: '2025-06-20',
    metrics: {
      paidOrders: 4,
      netCents: 68_800,
      aovCents: 17_200,
      firstPaidDate: '2024-03-08',
      lastPaidDate: '2025-04-11',
      paidDates: ['2024-03-08', '2024-09-15', '2025-01-20', '2025-04-11'],
      refundOrders: 0,
      refundCents: 0,
      allOrders: 5,
      lastItems: [{ title: '高腰阔腿牛仔裤', date: '2025-04-11', category: '女装' }],
      categories: ['女装'],
    },
    orders90d: 1,
    level: { id: 'vip2', name: 'VIP2', discount: 0.95 },
    rfm: { r: 3, f: 4, m: 4, score: 344 },
    rfm8: 'important_keep',
    layer: 'develop',
    stage: { id: 'silent', daysSinceLastPaid: 70, daysToNextStage: 21 },
    ...overrides,
  };
}

export const sampleCoupon: TemplateCoupon = {
  name: '满150减20',
  thresholdCents: 15_000,
  amountCents: 2_000,
  code: 'HTK20',
  link: 'https://example.com/c/HTK20',
  expires: '2025-07-31',
};

export function sampleContext(overrides: Partial<RenderContext> = {}): RenderContext {
  return {
    lang: 'zh-CN',
    today: '2025-06-20',
    buyer: sampleBuyer(),
    coupon: sampleCoupon,
    order: { id: '2900123456789', trackingNo: 'SF1234567890', carrier: '顺丰' },
    agent: { name: '小南' },
    shop: { name: '南风女装' },
    ...overrides,
  };
}
