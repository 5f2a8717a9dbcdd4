import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, buildExportFixtures } from '../../scripts/fixtures/make-export-fixtures';
import { entryText, listEntries, type RangeReader } from './xlsx/zip';

const bytesReader = (bytes: Uint8Array): RangeReader => ({
  size: bytes.length,
  range: async function* (start, end) {
    yield bytes.subarray(start, end);
  },
});

/** A workbook's parts by name, uncompressed: what matters, whichever zlib compressed them. */
async function parts(bytes: Uint8Array): Promise<Record<string, string>> {
  const reader = bytesReader(bytes);
  const out: Record<string, string> = {};
  for (const [name, entry] of await listEntries(reader)) out[name] = await entryText(reader, entry);
  return out;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [relative(FIXTURE_DIR, join(dir, entry.name))],
  );
}

describe('export fixtures', () => {
  const fixtures = buildExportFixtures();

  it('are exactly what scripts/fixtures/make-export-fixtures.ts writes (run it after changing it)', async () => {
    for (const { path, bytes } of fixtures) {
      const file = join(FIXTURE_DIR, path);
      expect(existsSync(file), `${path} missing`).toBe(true);
      // A workbook's deflated bytes depend on the zlib that wrote them; its parts must not differ.
      if (path.endsWith('.xlsx') && bytes.length > 100)
        expect(await parts(new Uint8Array(readFileSync(file))), `${path} differs from the generator`).toEqual(
          await parts(bytes),
        );
      else expect(Buffer.compare(readFileSync(file), Buffer.from(bytes)), `${path} differs from the generator`).toBe(0);
    }
  });

  it('has no committed file the generator does not make', () => {
    expect(listFiles(FIXTURE_DIR).sort()).toEqual(fixtures.map((f) => f.path).sort());
  });
});
