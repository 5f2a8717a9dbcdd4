import { z } from 'zod';
import { generateConversations } from './conversations';
import type { DemoOrder } from './orders';
import type { DemoOptions } from './plan';
import { csvField, EXPORT_EOL, generateDemoOrders } from './taobao-export';
import { exportStamp } from './time';

/**
 * The demo shop's Pinduoduo mode (issue 19): the orders of the buyers chatting in the demo console,
 * as a Pinduoduo 订单导出 has them — no buyer column at all, like the real export (see
 * tests/fixtures/exports/pinduoduo-orders-20251010.csv) — and, for each of those buyers, the order
 * panel the demo console shows beside their chat in `?platform=pinduoduo`. Importing the export
 * gives the extension orders without a buyer; opening a conversation whose panel lists some of
 * them ties them to that buyer, so the demo shows the linking at work. Derived from the same plan
 * as the Taobao export (the same orders, with Pinduoduo-shaped ids), so it is deterministic per day.
 */

/** The columns of a Pinduoduo order export (as the seller backend names them). */
export const PINDUODUO_HEADER_ROW =
  '商品,订单号,订单状态,商品总价(元),邮费(元),店铺优惠折扣(元),平台优惠折扣(元),多多支付立减金额(元),用户实付金额(元),商家实收金额(元),商品数量(件),订单成交时间,发货时间,确认收货时间,商品id,商品规格,商家编码-SKU维度,售后状态,快递单号,快递公司,商家备注';

/** An order as the demo console's order panel lists it (demo/src/state.ts `DemoOrder`). */
export const DemoPanelOrderSchema = z.object({
  id: z.string().min(1),
  status: z.enum(['unpaid', 'paid', 'shipped']),
  amountCents: z.number().int().nonnegative(),
  at: z.string(),
  tracking: z.string().optional(),
});
export type DemoPanelOrder = z.infer<typeof DemoPanelOrderSchema>;

/** `pinduoduo-panels.json`: each buyer's (conversation buyer id) order panel, oldest first. */
export const DemoPanelsFileSchema = z.object({
  version: z.literal(1),
  panels: z.record(z.string(), z.array(DemoPanelOrderSchema)),
});
export type DemoPanelsFile = z.infer<typeof DemoPanelsFileSchema>;

export const PINDUODUO_PANELS_FILE = 'pinduoduo-panels.json';

export function pinduoduoExportFileName(asOf: string): string {
  return `pinduoduo-orders-${exportStamp(asOf)}.csv`;
}

/** Pinduoduo's order number shape, `yymmdd-` and 15 digits, derived from the demo order's id. */
export function pinduoduoOrderId(order: DemoOrder): string {
  let h = 2166136261;
  let digits = '';
  for (let round = 0; digits.length < 15; round++) {
    for (const ch of `${order.orderId}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    digits += String(h % 100_000).padStart(5, '0');
  }
  return `${order.createdAt.slice(2, 10).replace(/-/g, '')}-${digits.slice(0, 15)}`;
}

const RAW: Record<DemoOrder['status'], string> = {
  awaiting_payment: '待支付',
  paid: '待发货',
  shipped: '已发货，待签收',
  completed: '已签收',
  closed: '已取消',
  unknown: '',
};

const yuan = (cents: number) => (cents / 100).toFixed(2);

function pinduoduoRow(order: DemoOrder): string {
  const line = order.lines[0]!;
  const quantity = order.lines.reduce((n, l) => n + l.quantity, 0);
  const refunded = order.refundCents > 0;
  const raw = refunded ? (order.status === 'paid' ? '未发货，退款成功' : '已发货，退款成功') : RAW[order.status];
  const shipped = order.status === 'shipped' || order.status === 'completed' || (refunded && order.status !== 'paid');
  const fields = [
    order.lines.length > 1 ? `${line.title} 等${order.lines.length}件` : line.title,
    pinduoduoOrderId(order),
    raw,
    yuan(order.goodsCents),
    yuan(order.shippingCents),
    yuan(order.discountCents),
    '0.00',
    '0.00',
    yuan(order.paidCents),
    yuan(order.paidCents),
    String(quantity),
    order.paidAt ?? order.createdAt,
    shipped ? (order.paidAt ?? order.createdAt) : '',
    order.status === 'completed' ? (order.confirmedAt ?? '') : '',
    line.productId,
    '',
    '',
    refunded ? '退款成功' : '无售后或售后取消',
    shipped ? order.logisticsNo : '',
    shipped ? order.logisticsCompany : '',
    order.sellerMemo,
  ];
  return fields.map(csvField).join(',');
}

/** How the demo console's panel shows an order (its three statuses; a closed order is not listed). */
function panelOrder(order: DemoOrder): DemoPanelOrder | null {
  if (order.status === 'closed' || order.status === 'unknown') return null;
  const status = order.status === 'awaiting_payment' ? 'unpaid' : order.status === 'paid' ? 'paid' : 'shipped';
  return {
    id: pinduoduoOrderId(order),
    status,
    amountCents:
      order.status === 'awaiting_payment'
        ? order.goodsCents + order.shippingCents - order.discountCents
        : order.paidCents,
    at: order.createdAt,
    ...(status === 'shipped' && order.logisticsNo ? { tracking: order.logisticsNo } : {}),
  };
}

/** The Pinduoduo export (header and rows, CRLF-free text) and every chatting buyer's order panel. */
export function pinduoduoDemo(options: DemoOptions): { text: string; rows: number; panels: DemoPanelsFile } {
  const chatting = new Map<string, string>();
  for (const c of generateConversations(options).conversations) if (c.inExport) chatting.set(c.nick, c.buyerId);
  const lines = [PINDUODUO_HEADER_ROW];
  const panels: Record<string, DemoPanelOrder[]> = {};
  for (const order of generateDemoOrders(options)) {
    const buyerId = chatting.get(order.buyerNick);
    if (buyerId === undefined) continue;
    lines.push(pinduoduoRow(order));
    const shown = panelOrder(order);
    if (shown) (panels[buyerId] ??= []).push(shown);
  }
  for (const list of Object.values(panels)) list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { text: lines.join(EXPORT_EOL) + EXPORT_EOL, rows: lines.length - 1, panels: { version: 1, panels } };
}
