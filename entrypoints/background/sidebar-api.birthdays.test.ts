import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { putBuyers } from '@/lib/db/buyer-store';
import { HuitoukeDb } from '@/lib/db/database';
import type { BuyerRecord } from '@/lib/db/records';
import { computeBuyerMetrics } from '@/lib/metrics/compute';
import { SidebarResultSchemas } from '@/lib/schemas/sidebar-rpc';
import type { Order } from '@/lib/schemas/order';
import { answerSidebar } from './sidebar-api';

let db: HuitoukeDb;
beforeEach(() => {
  db = new HuitoukeDb(`sidebar-api-${Math.random().toString(36).slice(2)}`);
});
afterEach(async () => {
  await db.delete();
});

const NOW = Date.UTC(2026, 2, 10, 1, 0, 0);

describe("the sidebar's questions about what is not in the exports", () => {
  it('looks a buyer up with the orders a reply may be about, never their contact details', async () => {
    const orders: Order[] = [
      {
        platform: 'taobao',
        orderId: '3100012345678901',
        buyerKey: '小林',
        buyerNick: null,
        status: 'shipped',
        rawStatus: '卖家已发货，等待买家确认',
        createdAt: '2026-03-08 10:00:00',
        paidAt: '2026-03-08 10:01:00',
        paidCents: 15_900,
        refundCents: 0,
        lines: [{ lineId: '', title: '羊毛围巾', quantity: 1 }],
        trackingNo: 'SF1402345678901',
        carrier: '顺丰速运',
        phone: '13800138000',
        address: '浙江省 杭州市',
        sources: ['run-1'],
      },
    ];
    const record: BuyerRecord = {
      id: 'taobao:小林',
      platform: 'taobao',
      buyerKey: '小林',
      nick: '小林',
      orders,
      metrics: computeBuyerMetrics(orders),
      updatedAt: 1,
    };
    await putBuyers(db, [record]);
    const found = SidebarResultSchemas.buyer.parse(
      await answerSidebar(db, { method: 'buyer', platform: 'taobao', id: null, nick: '小林', asOf: '2026-03-10' }, NOW),
    );
    expect(found.orders).toEqual([
      {
        orderId: '3100012345678901',
        status: 'shipped',
        createdAt: '2026-03-08 10:00:00',
        paidAt: '2026-03-08 10:01:00',
        item: '羊毛围巾',
        trackingNo: 'SF1402345678901',
        carrier: '顺丰速运',
      },
    ]);
    expect(JSON.stringify(found)).not.toContain('13800138000');
    const unknown = SidebarResultSchemas.buyer.parse(
      await answerSidebar(db, { method: 'buyer', platform: 'taobao', id: null, nick: '路人', asOf: '2026-03-10' }, NOW),
    );
    expect(unknown.orders).toEqual([]);
  });

  it('saves a birthday the agent enters, refuses one the calendar does not have, and removes it', async () => {
    const set = (month: number, day: number, year: number | null) =>
      answerSidebar(
        db,
        {
          method: 'setBirthday',
          buyerId: 'taobao:小林',
          nick: '小林',
          platform: 'taobao',
          birthday: { month, day, year },
        },
        NOW,
      ).then((r) => SidebarResultSchemas.setBirthday.parse(r));
    expect(await set(2, 30, null)).toEqual({ ok: false, error: { code: 'birthday_badDate', params: {} } });
    expect(await set(5, 1, 2099)).toEqual({ ok: false, error: { code: 'birthday_badYear', params: {} } });
    expect(await answerSidebar(db, { method: 'birthday', buyerId: 'taobao:小林' }, NOW)).toBeNull();
    const saved = await set(3, 12, 1990);
    expect(saved).toMatchObject({
      ok: true,
      birthday: { buyerId: 'taobao:小林', monthDay: '03-12', year: 1990, author: '客服' },
    });
    expect(await answerSidebar(db, { method: 'birthday', buyerId: 'taobao:小林' }, NOW)).toMatchObject({
      monthDay: '03-12',
    });
    // Two days ahead, within the reminders' horizon: the greeting is waiting.
    const reminders = SidebarResultSchemas.reminders.parse(
      await answerSidebar(db, { method: 'reminders', buyerId: 'taobao:小林' }, NOW),
    );
    expect(reminders.upcoming.map((r) => r.kind)).toEqual(['birthday']);
    await answerSidebar(db, { method: 'clearBirthday', buyerId: 'taobao:小林' }, NOW + 1);
    expect(await answerSidebar(db, { method: 'birthday', buyerId: 'taobao:小林' }, NOW + 1)).toBeNull();
    expect(
      SidebarResultSchemas.reminders.parse(
        await answerSidebar(db, { method: 'reminders', buyerId: 'taobao:小林' }, NOW + 1),
      ).upcoming,
    ).toEqual([]);
  });
});
