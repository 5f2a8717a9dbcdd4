import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FIXTURES } from '../../tests/fixtures/export-fixtures';
import { HOSTILE_SMALL } from '../../tests/fixtures/hostile/strings';
import { anyText, loadExport, runs } from '../../tests/unit/hardening/support';
import { generateDemoOrders, TAOBAO_HEADER_ROW, taobaoRow } from '../demo';
import { readAllOrders, sourceFromBytes } from '../import';
import { computeBuyerMetrics } from '../metrics/compute';
import { mergeFragments } from '../orders/merge';
import type { BuyerMetrics } from '../schemas/buyer';
import { PLATFORMS, type Platform } from '../schemas/common';
import { OrderStatusSchema, type Order, type OrderFragment, type OrderLine } from '../schemas/order';
import { decodeBuyer, encodeBuyer } from './buyer-codec';
import { CHUNK_SPAN, Lexicon, LexiconMiss } from './lexicon';
import type { BuyerShard } from './buyer-shards';
import type { BuyerRecord } from './records';

/** Text from anywhere: random units (lone surrogates, NUL, bidi marks) or a known hostile string. */
const text = fc.oneof(
  { weight: 3, arbitrary: anyText(24) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_SMALL.map((h) => h.value)) },
);
const cents = fc.integer({ min: -2_000_000_000, max: 2_000_000_000 });
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
/** `YYYY-MM-DD HH:mm:ss` with any digits (a year 0999 included: stored as text, the others as numbers). */
const timeForm = fc
  .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2))
  .map(([y, mo, d, h, mi, s]) => `${y}-${mo}-${d} ${h}:${mi}:${s}`);
const time = fc.oneof(fc.constant('2025-10-07 15:50:26'), timeForm, text);
/** Names a later version could give a new field, including ones that are special to JavaScript or the codec. */
const extraName = fc.constantFrom(
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'v',
  'x',
  's',
  'k',
  'giftWrap',
  '买家备注',
);

/** Set fields as own data properties, so that one named `__proto__` is a field and not the prototype. */
function withFields<T extends object>(target: T, fields: [string, unknown][]): T {
  for (const [key, value] of fields)
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

const line: fc.Arbitrary<OrderLine> = fc.record(
  {
    lineId: text,
    title: text,
    quantity: fc.nat({ max: 10_000 }),
    sku: text,
    category: text,
    paidCents: cents,
    refundCents: cents,
  },
  { requiredKeys: ['lineId', 'title', 'quantity'] },
);

const metrics: fc.Arbitrary<BuyerMetrics> = fc.record({
  paidOrders: fc.nat(),
  netCents: cents,
  aovCents: cents,
  firstPaidDate: fc.option(fc.constant('2025-10-01')),
  lastPaidDate: fc.option(fc.constant('2025-10-31')),
  paidDates: fc.array(fc.constant('2025-10-07'), { maxLength: 3 }),
  refundOrders: fc.nat(),
  refundCents: cents,
  allOrders: fc.nat(),
  lastItems: fc.array(
    fc.record(
      { title: text, date: fc.option(fc.constant('2025-10-07')), category: text },
      { requiredKeys: ['title', 'date'] },
    ),
    { maxLength: 3 },
  ),
  categories: fc.array(text, { maxLength: 3 }),
});

/** A value as JSON keeps it (JSON has no -0: a later version's field holding -0 comes back 0). */
const jsonValue = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

const RUNS = ['run-1', 'run-2', 'import:2025-10-07', '导入'];

function order(platform: Platform, key: string): fc.Arbitrary<Order> {
  return fc
    .record({
      base: fc.record({
        platform: fc.oneof(
          { weight: 5, arbitrary: fc.constant(platform) },
          { weight: 1, arbitrary: fc.constantFrom(...PLATFORMS) },
        ),
        orderId: text,
        buyerKey: fc.oneof(
          { weight: 5, arbitrary: fc.constant<string | null>(key) },
          { weight: 1, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: text },
        ),
        buyerNick: fc.option(text),
        status: fc.option(fc.constantFrom(...OrderStatusSchema.options)),
        rawStatus: fc.option(text),
        createdAt: fc.option(time),
        paidAt: fc.option(time),
        paidCents: fc.option(cents),
        refundCents: fc.option(cents),
        lines: fc.array(line, { maxLength: 4 }),
        sources: fc.uniqueArray(fc.constantFrom(...RUNS), { maxLength: 3 }),
      }),
      // Absent, null or a time: three different things an export can say about shipping.
      shippedAt: fc.option(fc.option(time), { nil: undefined }),
      phone: fc.option(text, { nil: undefined }),
      address: fc.option(text, { nil: undefined }),
      trackingNo: fc.option(text, { nil: undefined }),
      carrier: fc.option(text, { nil: undefined }),
      extra: fc.option(fc.tuple(extraName, jsonValue), { nil: undefined }),
    })
    .map(({ base, shippedAt, phone, address, trackingNo, carrier, extra }) => {
      const o: Order = { ...base };
      if (shippedAt !== undefined) o.shippedAt = shippedAt;
      if (trackingNo !== undefined) o.trackingNo = trackingNo;
      if (carrier !== undefined) o.carrier = carrier;
      if (phone !== undefined) o.phone = phone;
      if (address !== undefined) o.address = address;
      return extra ? withFields(o, [extra]) : o;
    });
}

const record: fc.Arbitrary<BuyerRecord> = fc
  .record({ platform: fc.constantFrom(...PLATFORMS), key: text, nickSame: fc.boolean(), nick: text })
  .chain(({ platform, key, nickSame, nick }) =>
    fc
      .record({
        orders: fc.array(order(platform, key), { maxLength: 5 }),
        metrics,
        updatedAt: fc.nat(),
        deletedAt: fc.option(fc.nat(), { nil: undefined }),
        extra: fc.option(fc.tuple(extraName, jsonValue), { nil: undefined }),
      })
      .map(({ orders, metrics, updatedAt, deletedAt, extra }) => {
        const r: BuyerRecord = {
          id: `${platform}:${key}`,
          platform,
          buyerKey: key,
          nick: nickSame ? key : nick,
          orders,
          metrics,
          updatedAt,
        };
        if (deletedAt !== undefined) r.deletedAt = deletedAt;
        return extra ? withFields(r, [extra]) : r;
      }),
  );

/**
 * Own keys and values alike down the whole tree, and every object a plain one (the generators may
 * make null-prototype objects; what comes back must never have a prototype taken from the data).
 */
function expectSame(got: unknown, want: unknown, path = 'record'): void {
  if (typeof want !== 'object' || want === null) {
    expect(got, path).toStrictEqual(want);
    return;
  }
  expect(typeof got, path).toBe('object');
  expect(Array.isArray(got), path).toBe(Array.isArray(want));
  expect(Object.getPrototypeOf(got), `${path} prototype`).toBe(
    Array.isArray(want) ? Array.prototype : Object.prototype,
  );
  const defined = (o: object) =>
    Object.keys(o)
      .filter((k) => (o as Record<string, unknown>)[k] !== undefined)
      .sort();
  expect(defined(got as object), `${path} keys`).toEqual(defined(want));
  for (const k of defined(want))
    expectSame((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], `${path}.${k}`);
}

/** Buyers the way an import stores them: fragments merged into orders, grouped by buyer key. */
function buyersOf(fragments: OrderFragment[], runId: string): BuyerRecord[] {
  const orders = [...mergeFragments(new Map(), fragments, runId).values()];
  const byBuyer = new Map<string, Order[]>();
  for (const o of orders) {
    // Orders without a buyer go to one stand-in buyer each platform: their own key (null) then differs from the record's.
    const id = `${o.platform}:${o.buyerKey ?? '~orphans'}`;
    (byBuyer.get(id) ?? byBuyer.set(id, []).get(id)!).push(o);
  }
  return [...byBuyer].map(([id, list]) => {
    const platform = list[0]!.platform;
    const key = id.slice(platform.length + 1);
    return {
      id,
      platform,
      buyerKey: key,
      nick: list.find((o) => o.buyerNick)?.buyerNick ?? key,
      orders: list,
      metrics: computeBuyerMetrics(list),
      updatedAt: 1_760_000_000_000,
    };
  });
}

/** A writer's lexicon with chunk `chunk` claimed, and a reader's copy of what it saved. */
function lexicons(chunk = 0): { writer: Lexicon; reader: () => Lexicon } {
  const writer = new Lexicon('gen-1');
  writer.claim(chunk);
  return {
    writer,
    reader: () =>
      Lexicon.of([writer.pending(1) ?? { id: chunk, gen: 'gen-1', texts: [], updatedAt: 1 }], () => 'unused'),
  };
}

/** Whether every character is at most U+00FF (the string is stored one byte a character). */
const isLatin1 = (s: string) => !/[\u0100-\uffff]/.test(s);

describe('buyer codec', () => {
  it('gives back every record field for field, whatever the record holds', () => {
    fc.assert(
      fc.property(record, (r) => {
        expectSame(decodeBuyer(encodeBuyer(r), r.buyerKey), r);
      }),
      runs(200),
    );
  });

  it('gives back every record through a lexicon, from a Latin-1 doc, whatever the record holds', () => {
    fc.assert(
      fc.property(record, fc.nat({ max: 3 }), (r, chunk) => {
        const { writer, reader } = lexicons(chunk);
        const doc = encodeBuyer(r, { lexicon: writer });
        expect(isLatin1(doc)).toBe(true);
        expectSame(decodeBuyer(doc, r.buyerKey, writer), r);
        // A reader that loaded what the writer saved reads it the same.
        expectSame(decodeBuyer(doc, r.buyerKey, reader()), r);
      }),
      runs(200),
    );
  });

  it('gives back a record whose items it left out to derive, whatever its orders', () => {
    fc.assert(
      fc.property(record, fc.boolean(), (r, withLexicon) => {
        const imported = { ...r, metrics: computeBuyerMetrics(r.orders) };
        const lexicon = withLexicon ? lexicons().writer : undefined;
        expectSame(decodeBuyer(encodeBuyer(imported, { itemsDerived: true, lexicon }), r.buyerKey, lexicon), imported);
      }),
      runs(100),
    );
  });

  it('names repeated texts by number, and a reader that lacks one says so with a LexiconMiss', () => {
    const { writer } = lexicons(2);
    const [b] = buyersOf(
      [
        {
          platform: 'taobao',
          orderId: '1',
          buyerKey: '小明',
          buyerNick: null,
          status: 'paid',
          rawStatus: '交易成功',
          createdAt: null,
          paidAt: null,
          paidCents: 1,
          refundCents: 0,
          lines: [{ lineId: '', title: '柚宝 婴儿护臀膏', quantity: 1 }],
        },
      ],
      'run-1',
    );
    const doc = encodeBuyer(b!, { lexicon: writer });
    // Neither the title, the raw status nor the key is in the doc; the texts are numbers of chunk 2.
    expect(doc).not.toMatch(/柚宝|交易成功|小明/);
    expect(writer.text(2 * CHUNK_SPAN)).toBeDefined();
    expect(() => decodeBuyer(doc, '小明', new Lexicon('gen-1'))).toThrow(LexiconMiss);
    expect(() => decodeBuyer(doc, '小明')).toThrow(LexiconMiss);
    expect(decodeBuyer(doc, '小明', writer).orders[0]!.lines[0]!.title).toBe('柚宝 婴儿护臀膏');
  });

  it('reads buyers stored in format 1 (a version 4 database) as they were imported', async () => {
    const saved = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../tests/fixtures/db/v4.json', import.meta.url)), 'utf8'),
    ) as { tables: { buyerShards: BuyerShard[] } };
    const docs = saved.tables.buyerShards.flatMap((s) => s.docs);
    expect(docs.length).toBeGreaterThan(3);
    expect(docs.every((d) => d.startsWith('{"v":1,'))).toBe(true);
    // The same exports read with today's code, stored by that build as run `fixture-run` at 2025-10-20 10:00 (+08:00).
    const today: BuyerRecord[] = [];
    for (const name of ['ExportOrderList202510071230.csv', 'orders_export_1.csv']) {
      const { fragments } = await readAllOrders(sourceFromBytes(name, loadExport(name)));
      today.push(...buyersOf(fragments, 'fixture-run'));
    }
    const byId = new Map(today.map((b) => [b.id, b]));
    for (const [shard, doc] of saved.tables.buyerShards.flatMap((s) => s.docs.map((d) => [s, d] as const))) {
      const stored = decodeBuyer(doc, shard.keys[shard.docs.indexOf(doc)]!);
      const want = byId.get(stored.id);
      expect(want, stored.id).toBeDefined();
      // That build read no parcels (and the export then had none): today's reading without them.
      // Nor currencies: its Shopify (EUR) orders are stored without one, and read as CNY as that build showed them.
      const orders = want!.orders.map(({ trackingNo: _t, carrier: _c, currency: _m, ...o }) => o);
      const { currency: _currency, ...metrics } = want!.metrics;
      expectSame(
        stored,
        { ...want!, orders, metrics, nick: stored.nick, updatedAt: Date.UTC(2025, 9, 20, 2, 0, 0) },
        stored.id,
      );
      // The key is the shard's.
      expect(stored.buyerKey).toBe(JSON.parse(doc).k);
      // Written again, it is format 3, and reads back the same.
      const again = encodeBuyer(stored, { itemsDerived: true });
      expect(again.startsWith('{"v":3,')).toBe(true);
      expect(again.length).toBeLessThan(doc.length);
      expectSame(decodeBuyer(again, stored.buyerKey), stored, `${stored.id} again`);
    }
    expect(docs.length).toBe(today.length);
  });

  it('keeps an unknown field named __proto__ as a field on the record and on its orders', () => {
    const o: Order = {
      platform: 'taobao',
      orderId: '1',
      buyerKey: 'k',
      buyerNick: null,
      status: 'paid',
      rawStatus: '买家已付款',
      createdAt: '2025-10-07 15:50:26',
      paidAt: '2025-10-07 15:50:26',
      paidCents: 100,
      refundCents: 0,
      lines: [],
      sources: ['run-1'],
    };
    const r = withFields<BuyerRecord>(
      {
        id: 'taobao:k',
        platform: 'taobao',
        buyerKey: 'k',
        nick: 'k',
        orders: [withFields(o, [['__proto__', { polluted: true }]])],
        metrics: computeBuyerMetrics([o]),
        updatedAt: 1,
      },
      [['__proto__', { polluted: true }]],
    );
    const back = decodeBuyer(encodeBuyer(r), 'k');
    for (const target of [back, back.orders[0]!]) {
      expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(target, '__proto__')?.value).toEqual({ polluted: true });
      expect((target as { polluted?: unknown }).polluted).toBeUndefined();
    }
  });

  describe('with orders read from the saved exports', () => {
    const buyers: BuyerRecord[] = [];
    beforeAll(async () => {
      for (const [name, options] of EXPORT_FIXTURES) {
        const { fragments } = await readAllOrders(sourceFromBytes(name, loadExport(name)), options);
        buyers.push(...buyersOf(fragments, 'run-1'));
      }
    });

    it('gives back every buyer of every export', () => {
      expect(new Set(buyers.map((b) => b.platform)).size).toBeGreaterThanOrEqual(6);
      expect(buyers.some((b) => b.orders.some((o) => o.shippedAt !== undefined))).toBe(true);
      expect(buyers.some((b) => b.orders.some((o) => o.buyerKey !== b.buyerKey))).toBe(true);
      const { writer } = lexicons();
      for (const b of buyers) {
        expectSame(decodeBuyer(encodeBuyer(b), b.buyerKey), b, b.id);
        expectSame(decodeBuyer(encodeBuyer(b, { lexicon: writer }), b.buyerKey, writer), b, `${b.id} (lexicon)`);
      }
    });
  });

  it('stores a typical Taobao buyer in about a third of the space of the plain record', async () => {
    const orders = [...generateDemoOrders({ buyers: 200, orders: 1000, seed: 11, asOf: '2026-11-20' })];
    const csv = iconv.encode([TAOBAO_HEADER_ROW, ...orders.map(taobaoRow)].join('\n') + '\n', 'gb18030');
    const { fragments } = await readAllOrders(sourceFromBytes('ExportOrderList.csv', new Uint8Array(csv)));
    const buyers = buyersOf(fragments, 'import-2026-11-20T10:00:00');
    expect(buyers.length).toBeGreaterThan(100);
    // Strings are stored as UTF-16 (two bytes a unit once any Chinese is in them): compare lengths.
    const plain = buyers.reduce((n, b) => n + JSON.stringify(b).length, 0);
    const packed = buyers.reduce((n, b) => n + encodeBuyer(b).length, 0);
    expect(packed / plain).toBeLessThanOrEqual(0.5);
    // As an import writes them (items derived from the orders when read): about a third, and the same records back.
    const imported = buyers.reduce((n, b) => n + encodeBuyer(b, { itemsDerived: true }).length, 0);
    expect(imported / plain).toBeLessThanOrEqual(0.35);
    for (const b of buyers) expectSame(decodeBuyer(encodeBuyer(b, { itemsDerived: true }), b.buyerKey), b, b.id);
    // With a lexicon the docs are Latin-1, one byte a character: about an eighth of the plain record's
    // bytes. Shipped orders carry their tracking number (unique to the order, so written out: ~15
    // characters of the ~75 an order takes) and their carrier (a lexicon number).
    expect(buyers.some((b) => b.orders.some((o) => o.trackingNo !== undefined && o.carrier !== undefined))).toBe(true);
    const { writer } = lexicons();
    const docs = buyers.map((b) => encodeBuyer(b, { itemsDerived: true, lexicon: writer }));
    expect(docs.every(isLatin1)).toBe(true);
    expect(docs.reduce((n, d) => n + d.length, 0) / (2 * plain)).toBeLessThanOrEqual(0.14);
    buyers.forEach((b, i) => expectSame(decodeBuyer(docs[i]!, b.buyerKey, writer), b, b.id));
  });

  it('refuses what is not an encoded buyer with an Error', () => {
    const good = encodeBuyer(
      buyersOf(
        [
          {
            platform: 'taobao',
            orderId: '1',
            buyerKey: 'k',
            buyerNick: null,
            status: 'paid',
            rawStatus: null,
            createdAt: null,
            paidAt: null,
            paidCents: 1,
            refundCents: 0,
            lines: [],
          },
        ],
        'run-1',
      )[0]!,
    );
    expect(decodeBuyer(good, 'k').id).toBe('taobao:k');
    const garbage = [
      '',
      'garbage',
      'null',
      '1',
      '"buyer"',
      '[]',
      '{}',
      good.slice(0, good.length - 3),
      good.replace('"v":3', '"v":99'),
      '{"v":1,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":[],"o":"x"}',
      '{"v":1,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":[],"o":[["1"]]}',
      // Format 1 never wrote numbers for times, positions for raw statuses, a title for lines, or metrics as a list.
      '{"v":1,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":["a"],"o":[["1",1,null,20251007155026,null,1,0,[],null,[0]]]}',
      '{"v":1,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":["a"],"o":[["1",1,0,null,null,1,0,[],null,[0]]],"t":["交易成功"]}',
      '{"v":1,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":["a"],"o":[["1",1,null,null,null,1,0,"帽子",null,[0]]]}',
      '{"v":1,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":[1,0,0,null,null,[],0,0,1],"i":1,"r":["a"],"o":[]}',
      // Format 2: a time that is not YYYYMMDDHHmmss, a raw status or run not listed, metrics of the wrong length.
      '{"v":2,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":["a"],"o":[["1",1,null,123,null,1,0,[]]]}',
      '{"v":2,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":["a"],"o":[["1",1,null,20251007155026,-99999999999999,1,0,[]]]}',
      '{"v":2,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":["a"],"o":[["1",1,null,2025100715502.5,null,1,0,[]]]}',
      '{"v":2,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":["a"],"o":[["1",1,0,null,null,1,0,[]]]}',
      '{"v":2,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":["a"],"o":[["1",1,1,null,null,1,0,[]]],"t":["交易成功"]}',
      '{"v":2,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":["a"],"o":[["1",1,null,null,null,1,0,[]]],"t":"交易成功"}',
      '{"v":2,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":[],"o":[["1",1,null,null,null,1,0,[]]]}',
      '{"v":2,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":[1,0,0],"i":1,"r":["a"],"o":[]}',
      '{"v":2,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":["a"],"o":[["1",1,null,null,null,1,0,7]]}',
      // Format 2 never named texts by number; format 3's nick and id are strings, its texts listed numbers.
      '{"v":2,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":["a"],"o":[["1",1,0,null,null,1,0,"x"]],"t":[0]}',
      '{"v":2,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":["a"],"o":[["1",1,null,null,null,1,0,[["",0,1]]]]}',
      '{"v":3,"p":"taobao","n":7,"u":1,"m":{},"r":["a"],"o":[]}',
      '{"v":3,"id":null,"p":"taobao","u":1,"m":{},"r":["a"],"o":[]}',
      '{"v":3,"p":"taobao","u":1,"m":{},"r":["a"],"o":[["1",1,0,null,null,1,0,"x"]],"t":[true]}',
      '{"v":3,"p":"taobao","u":1,"m":{},"r":["a"],"o":[["1",1,null,null,null,1,0,[["",{},1]]]]}',
      '{"v":3,"p":"taobao","u":1,"m":{},"r":["a"],"o":[["1",1,null,null,null,1,0,5]]}',
    ];
    // The same shapes, well formed, are read.
    expect(
      decodeBuyer(
        '{"v":2,"id":"taobao:k","p":"taobao","k":"k","n":"k","u":1,"m":{},"r":["a"],"o":[["1",1,0,20251007155026,-70,1,0,"帽子"]],"t":["交易成功"]}',
        'ignored',
      ).orders[0],
    ).toMatchObject({
      rawStatus: '交易成功',
      createdAt: '2025-10-07 15:50:26',
      paidAt: '2025-10-07 15:49:56',
      lines: [{ lineId: '', title: '帽子', quantity: 1 }],
      sources: ['a'],
      buyerNick: null,
    });
    const { writer } = lexicons();
    const hat = writer.numberOf('帽子')!;
    const v3 = decodeBuyer(
      `{"v":3,"p":"taobao","u":1,"m":{},"r":["a"],"o":[["1",1,0,20251007155026,-70,1,0,${hat}]],"t":["\\u4ea4\\u6613\\u6210\\u529f"]}`,
      '小明',
      writer,
    );
    expect(v3).toMatchObject({ id: 'taobao:小明', buyerKey: '小明', nick: '小明' });
    expect(v3.orders[0]).toMatchObject({
      rawStatus: '交易成功',
      buyerKey: '小明',
      lines: [{ lineId: '', title: '帽子', quantity: 1 }],
    });
    for (const text of garbage) expect(() => decodeBuyer(text, 'k', writer), text).toThrow(Error);
  });
});
