import { describe, expect, it } from 'vitest';
import type { Order, OrderFacts } from '../schemas/order';
import { defaultTemplates } from './library';
import {
  kindsFromOrders,
  missingOrderFacts,
  orderFor,
  replyOrders,
  templateOrder,
  withConsoleOrders,
} from './order-facts';
import { rankTemplates } from './rank';
import { renderVariant } from './render';
import { sampleBuyer, sampleContext } from './testing';

function order(orderId: string, createdAt: string, over: Partial<Order> = {}): Order {
  return {
    platform: 'taobao',
    orderId,
    buyerKey: 'tb_lily88',
    buyerNick: null,
    status: 'completed',
    rawStatus: '交易成功',
    createdAt,
    paidAt: createdAt,
    paidCents: 19_900,
    refundCents: 0,
    lines: [{ lineId: '', title: `商品${orderId}`, quantity: 1 }],
    sources: ['run-1'],
    ...over,
  };
}

const COMPLETED = order('2900001', '2025-03-01 10:00:00', { trackingNo: 'YT7512345678901', carrier: '圆通速递' });
const SHIPPED = order('2900002', '2025-06-15 09:00:00', {
  status: 'shipped',
  rawStatus: '卖家已发货，等待买家确认',
  trackingNo: 'SF1402345678901',
  carrier: '顺丰速运',
  lines: [{ lineId: '', title: '高腰阔腿牛仔裤', quantity: 1 }],
});
const UNPAID = order('2900003', '2025-06-19 21:00:00', {
  status: 'awaiting_payment',
  rawStatus: '等待买家付款',
  paidAt: null,
  paidCents: 0,
});
const CLOSED = order('2900004', '2025-06-20 08:00:00', {
  status: 'closed',
  rawStatus: '交易关闭',
  paidAt: null,
  paidCents: 0,
});

const shippingNotice = defaultTemplates().find((t) => t.id === 'builtin.shipping.notice')!;

describe('the order a reply is about', () => {
  it('carries the newest orders and any older one still open, newest first, without contact details', () => {
    const old = Array.from({ length: 8 }, (_, i) => order(`28000${i}`, `2024-0${i + 1}-01 10:00:00`));
    const openOld = order('2700000', '2023-12-01 10:00:00', {
      status: 'shipped',
      phone: '13800138000',
      address: '杭州',
    });
    const facts = replyOrders([...old, openOld, COMPLETED, SHIPPED, CLOSED]);
    expect(facts.map((f) => f.orderId)).toEqual(['2900004', '2900002', '2900001', '280007', '280006', '2700000']);
    expect(facts[1]).toEqual({
      orderId: '2900002',
      status: 'shipped',
      createdAt: '2025-06-15 09:00:00',
      paidAt: '2025-06-15 09:00:00',
      item: '高腰阔腿牛仔裤',
      trackingNo: 'SF1402345678901',
      carrier: '顺丰速运',
    });
    expect(JSON.stringify(facts)).not.toContain('13800138000');
  });

  it('is the parcel on its way for a shipping notice or check-in, the unpaid order for an unpaid reminder, else the open one, else the latest', () => {
    const facts = replyOrders([COMPLETED, SHIPPED, UNPAID, CLOSED]);
    expect(orderFor('shipping', facts)?.orderId).toBe(SHIPPED.orderId);
    expect(orderFor('delivery_checkin', facts)?.orderId).toBe(SHIPPED.orderId);
    expect(orderFor('unpaid_reminder', facts)?.orderId).toBe(UNPAID.orderId);
    // Anything else: the newest open order (unpaid is newer than the parcel), not the closed one.
    expect(orderFor('custom', facts)?.orderId).toBe(UNPAID.orderId);
    const nothingOpen = replyOrders([COMPLETED, CLOSED]);
    expect(orderFor('shipping', nothingOpen)?.orderId).toBe(CLOSED.orderId);
    expect(orderFor('thanks', [])).toBeNull();
  });

  it('names the item only of an order that was bought', () => {
    const [closed, unpaid, shipped] = replyOrders([SHIPPED, UNPAID, CLOSED]) as [OrderFacts, OrderFacts, OrderFacts];
    expect(templateOrder(shipped)).toEqual({
      id: '2900002',
      lastItem: '高腰阔腿牛仔裤',
      trackingNo: 'SF1402345678901',
      carrier: '顺丰速运',
    });
    expect(templateOrder(unpaid)).toEqual({ id: '2900003' });
    expect(templateOrder(closed)).toEqual({ id: '2900004' });
    expect(templateOrder(null)).toBeNull();
  });
});

describe('the shipping notice (发货通知)', () => {
  it('renders for a shipped order with its tracking number and carrier', () => {
    const facts = replyOrders([COMPLETED, SHIPPED, UNPAID]);
    const ctx = sampleContext({
      order: templateOrder(orderFor(shippingNotice.kind, facts)),
      answers: { 预计到达时间: '后天' },
    });
    const { result } = renderVariant(shippingNotice, ctx);
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.text).toBe(
      '莉莉小姐，您的宝贝已经发出啦！顺丰速运单号：SF1402345678901，预计后天送到。收到后有任何问题先联系我，我来处理。',
    );
    // Before the expected date is filled, the preview shows the parcel and the one blank.
    const open = renderVariant(shippingNotice, { ...ctx, answers: {} }).result;
    expect(!open.ok && open.preview).toContain('SF1402345678901');
    expect(!open.ok && open.errors.map((e) => e.code)).toEqual(['missingAnswer']);
  });

  it('is suggested for a buyer with a parcel on its way, and not for one whose order has no tracking number or who has no order', () => {
    const ranked = (orders: Order[]) =>
      rankTemplates([shippingNotice], {
        profile: sampleBuyer(),
        recentConcerns: [],
        platform: 'taobao',
        lang: 'zh-CN',
        now: 0,
        orders: replyOrders(orders),
      }).map((r) => r.template.id);
    expect(ranked([COMPLETED, SHIPPED])).toEqual(['builtin.shipping.notice']);
    const { trackingNo: _t, ...untracked } = SHIPPED;
    expect(ranked([untracked])).toEqual([]);
    expect(ranked([])).toEqual([]);
    expect(
      missingOrderFacts(
        shippingNotice.variants['zh-CN'],
        templateOrder(orderFor('shipping', replyOrders([untracked]))),
        sampleBuyer(),
      ),
    ).toEqual(['order.trackingNo']);
    // The carrier has a fallback (快递): a parcel without one is still suggested.
    const { carrier: _c, ...noCarrier } = SHIPPED;
    expect(ranked([noCarrier])).toEqual(['builtin.shipping.notice']);
  });

  it('is called for by a parcel on its way with a tracking number, not by one received or untracked', () => {
    expect(kindsFromOrders(replyOrders([COMPLETED, SHIPPED]))).toEqual(['shipping']);
    expect(kindsFromOrders(replyOrders([COMPLETED, { ...SHIPPED, trackingNo: undefined } as Order]))).toEqual([]);
    expect(kindsFromOrders(replyOrders([COMPLETED]))).toEqual([]);
  });
});

describe('the shipping notice for a parcel the console shows', () => {
  it('names the tracking number and carrier the order panel shows, for an imported order the export had as paid', () => {
    const paid = order('2900003', '2025-06-18 20:00:00', { status: 'paid', rawStatus: '买家已付款' });
    const facts = withConsoleOrders(replyOrders([COMPLETED, paid]), [
      { id: '2900003', status: 'shipped', tracking: 'ZT7300000000001', carrier: '中通快递' },
    ]);
    expect(kindsFromOrders(facts)).toEqual(['shipping']);
    const ctx = sampleContext({
      order: templateOrder(orderFor(shippingNotice.kind, facts)),
      answers: { 预计到达时间: '周五' },
    });
    const { result } = renderVariant(shippingNotice, ctx);
    expect(result.ok && result.text).toBe(
      '莉莉小姐，您的宝贝已经发出啦！中通快递单号：ZT7300000000001，预计周五送到。收到后有任何问题先联系我，我来处理。',
    );
    // The item the export named is kept.
    expect(facts.find((f) => f.orderId === '2900003')).toMatchObject({ status: 'shipped', item: '商品2900003' });
  });

  it('names a parcel only the console knows, before any export has it, and reads well without a carrier', () => {
    const facts = withConsoleOrders(replyOrders([COMPLETED]), [
      { id: 'PDD-241207-77', status: 'shipped', tracking: 'YT7500000000002' },
    ]);
    expect(facts[0]).toMatchObject({ orderId: 'PDD-241207-77', status: 'shipped', trackingNo: 'YT7500000000002' });
    const ctx = sampleContext({
      order: templateOrder(orderFor(shippingNotice.kind, facts)),
      answers: { 预计到达时间: '周五' },
    });
    const { result } = renderVariant(shippingNotice, ctx);
    expect(result.ok && result.text).toContain('快递单号：YT7500000000002');
    // No panel: the imported orders as they were.
    expect(withConsoleOrders(replyOrders([COMPLETED]), undefined)).toEqual(replyOrders([COMPLETED]));
  });
});
