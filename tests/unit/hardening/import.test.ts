import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ImportError,
  ImportIssueSchema,
  readOrders,
  sourceFromBytes,
  type ImportBatch,
  type ImportIssue,
  type ImportOptions,
} from '../../../lib/import';
import { FILE_ISSUE_CODES, formatIssue } from '../../../lib/import/issues';
import { createDecoder } from '../../../lib/import/encoding';
import { previewSource } from '../../../lib/import/preview';
import iconv from 'iconv-lite';
import { OrderFragmentSchema, type OrderFragment } from '../../../lib/schemas/order';
import { HOSTILE_SMALL } from '../../fixtures/hostile/strings';
import { applyDamage, damage, decodeFile, reencoding } from './import-mutate';
import { anyText, loadExport, runs, withinDeadline } from './support';
import { EXPORT_FIXTURES } from '../../fixtures/export-fixtures';

const FILES = EXPORT_FIXTURES;
const FILE_LEVEL = new Set<string>(FILE_ISSUE_CODES);

type Outcome =
  | {
      ok: true;
      fragments: OrderFragment[];
      issues: ImportIssue[];
      bytesRead: number;
      rowsRead: number;
      format: ImportBatch['format'];
      encoding: string;
    }
  | { ok: false; issue: ImportIssue };

/** One import, all batches gathered; any error other than ImportError fails the test. */
async function importOnce(
  name: string,
  bytes: Uint8Array,
  sizes: readonly number[],
  options: ImportOptions,
): Promise<Outcome> {
  const run = async (): Promise<Outcome> => {
    const fragments: OrderFragment[] = [];
    const issues: ImportIssue[] = [];
    let last: ImportBatch | null = null;
    try {
      for await (const batch of readOrders(sourceFromBytes(name, bytes, sizes), { ...options, batchSize: 7 })) {
        fragments.push(...batch.fragments);
        issues.push(...batch.issues);
        last = batch;
      }
    } catch (error) {
      if (error instanceof ImportError) return { ok: false, issue: error.issue };
      throw error;
    }
    if (!last) throw new Error('readOrders ended without a batch');
    return {
      ok: true,
      fragments,
      issues,
      bytesRead: last.bytesRead,
      rowsRead: last.rowsRead,
      format: last.format,
      encoding: last.encoding,
    };
  };
  return withinDeadline(run(), 15_000, `import of ${name} (${bytes.length} bytes)`);
}

/** Physical lines of the file as the importer decoded it (CRLF, LF and lone CR each end one). */
function lineCount(bytes: Uint8Array, encoding: string): number {
  const text = new TextDecoder(encoding).decode(bytes);
  return (text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}

/** The message the user sees names the file, in both languages, and quotes at most a short piece of a bad value. */
function expectReadable(issue: ImportIssue) {
  for (const locale of ['zh-CN', 'en'] as const) {
    const message = formatIssue(issue, locale);
    expect(message).toContain(issue.file);
    expect(message.length).toBeLessThan(2000);
  }
}

/** What every import of every file must satisfy, however damaged the file. */
function expectSound(name: string, bytes: Uint8Array, outcome: Outcome) {
  if (!outcome.ok) {
    expect(ImportIssueSchema.safeParse(outcome.issue).success).toBe(true);
    expect(outcome.issue.file).toBe(name);
    expect(outcome.issue.line).toBeGreaterThanOrEqual(1);
    // A file-level problem, or a quote opened on the header line and never closed.
    expect(
      FILE_LEVEL.has(outcome.issue.code) || outcome.issue.code === 'import_unterminatedQuote',
      outcome.issue.code,
    ).toBe(true);
    expectReadable(outcome.issue);
    return;
  }
  expect(outcome.bytesRead).toBe(bytes.length);
  const lines = lineCount(bytes, outcome.encoding);
  expect(outcome.rowsRead).toBeLessThanOrEqual(lines);
  for (const issue of outcome.issues) {
    const parsed = ImportIssueSchema.safeParse(issue);
    expect(parsed.success, JSON.stringify(issue)).toBe(true);
    expect(issue.file).toBe(name);
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.line, JSON.stringify(issue)).toBeLessThanOrEqual(lines);
    expect(FILE_LEVEL.has(issue.code), issue.code).toBe(false);
    expectReadable(issue);
  }
  for (const fragment of outcome.fragments) {
    const parsed = OrderFragmentSchema.safeParse(fragment);
    expect(
      parsed.success,
      parsed.success ? '' : `${parsed.error.message}\n${JSON.stringify(fragment).slice(0, 400)}`,
    ).toBe(true);
  }
}

const chunkSizes = fc.oneof(
  fc.array(fc.integer({ min: 1, max: 16 }), { minLength: 1, maxLength: 12 }),
  fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 4 }),
);

describe('importer on damaged real exports', () => {
  it('never crashes or hangs, reports every problem with a location, emits only valid fragments, and reads the same bytes the same way twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FILES), damage, chunkSizes, async ([name, options], d, sizes) => {
        const bytes = applyDamage(loadExport(name), d);
        // Small chunks over a 100 KB field only measure the test machine; they are covered below.
        const effective = bytes.length > 64 * 1024 ? sizes.map((s) => Math.max(s, 512)) : sizes;
        const first = await importOnce(name, bytes, effective, options);
        expectSound(name, bytes, first);
        const again = await importOnce(name, bytes, [bytes.length || 1], options);
        expect(again).toEqual(first);
        // The preview the supervisor checks before importing must describe the same file.
        const preview = await previewSource(sourceFromBytes(name, bytes, effective));
        if (first.ok) expect(preview.encoding).toBe(first.encoding);
      }),
      runs(200),
    );
  });

  it('picks the same encoding however the file is cut into chunks (bad bytes after the first 64 KiB)', async () => {
    // Found by the property above: the encoding used to be judged on however many bytes the first
    // chunks happened to hold, so a stray byte at 200 KB made the file UTF-8 or GB18030 by chance.
    const { text } = decodeFile(loadExport('pinduoduo-orders-20251010.csv'));
    const at = text.indexOf('\n') + 1;
    const utf8 = new TextEncoder().encode(`${text.slice(0, at)}"${'尺码偏大吗'.repeat(20_000)}",${text.slice(at)}`);
    const broken = new Uint8Array(utf8.length + 1);
    broken.set(utf8.subarray(0, 200_000));
    broken[200_000] = 0xff;
    broken.set(utf8.subarray(200_000), 200_001);
    const outcomes = [];
    for (const sizes of [[broken.length], [12, 56_141], [65_536], [1_000, 99_999]])
      outcomes.push(await importOnce('p.csv', broken, sizes, {}));
    for (const outcome of outcomes) expect(outcome).toEqual(outcomes[0]);
    expect(outcomes[0]).toMatchObject({ ok: true, encoding: 'utf-8' });
    for (const sizes of [[broken.length], [12, 56_141], [65_536]]) {
      const preview = await previewSource(sourceFromBytes('p.csv', broken, sizes));
      expect(preview.encoding, String(sizes)).toBe('utf-8');
      expect(preview.detected?.id).toBe('pinduoduo');
    }
  });

  it('keeps error messages short and to the point when a quote swallows the header or a header is huge', async () => {
    const { text } = decodeFile(loadExport('jd-orders-20251010.csv'));
    const swallowed = new TextEncoder().encode(`"${'尺码偏大吗'.repeat(20_000)}"\n${text}`);
    const refused = await importOnce('j.csv', swallowed, [swallowed.length], {});
    expect(refused).toMatchObject({ ok: false, issue: { code: 'import_unknownFormat' } });
    expectSound('j.csv', swallowed, refused);
    // Left open, the quote swallows everything: the error says where it opened, not "empty file".
    const unclosed = new TextEncoder().encode(`"${text}`);
    const open = await importOnce('u.csv', unclosed, [7], {});
    expect(open).toMatchObject({ ok: false, issue: { code: 'import_unterminatedQuote', line: 1, column: 1 } });
    expectSound('u.csv', unclosed, open);
    const longName = `金${' '.repeat(100_000)}额`;
    const table = new TextEncoder().encode(`客户,下单日期,"${longName}"\n王芳,2025-09-01,十二块\n`);
    const outcome = await importOnce('g.csv', table, [table.length], {
      mapping: { buyer: '客户', time: '下单日期', amount: longName },
    });
    expect(outcome.ok && outcome.issues.map((i) => i.code)).toEqual(['import_badAmount']);
    expectSound('g.csv', table, outcome);
  });

  it('loses nothing when a file is re-encoded or its BOM added or removed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FILES), reencoding, chunkSizes, async ([name, options], target, sizes) => {
        const original = loadExport(name);
        const bytes = applyDamage(original, { text: [], encoding: target, bytes: [] });
        const before = await importOnce(name, original, [original.length], options);
        const after = await importOnce(name, bytes, sizes, options);
        expectSound(name, bytes, after);
        expect(after.ok).toBe(before.ok);
        if (!after.ok || !before.ok) return;
        expect(after.fragments).toEqual(before.fragments);
        expect(after.issues).toEqual(before.issues);
        expect(after.format).toEqual(before.format);
      }),
      runs(120),
    );
  });

  it('reads a 100 KB field in pieces of any size the same as in one piece', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FILES.slice(0, 10)),
        fc.constantFrom('A', '尺码偏大吗', '"引号""内"', '<img src=x onerror=alert(1)>'),
        fc.boolean(),
        fc.array(fc.integer({ min: 256, max: 8192 }), { minLength: 1, maxLength: 6 }),
        async ([name, options], unit, quoted, sizes) => {
          const { text } = decodeFile(loadExport(name));
          const huge = unit.repeat(Math.ceil((100 * 1024) / unit.length));
          const cell = quoted ? `"${huge.replace(/"/g, '""')}"` : huge;
          const delimiter = text.includes('\t') && !text.split('\n')[0]!.includes(',') ? '\t' : ',';
          const at = text.indexOf('\n') + 1;
          const bytes = new TextEncoder().encode(`${text.slice(0, at)}${cell}${delimiter}${text.slice(at)}`);
          const whole = await importOnce(name, bytes, [bytes.length], options);
          expectSound(name, bytes, whole);
          expect(await importOnce(name, bytes, sizes, options)).toEqual(whole);
        },
      ),
      runs(15),
    );
  });
});

describe('GB18030 decoding in chunks', () => {
  /** Decode `bytes` cut into pieces of the given sizes, as the importer does. */
  function decodeInPieces(bytes: Uint8Array, sizes: readonly number[]): string {
    const decoder = createDecoder('gb18030');
    let text = '';
    let at = 0;
    for (let i = 0; at < bytes.length; i++) {
      const size = Math.max(1, sizes[i % sizes.length] ?? 1);
      text += decoder.decode(bytes.subarray(at, at + size));
      at += size;
    }
    return text + decoder.end();
  }

  it('gives exactly the text of one whole decode, for valid and broken bytes cut anywhere', () => {
    const gbText = fc
      .array(fc.oneof(anyText(8), fc.constantFrom('尺码偏大吗', '𠮷𪚥', '😀', '€', '订单,买家\r\n')), { maxLength: 20 })
      .map((p) => new Uint8Array(iconv.encode(p.join(''), 'gb18030')));
    const damaged = fc
      .tuple(gbText, fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 4 }))
      .map(([bytes, flips]) => {
        const out = bytes.slice();
        for (const [at, value] of flips) if (out.length > 0) out[at % out.length] = value;
        return out;
      });
    fc.assert(
      fc.property(
        fc.oneof(gbText, damaged, fc.uint8Array({ maxLength: 64 })),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }),
        (bytes, sizes) => {
          expect(decodeInPieces(bytes, sizes)).toBe(new TextDecoder('gb18030').decode(bytes));
        },
      ),
      runs(300),
    );
    // The case that crashed Node's streaming decoder: a 4-byte sequence cut after its second byte, broken by the next.
    expect(decodeInPieces(Uint8Array.from([0x41, 0xfe, 0x32, 0x04, 0x42]), [3, 2])).toBe(
      new TextDecoder('gb18030').decode(Uint8Array.from([0x41, 0xfe, 0x32, 0x04, 0x42])),
    );
  });
});

describe('importer on made-up input', () => {
  it('handles random bytes: an ImportError with a location, or a sound result', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), chunkSizes, async (bytes, sizes) => {
        const outcome = await importOnce('random.csv', bytes, sizes, {});
        expectSound('random.csv', bytes, outcome);
      }),
      runs(200),
    );
  });

  it('handles rows of hostile and arbitrary text under each real header, read twice the same', async () => {
    const cell = fc.oneof(anyText(12), fc.constantFrom(...HOSTILE_SMALL.map((h) => h.value)));
    const quoted = (v: string) => (/[",\r\n]/.test(v) || v.startsWith('=') ? `"${v.replace(/"/g, '""')}"` : v);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FILES.slice(0, 10)),
        fc.array(fc.array(cell, { maxLength: 30 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        chunkSizes,
        async ([name, options], rows, quoteThem, sizes) => {
          const { text } = decodeFile(loadExport(name));
          const header = text.slice(0, text.indexOf('\n') + 1);
          const delimiter = header.includes('\t') && !header.includes(',') ? '\t' : ',';
          const body = rows.map((r) => r.map(quoteThem ? quoted : (v) => v).join(delimiter)).join('\r\n');
          const bytes = new TextEncoder().encode(header + body);
          const first = await importOnce(name, bytes, sizes, options);
          expectSound(name, bytes, first);
          expect(await importOnce(name, bytes, [bytes.length || 1], options)).toEqual(first);
        },
      ),
      runs(200),
    );
  });
});
