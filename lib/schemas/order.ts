import { z } from 'zod';
import { CurrencyCodeSchema } from '../money/currency';
import { CentsSchema, LocalDateTimeSchema, PlatformSchema } from './common';

/**
 * Normalised order status. Importers map each platform's own wording here and keep the raw text.
 * - awaiting_payment: placed, not paid (等待买家付款)
 * - paid: paid, not shipped (买家已付款，等待卖家发货)
 * - shipped: shipped, not confirmed (卖家已发货，等待买家确认)
 * - completed: done (交易成功)
 * - closed: closed or cancelled without payment, or fully refunded and closed (交易关闭)
 * - unknown: a status the importer does not recognise (never counts as paid)
 */
export const OrderStatusSchema = z.enum(['awaiting_payment', 'paid', 'shipped', 'completed', 'closed', 'unknown']);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** One line item (a 子订单 / Shopify line item). `lineId` is stable across re-imports of the same data. */
export const OrderLineSchema = z.object({
  lineId: z.string(),
  title: z.string(),
  quantity: z.number().int().nonnegative(),
  /** Seller's SKU / 商家编码 / 商品属性, when the export has it. */
  sku: z.string().optional(),
  /** Category, when the export or a mapping gives one. */
  category: z.string().optional(),
  /** What the buyer paid for this line, when the export gives line amounts. */
  paidCents: CentsSchema.optional(),
  refundCents: CentsSchema.optional(),
});
export type OrderLine = z.infer<typeof OrderLineSchema>;

/**
 * What an importer emits for one order, possibly split over several fragments (one per line-item row).
 * Storage merges fragments by (platform, orderId); lines merge by lineId, so merging is idempotent.
 */
export const OrderFragmentSchema = z.object({
  platform: PlatformSchema,
  orderId: z.string().min(1),
  /** The platform's buyer identity (Taobao 买家会员名, JD 下单帐号, Shopee Username, Shopify Email); null when the export has none. */
  buyerKey: z.string().min(1).nullable(),
  /** Display name for the buyer when the export has one distinct from the key. */
  buyerNick: z.string().nullable(),
  status: OrderStatusSchema.nullable(),
  rawStatus: z.string().nullable(),
  createdAt: LocalDateTimeSchema.nullable(),
  paidAt: LocalDateTimeSchema.nullable(),
  /** When the parcel left (发货时间 / Fulfilled at); absent when the export has no such column. */
  shippedAt: LocalDateTimeSchema.nullable().optional(),
  /** Order-level amount actually paid (买家实际支付金额 / Total); null when only line amounts are known. */
  paidCents: CentsSchema.nullable(),
  /** Order-level refund; null when unknown at order level. */
  refundCents: CentsSchema.nullable(),
  /**
   * The currency of every amount of the order (ISO 4217: `MYR`, `TWD`), from the export (a currency
   * column, a mark on the amounts, Shopee's site) or the platform's; absent means CNY (`currencyOf`),
   * which is what importers leave it at for ¥ orders and what orders stored before were read as.
   */
  currency: CurrencyCodeSchema.optional(),
  lines: z.array(OrderLineSchema),
  /**
   * The parcel's tracking number (物流单号 / 快递单号 / 运单号 / Tracking Number) and carrier (物流公司 /
   * 快递公司 / Shipping Option); absent when the export has no such column or leaves the cell empty.
   * A later export that knows them fills them in (see mergeOrder).
   */
  trackingNo: z.string().min(1).optional(),
  carrier: z.string().min(1).optional(),
  /** Contact details, present only when the supervisor allowed storing them. */
  phone: z.string().optional(),
  address: z.string().optional(),
});
export type OrderFragment = z.infer<typeof OrderFragmentSchema>;

/** An order as stored: fragments merged. Same shape; `sources` records which import runs touched it. */
export const OrderSchema = OrderFragmentSchema.extend({
  sources: z.array(z.string()).default([]),
});
export type Order = z.infer<typeof OrderSchema>;

/**
 * What templates and the sidebar's suggestions may say about one of the buyer's orders (never the
 * contact details): the few orders a reply can be about travel with the buyer lookup.
 */
export const OrderFactsSchema = z.object({
  orderId: z.string().min(1).max(200),
  status: OrderStatusSchema.nullable(),
  createdAt: LocalDateTimeSchema.nullable(),
  paidAt: LocalDateTimeSchema.nullable(),
  shippedAt: LocalDateTimeSchema.optional(),
  /** The first line's title. */
  item: z.string().max(300).optional(),
  trackingNo: z.string().min(1).max(200).optional(),
  carrier: z.string().min(1).max(100).optional(),
});
export type OrderFacts = z.infer<typeof OrderFactsSchema>;
