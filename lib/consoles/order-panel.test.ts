import { describe, expect, it } from 'vitest';
import { consoleOrderStatus, parseProductId, parseShownAmount, parseShownOrderId, parseShownTime } from './order-panel';

describe('order panel values', () => {
  it.each([
    ['待付款', 'awaiting_payment'],
    ['待支付', 'awaiting_payment'],
    ['未付款', 'awaiting_payment'],
    ['待发货', 'paid'],
    ['已付款', 'paid'],
    ['已发货', 'shipped'],
    ['待收货', 'shipped'],
    ['运输中', 'shipped'],
    ['已完成', 'completed'],
    ['交易成功', 'completed'],
    ['完成', 'completed'],
    ['已关闭', 'closed'],
    ['已取消', 'closed'],
    ['退款中？', 'unknown'],
  ] as const)('maps the Pinduoduo status %s to %s', (text, status) => {
    expect(consoleOrderStatus('pinduoduo', text)).toBe(status);
  });

  it('reads a status cell that also holds a 取消订单 button by its status, not as cancelled', () => {
    expect(consoleOrderStatus('pinduoduo', '待付款 取消订单')).toBe('awaiting_payment');
    expect(consoleOrderStatus('douyin', '待支付\n修改价格 取消订单')).toBe('awaiting_payment');
    expect(consoleOrderStatus('jd', '待发货 取消订单')).toBe('paid');
    expect(consoleOrderStatus('jd', '交易取消')).toBe('closed');
    expect(consoleOrderStatus('taobao', '已取消')).toBe('closed');
  });

  it('reads Shopee statuses in English; English words mean nothing on Douyin', () => {
    expect(consoleOrderStatus('shopee', 'To Ship')).toBe('paid');
    expect(consoleOrderStatus('shopee', 'Unpaid')).toBe('awaiting_payment');
    expect(consoleOrderStatus('shopee', 'Completed')).toBe('completed');
    expect(consoleOrderStatus('shopee', 'Cancelled')).toBe('closed');
    expect(consoleOrderStatus('shopee', 'Shipping')).toBe('shipped');
    expect(consoleOrderStatus('douyin', 'To Ship')).toBe('unknown');
  });

  it('reads amounts after the currency mark', () => {
    expect(parseShownAmount('共2件 实付¥25.00')).toBe(2500);
    expect(parseShownAmount('￥1,299')).toBe(129900);
    expect(parseShownAmount('RM 12.5')).toBe(1250);
    expect(parseShownAmount('89.90')).toBe(8990);
    expect(parseShownAmount('—')).toBeUndefined();
  });

  it('reads full local times only', () => {
    expect(parseShownTime('下单时间：2026/11/20 14:03')).toBe('2026-11-20 14:03:00');
    expect(parseShownTime('2026年1月5日 09:07:30')).toBe('2026-01-05 09:07:30');
    expect(parseShownTime('11-20 14:03')).toBeUndefined();
    expect(parseShownTime('2026-13-01')).toBeUndefined();
  });

  it('reads order ids and product ids', () => {
    expect(parseShownOrderId('订单号：241120-081234567890 复制')).toBe('241120-081234567890');
    expect(parseProductId('https://mobile.yangkeduo.com/goods.html?goods_id=123456789&x=1', 'goods_id')).toBe(
      '123456789',
    );
    expect(parseProductId('https://item.jd.com/100012345678.html')).toBe('100012345678');
    expect(parseProductId('https://example.com/p/')).toBeNull();
  });
});
