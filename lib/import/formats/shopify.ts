import type { OrderFragment, OrderLine } from '../../schemas/order';
import {
  type MapperContext,
  type RowMapper,
  type RowReader,
  addContact,
  addCurrency,
  addShipped,
  emptyFragment,
} from '../row-reader';
import { shopifyStatus } from '../status';
import { addShipment } from './shipment';

/**
 * Shopify writes one row per line item and fills the order's own columns only on its first row,
 * so rows are grouped by `Name` (consecutive in the export) and an order is emitted when the next
 * one starts. Line ids come from the position within the order plus the SKU (or name), which is
 * stable across re-exports of the same order.
 */
export function shopifyMapper(ctx: MapperContext): RowMapper {
  let current: OrderFragment | null = null;
  let position = 0;
  // Line counts of orders already emitted, in case an export is sorted so an order's rows are
  // not together: its later rows must not reuse line ids `1:…`, `2:…` and overwrite earlier lines.
  const linesSeen = new Map<string, number>();
  // An order whose first row was unusable: its other rows carry no order data, so they go too.
  let skipping: string | null = null;

  function hasOrderFields(r: RowReader): boolean {
    return r.text('status') !== '' || r.text('time') !== '' || r.text('amount') !== '';
  }

  function fillOrder(f: OrderFragment, r: RowReader): void {
    const email = r.text('buyer').toLowerCase();
    f.buyerKey = email || null;
    f.buyerNick = r.text('buyerNick') || null;
    const financial = r.text('status');
    const fulfillment = r.text('fulfillment');
    const cancelledAt = r.text('cancelledAt');
    f.status = shopifyStatus(financial, fulfillment, cancelledAt);
    if (f.status === 'unknown') r.report('status', 'warning', 'import_unknownStatus', { value: financial });
    f.rawStatus = [financial || '-', fulfillment || 'unfulfilled'].join('/') + (cancelledAt ? ' (cancelled)' : '');
    f.createdAt = r.date('time');
    f.paidAt = r.date('paidTime');
    addShipped(f, r);
    addShipment(f, r);
    f.paidCents = r.cents('amount');
    f.refundCents = r.refund('refund');
    addContact(f, r, ctx.storeContact);
    addCurrency(f, r, ctx);
  }

  return {
    map(r) {
      const name = r.id('order');
      if (r.failed) return null;
      if (name === skipping) return null;
      let done: OrderFragment | null = null;
      if (current === null || current.orderId !== name) {
        done = current;
        if (current) linesSeen.set(current.orderId, position);
        skipping = null;
        position = linesSeen.get(name) ?? 0;
        const next = emptyFragment(ctx.platform, name);
        if (hasOrderFields(r)) fillOrder(next, r);
        if (r.failed) {
          skipping = name;
          current = null;
          return done;
        }
        current = next;
      }
      position++;
      const title = r.text('item');
      const sku = r.text('sku');
      const quantity = r.quantity('quantity');
      if (!r.failed && (title !== '' || sku !== '')) {
        const line: OrderLine = { lineId: `${position}:${sku || title}`, title, quantity: quantity ?? 1 };
        if (sku !== '') line.sku = sku;
        current.lines.push(line);
      }
      return done;
    },
    flush() {
      const done = current;
      current = null;
      return done;
    },
  };
}
