import type { OrderFragment, OrderLine } from '../../schemas/order';
import {
  type MapperContext,
  type RowMapper,
  type RowReader,
  addContact,
  addCurrency,
  addShipped,
  emptyFragment,
  withContext,
} from '../row-reader';
import type { MappingField } from '../mapping';
import { contentHash } from '../values';
import { addShipment } from './shipment';
import { shopifyMapper } from './shopify';
import type { FormatId } from './specs';

/** A mapper that turns each row into one fragment on its own. */
function perRow(build: (r: RowReader) => OrderFragment | null): RowMapper {
  return { map: build, flush: () => null };
}

function line(r: RowReader, lineId: string, extra: Partial<OrderLine> = {}): OrderLine[] {
  const title = r.text('item');
  if (title === '' && lineId === '') return [];
  const out: OrderLine = { lineId, title, quantity: r.quantity('quantity') ?? 1, ...extra };
  const sku = r.text('sku') || r.text('variant');
  if (sku !== '') out.sku = sku;
  return [out];
}

/**
 * A platform export's row: what every platform gives the same way (the order, its buyer when the
 * export has one, the status with the column that explains it, the times, the parcel) around what
 * `fill` reads the platform's own way (amounts, lines).
 */
function platformRow(
  ctx: MapperContext,
  statusNote: MappingField,
  fill: (f: OrderFragment, r: RowReader) => void,
): RowMapper {
  return perRow((r) => {
    const f = emptyFragment(ctx.platform, r.id('order'));
    f.buyerKey = r.text('buyer') || null;
    const { status, rawStatus } = r.status();
    f.status = status;
    f.rawStatus = withContext(rawStatus, r.text(statusNote));
    f.createdAt = r.date('time');
    f.paidAt = r.date('paidTime');
    addShipped(f, r);
    fill(f, r);
    addShipment(f, r);
    addContact(f, r, ctx.storeContact);
    addCurrency(f, r, ctx);
    return r.failed ? null : f;
  });
}

/** A line's amounts, when the export gives them per line. */
function lineAmounts(r: RowReader, refund: number | null): Partial<OrderLine> {
  const extra: Partial<OrderLine> = {};
  const paid = r.cents('lineAmount');
  if (paid !== null) extra.paidCents = paid;
  if (refund !== null) extra.refundCents = refund;
  return extra;
}

/** The order's refund: its own column, else what the after-sale column says. */
const orderRefund = (r: RowReader) => (r.has('refund') ? r.refund('refund') : r.afterSaleRefund());

/** 订单报表: one row per order, items folded into 宝贝标题 / 宝贝总数量. */
const taobaoOrder = (ctx: MapperContext) =>
  platformRow(ctx, 'closeReason', (f, r) => {
    f.paidCents = r.cents('amount');
    f.refundCents = r.refund('refund');
    f.lines = line(r, '');
  });

/** Taobao item report and Douyin: one row per 子订单, amounts per line, no order totals. */
const subOrders = (ctx: MapperContext) =>
  platformRow(ctx, 'afterSale', (f, r) => {
    const lineId = r.id('line');
    f.lines = line(r, lineId, lineAmounts(r, r.has('lineRefund') ? r.refund('lineRefund') : r.afterSaleRefund()));
  });

/** Pinduoduo: one row per order (one product), no buyer identity at all. */
const pinduoduo = (ctx: MapperContext) =>
  platformRow(ctx, 'afterSale', (f, r) => {
    f.paidCents = r.cents('amount');
    f.refundCents = orderRefund(r);
    f.lines = line(r, '');
  });

/**
 * JD POP and Shopee: one row per product, order fields repeated on each row (merging the
 * fragments is idempotent). Neither gives line ids, so the product's own identity is used.
 */
const repeatedOrder = (ctx: MapperContext) =>
  platformRow(ctx, 'afterSale', (f, r) => {
    f.paidCents = r.cents('amount');
    f.refundCents = orderRefund(r);
    const lineId = r.text('line') || [r.text('sku') || r.text('item'), r.text('variant')].filter(Boolean).join('|');
    f.lines = line(r, lineId, lineAmounts(r, null));
  });

/**
 * A table the user mapped. Without an order column each row is one order, with an id hashed
 * from the row's content, so importing the same rows again updates instead of duplicating.
 * Without a status column an order counts as completed.
 */
function generic(ctx: MapperContext): RowMapper {
  return perRow((r) => {
    const buyer = r.text('buyer');
    if (buyer === '') r.fail('buyer', 'import_missingValue');
    const createdAt = r.date('time');
    if (createdAt === null && !r.failed) r.fail('time', 'import_missingValue');
    const paidCents = r.cents('amount');
    if (paidCents === null && !r.failed) r.fail('amount', 'import_missingValue');
    const orderId = r.has('order')
      ? r.id('order')
      : `row-${contentHash([buyer, createdAt, paidCents, r.fields.join('\u001f')].join('\u001e'))}`;
    const f = emptyFragment(ctx.platform, orderId);
    f.buyerKey = buyer || null;
    f.buyerNick = r.text('buyerNick') || null;
    if (r.has('status')) {
      const { status, rawStatus } = r.status();
      f.status = status;
      f.rawStatus = rawStatus;
    } else {
      f.status = 'completed';
    }
    f.createdAt = createdAt;
    // A table without a payment-time column records purchases: the order time is when it was paid.
    f.paidAt = r.has('paidTime') ? r.date('paidTime') : createdAt;
    addShipped(f, r);
    f.paidCents = paidCents;
    f.refundCents = r.refund('refund');
    f.lines = line(r, r.text('line'));
    addShipment(f, r);
    addContact(f, r, ctx.storeContact);
    addCurrency(f, r, ctx);
    return r.failed ? null : f;
  });
}

export function createMapper(id: FormatId, ctx: MapperContext): RowMapper {
  switch (id) {
    case 'taobao_order':
      return taobaoOrder(ctx);
    case 'taobao_item':
    case 'douyin':
      return subOrders(ctx);
    case 'pinduoduo':
      return pinduoduo(ctx);
    case 'jd':
    case 'shopee':
      return repeatedOrder(ctx);
    case 'shopify':
      return shopifyMapper(ctx);
    case 'generic':
      return generic(ctx);
  }
}
