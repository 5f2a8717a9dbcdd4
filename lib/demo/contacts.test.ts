import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDateOf } from '../dates/local-date';
import { contactGroupOf, contactOutcomes, localTimeAt, type PaidTimes } from '../insights/outcomes';
import { buyerId } from '../schemas/buyer';
import { DEFAULT_STAGE_BOUNDARIES } from '../stages/stages';
import { CONTACT_DAYS, generateDemoContacts } from './contacts';
import { DemoContactsFileSchema } from './contacts-schema';
import { generateConversations } from './conversations';
import type { DemoOrder } from './orders';
import { generateDemoOrders } from './taobao-export';
import { demoAsOf, DEMO_TIME_ZONE } from './time';

const counted = (o: DemoOrder) =>
  o.paidAt !== null && o.status !== 'closed' && o.status !== 'awaiting_payment' && o.paidCents - o.refundCents > 0;

function shop(asOf: string) {
  const file = generateDemoContacts({ asOf });
  const orders = new Map<string, DemoOrder[]>();
  for (const order of generateDemoOrders({ asOf })) {
    const id = buyerId('taobao', order.buyerNick);
    orders.set(id, [...(orders.get(id) ?? []), order]);
  }
  const paid = new Map<string, PaidTimes>(
    [...orders].map(([id, own]) => [
      id,
      own
        .filter(counted)
        .map((o) => o.paidAt!)
        .sort(),
    ]),
  );
  return { file, orders, paid };
}

const TODAY = demoAsOf(Date.now());
const today = shop(TODAY);

describe("the demo shop's contact history", () => {
  it('is a valid contact log, the same for the same day, with stable unique ids', () => {
    const { file } = today;
    expect(() => DemoContactsFileSchema.parse(file)).not.toThrow();
    expect(file.asOf).toBe(TODAY);
    expect(JSON.stringify(generateDemoContacts({ asOf: TODAY }))).toBe(JSON.stringify(file));
    expect(new Set(file.contacts.map((c) => c.id)).size).toBe(file.contacts.length);
    expect(file.contacts.length).toBeGreaterThan(300);
    expect(file.contacts.every((c) => c.sent === true && c.updatedAt === c.at)).toBe(true);
  });

  it('falls in the weeks before the day the demo is built, to buyers of the export who are not chatting today', () => {
    const { file, orders } = today;
    const chatting = new Set(
      generateConversations({ asOf: TODAY }).conversations.map((c) => buyerId('taobao', c.buyerId)),
    );
    for (const c of file.contacts) {
      const date = localDateOf(localTimeAt(c.at, DEMO_TIME_ZONE));
      expect(date < TODAY && daysBetween(date, TODAY) <= CONTACT_DAYS, date).toBe(true);
      expect(orders.has(c.buyerId), c.buyerId).toBe(true);
      expect(chatting.has(c.buyerId), c.buyerId).toBe(false);
    }
  });

  it('follows the playbook: stage-end gifts on day 38, 80 or 165, 催付 ten minutes after an unpaid order, at most one push a week', () => {
    const { file, orders, paid } = today;
    const gifts: Record<string, number> = { stage45_gift: 38, stage90_gift: 80, stage180_offer: 165 };
    const lastPush = new Map<string, number>();
    for (const c of file.contacts) {
      const moment = localTimeAt(c.at, DEMO_TIME_ZONE);
      if (c.couponId && c.couponId in gifts) {
        const before = paid.get(c.buyerId)!.filter((p) => p < `${localDateOf(moment)} 00:00:00`);
        expect(daysBetween(localDateOf(before.at(-1)!), localDateOf(moment))).toBe(gifts[c.couponId]);
      }
      if (c.kind === 'unpaid') {
        const chased = orders
          .get(c.buyerId)!
          .filter((o) => o.createdAt < moment && (o.paidAt === null || o.paidAt > moment));
        expect(chased.some((o) => (c.at - Date.parse(`${o.createdAt.replace(' ', 'T')}+08:00`)) / 60_000 >= 10)).toBe(
          true,
        );
      }
      if (c.marketing) {
        const previous = lastPush.get(c.buyerId);
        if (previous !== undefined) expect(c.at - previous).toBeGreaterThanOrEqual(7 * 86_400_000);
        lastPush.set(c.buyerId, c.at);
      }
    }
    const groups = new Set(file.contacts.map((c) => contactGroupOf(c.kind, c.couponId)));
    expect([...groups].sort()).toEqual(['care', 'coupon', 'unpaid']);
  });

  it('agrees with the orders: some contacted buyers paid afterwards, some the same day after the message', () => {
    const { file, paid } = today;
    const after = file.contacts.filter((c) => {
      const moment = localTimeAt(c.at, DEMO_TIME_ZONE);
      const next = paid.get(c.buyerId)!.find((p) => p > moment);
      return next !== undefined && localDateOf(next) <= addDays(localDateOf(moment), 14);
    });
    expect(after.length).toBeGreaterThan(50);
    const sameDay = file.contacts.filter((c) => {
      const moment = localTimeAt(c.at, DEMO_TIME_ZONE);
      return paid.get(c.buyerId)!.some((p) => p > moment && localDateOf(p) === localDateOf(moment));
    });
    expect(sameDay.length).toBeGreaterThan(5);
  });

  for (const [label, asOf] of [
    ['today', TODAY],
    ['a year ahead', addDays(TODAY, 365)],
  ] as const) {
    it(`shows on the dashboard, built ${label}: coupons answered more than their controls, every period judged`, () => {
      const { file, paid } = asOf === TODAY ? today : shop(asOf);
      const reached = new Set(file.contacts.map((c) => c.buyerId));
      const pool = [...paid].filter(([id, times]) => !reached.has(id) && times.length > 0).map(([, times]) => times);
      const report = contactOutcomes(file.contacts, (id) => paid.get(id), pool, {
        timeZone: DEMO_TIME_ZONE,
        boundaries: DEFAULT_STAGE_BOUNDARIES,
        dataThrough: addDays(asOf, -1),
      });
      for (const cell of report.overall.cells) expect(cell.contacted).toBeGreaterThan(100);
      expect(report.byKind.map((r) => r.key)).toEqual(
        expect.arrayContaining([
          'group:coupon',
          'coupon:stage45_gift',
          'coupon:stage90_gift',
          'group:care',
          'group:unpaid',
        ]),
      );
      const coupons = report.byKind.find((r) => r.key === 'group:coupon')!;
      for (const cell of coupons.cells) expect(cell.rate!).toBeGreaterThan(cell.controlRate!);
    });
  }
});
