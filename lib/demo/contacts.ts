import type { ContactRecord } from '../db/contact-log';
import { epochOfLocalDateTime } from '../reminders/time';
import { buyerId } from '../schemas/buyer';
import type { DemoContactsFile } from './contacts-schema';
import { generateConversations } from './conversations';
import type { DemoOrder } from './orders';
import { resolveOptions, type DemoOptions } from './plan';
import { chance, mixSeed, mulberry32, randInt, type Rng } from './prng';
import { generateDemoOrders } from './taobao-export';
import { DEMO_TIME_ZONE, formatDateTime, midnightMs, MINUTES_PER_DAY } from './time';

/**
 * The demo shop's contact history: what its agents sent buyers over the weeks before the as-of day,
 * derived from the same plan as its orders, so the dashboard's stimulus-response analysis has
 * something true to show. Agents followed the playbook the extension ships with:
 * - a stage-end reminder (38, 80 and 165 days after the last order) answered with the stage's gift
 *   coupon and win-back message;
 * - a day-100 greeting with the returning-buyer coupon;
 * - thanks after a repeat purchase and a check-in a few days after an order shipped (care);
 * - a 催付 ten minutes after an order was placed and still not paid.
 * Where an order follows, it is an order of the export: a coupon contact goes more often to a buyer
 * whose next order came within a few weeks (the stimulus works, as the seeds expect), care messages
 * go to buyers regardless; a 催付 is answered by paying that very order (minutes later, the same day).
 * Marketing respects the default cap (one a week per buyer), and no chat buyer of the demo console is
 * contacted, so the sidebar's suggestions there are not capped by history.
 */

/** Contacts are spread over this many days before the as-of day. */
export const CONTACT_DAYS = 60;
const WEEK_SECONDS = 7 * MINUTES_PER_DAY * 60;
const DAY_SECONDS = MINUTES_PER_DAY * 60;

/** Stage-end follow-ups: days after the last order, the gift and the stage's win-back template. */
const STAGE_ENDS = [
  { day: 38, couponId: 'stage45_gift', templateId: 'builtin.reengage.active' },
  { day: 80, couponId: 'stage90_gift', templateId: 'builtin.reengage.silent' },
  { day: 165, couponId: 'stage180_offer', templateId: 'builtin.reengage.sleeping' },
] as const;

interface Draft {
  /** Seconds relative to the as-of midnight (negative: before it). */
  t: number;
  kind: string;
  templateId: string;
  marketing: boolean;
  couponId?: string;
}

function secondsOf(asOfMs: number, dateTime: string): number {
  const [y, m, d, h, mi, s] = dateTime.split(/[- :]/).map(Number) as [number, number, number, number, number, number];
  return (Date.UTC(y, m - 1, d, h, mi, s) - asOfMs) / 1000;
}

const counted = (o: DemoOrder) =>
  o.paidAt !== null && o.status !== 'closed' && o.status !== 'awaiting_payment' && o.paidCents - o.refundCents > 0;

/** A moment during the working day `dayStart` begins (10:00–18:59), in seconds. */
function workingHours(rng: Rng, dayStart: number): number {
  return dayStart + randInt(rng, 10 * 3600, 19 * 3600 - 1);
}

function draftsFor(rng: Rng, orders: DemoOrder[], asOfMs: number): Draft[] {
  const from = -CONTACT_DAYS * DAY_SECONDS;
  const inWindow = (t: number) => t >= from && t < 0;
  const paid = orders
    .filter(counted)
    .map((o) => secondsOf(asOfMs, o.paidAt!))
    .sort((a, b) => a - b);
  const dayStartOf = (t: number) => Math.floor(t / DAY_SECONDS) * DAY_SECONDS;
  const drafts: Draft[] = [];

  // Stage-end reminders, followed up with the gift coupon. The buyer's own next order decides
  // whether they "responded": the agents reached most buyers who were about to come back anyway.
  for (let i = 0; i < paid.length; i++) {
    const last = paid[i]!;
    const next = paid[i + 1] ?? null;
    for (const end of STAGE_ENDS) {
      const dayStart = dayStartOf(last) + end.day * DAY_SECONDS;
      if (next !== null && next < dayStart) break; // came back before the reminder
      const t = workingHours(rng, dayStart);
      if (!inWindow(t)) continue;
      const soon = next !== null && next > t && next - t <= 21 * DAY_SECONDS;
      if (chance(rng, soon ? 0.85 : 0.3))
        drafts.push({ t, kind: 'reengage', templateId: end.templateId, marketing: true, couponId: end.couponId });
    }
  }

  // Day 100 after the first order: a greeting with the returning-buyer coupon.
  const first = paid[0];
  if (first !== undefined && paid.length >= 2) {
    const t = workingHours(rng, dayStartOf(first) + 100 * DAY_SECONDS);
    if (inWindow(t) && chance(rng, 0.6))
      drafts.push({
        t,
        kind: 'greeting',
        templateId: 'builtin.greeting.day100',
        marketing: true,
        couponId: 'aov_threshold',
      });
  }

  for (const order of orders) {
    const created = secondsOf(asOfMs, order.createdAt);
    // A 催付 ten minutes after an order was placed and still not paid: answered by paying it.
    const paidAt = order.paidAt === null ? null : secondsOf(asOfMs, order.paidAt);
    const chase = created + 600 + randInt(rng, 0, 240);
    if (
      inWindow(chase) &&
      (paidAt === null ? order.status === 'closed' && chance(rng, 0.8) : paidAt > chase && chance(rng, 0.03))
    ) {
      const returning = paid.some((p) => p < created);
      drafts.push({
        t: chase,
        kind: 'unpaid',
        templateId: returning ? 'builtin.unpaid.first.returning' : 'builtin.unpaid.first.new',
        marketing: false,
      });
    }
    if (!counted(order) || paidAt === null) continue;
    // Care: thanks the day after a repeat purchase, a check-in four days after payment when shipped.
    if (paid.indexOf(paidAt) > 0 && chance(rng, 0.15)) {
      const t = workingHours(rng, dayStartOf(paidAt) + DAY_SECONDS);
      if (inWindow(t)) drafts.push({ t, kind: 'thanks', templateId: 'builtin.thanks.repeat', marketing: false });
    } else if (order.logisticsNo !== '' && chance(rng, 0.12)) {
      const t = workingHours(rng, dayStartOf(paidAt) + 4 * DAY_SECONDS);
      if (inWindow(t)) drafts.push({ t, kind: 'checkin', templateId: 'builtin.delivery.checkin', marketing: false });
    }
  }

  // The weekly marketing cap, as the sidebar would have enforced it.
  drafts.sort((a, b) => a.t - b.t);
  let lastMarketing = -Infinity;
  return drafts.filter((d) => {
    if (!d.marketing) return true;
    if (d.t - lastMarketing < WEEK_SECONDS) return false;
    lastMarketing = d.t;
    return true;
  });
}

/** The contact log of a demo shop, as extension records (sent, shop-local times in Asia/Shanghai). */
export function generateDemoContacts(options: DemoOptions): DemoContactsFile {
  const { seed, asOf } = resolveOptions(options);
  const asOfMs = midnightMs(asOf);
  const chatting = new Set(generateConversations(options).conversations.map((c) => c.buyerId));
  const byBuyer = new Map<number, DemoOrder[]>();
  for (const order of generateDemoOrders(options)) {
    let own = byBuyer.get(order.buyerIndex);
    if (!own) byBuyer.set(order.buyerIndex, (own = []));
    own.push(order);
  }
  const contacts: ContactRecord[] = [];
  for (const [index, orders] of [...byBuyer].sort((a, b) => a[0] - b[0])) {
    const nick = orders[0]!.buyerNick;
    if (chatting.has(nick)) continue;
    const rng = mulberry32(mixSeed(seed, 7, index));
    for (const [n, d] of draftsFor(rng, orders, asOfMs).entries()) {
      const at = epochOfLocalDateTime(formatDateTime(asOfMs, 0, Math.round(d.t)), DEMO_TIME_ZONE);
      contacts.push({
        // Stable ids: seeding the same demo twice writes the same rows.
        id: `demo|${index}|${n}`,
        buyerId: buyerId('taobao', nick),
        templateId: d.templateId,
        kind: d.kind,
        marketing: d.marketing,
        at,
        sent: true,
        updatedAt: at,
        ...(d.couponId ? { couponId: d.couponId } : {}),
      });
    }
  }
  contacts.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  return { version: 1, asOf, timeZone: DEMO_TIME_ZONE, contacts };
}
