import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUYER_CSV_HEADER, buyerCsvValues, type BuyerRow } from '../../../lib/export/buyer-rows';
import { concernCsvChunks, type ConcernRow } from '../../../lib/export/concerns';
import { csvCell, csvChunks, csvRow, UTF8_BOM } from '../../../lib/export/csv';
import { CsvTokenizer } from '../../../lib/import/csv';
import { HOSTILE_STRINGS, HOSTILE_VALUES } from '../../fixtures/hostile/strings';
import { anyText, runs } from './support';

/** What Excel, WPS or LibreOffice would start a formula or command with (OWASP's list plus full-width forms). */
const DANGEROUS_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The text a spreadsheet shows: an apostrophe in front of anything that would start a formula. */
const shown = (text: string) => (DANGEROUS_START.test(text) ? `'${text}` : text);

/** Parse CSV text back with the importer's tokenizer, fed in pieces of the given sizes. */
function parseBack(text: string, sizes: readonly number[] = [text.length]): string[][] {
  const tokenizer = new CsvTokenizer();
  const rows: string[][] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    for (const row of tokenizer.push(text.slice(at, at + size))) rows.push(row.fields);
    at += size;
  }
  for (const row of tokenizer.end()) rows.push(row.fields);
  expect(tokenizer.takeIssues()).toEqual([]);
  return rows;
}

function expectNoFormulaCell(cell: string, label: string) {
  const unquoted = cell.startsWith('"') ? cell.slice(1) : cell;
  expect(DANGEROUS_START.test(unquoted), `${label}: ${JSON.stringify(cell.slice(0, 40))}`).toBe(false);
}

const cellText = fc.oneof(anyText(40), fc.constantFrom(...HOSTILE_VALUES.filter((v) => v.length < 4096)));

describe('CSV export of hostile text', () => {
  it('never writes a cell that starts like a formula, for every corpus string', () => {
    for (const { label, value } of HOSTILE_STRINGS) {
      const cell = csvCell(value);
      expectNoFormulaCell(cell, label);
      const [row] = parseBack(csvRow([value, 'x']));
      expect(row?.[0], label).toBe(shown(value));
      expect(DANGEROUS_START.test(row?.[0] ?? ''), label).toBe(false);
    }
  });

  it('round-trips any single string cell through the importer’s tokenizer, apostrophe aside', () => {
    fc.assert(
      fc.property(cellText, (value) => {
        expectNoFormulaCell(csvCell(value), 'generated');
        expect(parseBack(csvRow([value]))).toEqual([[shown(value)]]);
      }),
      runs(300),
    );
  });

  it('round-trips whole files — header, rows, BOM, any chunking — cell for cell', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellText, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }),
        (rows, rowsPerChunk, sizes) => {
          const width = rows[0]!.length;
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
          const header = table[0]!.map((_, i) => `列${i + 1}`);
          const text = [...csvChunks(header, table, rowsPerChunk)].join('');
          expect(text.startsWith(UTF8_BOM)).toBe(true);
          expect(parseBack(text, sizes)).toEqual([header, ...table.map((r) => r.map(shown))]);
        },
      ),
      runs(200),
    );
  });

  it('keeps numbers as numbers and empty values empty', () => {
    expect(parseBack(csvRow([-12.5, 0, null, undefined, true, Number.NaN]))).toEqual([
      ['-12.5', '0', '', '', 'true', ''],
    ]);
  });
});

describe('the product’s exports', () => {
  it('concern and buyer CSVs keep every hostile nick, quote and item as inert text', () => {
    const concernRows: ConcernRow[] = HOSTILE_VALUES.map((value, i) => ({
      buyer: value,
      nick: value,
      platform: 'taobao',
      level: null,
      stage: 'active',
      concern: 'size',
      concernName: value,
      quote: value,
      time: '2025-10-07 10:00:00',
      date: '2025-10-07',
      agent: value,
      item: value,
      category: i % 2 ? value : null,
      resolved: false,
      source: 'agent',
      product: value,
      productId: i % 2 ? value : null,
    }));
    const concerns = parseBack([...concernCsvChunks(concernRows, 7)].join('').slice(1));
    const buyerRows = HOSTILE_VALUES.map((value, i): BuyerRow => ({
      index: i,
      buyer: value,
      nick: value,
      platform: 'taobao',
      paidOrders: 1,
      currency: 'CNY',
      netCents: -500,
      aovCents: 500,
      otherNet: [],
      firstPaidDate: '2025-01-01',
      lastPaidDate: '2025-01-01',
      recencyDays: 3,
      stage: 'active',
      level: value,
      rfm: null,
      rfm8: null,
      layer: null,
    }));
    const buyers = parseBack([...csvChunks(BUYER_CSV_HEADER, buyerRows.map(buyerCsvValues))].join('').slice(1));
    expect(concerns).toHaveLength(HOSTILE_VALUES.length + 1);
    expect(buyers).toHaveLength(HOSTILE_VALUES.length + 1);
    HOSTILE_VALUES.forEach((value, i) => {
      const concern = concerns[i + 1]!;
      expect([concern[0], concern[1], concern[7], concern[9], concern[10], concern[14]]).toEqual(
        Array(6).fill(shown(value)),
      );
      expect(buyers[i + 1]![1]).toBe(shown(value));
      // Amounts stay numbers, even negative ones: only text is neutralised.
      expect(buyers[i + 1]![4]).toBe('-5');
      for (const cell of [...concern, ...buyers[i + 1]!.filter((_, k) => k !== 4)])
        expect(DANGEROUS_START.test(cell), HOSTILE_STRINGS[i]!.label).toBe(false);
    });
  });
});
