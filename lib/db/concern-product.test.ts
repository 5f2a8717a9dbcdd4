import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { concernsOf, saveConcern } from './annotations';
import { HuitoukeDb } from './database';
import { ConcernRecordSchema } from './records';

let db: HuitoukeDb;
let n = 0;
beforeEach(() => {
  db = new HuitoukeDb(`concern-product-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const base = {
  buyerId: 'pinduoduo:pdd_9',
  nick: '小鹿',
  platform: 'pinduoduo' as const,
  console: 'pinduoduo',
  conversationId: 'pinduoduo:pdd_9',
  concern: 'size',
  quote: '这件大衣M码我穿合适吗',
  at: Date.now(),
  date: '2026-01-01',
  agent: '小柚',
  source: 'agent' as const,
};

describe('a concern stored with the product asked about', () => {
  it('keeps the product; a concern saved before products were read still reads, without one', async () => {
    const product = {
      id: '6234567890',
      title: '羊毛混纺大衣 米白 M',
      url: 'https://item.taobao.com/item.htm?id=6234567890',
    };
    await saveConcern(db, { ...base, messageId: 'm2', product });
    // A record as an older version wrote it, straight into the table.
    const { product: _none, ...old } = ConcernRecordSchema.parse({
      ...base,
      messageId: 'm1',
      id: 'c-old',
      resolved: false,
      updatedAt: 1,
      at: base.at - 1000,
    });
    await db.concerns.put(old);
    const stored = await concernsOf(db, 'pinduoduo:pdd_9');
    expect(stored.map((c) => [c.messageId, c.product ?? null])).toEqual([
      ['m2', product],
      ['m1', null],
    ]);
    expect(stored.every((c) => ConcernRecordSchema.safeParse(c).success)).toBe(true);
  });
});
