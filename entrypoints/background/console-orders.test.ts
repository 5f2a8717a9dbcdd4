import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleBuyerRef } from '@/lib/db/console-buyer';
import { applyConsoleOrders } from '@/lib/db/console-orders';
import { HuitoukeDb } from '@/lib/db/database';
import { importIntoDb } from '@/lib/db/import-store';
import { loadReminderRules, seedPlaybook } from '@/lib/db/playbook';
import { sourceFromBytes } from '@/lib/import/source';
import { DEFAULT_COUNTING_RULES } from '@/lib/metrics/rules';
import { localDateAt } from '@/lib/reminders/time';
import { BuyerLookupSchema } from '@/lib/schemas/sidebar-rpc';
import type { ConsoleState } from '@/lib/schemas/messages';
import { answerSidebar } from './sidebar-api';

const TZ = 'Asia/Shanghai';
const NOW = Date.now();
let db: HuitoukeDb;
let n = 0;
beforeEach(async () => {
  db = new HuitoukeDb(`console-orders-bg-test-${++n}`);
  await seedPlaybook(db, NOW - 86_400_000);
});
afterEach(async () => {
  await db.delete();
});

describe('one buyer for what the order panel teaches', () => {
  it("files the 催付, the link and the live order under the imported buyer when the console's id is not the export's key, and the sidebar shows them", async () => {
    const name = 'ExportOrderList202510071230.csv';
    const file = new Uint8Array(readFileSync(`tests/fixtures/exports/${name}`));
    await importIntoDb(db, [sourceFromBytes(name, file)], {
      rules: DEFAULT_COUNTING_RULES,
      locale: 'zh-CN',
      asOf: localDateAt(NOW, TZ),
      runId: 'r1',
      now: () => NOW,
    });
    // Taobao's console shows its own buyer id; the export's key is the member name, which the console shows as the nick.
    const state: ConsoleState = {
      status: 'ok',
      consoleId: 'qianniu',
      consoleName: '千牛',
      url: 'https://qn.taobao.com/',
      inputFound: true,
      messages: [],
      buyer: { platform: 'taobao', id: 'uid-2200998877', nick: 'tb_xiaolin' },
      orders: [{ id: 'TB-NEW-1', status: 'awaiting_payment', paidCents: 6_900 }],
    };
    const ref = await consoleBuyerRef(db, 'taobao', state.buyer);
    expect(ref?.buyerId).toBe('taobao:tb_xiaolin');
    expect(await applyConsoleOrders(db, state, await loadReminderRules(db), NOW, TZ, ref)).toEqual({
      created: 2,
      dismissed: 0,
      recorded: 2,
    });

    const reminders = (await db.reminders.toArray()).filter((r) => r.orderId === 'TB-NEW-1');
    expect(reminders.map((r) => r.buyerId)).toEqual(['taobao:tb_xiaolin', 'taobao:tb_xiaolin']);
    expect((await db.orderLinks.toArray()).map((l) => [l.orderId, l.buyerId])).toEqual([
      ['TB-NEW-1', 'taobao:tb_xiaolin'],
    ]);
    expect((await db.liveOrders.toArray()).map((l) => [l.order.orderId, l.buyerId])).toEqual([
      ['TB-NEW-1', 'taobao:tb_xiaolin'],
    ]);

    const answer = BuyerLookupSchema.parse(
      await answerSidebar(
        db,
        { method: 'buyer', platform: 'taobao', id: 'uid-2200998877', nick: 'tb_xiaolin', asOf: localDateAt(NOW, TZ) },
        NOW,
      ),
    );
    expect(answer.buyer?.id).toBe('taobao:tb_xiaolin');
    expect(answer.live?.orderIds).toEqual(['TB-NEW-1']);
    expect(answer.orders.map((o) => o.orderId)).toContain('TB-NEW-1');
    expect(answer.buyer?.metrics.allOrders).toBe(4);
  });
});
