import { addDays } from '../dates/local-date';
import { buyerId as makeBuyerId } from '../schemas/buyer';
import type { Platform } from '../schemas/common';
import type { Order } from '../schemas/order';
import { reminderId, type OrderEvent, type Reminder, type ReminderKind, type ReminderRules } from './schema';
import { DEFAULT_TIME_ZONE, epochAt, epochOfLocalDateTime, localDateAt, minuteOfDay, outsideQuietHours } from './time';

/** Imported orders and/or live events; both may describe the same order (events fill in times). */
export interface OrderSource {
  orders?: readonly Order[];
  events?: readonly OrderEvent[];
}

interface OrderState {
  platform: Platform;
  orderId: string;
  buyerKey: string;
  nick: string;
  createdAt?: number;
  shippedAt?: number;
  paid: boolean;
  closed: boolean;
  /** The export said 等待买家付款 (or a `created` event with nothing after it). */
  awaitingPayment: boolean;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

function collect(source: OrderSource, timeZone: string): Map<string, OrderState> {
  const states = new Map<string, OrderState>();
  const get = (platform: Platform, orderId: string, buyerKey: string, nick: string | null | undefined): OrderState => {
    const key = `${platform}:${orderId}`;
    let s = states.get(key);
    if (!s) {
      s = { platform, orderId, buyerKey, nick: nick || buyerKey, paid: false, closed: false, awaitingPayment: false };
      states.set(key, s);
    } else if (nick && s.nick === s.buyerKey) s.nick = nick;
    return s;
  };
  for (const order of source.orders ?? []) {
    if (!order.buyerKey) continue;
    const s = get(order.platform, order.orderId, order.buyerKey, order.buyerNick);
    if (order.createdAt) s.createdAt = epochOfLocalDateTime(order.createdAt, timeZone);
    const status = order.status;
    if (order.paidAt || status === 'paid' || status === 'shipped' || status === 'completed') s.paid = true;
    if (status === 'closed') s.closed = true;
    if (status === 'awaiting_payment') s.awaitingPayment = true;
    if (order.shippedAt && shippingStillOpen(order)) {
      const at = epochOfLocalDateTime(order.shippedAt, timeZone);
      s.shippedAt = s.shippedAt === undefined ? at : Math.min(s.shippedAt, at);
    }
  }
  for (const event of source.events ?? []) {
    if (!event.orderId || event.kind === 'buyer_message') continue;
    const s = get(event.platform, event.orderId, event.buyerKey, event.nick);
    if (event.kind === 'created') {
      s.createdAt ??= event.at;
      s.awaitingPayment = true;
    } else if (event.kind === 'paid') s.paid = true;
    else if (event.kind === 'closed') s.closed = true;
    else if (event.kind === 'shipped') {
      s.paid = true;
      s.shippedAt = s.shippedAt === undefined ? event.at : Math.min(s.shippedAt, event.at);
    }
  }
  return states;
}

/**
 * Whether a shipped order may still want a shipping notice and check-in: not when it was closed
 * (refunded, cancelled), nor when the buyer already confirmed receipt. Shopify has no such
 * confirmation — its "fulfilled" reads as completed — so there completed still means on its way.
 */
function shippingStillOpen(order: Order): boolean {
  if (order.status === 'closed') return false;
  return order.status !== 'completed' || order.platform === 'shopify';
}

function isUnpaid(s: OrderState): boolean {
  return s.awaitingPayment && !s.paid && !s.closed;
}

function draft(s: OrderState, kind: ReminderKind, offset: string | number, dueAt: number, now: number): Reminder {
  const buyer = makeBuyerId(s.platform, s.buyerKey);
  return {
    id: reminderId(kind, buyer, s.orderId, offset),
    buyerId: buyer,
    nick: s.nick,
    platform: s.platform,
    kind,
    dueAt,
    createdAt: now,
    source: kind,
    note: '',
    status: 'pending',
    orderId: s.orderId,
    updatedAt: now,
  };
}

/**
 * New reminders for unpaid and shipped orders. Ids are derived from (rule, buyer, order, offset),
 * so running this again with its own output in `existing` returns nothing new, and a buyer's
 * reply in between changes nothing: due times come from the order, never from the chat.
 * Reminders already later than their rule's `staleAfterMinutes` (an old import) are skipped;
 * unpaid ones beyond `maxPer24h` for a buyer in any 24 hours are dropped, the earliest kept.
 */
export function remindersFromOrders(
  source: OrderSource,
  rules: ReminderRules,
  now: number,
  existing: readonly Reminder[],
  timeZone: string = DEFAULT_TIME_ZONE,
): Reminder[] {
  const known = new Set(existing.map((r) => r.id));
  const shift = (t: number) => outsideQuietHours(t, rules.quietHours, timeZone);
  const unpaid: Reminder[] = [];
  const other: Reminder[] = [];
  for (const s of collect(source, timeZone).values()) {
    if (rules.unpaid.enabled && isUnpaid(s) && s.createdAt !== undefined) {
      for (const offset of rules.unpaid.offsetsMinutes) {
        const r = draft(s, 'unpaid', offset, shift(s.createdAt + offset * MINUTE_MS), now);
        if (!known.has(r.id) && now - r.dueAt <= rules.unpaid.staleAfterMinutes * MINUTE_MS) unpaid.push(r);
      }
    }
    if (s.shippedAt === undefined) continue;
    if (rules.shipping.enabled) {
      const r = draft(s, 'shipping', 0, shift(s.shippedAt + rules.shipping.delayMinutes * MINUTE_MS), now);
      if (!known.has(r.id) && now - r.dueAt <= rules.shipping.staleAfterMinutes * MINUTE_MS) other.push(r);
    }
    if (rules.checkin.enabled) {
      const days = rules.checkin.daysAfterShipping;
      const date = addDays(localDateAt(s.shippedAt, timeZone), days);
      const r = draft(s, 'checkin', days, shift(epochAt(date, minuteOfDay(rules.sendTime), timeZone)), now);
      if (!known.has(r.id) && now - r.dueAt <= DAY_MS) other.push(r);
    }
  }
  return [...capUnpaid(unpaid, existing, rules.unpaid.maxPer24h), ...other].sort(byDue);
}

function byDue(a: Reminder, b: Reminder): number {
  return a.dueAt - b.dueAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether adding `t` keeps every 24-hour window at `max` or fewer. */
function fitsWindow(times: readonly number[], t: number, max: number): boolean {
  const all = [...times, t];
  for (const start of all) {
    if (start > t || start <= t - DAY_MS) continue;
    let count = 0;
    for (const x of all) if (x >= start && x < start + DAY_MS) count++;
    if (count > max) return false;
  }
  return true;
}

function capUnpaid(candidates: readonly Reminder[], existing: readonly Reminder[], max: number): Reminder[] {
  const taken = new Map<string, number[]>();
  for (const r of existing) {
    if (r.kind !== 'unpaid' || r.deletedAt !== undefined || r.status === 'dismissed') continue;
    const list = taken.get(r.buyerId) ?? [];
    list.push(r.dueAt);
    taken.set(r.buyerId, list);
  }
  const accepted: Reminder[] = [];
  for (const r of [...candidates].sort(byDue)) {
    const list = taken.get(r.buyerId) ?? [];
    if (!fitsWindow(list, r.dueAt, max)) continue;
    list.push(r.dueAt);
    taken.set(r.buyerId, list);
    accepted.push(r);
  }
  return accepted;
}

/**
 * Open unpaid reminders whose order has since been paid or closed, returned dismissed so the
 * caller can store them. Other kinds stay: a check-in is still welcome after delivery.
 */
export function staleOrderReminders(
  existing: readonly Reminder[],
  source: OrderSource,
  now: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): Reminder[] {
  const states = collect(source, timeZone);
  const out: Reminder[] = [];
  for (const r of existing) {
    if (r.kind !== 'unpaid' || r.deletedAt !== undefined || !r.orderId) continue;
    if (r.status !== 'pending' && r.status !== 'snoozed') continue;
    const s = states.get(`${r.platform}:${r.orderId}`);
    if (s && (s.paid || s.closed)) out.push({ ...r, status: 'dismissed', updatedAt: now });
  }
  return out;
}

/**
 * Events for what changed between two versions of an order (before an import and after it), so
 * a status seen for the first time becomes a dated event: not every export carries a shipping time
 * (the Taobao order report has none), and then the moment the change was noticed is the best one
 * available; where the order has `shippedAt`, that earlier, real time wins. An order seen for the first time
 * (`before` absent) yields nothing: a first import must not greet every parcel already on its way.
 */
export function orderStatusEvents(before: Order | null | undefined, after: Order, at: number): OrderEvent[] {
  if (!before || !after.buyerKey) return [];
  const base = {
    platform: after.platform,
    buyerKey: after.buyerKey,
    orderId: after.orderId,
    at,
    ...(after.buyerNick ? { nick: after.buyerNick } : {}),
  };
  const was = before.status;
  const is = after.status;
  if (is === was || is === null) return [];
  if (is === 'shipped') return [{ ...base, kind: 'shipped' }];
  if (is === 'paid') return [{ ...base, kind: 'paid' }];
  if (is === 'closed') return [{ ...base, kind: 'closed' }];
  return [];
}
