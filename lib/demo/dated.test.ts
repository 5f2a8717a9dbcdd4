import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, fromDayNumber } from '../dates/local-date';
import { readAllOrders, sourceFromBytes } from '../import';
import { DEFAULT_LADDER } from '../levels/ladder';
import { computeBuyerMetrics } from '../metrics/compute';
import { buildProfile, DEFAULT_PROFILE_SETTINGS } from '../metrics/profile';
import { mergeFragments } from '../orders/merge';
import { remindersFromOrders } from '../reminders/orders';
import { remindersFromProfile } from '../reminders/profile';
import { DEFAULT_REMINDER_RULES } from '../reminders/schema';
import { epochAt, localDateAt } from '../reminders/time';
import { Rfm8IdSchema, StageIdSchema, type BuyerProfile } from '../schemas/buyer';
import type { Order } from '../schemas/order';
import { DEFAULT_LAYERS } from '../segments/layers';
import { buildSegmentModel } from '../segments/model';
import { generateDemoOrders, taobaoExportFileName, taobaoExportText } from './taobao-export';
import { demoAsOf, DEMO_TIME_ZONE } from './time';

/**
 * The demo shop is dated from the day it is built. Built on any day — today, a year from now, three
 * years from now, on 29 February — it must show the same scenario relative to that day: buyers in
 * every lifecycle stage, level and segment the dashboard and the sidebar show, unpaid orders whose
 * 催付 reminders fall due that day, and a first-order anniversary. Read through the real importer
 * and the real profile code, as the extension reads it.
 */

async function shopAsOf(asOf: string): Promise<{ orders: Order[]; profiles: BuyerProfile[] }> {
  const bytes = new TextEncoder().encode(taobaoExportText({ asOf }));
  const read = await readAllOrders(sourceFromBytes(taobaoExportFileName(asOf), bytes));
  expect(read.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  const orders = [...mergeFragments(new Map(), read.fragments, 'demo').values()];
  const byBuyer = new Map<string, Order[]>();
  for (const order of orders) byBuyer.set(order.buyerKey!, [...(byBuyer.get(order.buyerKey!) ?? []), order]);
  const buyers = [...byBuyer].map(([buyerKey, own]) => ({
    platform: 'taobao' as const,
    buyerKey,
    nick: buyerKey,
    metrics: computeBuyerMetrics(own),
  }));
  const model = buildSegmentModel(
    buyers.map((b) => b.metrics),
    asOf,
  );
  return { orders, profiles: buyers.map((b) => buildProfile(b, DEFAULT_PROFILE_SETTINGS, model, asOf)) };
}

function tally<T>(items: readonly T[], key: (item: T) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item) ?? '-';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** The first 29 February after `date`. */
function nextLeapDay(date: string): string {
  for (let year = Number(date.slice(0, 4)); ; year++) {
    const candidate = `${year}-02-29`;
    if (addDays(`${year}-02-28`, 1) === candidate && candidate > date) return candidate;
  }
}

const today = demoAsOf(Date.now());
const DATES: [string, string][] = [
  ['today', today],
  ['a year ahead', addDays(today, 365)],
  ['three years ahead', fromDayNumber(dayNumber(today) + 3 * 365 + 1)],
  ['on 29 February', nextLeapDay(today)],
];

describe('the demo shop, dated from the day it is built', () => {
  it('takes the shop-local date in Asia/Shanghai and names the export for it', () => {
    // 16:30 UTC on 31 December is already 1 January in Shanghai.
    expect(demoAsOf(Date.UTC(2031, 11, 31, 16, 30))).toBe('2032-01-01');
    expect(demoAsOf(Date.UTC(2031, 11, 31, 15, 59))).toBe('2031-12-31');
    expect(taobaoExportFileName('2032-01-01')).toBe('ExportOrderList203201010000.csv');
  });

  for (const [label, asOf] of DATES) {
    it(`built ${label} (${asOf}): every stage, level and segment, unpaid orders due a 催付, an anniversary`, async () => {
      const { orders, profiles } = await shopAsOf(asOf);

      const stages = tally(profiles, (p) => p.stage.id);
      for (const stage of StageIdSchema.options) expect(stages.get(stage) ?? 0, stage).toBeGreaterThanOrEqual(20);
      const levels = tally(profiles, (p) => p.level?.id ?? null);
      for (const level of [...DEFAULT_LADDER.levels.map((l) => l.id), '-'])
        expect(levels.get(level) ?? 0, level).toBeGreaterThanOrEqual(20);
      const rfm8 = tally(
        profiles.filter((p) => p.rfm8),
        (p) => p.rfm8,
      );
      for (const segment of Rfm8IdSchema.options) expect(rfm8.get(segment) ?? 0, segment).toBeGreaterThanOrEqual(5);
      const layers = tally(
        profiles.filter((p) => p.layer),
        (p) => p.layer,
      );
      for (const layer of DEFAULT_LAYERS.layers) expect(layers.get(layer.id) ?? 0, layer.id).toBeGreaterThanOrEqual(5);

      // Every order is from before the day's midnight; the newest from the evening before.
      const created = orders.map((o) => o.createdAt!).sort();
      expect(created.at(-1)! < `${asOf} 00:00:00`).toBe(true);
      expect(created.at(-1)!.slice(0, 10)).toBe(addDays(asOf, -1));

      // Orders still waiting for payment, young enough that the sweep at 10:00 that day makes
      // 催付 reminders due the same day.
      const now = epochAt(asOf, 10 * 60, DEMO_TIME_ZONE);
      expect(orders.filter((o) => o.status === 'awaiting_payment').length).toBeGreaterThanOrEqual(3);
      const unpaid = remindersFromOrders({ orders }, DEFAULT_REMINDER_RULES, now, [], DEMO_TIME_ZONE).filter(
        (r) => r.kind === 'unpaid',
      );
      expect(unpaid.filter((r) => localDateAt(r.dueAt, DEMO_TIME_ZONE) === asOf).length).toBeGreaterThanOrEqual(1);

      // A buyer who first ordered a year ago: the anniversary greeting falls due that day (29
      // February had no day a year before: that buyer's first order was on 1 March, due tomorrow).
      const due = asOf.endsWith('-02-29') ? addDays(asOf, 1) : asOf;
      const anniversaries = profiles
        .flatMap((p) => remindersFromProfile(p, DEFAULT_REMINDER_RULES, now, [], { timeZone: DEMO_TIME_ZONE }))
        .filter((r) => r.kind === 'anniversary' && localDateAt(r.dueAt, DEMO_TIME_ZONE) === due);
      expect(anniversaries.length).toBeGreaterThanOrEqual(1);
      expect(anniversaries.some((r) => r.day === 1)).toBe(true);
    });
  }

  it('has a buyer whose first order was a year before, whatever the day, even in a small shop', () => {
    const days = [...Array.from({ length: 37 }, (_, i) => addDays(today, i * 10)), nextLeapDay(today)];
    for (const asOf of days) {
      const year = String(Number(asOf.slice(0, 4)) - 1);
      const yearBefore = asOf.endsWith('-02-29') ? `${year}-03-01` : `${year}${asOf.slice(4)}`;
      const first = new Map<string, string>();
      for (const o of generateDemoOrders({ asOf, buyers: 300, orders: 1500 })) {
        if (o.paidAt === null || o.status === 'closed' || o.status === 'awaiting_payment') continue;
        const date = o.paidAt.slice(0, 10);
        if (!first.has(o.buyerNick) || date < first.get(o.buyerNick)!) first.set(o.buyerNick, date);
      }
      expect([...first.values()], asOf).toContain(yearBefore);
    }
  });

  it('is the same shop for the same day, moved with the day', () => {
    const [a, b] = [
      taobaoExportText({ asOf: today, buyers: 300, orders: 1500 }),
      taobaoExportText({ asOf: today, buyers: 300, orders: 1500 }),
    ];
    expect(a).toBe(b);
    const later = taobaoExportText({ asOf: addDays(today, 400), buyers: 300, orders: 1500 });
    expect(later).not.toBe(a);
    // The same buyers, in the same order of first appearance.
    const nicks = (text: string) =>
      [
        ...new Set(
          text
            .split('\n')
            .slice(1)
            .filter(Boolean)
            .map((row) => row.split(',')[1]),
        ),
      ].sort();
    expect(nicks(later)).toEqual(nicks(a));
  });
});
