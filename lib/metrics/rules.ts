import { z } from 'zod';
import { localDateOf } from '../dates/local-date';
import { effectivePaidCents, effectiveRefundCents } from '../orders/merge';
import { OrderStatusSchema, type Order } from '../schemas/order';

/**
 * Which orders count as purchases for levels, RFM and stages. An order counts when all hold:
 * 1. its normalised status is in `countedStatuses` (default: paid, shipped, completed — an unpaid,
 *    closed or unrecognised order is not a purchase). An order nobody gave a status (status null)
 *    counts only when `countMissingStatus` is on; importers already mark the rows of a status-less
 *    table such as a sales ledger `completed`, so null means "not known" and is off by default;
 * 2. it has a payment time, when `requirePaidAt` is on (default). Importers of formats that have no
 *    payment time fill `paidAt` themselves, so this only rejects orders the export says were never paid;
 * 3. its net amount, paid − refunded, is above zero (a fully refunded order is not a purchase).
 * The order's date is the shop-local date of `paidAt`; with `requirePaidAt` off, an order without a
 * payment time falls back to the date it was created.
 */
export const CountingRulesSchema = z.object({
  countedStatuses: z.array(OrderStatusSchema).default(['paid', 'shipped', 'completed']),
  countMissingStatus: z.boolean().default(false),
  requirePaidAt: z.boolean().default(true),
});
export type CountingRules = z.infer<typeof CountingRulesSchema>;

export const DEFAULT_COUNTING_RULES: CountingRules = CountingRulesSchema.parse({});

/** Paid minus refunded, in cents. */
export function netCents(order: Pick<Order, 'paidCents' | 'refundCents' | 'lines'>): number {
  return effectivePaidCents(order) - effectiveRefundCents(order);
}

/** The shop-local date an order is counted on, or null when it does not count as a purchase. */
export function countedDate(
  order: Pick<Order, 'status' | 'paidAt' | 'createdAt' | 'paidCents' | 'refundCents' | 'lines'>,
  rules: CountingRules = DEFAULT_COUNTING_RULES,
): string | null {
  if (order.status === null ? !rules.countMissingStatus : !rules.countedStatuses.includes(order.status)) return null;
  const time = order.paidAt ?? (rules.requirePaidAt ? null : order.createdAt);
  if (time === null) return null;
  if (netCents(order) <= 0) return null;
  return localDateOf(time);
}

export function isCounted(order: Order, rules: CountingRules = DEFAULT_COUNTING_RULES): boolean {
  return countedDate(order, rules) !== null;
}
