/**
 * The dashboard's concern charts, from plain records: concerns per week and per item (or category),
 * the rarer ones folded into one `other` series.
 */
import { addDays } from '../dates/local-date';
import { weekdayOf } from '../reminders/time';

/** A series per concern for a stacked chart; concerns past `top` fold into one `other` series. */
export interface Stacked {
  /** Category axis labels (week starts, item names). */
  axis: string[];
  series: { concern: string; values: number[] }[];
}

export const OTHER = '__other';

/** The Monday of a date's week. */
export function weekOf(date: string): string {
  return addDays(date, -weekdayOf(date));
}

function stack(pairs: readonly (readonly [string, string])[], axis: string[], top: number): Stacked {
  const totals = new Map<string, number>();
  for (const [, concern] of pairs) totals.set(concern, (totals.get(concern) ?? 0) + 1);
  const kept = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([c]) => c);
  const names = totals.size > kept.length ? [...kept, OTHER] : kept;
  const at = new Map(axis.map((a, i) => [a, i]));
  const series = names.map((concern) => ({ concern, values: axis.map(() => 0) }));
  const bySeries = new Map(series.map((s) => [s.concern, s]));
  for (const [label, concern] of pairs) {
    const i = at.get(label);
    if (i === undefined) continue;
    const s = bySeries.get(kept.includes(concern) ? concern : OTHER)!;
    s.values[i]!++;
  }
  return { axis, series };
}

/** Concerns per week (Monday-start), every week from the first to the last, empty weeks included. */
export function concernsByWeek(records: readonly { date: string; concern: string }[], top = 8, maxWeeks = 26): Stacked {
  if (records.length === 0) return { axis: [], series: [] };
  const weeks = records.map((r) => weekOf(r.date));
  const last = weeks.reduce((a, b) => (a > b ? a : b));
  let firstWeek = weeks.reduce((a, b) => (a < b ? a : b));
  const earliest = addDays(last, -7 * (maxWeeks - 1));
  if (firstWeek < earliest) firstWeek = earliest;
  const axis: string[] = [];
  for (let w = firstWeek; w <= last; w = addDays(w, 7)) axis.push(w);
  return stack(
    records.map((r, i) => [weeks[i]!, r.concern] as const),
    axis,
    top,
  );
}

/**
 * What a concern is about in "concerns per item": the product the buyer was asking about when the
 * console showed one (issue 19), else the buyer's last bought item; or the category of either.
 */
export function concernSubject(
  record: { buyerId: string; product?: { id: string | null; title: string } | undefined },
  by: 'item' | 'category',
  buyerItem: (buyerId: string) => { item: string | null; category: string | null } | undefined,
  productCategory: (product: { id: string | null; title: string }) => string | null,
): string | null {
  const product = record.product;
  if (product && (product.title || product.id)) {
    if (by === 'item') return product.title || product.id;
    const category = productCategory(product);
    if (category !== null) return category;
  }
  const bought = buyerItem(record.buyerId);
  return (by === 'item' ? bought?.item : bought?.category) ?? null;
}

/** The items (or categories) buyers raised most concerns about, stacked by concern. */
export function concernsByItem<R extends { buyerId: string; concern: string }>(
  records: readonly R[],
  itemOf: (record: R) => string | null,
  topItems = 8,
  topConcerns = 6,
): Stacked {
  const pairs: [string, string][] = [];
  const perItem = new Map<string, number>();
  for (const r of records) {
    const item = itemOf(r);
    if (!item) continue;
    pairs.push([item, r.concern]);
    perItem.set(item, (perItem.get(item) ?? 0) + 1);
  }
  // Largest last: a horizontal bar chart draws the first category at the bottom.
  const axis = [...perItem.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, topItems)
    .map(([i]) => i)
    .reverse();
  return stack(pairs, axis, topConcerns);
}

/** Whether "concerns per category" has anything to show: a buyer's item or an asked-about product with a category. */
export function hasConcernCategories(
  items: Iterable<{ category: string | null }>,
  concerns: readonly { product?: { id: string | null; title: string } | undefined }[],
  productCategory: (product: { id: string | null; title: string }) => string | null,
): boolean {
  for (const i of items) if (i.category) return true;
  return concerns.some((x) => x.product !== undefined && productCategory(x.product) !== null);
}
