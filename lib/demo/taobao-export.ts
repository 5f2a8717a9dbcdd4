import { TAOBAO_ORDER_HEADERS_54 } from '../import/formats/taobao-headers';
import { DEMO_SHOP } from './catalog';
import { buildOrder, type DemoOrder } from './orders';
import { planDemoShop, type DemoOptions } from './plan';
import { exportStamp } from './time';

/** Line terminator between rows of the generated report. */
export const EXPORT_EOL = '\n';

const yuan = (cents: number) => (cents / 100).toFixed(2);

/** RFC 4180 quoting, only where needed (Taobao leaves plain fields bare). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Taobao writes ids as a formula so spreadsheets keep every digit. */
const idCell = (id: string) => `="${id}"`;

/** One order as a row of the 54-column 订单报表, in header order. */
export function taobaoRow(order: DemoOrder): string {
  const refunded = order.refundCents > 0;
  const settled = order.status === 'completed' ? order.paidCents - order.refundCents : 0;
  const cells: Record<(typeof TAOBAO_ORDER_HEADERS_54)[number], string> = {
    订单编号: idCell(order.orderId),
    买家会员名: csvField(order.buyerNick),
    买家支付宝账号: `demo${order.buyerIndex}@example.com`,
    买家应付货款: yuan(order.goodsCents),
    买家应付邮费: yuan(order.shippingCents),
    买家支付积分: '0',
    总金额: yuan(order.goodsCents + order.shippingCents),
    返点积分: '0',
    买家实际支付金额: yuan(order.paidCents),
    买家实际支付积分: '0',
    订单状态: order.rawStatus,
    买家留言: csvField(order.buyerMessage),
    收货人姓名: order.receiver,
    '收货地址 ': csvField(order.address),
    运送方式: '快递',
    '联系电话 ': '',
    联系手机: `'${order.mobile}`,
    订单创建时间: order.createdAt,
    '订单付款时间 ': order.paidAt ?? '',
    '宝贝标题 ': csvField(order.lines.map((line) => line.title).join('，')),
    '宝贝种类 ': String(order.lines.length),
    '物流单号 ': order.logisticsNo,
    物流公司: order.logisticsCompany,
    订单备注: csvField(order.sellerMemo),
    宝贝总数量: String(order.lines.reduce((sum, line) => sum + line.quantity, 0)),
    店铺Id: DEMO_SHOP.id,
    店铺名称: DEMO_SHOP.name,
    订单关闭原因: order.closeReason,
    卖家服务费: '0',
    买家服务费: '0',
    发票抬头: csvField(order.invoiceTitle),
    是否手机订单: order.mobileOrder ? '手机订单' : '',
    分阶段订单信息: '',
    特权订金订单id: '',
    是否上传合同照片: '否',
    是否上传小票: '否',
    是否代付: '否',
    定金排名: '',
    修改后的sku: '',
    修改后的收货地址: '',
    异常信息: '',
    天猫卡券抵扣: '',
    集分宝抵扣: '0',
    是否是O2O交易: '',
    退款金额: refunded ? yuan(order.refundCents) : '无退款申请',
    预约门店: '',
    确认收货时间: order.confirmedAt ?? '',
    打款商家金额: `${yuan(settled)}元`,
    含应开票给个人的个人红包: '0',
    是否信用购: '否',
    新零售交易类型: '',
    新零售导购门店id: '',
    新零售导购门店名称: '',
    新零售发货门店id: '',
  };
  return TAOBAO_ORDER_HEADERS_54.map((header) => cells[header]).join(',');
}

export const TAOBAO_HEADER_ROW = TAOBAO_ORDER_HEADERS_54.join(',');

/** Every order of the demo shop (or a bigger one), newest first, built one at a time. */
export function* generateDemoOrders(options: DemoOptions): Generator<DemoOrder> {
  const plan = planDemoShop(options);
  for (const g of plan.newestFirst) yield buildOrder(plan, g);
}

/**
 * The shop's 订单报表 as row strings without line terminators: the header first, then one row per
 * order. Rows are made on demand, so a million-row benchmark file never sits in memory.
 */
export function* generateTaobaoExport(options: DemoOptions): Generator<string> {
  yield TAOBAO_HEADER_ROW;
  for (const order of generateDemoOrders(options)) yield taobaoRow(order);
}

/** The whole report as text (use for demo-sized data only). */
export function taobaoExportText(options: DemoOptions): string {
  let text = '';
  for (const row of generateTaobaoExport(options)) text += row + EXPORT_EOL;
  return text;
}

/** `ExportOrderList202611200000.csv` for an as-of date, as the seller backend names it. */
export function taobaoExportFileName(asOf: string): string {
  return `ExportOrderList${exportStamp(asOf)}.csv`;
}
