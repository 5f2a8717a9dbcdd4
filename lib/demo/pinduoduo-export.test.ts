import { afterEach, describe, expect, it } from 'vitest';
import { countBuyers } from '../db/buyer-store';
import { syncLinkedBuyers } from '../db/console-linked';
import { HuitoukeDb } from '../db/database';
import { importIntoDb } from '../db/import-store';
import { buyerWithConsole, recordConsoleOrders } from '../db/order-links';
import { sourceFromBytes } from '../import/source';
import { DEFAULT_COUNTING_RULES } from '../metrics/rules';
import { generateConversations } from './conversations';
import { pinduoduoDemo, pinduoduoExportFileName } from './pinduoduo-export';
import { demoAsOf } from './time';

const OPTIONS = { asOf: demoAsOf(Date.now()) };
const open: HuitoukeDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

describe("the demo shop's Pinduoduo export (issue 19)", () => {
  const demo = pinduoduoDemo(OPTIONS);

  it('has no buyer column, as a real one: imported, its orders have no buyer', async () => {
    const db = new HuitoukeDb(`pdd-demo-${Math.random().toString(36).slice(2)}`);
    open.push(db);
    expect(demo.text.split('\n')[0]).not.toMatch(/买家|用户名|昵称|收货人/);
    const file = new TextEncoder().encode(demo.text);
    const { run } = await importIntoDb(db, [sourceFromBytes(pinduoduoExportFileName(OPTIONS.asOf), file)], {
      rules: DEFAULT_COUNTING_RULES,
      locale: 'zh-CN',
      asOf: OPTIONS.asOf,
      runId: 'pdd-demo',
    });
    expect(run.files[0]?.format).toBe('pinduoduo');
    expect(run.errors).toBe(0);
    expect(run.ordersWithoutBuyer).toBe(demo.rows);
    expect(await countBuyers(db)).toBe(0);

    // A chatting buyer's panel ties their orders to them: a buyer with paid orders.
    const [buyerId, panel] = Object.entries(demo.panels.panels).find(([, p]) => p.some((o) => o.status !== 'unpaid'))!;
    await recordConsoleOrders(
      db,
      {
        platform: 'pinduoduo',
        buyerKey: buyerId,
        orders: panel.map((o) => ({ id: o.id, status: o.status === 'unpaid' ? 'awaiting_payment' : o.status })),
      },
      'Asia/Shanghai',
      Date.now(),
    );
    const shown = await buyerWithConsole(db, { platform: 'pinduoduo', buyerKey: buyerId, nick: buyerId });
    expect(shown?.linkedCount).toBe(panel.length);
    expect(shown?.record.metrics.paidOrders).toBeGreaterThan(0);
    await syncLinkedBuyers(db, { rules: DEFAULT_COUNTING_RULES, asOf: OPTIONS.asOf, now: Date.now() });
    expect(await countBuyers(db)).toBe(1);
  });

  it('lists panels only for chatting buyers in the export, each order id in the export once', () => {
    const ids = demo.text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const inExport = new Set(
      generateConversations(OPTIONS)
        .conversations.filter((c) => c.inExport)
        .map((c) => c.buyerId),
    );
    const buyers = Object.keys(demo.panels.panels);
    expect(buyers.length).toBeGreaterThan(3);
    for (const b of buyers) expect(inExport.has(b)).toBe(true);
    for (const o of Object.values(demo.panels.panels).flat()) {
      expect(ids).toContain(o.id);
      expect(o.id).toMatch(/^\d{6}-\d{15}$/);
    }
  });
});
