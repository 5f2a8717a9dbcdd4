/** How the console presents itself for each `?platform=`; names are the consoles it imitates. */
export type PlatformId = 'taobao' | 'pinduoduo' | 'douyin' | 'jd' | 'shopee';

export interface PlatformLook {
  id: PlatformId;
  /** Product name in the top bar. */
  name: string;
  /** One glyph for the logo square. */
  glyph: string;
  brand: string;
  /** Background of the agent's own bubbles. */
  bubble: string;
  /** Where buyers come from, shown under the current buyer. */
  channel: string;
}

export const PLATFORMS: Record<PlatformId, PlatformLook> = {
  taobao: {
    id: 'taobao',
    name: '千牛 · 接待中心',
    glyph: '千',
    brand: '#ff5000',
    bubble: '#fff1e8',
    channel: '来自 手机淘宝',
  },
  pinduoduo: {
    id: 'pinduoduo',
    name: '拼多多 · 商家客服',
    glyph: '拼',
    brand: '#e02e24',
    bubble: '#ffecea',
    channel: '来自 拼多多App',
  },
  douyin: {
    id: 'douyin',
    name: '抖店 · 飞鸽客服',
    glyph: '飞',
    brand: '#fe2c55',
    bubble: '#ffe9ee',
    channel: '来自 抖音商城',
  },
  jd: { id: 'jd', name: '京东 · 咚咚商家', glyph: '咚', brand: '#e1251b', bubble: '#fdecea', channel: '来自 京东App' },
  shopee: {
    id: 'shopee',
    name: 'Shopee · 卖家聊聊',
    glyph: 'S',
    brand: '#ee4d2d',
    bubble: '#fff0ec',
    channel: '来自 Shopee App',
  },
};

export function platformLook(id: string | null): PlatformLook {
  return id && id in PLATFORMS ? PLATFORMS[id as PlatformId] : PLATFORMS.taobao;
}

/** How each console's order panel labels an order (issue 19): the words its own panel uses. */
export interface OrderPanelLook {
  tab: string;
  id: string;
  amount: string;
  time: string;
  tracking: string;
  status: Record<'unpaid' | 'paid' | 'shipped', string>;
  empty: string;
}

export const ORDER_LOOKS: Record<PlatformId, OrderPanelLook> = {
  taobao: {
    tab: '订单',
    id: '订单号',
    amount: '实付款',
    time: '下单时间',
    tracking: '运单号',
    status: { unpaid: '等待买家付款', paid: '买家已付款', shipped: '卖家已发货' },
    empty: '该买家近期没有订单',
  },
  pinduoduo: {
    tab: '订单',
    id: '订单编号',
    amount: '实付',
    time: '下单时间',
    tracking: '快递单号',
    status: { unpaid: '待支付', paid: '待发货', shipped: '待收货' },
    empty: '暂无订单',
  },
  douyin: {
    tab: '订单',
    id: '订单编号',
    amount: '实付金额',
    time: '下单时间',
    tracking: '物流单号',
    status: { unpaid: '待支付', paid: '待发货', shipped: '已发货' },
    empty: '暂无订单信息',
  },
  jd: {
    tab: '订单',
    id: '订单号',
    amount: '应付金额',
    time: '下单时间',
    tracking: '运单号',
    status: { unpaid: '等待付款', paid: '等待出库', shipped: '等待收货' },
    empty: '暂无订单',
  },
  shopee: {
    tab: 'Orders',
    id: 'Order ID',
    amount: 'Order Total',
    time: 'Placed',
    tracking: 'Tracking No.',
    status: { unpaid: 'Unpaid', paid: 'To Ship', shipped: 'Shipping' },
    empty: 'No orders yet',
  },
};
