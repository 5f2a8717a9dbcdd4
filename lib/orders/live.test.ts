import { describe, expect, it } from 'vitest';
import { addDays } from '../dates/local-date';
import { computeBuyerMetrics } from '../metrics/compute';
import { epochAt, localDateAt } from '../reminders/time';
import type { BuyerRecord } from '../db/records';
import type { ConsoleOrder } from '../schemas/messages';
import type { Order } from '../schemas/order';
import { resolveStage } from '../stages/stages';
import type { LiveOrder } from '../sync/kinds';
import { buyerWithConsoleOrders, planConsoleOrders } from './live';

const TZ = 'Asia/Shanghai';
const NOW = epochAt(localDateAt(Date.now(), TZ), 14 * 60, TZ);
const TODAY = localDateAt(NOW, TZ);
const LONG_AGO = addDays(TODAY, -200);

/** A buyer imported with one paid order 200 days ago: lapsed. */
function lapsedBuyer(): BuyerRecord {
  const order: Order = {
    platform: 'pinduoduo',
    orderId: 'OLD-1',
    buyerKey: 'pdd_1',
    buyerNick: null,
    status: 'completed',
    rawStatus: null,
    createdAt: `${LONG_AGO} 10:00:00`,
    paidAt: `${LONG_AGO} 10:00:00`,
    paidCents: 9_900,
    refundCents: 0,
    lines: [],
    sources: ['run-1'],
  };
  return {
    id: 'pinduoduo:pdd_1',
    platform: 'pinduoduo',
    buyerKey: 'pdd_1',
    nick: '小鹿',
    orders: [order],
    metrics: computeBuyerMetrics([order]),
    updatedAt: 1,
  };
}

/** What the panel readings store, one after the other, as the background does. */
function live(readings: ConsoleOrder[][], start = NOW): LiveOrder[] {
  const stored = new Map<string, LiveOrder>();
  readings.forEach((orders, i) => {
    const writes = planConsoleOrders(
      { platform: 'pinduoduo', buyerKey: 'pdd_1', orders },
      { links: new Map(), live: stored },
      start + i * 60_000,
      TZ,
    );
    for (const l of writes.live) stored.set(l.id, l);
  });
  return [...stored.values()];
}

const shown = (liveOrders: LiveOrder[]) =>
  buyerWithConsoleOrders(
    { platform: 'pinduoduo', buyerKey: 'pdd_1', nick: '小鹿', record: lapsedBuyer() },
    [],
    liveOrders,
  )!;

describe('orders the panel shows without a time', () => {
  it('are listed as live orders but do not make a lapsed buyer look as if they bought today', () => {
    const found = shown(live([[{ id: 'NEW-1', status: 'paid', paidCents: 5_900 }]]));
    expect(found.consoleOnly).toEqual(['NEW-1']);
    expect(found.record.orders.map((o) => o.orderId)).toContain('NEW-1');
    expect(found.record.metrics.lastPaidDate).toBe(LONG_AGO);
    expect(found.record.metrics.paidOrders).toBe(1);
    expect(resolveStage(found.record.metrics.lastPaidDate, TODAY).id).toBe(resolveStage(LONG_AGO, TODAY).id);
    expect(resolveStage(found.record.metrics.lastPaidDate, TODAY).id).not.toBe(resolveStage(TODAY, TODAY).id);
  });

  it('count from the time the panel shows, when it shows one', () => {
    const found = shown(live([[{ id: 'NEW-1', status: 'paid', paidCents: 5_900, createdAt: `${TODAY} 13:20:00` }]]));
    expect(found.record.metrics.lastPaidDate).toBe(TODAY);
    expect(found.record.metrics.paidOrders).toBe(2);
  });

  it('count from the moment a payment was seen: an order seen unpaid, then paid', () => {
    const unpaid: ConsoleOrder = { id: 'NEW-1', status: 'awaiting_payment', paidCents: 5_900 };
    const orders = live([[unpaid], [{ ...unpaid, status: 'paid' }]]);
    const found = shown(orders);
    expect(found.record.metrics.lastPaidDate).toBe(TODAY);
    expect(found.record.metrics.paidOrders).toBe(2);
  });
});
