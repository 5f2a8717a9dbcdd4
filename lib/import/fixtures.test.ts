import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, buildExportFixtures } from '../../scripts/fixtures/make-export-fixtures';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [relative(FIXTURE_DIR, join(dir, entry.name))],
  );
}

describe('export fixtures', () => {
  const fixtures = buildExportFixtures();

  it('are exactly what scripts/fixtures/make-export-fixtures.ts writes (run it after changing it)', () => {
    for (const { path, bytes } of fixtures) {
      const file = join(FIXTURE_DIR, path);
      expect(existsSync(file), `${path} missing`).toBe(true);
      expect(Buffer.compare(readFileSync(file), Buffer.from(bytes)), `${path} differs from the generator`).toBe(0);
    }
  });

  it('has no committed file the generator does not make', () => {
    expect(listFiles(FIXTURE_DIR).sort()).toEqual(fixtures.map((f) => f.path).sort());
  });
});
