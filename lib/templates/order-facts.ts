import type { BuyerProfile } from '../schemas/buyer';
import { LocalDateTimeSchema } from '../schemas/common';
import type { ConsoleOrder } from '../schemas/messages';
import { OrderFactsSchema, type Order, type OrderFacts } from '../schemas/order';
import { parseTemplate, type ParsedTemplate } from './parse';
import type { TemplateKind } from './schema';
import { resolveVariable, type TemplateOrder } from './variables';

/**
 * Which of the buyer's orders a reply is about, so `{{order.…}}` names that order: a shipping
 * notice names the parcel on its way, an unpaid reminder the order waiting for payment, anything
 * else the open (unpaid or shipped) order, or else the latest.
 */

/** Orders a lookup carries: the newest few, and every open one among older orders up to the cap. */
const NEWEST = 5;
const MAX_FACTS = 10;

/** Placed, not paid: the order an unpaid reminder is about. */
export const isAwaitingPayment = (o: Pick<OrderFacts, 'status'>) => o.status === 'awaiting_payment';
/** Shipped and not yet received: the parcel a shipping notice or check-in is about. */
export const isOnItsWay = (o: Pick<OrderFacts, 'status'>) => o.status === 'shipped';
const isOpen = (o: Pick<OrderFacts, 'status'>) => isAwaitingPayment(o) || isOnItsWay(o);

const timeOf = (o: Pick<Order, 'createdAt' | 'paidAt'>) => o.createdAt ?? o.paidAt ?? '';
const newestFirst = (
  a: Pick<Order, 'createdAt' | 'paidAt' | 'orderId'>,
  b: Pick<Order, 'createdAt' | 'paidAt' | 'orderId'>,
) => {
  const ta = timeOf(a);
  const tb = timeOf(b);
  return ta < tb ? 1 : ta > tb ? -1 : a.orderId < b.orderId ? 1 : a.orderId > b.orderId ? -1 : 0;
};

const time = (s: string | null | undefined): string | null =>
  s && LocalDateTimeSchema.safeParse(s).success ? s : null;

/** One order as templates may see it (no contact details; a field too long to be real is left out). */
export function orderFactsOf(order: Order): OrderFacts {
  const facts: OrderFacts = {
    orderId: order.orderId.slice(0, 200),
    status: order.status,
    createdAt: time(order.createdAt),
    paidAt: time(order.paidAt),
  };
  const shipped = time(order.shippedAt);
  if (shipped) facts.shippedAt = shipped;
  const item = order.lines[0]?.title;
  if (item) facts.item = item.slice(0, 300);
  if (order.trackingNo && order.trackingNo.length <= 200) facts.trackingNo = order.trackingNo;
  if (order.carrier && order.carrier.length <= 100) facts.carrier = order.carrier;
  return OrderFactsSchema.parse(facts);
}

/** The orders a reply may be about, newest first: the newest few, and any open order older than them. */
export function replyOrders(orders: readonly Order[]): OrderFacts[] {
  const sorted = [...orders].sort(newestFirst);
  const picked = sorted.filter((o, i) => i < NEWEST || isOpen(o)).slice(0, MAX_FACTS);
  return picked.map(orderFactsOf);
}

/**
 * The buyer's orders with what the console's order panel shows now (issue 19): a status, tracking
 * number or carrier the panel shows replaces the imported one (the panel is newer than any export;
 * what it leaves out is kept), and orders not yet imported are added. Newest first, as
 * {@link replyOrders} gives them, so a shipping notice names the parcel the console just shipped.
 */
export function withConsoleOrders(
  orders: readonly OrderFacts[],
  panel: readonly ConsoleOrder[] | undefined,
): OrderFacts[] {
  if (!panel?.length) return [...orders];
  const byId = new Map(orders.map((o) => [o.orderId, o]));
  const added = new Set<string>();
  for (const c of panel) {
    if (!byId.has(c.id)) added.add(c.id);
    const known = byId.get(c.id);
    const facts: OrderFacts = known
      ? { ...known }
      : { orderId: c.id.slice(0, 200), status: null, createdAt: null, paidAt: null };
    if (c.status !== 'unknown' || !known) facts.status = c.status;
    if (!facts.createdAt && c.createdAt) facts.createdAt = time(c.createdAt);
    if (c.tracking && c.tracking.length <= 200) facts.trackingNo = c.tracking;
    if (c.carrier && c.carrier.length <= 100) facts.carrier = c.carrier;
    byId.set(c.id, OrderFactsSchema.parse(facts));
  }
  // An order only the panel knows, shown without a time, is one of the buyer's current orders.
  const timeOfFacts = (o: OrderFacts) => o.createdAt ?? o.paidAt ?? (added.has(o.orderId) ? '\uffff' : '');
  return [...byId.values()].sort((a, b) => {
    const ta = timeOfFacts(a);
    const tb = timeOfFacts(b);
    return ta < tb ? 1 : ta > tb ? -1 : a.orderId < b.orderId ? 1 : a.orderId > b.orderId ? -1 : 0;
  });
}

/**
 * The order a template of this kind is about, from `orders` newest first (as {@link replyOrders}
 * gives them): for a shipping notice or check-in the newest parcel on its way, for an unpaid
 * reminder the newest order awaiting payment; otherwise, or when there is none, the newest open
 * order, else the newest order. Null when the buyer has no orders.
 */
export function orderFor(kind: TemplateKind, orders: readonly OrderFacts[]): OrderFacts | null {
  const own =
    kind === 'shipping' || kind === 'delivery_checkin'
      ? orders.find(isOnItsWay)
      : kind === 'unpaid_reminder'
        ? orders.find(isAwaitingPayment)
        : undefined;
  return own ?? orders.find(isOpen) ?? orders[0] ?? null;
}

/**
 * Kinds of reply the buyer's orders call for whatever the reminders say: a shipping notice while a
 * parcel with a tracking number is on its way (an export names the parcel, but only a change seen
 * between two imports makes a shipping reminder; a buyer asking "发货了吗" deserves the number).
 */
export function kindsFromOrders(orders: readonly OrderFacts[]): TemplateKind[] {
  return orders.some((o) => isOnItsWay(o) && o.trackingNo !== undefined) ? ['shipping'] : [];
}

/**
 * The order as `{{order.…}}` reads it. `lastItem` ("most recently bought item") comes from the
 * order only when it was bought (paid, shipped or received); otherwise the buyer's last items say it.
 */
export function templateOrder(order: OrderFacts | null): TemplateOrder | null {
  if (!order) return null;
  const out: TemplateOrder = { id: order.orderId };
  const bought = order.status === 'paid' || order.status === 'shipped' || order.status === 'completed';
  if (bought && order.item) out.lastItem = order.item;
  if (order.trackingNo) out.trackingNo = order.trackingNo;
  if (order.carrier) out.carrier = order.carrier;
  return out;
}

/**
 * Order variables the body uses without a fallback that this order cannot fill (`order.trackingNo`
 * of an order with no tracking number): a template missing one is not suggested for this buyer.
 */
export function missingOrderFacts(
  body: string | ParsedTemplate,
  order: TemplateOrder | null,
  buyer: BuyerProfile | null,
): string[] {
  const parsed = typeof body === 'string' ? parsedBody(body) : body;
  const missing: string[] = [];
  for (const node of parsed.nodes) {
    if (node.type !== 'var' || node.fallback !== null || !node.name.startsWith('order.')) continue;
    if (resolveVariable(node.name, { lang: 'zh-CN', today: '', buyer, order }) === null && !missing.includes(node.name))
      missing.push(node.name);
  }
  return missing;
}

/** Parsed bodies by text: ranking asks for each template at every re-render. */
const parsedCache = new Map<string, ParsedTemplate>();
function parsedBody(body: string): ParsedTemplate {
  let parsed = parsedCache.get(body);
  if (!parsed) {
    if (parsedCache.size > 500) parsedCache.clear();
    parsedCache.set(body, (parsed = parseTemplate(body)));
  }
  return parsed;
}
