import { z } from 'zod';

/**
 * The order facts an importer reads from a row. A format (or the user, for a generic table)
 * maps each to one header; a mapping is shown and edited by header name, not position.
 */
export const MAPPING_FIELDS = [
  'order', // order id; optional only in generic tables
  'line', // line (sub-order) id
  'buyer',
  'buyerNick',
  'status',
  'closeReason', // Taobao 订单关闭原因: context for rawStatus
  'afterSale', // 售后状态 / Return-Refund Status: context, and a refund when it names an amount
  'fulfillment', // Shopify Fulfillment Status
  'cancelledAt', // Shopify Cancelled at
  'time', // order created
  'paidTime',
  'shipTime', // 发货时间 / Fulfilled at
  'trackingNo', // 物流单号 / 快递单号 / 运单号 / Tracking Number
  'carrier', // 物流公司 / 快递公司 / Shipping Option
  'amount', // order-level amount paid
  'refund', // order-level refund
  'item', // line title
  'quantity',
  'sku',
  'variant',
  'lineAmount',
  'lineRefund',
  'phone',
  'address',
  'currency', // Shopify Currency, or any column naming the amounts' currency (MYR, RM, ¥)
  'country', // Shopee Country: the site, and so the currency, when amounts do not name it
] as const;

export const MappingFieldSchema = z.enum(MAPPING_FIELDS);
export type MappingField = z.infer<typeof MappingFieldSchema>;

/** Field → header name as it appears in the file (trimmed). */
export const ColumnMappingSchema = z.partialRecord(MappingFieldSchema, z.string().min(1));
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** Fields a generic table must map; without `order`, each row is one order. */
export const GENERIC_REQUIRED: readonly MappingField[] = ['buyer', 'time', 'amount'];

/**
 * How headers are compared: case, width (full-width `（單）`), spaces anywhere and a stray BOM do
 * not matter, because exports differ in exactly these between versions. Shopee Taiwan's newer
 * `(單)` (order) / `(品)` (item) suffixes are dropped so both generations match.
 */
export function normalizeHeader(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\ufeff]+/g, '')
    .replace(/\((?:單|品)\)$/, '')
    .toLowerCase();
}

/** Column index per field, -1 when unmapped. */
export type ColumnIndex = Record<MappingField, number>;

export function emptyColumnIndex(): ColumnIndex {
  const index = {} as ColumnIndex;
  for (const field of MAPPING_FIELDS) index[field] = -1;
  return index;
}

/** Header positions by normalised name; the first of duplicate names wins. */
export function headerLookup(headers: readonly string[]): Map<string, number> {
  const lookup = new Map<string, number>();
  headers.forEach((name, i) => {
    const key = normalizeHeader(name);
    if (key !== '' && !lookup.has(key)) lookup.set(key, i);
  });
  return lookup;
}
