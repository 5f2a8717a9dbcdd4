import { afterEach, describe, expect, it } from 'vitest';
import { computeBuyerMetrics } from '../metrics/compute';
import type { Platform } from '../schemas/common';
import type { Order } from '../schemas/order';
import { putBuyers } from './buyer-store';
import { findBuyer, findBuyerRecord } from './buyers';
import { HuitoukeDb } from './database';
import type { BuyerRecord } from './records';

const open: HuitoukeDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

async function shop(...buyers: BuyerRecord[]): Promise<HuitoukeDb> {
  const db = new HuitoukeDb(`buyers-${Math.random().toString(36).slice(2)}`);
  open.push(db);
  await putBuyers(db, buyers);
  return db;
}

function buyer(platform: Platform, key: string, nick = key, deletedAt?: number): BuyerRecord {
  const orders: Order[] = [
    {
      platform,
      orderId: `${key}-1`,
      buyerKey: key,
      buyerNick: nick === key ? null : nick,
      status: 'completed',
      rawStatus: '已完成',
      createdAt: '2026-10-01 10:00:00',
      paidAt: '2026-10-01 10:01:00',
      paidCents: 9900,
      refundCents: 0,
      lines: [{ lineId: '1', title: '纯棉T恤', quantity: 1 }],
      sources: ['run-1'],
    },
  ];
  return {
    id: `${platform}:${key}`,
    platform,
    buyerKey: key,
    nick,
    orders,
    metrics: computeBuyerMetrics(orders),
    updatedAt: 1,
    ...(deletedAt ? { deletedAt } : {}),
  };
}

describe("finding the console's buyer, and saying how", () => {
  it('matches by id where the console gives one or the nick is the account name', async () => {
    const db = await shop(buyer('taobao', '小鱼爱逛街'), buyer('pinduoduo', '8823014491', '墨墨的小铺常客'));
    expect(await findBuyer(db, 'taobao', null, '小鱼爱逛街')).toMatchObject({
      record: { id: 'taobao:小鱼爱逛街' },
      match: { by: 'id', sameNick: 1 },
    });
    expect(await findBuyer(db, 'pinduoduo', '8823014491', '墨墨的小铺常客')).toMatchObject({
      match: { by: 'id', sameNick: 1 },
    });
    expect(await findBuyer(db, 'taobao', null, '没有这个人')).toBeUndefined();
  });

  it('says a Douyin buyer was matched by nickname only, however the console named them', async () => {
    // Douyin's order export names buyers by 买家昵称: the key is a nickname.
    const db = await shop(buyer('douyin', '小鹿爱吃糖'));
    expect(await findBuyer(db, 'douyin', null, '小鹿爱吃糖')).toMatchObject({
      record: { id: 'douyin:小鹿爱吃糖' },
      match: { by: 'nickname', sameNick: 1 },
    });
    // An id the console shows that is not a key; then one that is that same nickname.
    expect(await findBuyer(db, 'douyin', 'dy_5561', '小鹿爱吃糖')).toMatchObject({
      match: { by: 'nickname', sameNick: 1 },
    });
    expect(await findBuyer(db, 'douyin', '小鹿爱吃糖', '小鹿爱吃糖')).toMatchObject({
      match: { by: 'nickname', sameNick: 1 },
    });
  });

  it('counts every live buyer that carries the nickname, and shows the one it is the key of first', async () => {
    // A table mapped by account (买家账号) with the nickname beside it: three accounts, one nickname.
    const db = await shop(
      buyer('douyin', 'dy_account_9', '晴天小雨'),
      buyer('douyin', 'dy_account_2', '晴天小雨'),
      buyer('douyin', 'dy_account_5', '晴天小雨'),
      buyer('douyin', 'dy_account_7', '晴天小雨', 40),
      buyer('douyin', 'dy_account_3', '另一个人'),
    );
    expect(await findBuyer(db, 'douyin', null, '晴天小雨')).toMatchObject({
      record: { id: 'douyin:dy_account_2' },
      match: { by: 'nickname', sameNick: 3 },
    });
    await putBuyers(db, [buyer('douyin', '晴天小雨')]);
    expect(await findBuyer(db, 'douyin', null, '晴天小雨')).toMatchObject({
      record: { id: 'douyin:晴天小雨' },
      match: { by: 'nickname', sameNick: 4 },
    });
    expect(await findBuyerRecord(db, 'douyin', null, '晴天小雨')).toMatchObject({ id: 'douyin:晴天小雨' });
    // The other platforms' buyers with that nickname are not counted.
    await putBuyers(db, [buyer('jd', 'jd_1', '晴天小雨')]);
    expect((await findBuyer(db, 'douyin', null, '晴天小雨'))?.match.sameNick).toBe(4);
  });

  it("says a buyer found through a display name that is not a key (Shopify's billing name) was matched by nickname", async () => {
    const db = await shop(
      buyer('shopify', 'anna@example.com', 'Anna Schmidt'),
      buyer('shopify', 'anna.s@example.org', 'Anna Schmidt'),
    );
    expect(await findBuyer(db, 'shopify', null, 'Anna Schmidt')).toMatchObject({
      record: { id: 'shopify:anna.s@example.org' },
      match: { by: 'nickname', sameNick: 2 },
    });
    expect(await findBuyer(db, 'shopify', null, 'anna@example.com')).toMatchObject({
      match: { by: 'id', sameNick: 1 },
    });
  });
});
