import { afterEach, describe, expect, it } from 'vitest';
import { computeBuyerMetrics } from '../metrics/compute';
import type { Platform } from '../schemas/common';
import type { Order } from '../schemas/order';
import { SHARDS, shardIdOf } from './buyer-shards';
import { buyersByAlias, getBuyer, getBuyers, hasBuyers, putBuyers, scanBuyers } from './buyer-store';
import { HuitoukeDb } from './database';
import type { BuyerRecord } from './records';

const open: HuitoukeDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

function freshDb(): HuitoukeDb {
  const db = new HuitoukeDb(`buyer-store-${Math.random().toString(36).slice(2)}`);
  open.push(db);
  return db;
}

function order(platform: Platform, key: string, orderId: string, paidCents = 9900): Order {
  return {
    platform,
    orderId,
    buyerKey: key,
    buyerNick: null,
    status: 'completed',
    rawStatus: '交易成功',
    createdAt: '2026-10-01 10:00:00',
    paidAt: '2026-10-01 10:01:00',
    paidCents,
    refundCents: 0,
    lines: [{ lineId: '1', title: '羊毛开衫', quantity: 1 }],
    sources: ['run-1'],
  };
}

function buyer(
  platform: Platform,
  key: string,
  nick = key,
  orders: Order[] = [order(platform, key, `${key}-1`)],
): BuyerRecord {
  return {
    id: `${platform}:${key}`,
    platform,
    buyerKey: key,
    nick,
    orders,
    metrics: computeBuyerMetrics(orders),
    updatedAt: 1,
  };
}

async function scanned(db: HuitoukeDb, platform?: Platform): Promise<BuyerRecord[]> {
  const seen: BuyerRecord[] = [];
  await scanBuyers(db, (page) => void seen.push(...page), platform);
  return seen;
}

describe('buyer store', () => {
  it('gives back what was put, by id and by a list of ids in the order asked', async () => {
    const db = freshDb();
    expect(await hasBuyers(db)).toBe(false);
    const a = buyer('taobao', '小鹿');
    const b = buyer('taobao', 'tb_夜猫', 'tb_夜猫', [
      order('taobao', 'tb_夜猫', 'o1'),
      order('taobao', 'tb_夜猫', 'o2', 5000),
    ]);
    const c = { ...buyer('shopify', 'anna@example.com', 'Anna Schmidt'), deletedAt: 7 };
    await putBuyers(db, [a, b, c]);
    expect(await hasBuyers(db)).toBe(true);
    expect(await getBuyer(db, a.id)).toEqual(a);
    expect(await getBuyer(db, c.id)).toEqual(c);
    expect(await getBuyer(db, 'taobao:nobody')).toBeUndefined();
    expect(await getBuyers(db, [c.id, 'jd:小鹿', a.id, b.id, a.id])).toEqual([c, undefined, a, b, a]);

    // Putting a record again replaces it; its neighbours stay as they were.
    const a2 = buyer('taobao', '小鹿', '小鹿', [...a.orders, order('taobao', '小鹿', 'o9')]);
    await putBuyers(db, [a2]);
    expect(await getBuyers(db, [a.id, b.id])).toEqual([a2, b]);
  });

  it('keeps 20,000 buyers of a platform in at most SHARDS records, every one readable', async () => {
    const db = freshDb();
    const many = Array.from({ length: 20_000 }, (_, i) => buyer('taobao', `tb_${i}`));
    await putBuyers(db, [...many, buyer('jd', 'jd_1')]);
    const shards = await db.buyerShards.toArray();
    const taobao = shards.filter((s) => s.platform === 'taobao');
    expect(taobao.length).toBeLessThanOrEqual(SHARDS);
    expect(taobao.every((s) => s.id.startsWith('taobao:'))).toBe(true);
    expect(taobao.reduce((n, s) => n + s.keys.length, 0)).toBe(many.length);
    expect(shards.filter((s) => s.platform === 'jd')).toHaveLength(1);
    const back = await getBuyers(
      db,
      many.map((b) => b.id),
    );
    expect(back.every((b, i) => b?.id === many[i]!.id && b.orders[0]!.orderId === many[i]!.orders[0]!.orderId)).toBe(
      true,
    );
  });

  it('finds a buyer by a nick that is not the key, and follows the nick when it changes', async () => {
    const db = freshDb();
    const anna = buyer('shopify', 'anna.schmidt@example.com', 'Anna Schmidt');
    await putBuyers(db, [anna, buyer('shopify', 'li.wei@example.com', 'Li Wei')]);
    expect(await buyersByAlias(db, 'shopify', 'Anna Schmidt')).toEqual([anna]);
    expect(await buyersByAlias(db, 'shopify', 'anna schmidt')).toEqual([]);
    expect(await buyersByAlias(db, 'taobao', 'Anna Schmidt')).toEqual([]);

    const renamed = { ...anna, nick: 'Anna S.', updatedAt: 2 };
    await putBuyers(db, [renamed]);
    expect(await buyersByAlias(db, 'shopify', 'Anna Schmidt')).toEqual([]);
    expect(await buyersByAlias(db, 'shopify', 'Anna S.')).toEqual([renamed]);
    // The old alias is gone from storage, not just filtered out.
    const oldShard = await db.buyerShards.get(shardIdOf('shopify', 'Anna Schmidt'));
    expect(oldShard?.aliasNicks ?? []).not.toContain('Anna Schmidt');

    // Back to a nick that is the key: no alias left at all.
    await putBuyers(db, [{ ...renamed, nick: renamed.buyerKey }]);
    expect(await buyersByAlias(db, 'shopify', 'Anna S.')).toEqual([]);
    expect((await db.buyerShards.toArray()).flatMap((s) => s.aliasKeys)).toEqual(['li.wei@example.com']);
  });

  it('lists every live buyer sharing a display name, and none that is deleted', async () => {
    const db = freshDb();
    const one = buyer('shopify', 'li.wei@example.com', 'Li Wei');
    const two = buyer('shopify', 'wei.li@example.org', 'Li Wei');
    const gone = { ...buyer('shopify', 'old@example.com', 'Li Wei'), deletedAt: 5 };
    await putBuyers(db, [one, two, gone]);
    const found = await buyersByAlias(db, 'shopify', 'Li Wei');
    expect(found.map((b) => b.id).sort()).toEqual([one.id, two.id]);

    await putBuyers(db, [{ ...one, deletedAt: 9 }]);
    expect(await buyersByAlias(db, 'shopify', 'Li Wei')).toEqual([two]);
    // Deleted, yet still readable by id (a restore or an undo needs it).
    expect((await getBuyer(db, one.id))?.deletedAt).toBe(9);
  });

  it('scans every buyer once, or only the buyers of one platform', async () => {
    const db = freshDb();
    // Enough taobao buyers for several pages of shards; shopee and shopify share a prefix.
    const platforms: [Platform, number][] = [
      ['taobao', 600],
      ['shopee', 40],
      ['shopify', 40],
      ['jd', 3],
    ];
    const all = platforms.flatMap(([p, n]) => Array.from({ length: n }, (_, i) => buyer(p, `${p}-${i}`)));
    all.push({ ...buyer('taobao', 'deleted'), deletedAt: 3 });
    await putBuyers(db, all);

    const ids = (list: BuyerRecord[]) => list.map((b) => b.id).sort();
    const everyone = await scanned(db);
    expect(everyone).toHaveLength(all.length);
    expect(ids(everyone)).toEqual(ids(all));
    for (const [p] of platforms) {
      expect(ids(await scanned(db, p)), p).toEqual(ids(all.filter((b) => b.platform === p)));
    }
    expect(await scanned(db, 'douyin')).toEqual([]);
  });

  it('keeps buyers of two platforms with the same key apart', async () => {
    const db = freshDb();
    const tb = buyer('taobao', 'alice', 'alice', [order('taobao', 'alice', 'T1', 100)]);
    const jd = buyer('jd', 'alice', 'Alice J', [order('jd', 'alice', 'J1', 200), order('jd', 'alice', 'J2', 300)]);
    await putBuyers(db, [tb, jd]);
    expect(await getBuyers(db, ['taobao:alice', 'jd:alice'])).toEqual([tb, jd]);

    const jd2 = { ...jd, orders: jd.orders.slice(1), metrics: computeBuyerMetrics(jd.orders.slice(1)) };
    await putBuyers(db, [jd2]);
    expect(await getBuyer(db, 'taobao:alice')).toEqual(tb);
    expect(await getBuyer(db, 'jd:alice')).toEqual(jd2);
    expect(await buyersByAlias(db, 'jd', 'Alice J')).toEqual([jd2]);
    expect(await buyersByAlias(db, 'taobao', 'Alice J')).toEqual([]);
  });
});
