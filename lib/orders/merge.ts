import type { Order, OrderFragment, OrderLine } from '../schemas/order';

/**
 * Storage key of an order. Order ids are unique per platform only (Taobao and JD ids can collide),
 * and Tmall shares Taobao's ids, which is why the importer maps Tmall to `taobao`.
 */
export function orderKey(platform: string, orderId: string): string {
  return `${platform}:${orderId}`;
}

/** The parcel's fields: optional text, filled by the first export that knows them. */
const SHIPMENT_FIELDS = ['trackingNo', 'carrier'] as const;

/** Order-level fields where a later non-null value replaces an earlier one. */
const NULLABLE_FIELDS = [
  'buyerKey',
  'buyerNick',
  'status',
  'rawStatus',
  'createdAt',
  'paidAt',
  'shippedAt',
  'paidCents',
  'refundCents',
] as const;

/**
 * Merge one importer fragment into the stored order (or start one).
 *
 * Re-importing a file, or importing two exports that overlap, must not double anything:
 * - lines are keyed by `lineId`; a line seen again replaces the stored one;
 * - an order-level field takes the fragment's value when the fragment knows it (non-null) and
 *   keeps the stored value otherwise — Shopify repeats order fields only on an order's first row,
 *   and a Taobao item report has no order-level total, so missing values must not erase known ones;
 * - within one run (the order already lists `sourceId`) the rows are different lines of the same
 *   export, and they may disagree: a Taobao item report marks a refunded 子订单 交易关闭 beside a
 *   交易成功 one, Douyin adds one line's after-sale note to the status. Those disagreements are
 *   settled by {@link settle}, not by row order, so the order counts (or not) whatever order the
 *   rows come in; a later run's first value still replaces what an earlier run said (Shopify, whose
 *   later rows leave order fields blank, puts them on an order's first row);
 * - `sources` is the sorted set of import-run ids that touched the order.
 * Lines are kept sorted by `lineId` (digits compared as numbers) so the result does not depend on
 * which fragment arrived first. The inputs are not modified.
 */
export function mergeOrder(existing: Order | null | undefined, fragment: OrderFragment, sourceId: string): Order {
  if (existing && (existing.platform !== fragment.platform || existing.orderId !== fragment.orderId)) {
    throw new Error(
      `mergeOrder: fragment ${orderKey(fragment.platform, fragment.orderId)} does not belong to order ${orderKey(existing.platform, existing.orderId)}`,
    );
  }
  const base: Order = existing ?? { ...fragment, lines: [], sources: [] };
  const merged: Order = { ...base };
  const sameRun = existing ? existing.sources.includes(sourceId) : false;
  for (const field of NULLABLE_FIELDS) {
    const value = fragment[field];
    // `shippedAt` is optional: an export without the column (undefined) knows no more than null.
    if (value === null || value === undefined || field === 'status' || field === 'rawStatus') continue;
    const stored = base[field];
    (merged as Record<string, unknown>)[field] =
      sameRun && stored !== null && stored !== undefined ? settle(stored, value) : value;
  }
  if (fragment.status !== null || fragment.rawStatus !== null) {
    const keepStored =
      sameRun && (base.status !== null || base.rawStatus !== null) && compareStatus(base, fragment) > 0;
    if (!keepStored) {
      merged.status = fragment.status;
      merged.rawStatus = fragment.rawStatus;
    }
  }
  // Unknown either way; one spelling, so the same data merged in any order gives the same record.
  if (merged.shippedAt === null) delete merged.shippedAt;
  // The parcel: an export that names it (a later one, once the order shipped) fills it in; one that
  // leaves it out (no such column, or not shipped when exported) keeps what is known.
  for (const field of SHIPMENT_FIELDS) {
    const value = fragment[field];
    if (value === undefined || value === '') continue;
    const stored = base[field];
    merged[field] = sameRun && stored !== undefined ? (settle(stored, value) as string) : value;
  }
  // Absent is CNY: a fragment only names a currency that is not (see OrderFragmentSchema.currency).
  if (fragment.currency !== undefined) merged.currency = fragment.currency;
  if (fragment.phone !== undefined) merged.phone = fragment.phone;
  if (fragment.address !== undefined) merged.address = fragment.address;
  merged.lines = mergeLines(base.lines, fragment.lines);
  merged.sources = base.sources.includes(sourceId) ? [...base.sources] : [...base.sources, sourceId].sort();
  return merged;
}

/** How far an order got: an order with one completed line and one refunded (closed) line is completed. */
const STATUS_RANK: Readonly<Record<string, number>> = {
  unknown: 0,
  closed: 1,
  awaiting_payment: 2,
  paid: 3,
  shipped: 4,
  completed: 5,
};

/**
 * Positive when `a`'s status should stand over `b`'s within one run: the further status, then the
 * raw text carrying more (a line's after-sale note), then code-unit order, so any arrival order agrees.
 */
function compareStatus(a: Pick<Order, 'status' | 'rawStatus'>, b: Pick<Order, 'status' | 'rawStatus'>): number {
  const rank = (s: Order['status']) => (s === null ? -1 : (STATUS_RANK[s] ?? 0));
  return (
    rank(a.status) - rank(b.status) ||
    (a.rawStatus ?? '').length - (b.rawStatus ?? '').length ||
    compareCodeUnits(a.rawStatus ?? '', b.rawStatus ?? '')
  );
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Two rows of one run disagree on an order-level value: amounts take the larger (a refund noted on
 * one line must not be erased by a line without one), times the earlier, names the first in
 * code-unit order. Any rule would do as long as it does not depend on which row came last.
 */
function settle(stored: string | number, incoming: string | number): string | number {
  if (typeof stored === 'number' && typeof incoming === 'number') return Math.max(stored, incoming);
  return compareCodeUnits(String(stored), String(incoming)) <= 0 ? stored : incoming;
}

function mergeLines(stored: readonly OrderLine[], incoming: readonly OrderLine[]): OrderLine[] {
  if (incoming.length === 0) return [...stored];
  const byId = new Map<string, OrderLine>();
  for (const line of stored) byId.set(line.lineId, line);
  for (const line of incoming) byId.set(line.lineId, { ...line });
  return [...byId.values()].sort((a, b) => compareLineIds(a.lineId, b.lineId));
}

const lineIdCollator = new Intl.Collator('en', { numeric: true });

/** Natural order: "2" before "10", so line ids that are row numbers stay in row order. */
export function compareLineIds(a: string, b: string): number {
  return lineIdCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Merge a batch of fragments (one import run) into a map of orders keyed by {@link orderKey}. */
export function mergeFragments(
  orders: Map<string, Order>,
  fragments: Iterable<OrderFragment>,
  sourceId: string,
): Map<string, Order> {
  for (const fragment of fragments) {
    const key = orderKey(fragment.platform, fragment.orderId);
    orders.set(key, mergeOrder(orders.get(key), fragment, sourceId));
  }
  return orders;
}

/** What the buyer paid for the order: the order-level amount when known, else the sum of line amounts. */
export function effectivePaidCents(order: Pick<Order, 'paidCents' | 'lines'>): number {
  if (order.paidCents !== null) return order.paidCents;
  let sum = 0;
  for (const line of order.lines) sum += line.paidCents ?? 0;
  return sum;
}

/** What was refunded: the order-level refund when known, else the sum of line refunds. */
export function effectiveRefundCents(order: Pick<Order, 'refundCents' | 'lines'>): number {
  if (order.refundCents !== null) return order.refundCents;
  let sum = 0;
  for (const line of order.lines) sum += line.refundCents ?? 0;
  return sum;
}
