import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoOrders, TAOBAO_HEADER_ROW, taobaoRow, type DemoOrder } from '../demo';
import { sourceFromBytes, type ImportSource } from '../import';
import { DEFAULT_COUNTING_RULES } from '../metrics/rules';
import { getBuyer, scanBuyers } from './buyer-store';
import { HuitoukeDb } from './database';
import { importIntoDb, type ImportStoreOptions } from './import-store';
import { CHUNK_SPAN, Lexicon, LexiconMiss, type LexiconChunk } from './lexicon';
import type { BuyerRecord } from './records';

const AS_OF = '2026-11-20';
const open: HuitoukeDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

function freshDb(name = `lexicon-${Math.random().toString(36).slice(2)}`): HuitoukeDb {
  const db = new HuitoukeDb(name);
  open.push(db);
  return db;
}

const options = (runId: string): ImportStoreOptions => ({
  rules: DEFAULT_COUNTING_RULES,
  locale: 'zh-CN',
  asOf: AS_OF,
  runId,
  now: () => 1_750_000_000_000,
});

/** A generated shop whose item titles all start with `mark` (so two shops share no title), order ids made distinct by `idDigit`. */
function shop(seed: number, mark: string, idDigit: string): DemoOrder[] {
  return [...generateDemoOrders({ buyers: 40, orders: 200, seed, asOf: AS_OF })].map((o) => ({
    ...o,
    orderId: idDigit + o.orderId.slice(1),
    lines: o.lines.map((l) => ({ ...l, title: `${mark} ${l.title}` })),
  }));
}
const report = (name: string, orders: DemoOrder[]): ImportSource =>
  sourceFromBytes(
    name,
    new Uint8Array(iconv.encode([TAOBAO_HEADER_ROW, ...orders.map(taobaoRow)].join('\n') + '\n', 'gb18030')),
  );

async function allBuyers(db: HuitoukeDb): Promise<BuyerRecord[]> {
  const out: BuyerRecord[] = [];
  await scanBuyers(db, (page) => void out.push(...page));
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}
/** What two stores of the same imports must agree on (import-run ids and times aside). */
const view = (buyers: BuyerRecord[]) =>
  buyers.map((b) => ({
    id: b.id,
    nick: b.nick,
    metrics: b.metrics,
    orders: b.orders.map(({ sources: _s, ...o }) => o).sort((x, y) => (x.orderId < y.orderId ? -1 : 1)),
  }));
const titles = (buyers: BuyerRecord[]) =>
  new Set(buyers.flatMap((b) => b.orders.flatMap((o) => o.lines.map((l) => l.title.split(' ')[0]))));

describe('Lexicon', () => {
  it('numbers new texts in its own chunk, and knows each text once', () => {
    const lexicon = new Lexicon('g');
    expect(lexicon.numberOf('帽子')).toBeNull(); // no chunk claimed: texts stay in the docs
    lexicon.claim(3);
    const hat = lexicon.numberOf('帽子')!;
    expect(hat).toBe(3 * CHUNK_SPAN);
    expect(lexicon.numberOf('围巾')).toBe(hat + 1);
    expect(lexicon.numberOf('帽子')).toBe(hat);
    expect(lexicon.text(hat + 1)).toBe('围巾');
    expect(lexicon.pending(5)).toEqual({ id: 3, gen: 'g', texts: ['帽子', '围巾'], updatedAt: 5 });
    lexicon.markSaved(2);
    expect(lexicon.pending(6)).toBeNull();
    lexicon.numberOf('手套');
    expect(lexicon.pending(7)?.texts).toEqual(['帽子', '围巾', '手套']);
  });

  it('says which text it lacks, refuses chunks of another generation, and keeps its own chunk when loading', () => {
    const stored: LexiconChunk[] = [{ id: 0, gen: 'g', texts: ['a', 'b'], updatedAt: 1 }];
    const lexicon = Lexicon.of(stored, () => 'unused');
    expect(lexicon.gen).toBe('g');
    expect(lexicon.nextChunk()).toBe(1);
    expect(() => lexicon.text(2)).toThrow(LexiconMiss);
    expect(() => lexicon.text(CHUNK_SPAN)).toThrow(/text #1048576/);
    lexicon.claim(1);
    lexicon.numberOf('c');
    // Another writer's chunk arrives, and a stale copy of this one's: this one's stays as it is here.
    lexicon.load([
      { id: 1, gen: 'g', texts: [], updatedAt: 2 },
      { id: 2, gen: 'g', texts: ['d'], updatedAt: 2 },
    ]);
    expect([lexicon.text(CHUNK_SPAN), lexicon.text(2 * CHUNK_SPAN)]).toEqual(['c', 'd']);
    expect(() => lexicon.load([{ id: 3, gen: 'h', texts: [], updatedAt: 2 }])).toThrow(LexiconMiss);
    expect(() => Lexicon.of([...stored, { id: 1, gen: 'h', texts: [], updatedAt: 1 }], () => 'x')).toThrow(
      /generations/,
    );
    expect(Lexicon.of([], () => 'new').gen).toBe('new');
  });
});

describe('texts stored once, named by number', () => {
  it('two imports at once claim chunks of their own: every buyer reads back as if they had run one after the other', async () => {
    const a = shop(1, '甲', '7');
    const b = shop(2, '乙', '8');
    const db = freshDb();
    await Promise.all([
      importIntoDb(db, [report('a.csv', a)], options('run-a')),
      importIntoDb(db, [report('b.csv', b)], options('run-b')),
    ]);
    const chunks = await db.lexicon.toArray();
    expect(chunks.length).toBe(2);
    expect(new Set(chunks.map((c) => c.gen)).size).toBe(1);
    // No text was given two numbers' worth of meaning: each chunk holds one shop's titles.
    for (const c of chunks) expect(new Set(c.texts.filter((t) => /^[甲乙] /.test(t)).map((t) => t[0])).size).toBe(1);

    const oneByOne = freshDb();
    await importIntoDb(oneByOne, [report('a.csv', a)], options('run-a'));
    await importIntoDb(oneByOne, [report('b.csv', b)], options('run-b'));
    const got = await allBuyers(db);
    expect(titles(got)).toEqual(new Set(['甲', '乙']));
    expect(view(got)).toEqual(view(await allBuyers(oneByOne)));
  });

  it('a page that loaded the texts earlier reads buyers of a later import, and of a restored database, with their own titles', async () => {
    const db = freshDb();
    await importIntoDb(db, [report('a.csv', shop(1, '甲', '7'))], options('run-a'));
    // Another context (the sidebar's background) on the same database loads the texts now.
    const reader = freshDb(db.name);
    const first = (await allBuyers(db))[0]!;
    expect(await getBuyer(reader, first.id)).toEqual(first);

    // A later import adds titles the reader has not loaded.
    await importIntoDb(db, [report('b.csv', shop(2, '乙', '8'))], options('run-b'));
    const later = (await allBuyers(db)).find((x) =>
      x.orders.some((o) => o.lines.some((l) => l.title.startsWith('乙'))),
    )!;
    expect(await getBuyer(reader, later.id)).toEqual(later);

    // A restore replaces buyers and texts with another database's, whose numbers mean other titles.
    const other = freshDb();
    await importIntoDb(other, [report('c.csv', shop(3, '丙', '6'))], options('run-c'));
    const [shards, chunks] = [await other.buyerShards.toArray(), await other.lexicon.toArray()];
    await db.transaction('rw', db.buyerShards, db.lexicon, async () => {
      await db.buyerShards.clear();
      await db.lexicon.clear();
      await db.buyerShards.bulkAdd(shards);
      await db.lexicon.bulkAdd(chunks);
    });
    const restored = (await allBuyers(other))[0]!;
    expect(titles([restored])).toEqual(new Set(['丙']));
    expect(await getBuyer(reader, restored.id)).toEqual(restored);
  });

  it('stores each buyer as a Latin-1 string, and the texts once', async () => {
    const db = freshDb();
    const orders = shop(4, '丁', '7');
    await importIntoDb(db, [report('d.csv', orders)], options('run-d'));
    const shards = await db.buyerShards.toArray();
    expect(shards.flatMap((s) => s.docs).every((d) => !/[\u0100-\uffff]/.test(d))).toBe(true);
    const texts = (await db.lexicon.toArray()).flatMap((c) => c.texts);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).toContain(orders[0]!.rawStatus);
  });
});
