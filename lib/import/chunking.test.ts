import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ImportError } from './issues';
import { type ImportOptions, readAllOrders } from './read-orders';
import { sourceFromBytes } from './source';
import { EXPORT_FIXTURES } from '../../tests/fixtures/export-fixtures';

const load = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../tests/fixtures/exports/${name}`, import.meta.url)));

const FILES = EXPORT_FIXTURES;

async function outcome(name: string, bytes: Uint8Array, sizes: number[], options: ImportOptions) {
  try {
    const { fragments, issues, format, rowsRead } = await readAllOrders(sourceFromBytes(name, bytes, sizes), options);
    return { fragments, issues, format, rowsRead };
  } catch (error) {
    if (error instanceof ImportError) return { error: error.issue };
    throw error;
  }
}

describe('chunk boundaries', () => {
  it('gives the same fragments and issues when every file arrives in random 1–7 byte chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FILES),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 32 }),
        async ([name, options], sizes) => {
          const bytes = load(name);
          const whole = await outcome(name, bytes, [bytes.length], options);
          expect('error' in whole).toBe(false);
          expect(await outcome(name, bytes, sizes, options)).toEqual(whole);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads every file the same in single bytes', async () => {
    for (const [name, options] of FILES) {
      const bytes = load(name);
      expect(await outcome(name, bytes, [1], options), name).toEqual(
        await outcome(name, bytes, [bytes.length], options),
      );
    }
  });

  it('decodes a GB18030 character split between two chunks inside a data row', async () => {
    const bytes = load('ExportOrderList202510071230.csv');
    const whole = await outcome('t.csv', bytes, [bytes.length], {});
    const marker = new Uint8Array(iconv.encode('落叶知秋88', 'gb18030'));
    const at = indexOfBytes(bytes, marker);
    expect(at).toBeGreaterThan(0);
    const split = await outcome('t.csv', bytes, [at + 1, bytes.length], {});
    expect(split).toEqual(whole);
    expect(JSON.stringify(split)).toContain('落叶知秋88');
  });

  it('finds the encoding even when the first chunk is a single byte of a BOM', async () => {
    const bytes = load('Order.all.tw.20251001_20251031.txt');
    const result = await readAllOrders(sourceFromBytes('tw.txt', bytes, [1, 2, 3]));
    expect(result.encoding).toBe('utf-16le');
    expect(result.fragments).toHaveLength(2);
  });
});

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}
