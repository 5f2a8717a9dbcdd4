import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPORT_FIXTURES } from '../../tests/fixtures/export-fixtures';
import { FIXTURE_DIR } from '../../scripts/fixtures/make-export-fixtures';
import { ImportError } from './issues';
import { readOrders, type ImportBatch, type ImportOptions } from './read-orders';
import { sourceFromBytes } from './source';
import { readSplit, serveSecondParts, type MessagePortLike, type ParserHandle } from './split-read';

interface ParserLog {
  spawned: number;
  terminated: number;
  batchesSent: number;
  answers: string[];
}

/** A parser on the other end of a MessageChannel (structured clone, as between two workers). */
function channelParser(log: ParserLog = { spawned: 0, terminated: 0, batchesSent: 0, answers: [] }) {
  return (): ParserHandle => {
    log.spawned++;
    const { port1, port2 } = new MessageChannel();
    const parserSide = port2 as unknown as MessagePortLike;
    const post = parserSide.postMessage.bind(parserSide);
    parserSide.postMessage = (m: unknown) => {
      const type = (m as { type: string }).type;
      if (type === 'batch') log.batchesSent++;
      else log.answers.push(type);
      post(m);
    };
    serveSecondParts(parserSide);
    const reader = port1 as unknown as ParserHandle;
    reader.terminate = () => {
      log.terminated++;
      port1.close();
      port2.close();
    };
    return reader;
  };
}

async function collect(batches: AsyncIterable<ImportBatch>) {
  const out: ImportBatch[] = [];
  for await (const b of batches) out.push(b);
  return out;
}

/** JSON with keys sorted: the order of an object's keys is not something storage keeps. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** What an import takes from a file: its fragments (as a set: the parts interleave), issues in order, rows. */
function taken(batches: ImportBatch[]) {
  const last = batches.at(-1)!;
  return {
    fragments: batches
      .flatMap((b) => b.fragments)
      .map(canonical)
      .sort(),
    issues: batches.flatMap((b) => b.issues),
    rowsRead: last.rowsRead,
    bytesRead: last.bytesRead,
    format: last.format,
    encoding: last.encoding,
  };
}

const fixture = (path: string) => new Uint8Array(readFileSync(join(FIXTURE_DIR, path)));

async function both(name: string, bytes: Uint8Array<ArrayBuffer>, options: ImportOptions, log?: ParserLog) {
  const whole = await collect(readOrders(sourceFromBytes(name, bytes), options));
  const split = await collect(readSplit(channelParser(log), new Blob([bytes]), name, options, 0));
  return { whole, split };
}

describe('reading a file in two parts', () => {
  for (const [path, options] of EXPORT_FIXTURES) {
    it(`takes the same orders, issues (in line order) and rows as reading it whole: ${path}`, async () => {
      const log: ParserLog = { spawned: 0, terminated: 0, batchesSent: 0, answers: [] };
      const { whole, split } = await both(path, fixture(path), { ...options, storeContact: true, batchSize: 2 }, log);
      expect(taken(split)).toEqual(taken(whole));
      expect(log.terminated).toBe(log.spawned);
      // Every export is cut in two but Shopify's (an order's rows stay together) and UTF-16 ones.
      if (path === 'orders_export_1.csv' || path.endsWith('.tw.20251001_20251031.txt'))
        expect(log.answers).toEqual(['whole']);
      else {
        expect(log.answers[0]).toBe('cut');
        expect(log.batchesSent).toBeGreaterThan(0);
      }
    });
  }

  it('gives the same sequence of batches every time, so a re-run stores the same thing', async () => {
    const bytes = fixture('ExportOrderDetailList202510091200.csv');
    const runs = await Promise.all(
      [1, 2, 3].map(() => collect(readSplit(channelParser(), new Blob([bytes]), 'a.csv', { batchSize: 1 }, 0))),
    );
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it('takes the parser batches while it still reads its own part, so both read at the same time', async () => {
    // A file the browser has buffered: every read of it resolves as a microtask, as in a worker.
    class BufferedFile extends Blob {
      constructor(private readonly content: Uint8Array<ArrayBuffer>) {
        super([content]);
      }
      override stream() {
        const bytes = this.content;
        return new ReadableStream<Uint8Array<ArrayBuffer>>({
          start(controller) {
            for (let at = 0; at < bytes.length; at += 8192) controller.enqueue(bytes.slice(at, at + 8192));
            controller.close();
          },
        });
      }
    }
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `买家${i},2025-09-${String((i % 28) + 1).padStart(2, '0')},${i + 1}.00,纯棉短袖T恤`,
    );
    const bytes = new TextEncoder().encode(['客户,下单日期,金额,商品', ...rows].join('\n') + '\n');
    const options: ImportOptions = {
      mapping: { buyer: '客户', time: '下单日期', amount: '金额', item: '商品' },
      batchSize: 20,
    };
    const ids = (batches: ImportBatch[]) => batches.flatMap((b) => b.fragments.map((f) => f.buyerKey));
    const whole = ids(await collect(readOrders(sourceFromBytes('a.csv', bytes), options)));
    const split = ids(await collect(readSplit(channelParser(), new BufferedFile(bytes), 'a.csv', options, 0)));
    expect([...split].sort()).toEqual([...whole].sort());
    // The first part is about a third of the file; the parser's first fragment comes long before its end.
    const firstOfSecond = split.findIndex((id, i) => id !== whole[i]);
    expect(firstOfSecond).toBeGreaterThan(0);
    expect(firstOfSecond).toBeLessThan((whole.length * 0.35) / 2);
  });

  it('cuts right whatever the notes hold: quotes, delimiters and line breaks across the cut', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', '"', ',', '\n', '\r\n', ' ', '='), maxLength: 30 });
    const row = fc.tuple(
      fc.constantFrom('王芳', '李雷', '"韩梅梅"'),
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 0, max: 99_999 }),
      cell,
      cell,
      fc.boolean(),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), fc.boolean(), async (rows, crlf) => {
        const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
        const eol = crlf ? '\r\n' : '\n';
        // Some notes are written as a sloppy tool would: unquoted, stray quotes and all.
        const text =
          [
            '客户,下单日期,金额,商品,备注',
            ...rows.map(([buyer, day, cents, item, note, sloppy]) =>
              [
                buyer,
                `2025-09-${String(day).padStart(2, '0')}`,
                (cents / 100).toFixed(2),
                quote(item),
                sloppy ? note.replace(/[,\r\n]/g, '') : quote(note),
              ].join(','),
            ),
          ].join(eol) + eol;
        const options: ImportOptions = {
          mapping: { buyer: '客户', time: '下单日期', amount: '金额', item: '商品' },
          batchSize: 3,
        };
        const { whole, split } = await both('notes.csv', new TextEncoder().encode(text), options);
        expect(taken(split)).toEqual(taken(whole));
      }),
      { numRuns: 150 },
    );
  });

  it('cuts a file whose lines end in a lone CR (old Mac tools) where one ends, and reads it as whole', async () => {
    const rows = Array.from(
      { length: 400 },
      (_, i) =>
        `买家${i % 37},2025-09-${String(1 + (i % 28)).padStart(2, '0')},${(i * 7) % 500}.00,"备注\r第二行 ${i}"`,
    );
    const text = ['客户,下单日期,金额,备注', ...rows].join('\r') + '\r';
    const options: ImportOptions = { mapping: { buyer: '客户', time: '下单日期', amount: '金额' }, batchSize: 50 };
    const { whole, split } = await both('mac.csv', new TextEncoder().encode(text), options);
    expect(whole.flatMap((b) => b.fragments)).toHaveLength(400);
    expect(taken(split)).toEqual(taken(whole));
  });

  it('reads small files whole, here, without starting a worker', async () => {
    const log: ParserLog = { spawned: 0, terminated: 0, batchesSent: 0, answers: [] };
    const bytes = fixture('ExportOrderList202510071230.csv');
    const split = await collect(readSplit(channelParser(log), new Blob([bytes]), 'a.csv', {}));
    expect(split).toEqual(await collect(readOrders(sourceFromBytes('a.csv', bytes), {})));
    expect(log.spawned).toBe(0);
  });

  it('reads the file whole when the worker cannot start or dies before the cut', async () => {
    const bytes = fixture('ExportOrderList202510071230.csv');
    const here = await collect(readOrders(sourceFromBytes('a.csv', bytes), {}));
    const noWorker = () => {
      throw new Error('workers cannot start workers here');
    };
    expect(await collect(readSplit(noWorker, new Blob([bytes]), 'a.csv', {}, 0))).toEqual(here);
    const dies = (): ParserHandle => {
      const target = new EventTarget();
      return {
        postMessage: () =>
          queueMicrotask(() =>
            target.dispatchEvent(Object.assign(new Event('error'), { message: 'script failed to load' })),
          ),
        addEventListener: (type, l) => target.addEventListener(type, l as EventListener),
        removeEventListener: (type, l) => target.removeEventListener(type, l as EventListener),
        terminate: () => {},
      };
    };
    expect(await collect(readSplit(dies, new Blob([bytes]), 'a.csv', {}, 0))).toEqual(here);
  });

  it('throws the same file error, with file and line, for a file that cannot be read', async () => {
    for (const path of ['bad/empty.csv', 'bad/unknown-header.csv', 'bad/orders.xlsx']) {
      const { whole, split } = await Promise.all([
        collect(readOrders(sourceFromBytes(path, fixture(path)))).catch((e: unknown) => e),
        collect(readSplit(channelParser(), new Blob([fixture(path)]), path, {}, 0)).catch((e: unknown) => e),
      ]).then(([w, s]) => ({ whole: w, split: s }));
      expect(whole).toBeInstanceOf(ImportError);
      expect(split).toBeInstanceOf(ImportError);
      expect((split as ImportError).issue).toEqual((whole as ImportError).issue);
    }
  });

  it('stops the parser when the import stops early, and the parser stays a few batches ahead at most', async () => {
    const bytes = fixture('ExportOrderDetailList202510091200.csv');
    const log: ParserLog = { spawned: 0, terminated: 0, batchesSent: 0, answers: [] };
    const iterator = readSplit(channelParser(log), new Blob([bytes]), 'a.csv', { batchSize: 1 }, 0);
    await iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(log.batchesSent).toBeGreaterThan(0);
    expect(log.batchesSent).toBeLessThanOrEqual(17);
    await iterator.return(undefined);
    expect(log.terminated).toBe(1);
  });
});

describe('a part of a file', () => {
  it('that should end at a row end but does not is an error, not a silently cut row', async () => {
    const bytes = new TextEncoder().encode('客户,下单日期,金额\n王芳,2025-09-01,1.00\n李雷,2025-09-02,2.00\n');
    const cutInRow = sourceFromBytes('a.csv', bytes.subarray(0, 30));
    const options: ImportOptions = {
      mapping: { buyer: '客户', time: '下单日期', amount: '金额' },
      part: { endsAtRowEnd: true },
    };
    await expect(collect(readOrders(cutInRow, options))).rejects.toThrow(/ends inside a row \(line 2\)/);
  });
});
