import type { OrderStatus } from '../schemas/order';

/**
 * Platform order-status wording → normalised status. Exact values seen in exports first; then
 * keyword rules for wording that varies between versions (`买家已付款,等待卖家发货` with an ASCII
 * comma, `已发货，退款成功`). Rule order matters: closed before everything (a refunded shipped
 * order is closed), unpaid before paid (`unpaid` contains `paid`), shipped before completed
 * (`等待确认收货` contains `确认收货`).
 */
const EXACT: Record<string, OrderStatus> = {
  // Taobao / Tmall
  等待买家付款: 'awaiting_payment',
  '买家已付款，等待卖家发货': 'paid',
  '卖家已发货，等待买家确认': 'shipped',
  卖家部分发货: 'shipped',
  交易成功: 'completed',
  交易关闭: 'closed',
  // Pinduoduo
  待支付: 'awaiting_payment',
  待发货: 'paid',
  '已发货，待签收': 'shipped',
  '已发货，待收货': 'shipped',
  已签收: 'completed',
  已取消: 'closed',
  '未发货，退款成功': 'closed',
  '已发货，退款成功': 'closed',
  // Douyin
  备货中: 'paid',
  已发货: 'shipped',
  部分发货: 'shipped',
  已完成: 'completed',
  已关闭: 'closed',
  // JD POP
  等待付款: 'awaiting_payment',
  等待出库: 'paid',
  等待确认收货: 'shipped',
  完成: 'completed',
  锁定: 'unknown',
  // Shopee (English and Taiwan)
  unpaid: 'awaiting_payment',
  'to ship': 'paid',
  shipping: 'shipped',
  'to receive': 'shipped',
  completed: 'completed',
  cancelled: 'closed',
  'return/refund': 'closed',
  待付款: 'awaiting_payment',
  待出貨: 'paid',
  運送中: 'shipped',
  不成立: 'closed',
  '退貨/退款': 'closed',
};

const RULES: readonly (readonly [OrderStatus, readonly string[]])[] = [
  ['closed', ['关闭', '關閉', '取消', '退款成功', '不成立', 'cancel', 'closed', 'void', 'refunded']],
  [
    'awaiting_payment',
    ['等待买家付款', '待付款', '待支付', '未付款', '等待付款', 'unpaid', 'pending', 'awaiting payment'],
  ],
  [
    'shipped',
    [
      '已发货',
      '已出貨',
      '待收货',
      '待签收',
      '等待确认收货',
      '等待买家确认',
      '运输中',
      '運送中',
      'shipped',
      'shipping',
      'in transit',
    ],
  ],
  ['paid', ['已付款', '待发货', '等待发货', '备货中', '等待出库', '待出貨', '已支付', 'to ship', 'paid', 'processing']],
  [
    'completed',
    ['交易成功', '已完成', '完成', '已签收', '已收货', '确认收货', 'completed', 'complete', 'delivered', 'fulfilled'],
  ],
];

/**
 * Trimmed, ASCII commas made full-width, white space around `/` dropped, lower case. Done by hand:
 * the regex `\s*\/\s*` retries from every space of a long run of them (seconds on a long cell).
 */
function normalizeStatus(raw: string): string {
  let text = raw.trim().replaceAll(',', '，');
  // The text is trimmed already, so trimming every part only drops the space around the slashes.
  if (text.includes('/'))
    text = text
      .split('/')
      .map((part) => part.trim())
      .join('/');
  return text.toLowerCase();
}

/** A file has a handful of distinct statuses over a million rows; remember them. */
const memo = new Map<string, OrderStatus>();
/** Longer texts are not a platform's status wording: not worth keeping. */
const MEMO_MAX_LENGTH = 100;

/** Normalised status of a platform's own wording; `unknown` when nothing fits. */
export function mapStatus(raw: string): OrderStatus {
  if (raw.length > MEMO_MAX_LENGTH) return mapStatusUncached(raw);
  let status = memo.get(raw);
  if (status === undefined) {
    status = mapStatusUncached(raw);
    if (memo.size > 1000) memo.clear();
    memo.set(raw, status);
  }
  return status;
}

function mapStatusUncached(raw: string): OrderStatus {
  const key = normalizeStatus(raw);
  const exact = EXACT[key];
  if (exact) return exact;
  for (const [status, words] of RULES) {
    for (const word of words) if (key.includes(word)) return status;
  }
  return 'unknown';
}

/**
 * Shopify splits status over payment (`Financial Status`), fulfilment and cancellation.
 * A fulfilled, paid order is the closest Shopify has to 交易成功.
 */
export function shopifyStatus(financial: string, fulfillment: string, cancelledAt: string): OrderStatus {
  const fin = financial.trim().toLowerCase();
  const ful = fulfillment.trim().toLowerCase();
  if (cancelledAt.trim() !== '' || fin === 'voided' || fin === 'refunded') return 'closed';
  if (fin === 'pending' || fin === 'authorized' || fin === 'expired') return 'awaiting_payment';
  if (fin === 'paid' || fin === 'partially_paid' || fin === 'partially_refunded') {
    if (ful === 'fulfilled') return 'completed';
    if (ful === 'partial') return 'shipped';
    return 'paid';
  }
  return 'unknown';
}
