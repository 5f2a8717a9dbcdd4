import type { Platform } from '../../schemas/common';
import type { MappingField } from '../mapping';
import { TAOBAO_ITEM_HEADERS, TAOBAO_ORDER_HEADERS_54, TAOBAO_ORDER_HEADERS_61 } from './taobao-headers';

export const FORMAT_IDS = ['taobao_order', 'taobao_item', 'pinduoduo', 'douyin', 'jd', 'shopify', 'shopee', 'generic'] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

/** What a platform export looks like: which header holds each field, and which headers identify it. */
export interface FormatSpec {
  id: Exclude<FormatId, 'generic'>;
  /** e.g. `54` / `61` columns, `en` / `zh-TW` headers. */
  variant: string;
  platform: Platform;
  /** Field → accepted header names, best first (compared normalised: case, width and spaces ignored). */
  columns: Partial<Record<MappingField, readonly string[]>>;
  /** Fields whose header must be present. */
  required: readonly MappingField[];
  /** Headers of the real export; the share present is the detection confidence. */
  signature: readonly string[];
  /** The currency of the export's amounts when the format itself says it (Shopee Taiwan's headers: TWD). */
  currency?: string;
}

/** The currency a detected format's amounts are in by the format alone, or null when the rows must say. */
export function formatCurrency(format: { id: string; variant: string | null }): string | null {
  return FORMAT_SPECS.find((s) => s.id === format.id && s.variant === format.variant)?.currency ?? null;
}

const TAOBAO_ORDER_COLUMNS = {
  order: ['订单编号'],
  buyer: ['买家会员名'],
  status: ['订单状态'],
  closeReason: ['订单关闭原因'],
  time: ['订单创建时间'],
  paidTime: ['订单付款时间'],
  amount: ['买家实际支付金额'],
  refund: ['退款金额'],
  item: ['宝贝标题'],
  quantity: ['宝贝总数量'],
  trackingNo: ['物流单号'],
  carrier: ['物流公司'],
  phone: ['联系手机', '联系电话'],
  address: ['收货地址'],
} as const;

const TAOBAO_ORDER_REQUIRED: readonly MappingField[] = ['order', 'buyer', 'status', 'time', 'amount'];

export const FORMAT_SPECS: readonly FormatSpec[] = [
  {
    id: 'taobao_order', variant: '54', platform: 'taobao',
    columns: TAOBAO_ORDER_COLUMNS, required: TAOBAO_ORDER_REQUIRED, signature: TAOBAO_ORDER_HEADERS_54,
  },
  {
    id: 'taobao_order', variant: '61', platform: 'taobao',
    columns: TAOBAO_ORDER_COLUMNS, required: TAOBAO_ORDER_REQUIRED, signature: TAOBAO_ORDER_HEADERS_61,
  },
  {
    id: 'taobao_item', variant: 'item', platform: 'taobao',
    columns: {
      order: ['主订单编号'], line: ['子订单编号'], status: ['订单状态'], time: ['订单创建时间'],
      paidTime: ['订单付款时间'], shipTime: ['发货时间'], item: ['商品标题'], quantity: ['购买数量'], sku: ['商家编码'],
      variant: ['商品属性'], lineAmount: ['买家实付金额'], lineRefund: ['退款金额'], trackingNo: ['物流单号'],
      carrier: ['物流公司'],
    },
    required: ['order', 'line', 'status', 'time'],
    signature: TAOBAO_ITEM_HEADERS,
  },
  {
    id: 'pinduoduo', variant: 'default', platform: 'pinduoduo',
    columns: {
      order: ['订单号'], status: ['订单状态'], afterSale: ['售后状态'], time: ['订单成交时间'],
      paidTime: ['支付时间', '付款时间', '订单成交时间'], shipTime: ['发货时间'], amount: ['用户实付金额(元)', '用户实付金额'],
      refund: ['退款金额(元)', '退款金额'], item: ['商品', '商品名称'], quantity: ['商品数量(件)', '商品数量'],
      sku: ['商家编码-SKU维度', '商家编码'], variant: ['商品规格', '样式'], trackingNo: ['快递单号', '运单号'],
      carrier: ['快递公司', '物流公司'],
    },
    required: ['order', 'status', 'time', 'amount'],
    signature: [
      '订单成交时间', '商品', '订单号', '订单状态', '商品总价(元)', '邮费(元)', '店铺优惠折扣(元)', '平台优惠折扣(元)',
      '多多支付立减金额(元)', '用户实付金额(元)', '商家实收金额(元)', '商品数量(件)', '发货时间', '确认收货时间',
      '商品id', '商品规格', '售后状态', '快递单号', '快递公司',
    ],
  },
  {
    id: 'douyin', variant: 'default', platform: 'douyin',
    columns: {
      order: ['主订单编号'], line: ['子订单编号'], buyer: ['买家昵称', '用户昵称', '买家账号'],
      status: ['订单状态'], afterSale: ['售后状态'], time: ['订单提交时间'], paidTime: ['支付完成时间'],
      item: ['选购商品', '商品名称'], quantity: ['商品数量'], sku: ['商家编码'], variant: ['商品规格'],
      lineAmount: ['订单应付金额'], lineRefund: ['退款金额'], phone: ['收件人手机号', '收件人电话'],
      address: ['详细地址', '收货地址'], trackingNo: ['快递单号', '物流单号', '运单号'], carrier: ['物流公司', '快递公司'],
    },
    required: ['order', 'line', 'status', 'time'],
    signature: [
      '主订单编号', '子订单编号', '选购商品', '商品规格', '商品数量', '商家编码', '订单应付金额', '订单提交时间',
      '订单状态', '商品单价', '买家留言', '支付完成时间', '售后状态', '商品ID',
    ],
  },
  {
    id: 'jd', variant: 'default', platform: 'jd',
    columns: {
      order: ['订单号'], line: ['商品ID', '商品编号'], buyer: ['下单帐号', '下单账号'], status: ['订单状态'],
      time: ['下单时间'], paidTime: ['付款确认时间'], amount: ['应付金额', '订单金额'], item: ['商品名称'],
      quantity: ['订购数量'], phone: ['联系电话'], address: ['客户地址'], trackingNo: ['运单号', '快递单号'],
      carrier: ['快递公司', '承运商', '物流公司'],
    },
    required: ['order', 'buyer', 'status', 'time'],
    signature: [
      '订单号', '商品ID', '商品名称', '订购数量', '支付方式', '下单时间', '付款确认时间', '订单完成时间', '京东价',
      '订单金额', '结算金额', '余额支付', '应付金额', '运费金额', '服务费', '订单状态', '订单类型', '订单渠道',
      '订单来源', '下单帐号', '客户姓名', '客户地址', '联系电话', '订单备注', '商家备注',
    ],
  },
  {
    id: 'shopify', variant: 'default', platform: 'shopify',
    columns: {
      order: ['Name'], buyer: ['Email'], buyerNick: ['Billing Name'], status: ['Financial Status'],
      fulfillment: ['Fulfillment Status'], cancelledAt: ['Cancelled at'], time: ['Created at'],
      paidTime: ['Paid at'], shipTime: ['Fulfilled at'], amount: ['Total'], refund: ['Refunded Amount'], item: ['Lineitem name'],
      quantity: ['Lineitem quantity'], sku: ['Lineitem sku'], phone: ['Phone', 'Billing Phone', 'Shipping Phone'],
      address: ['Shipping Address1', 'Billing Address1'], currency: ['Currency'],
      // Not in Shopify's own orders export; in exports made by apps (Matrixify: `Fulfillment: …`).
      trackingNo: ['Tracking Number', 'Tracking Numbers', 'Fulfillment: Tracking Number'],
      carrier: ['Tracking Company', 'Fulfillment: Tracking Company'],
    },
    required: ['order', 'buyer', 'status', 'time', 'amount', 'item'],
    signature: [
      'Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Fulfilled at', 'Accepts Marketing',
      'Currency', 'Subtotal', 'Shipping', 'Taxes', 'Total', 'Discount Code', 'Discount Amount', 'Shipping Method',
      'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Lineitem compare at price',
      'Lineitem sku', 'Lineitem requires shipping', 'Lineitem taxable', 'Lineitem fulfillment status',
      'Billing Name', 'Billing Address1', 'Billing City', 'Billing Zip', 'Billing Country', 'Billing Phone',
      'Shipping Name', 'Shipping Address1', 'Shipping City', 'Shipping Zip', 'Shipping Country', 'Notes',
      'Cancelled at', 'Payment Method', 'Refunded Amount', 'Vendor', 'Id', 'Tags', 'Source', 'Phone',
    ],
  },
  {
    id: 'shopee', variant: 'en', platform: 'shopee',
    columns: {
      order: ['Order ID'], buyer: ['Username (Buyer)'], status: ['Order Status'],
      afterSale: ['Return / Refund Status'], time: ['Order Creation Date'], paidTime: ['Order Paid Time'],
      shipTime: ['Ship Time'],
      amount: ['Grand Total', 'Total Amount'], refund: ['Refund Amount'], item: ['Product Name'],
      quantity: ['Quantity'], sku: ['SKU Reference No.', 'Parent SKU Reference No.'], variant: ['Variation Name'],
      lineAmount: ['Product Subtotal'], phone: ['Phone Number'], address: ['Delivery Address'],
      trackingNo: ['Tracking Number*', 'Tracking Number'], carrier: ['Shipping Option'],
      country: ['Country'], currency: ['Currency'],
    },
    required: ['order', 'buyer', 'status', 'time'],
    signature: [
      'Order ID', 'Order Status', 'Return / Refund Status', 'Tracking Number*', 'Shipping Option', 'Shipment Method',
      'Estimated Ship Out Date', 'Ship Time', 'Order Creation Date', 'Order Paid Time', 'Parent SKU Reference No.',
      'Product Name', 'SKU Reference No.', 'Variation Name', 'Original Price', 'Deal Price', 'Quantity',
      'Product Subtotal', 'Grand Total', 'Buyer Paid Shipping Fee', 'Total Amount', 'Username (Buyer)',
      'Receiver Name', 'Phone Number', 'Delivery Address', 'Country', 'Zip Code', 'Remark from buyer',
      'Order Complete Time', 'Note',
    ],
  },
  {
    // Shopee Taiwan. Only 訂單編號/買家帳號/訂單成立時間/商品名稱 are documented; the other names are
    // the same export's usual wording, with and without the (單)/(品) suffixes of newer versions.
    id: 'shopee', variant: 'zh-TW', platform: 'shopee', currency: 'TWD',
    columns: {
      order: ['訂單編號 (單)', '訂單編號'], buyer: ['買家帳號 (單)', '買家帳號'], status: ['訂單狀態 (單)', '訂單狀態'],
      afterSale: ['退貨 / 退款狀態 (單)', '退貨 / 退款狀態'],
      time: ['訂單成立時間 (單)', '訂單成立日期 (單)', '訂單成立時間', '訂單成立日期'],
      paidTime: ['買家付款時間 (單)', '買家付款時間', '付款時間 (單)'],
      amount: ['買家總支付金額 (單)', '買家總支付金額', '訂單總金額 (單)', '訂單總金額'],
      item: ['商品名稱 (品)', '商品名稱'], quantity: ['數量 (品)', '數量'],
      sku: ['商品選項貨號 (品)', '商品選項貨號', '主商品貨號 (品)', '主商品貨號'],
      variant: ['商品選項名稱 (品)', '商品選項名稱'], lineAmount: ['商品小計 (品)', '商品小計'],
      phone: ['收件者電話 (單)', '收件者電話'], address: ['收件地址 (單)', '收件地址'],
      trackingNo: ['包裹查詢號碼 (單)', '包裹查詢號碼'], carrier: ['寄送方式 (單)', '寄送方式'],
    },
    required: ['order', 'buyer', 'status', 'time'],
    signature: [
      '訂單編號 (單)', '訂單狀態 (單)', '退貨 / 退款狀態 (單)', '買家帳號 (單)', '訂單成立時間 (單)', '買家付款時間 (單)',
      '商品名稱 (品)', '商品選項名稱 (品)', '商品選項貨號 (品)', '數量 (品)', '商品活動價格 (品)', '商品小計 (品)',
      '買家總支付金額 (單)', '收件者姓名 (單)', '收件者電話 (單)', '收件地址 (單)', '訂單完成時間 (單)', '備註 (單)',
    ],
  },
];
