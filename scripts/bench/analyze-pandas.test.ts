// bench:cli compares `analyze` with scripts/bench/analyze_pandas.py: both must compute the same
// RFM table, or the comparison means nothing. Needs a python3 with pandas; skipped (with a note) without.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../cli/analyze';
import { writeTaobaoCsv } from '../demo-data';

const SCRIPT = fileURLToPath(new URL('./analyze_pandas.py', import.meta.url));
const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import pandas']).status === 0);
if (!python) console.warn('analyze_pandas.py not checked: neither python3 nor /usr/bin/python3 can import pandas');

describe.skipIf(!python)('analyze_pandas.py', () => {
  it('prints the RFM table analyze prints, buyer by buyer', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huitouke-pandas-'));
    const file = join(dir, 'ExportOrderList-small.csv');
    const asOf = '2026-11-20';
    writeTaobaoCsv(file, { buyers: 300, orders: 1500, seed: 11, asOf });
    const cli = await analyzeFiles({ files: [file], asOf, format: 'auto', locale: 'en' }, undefined, {
      threads: false,
    });
    const out = join(dir, 'pandas.jsonl');
    const run = spawnSync(python!, [SCRIPT, file, '--as-of', asOf, '--out', out], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const pandas = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(pandas).toEqual(
      cli.rows.map((r) => ({
        buyer: r.buyer,
        paidOrders: r.paidOrders,
        netTotal: r.netTotal,
        firstPaidDate: r.firstPaidDate,
        lastPaidDate: r.lastPaidDate,
        recencyDays: r.recencyDays,
        rfm: r.rfm && { r: r.rfm.r, f: r.rfm.f, m: r.rfm.m },
      })),
    );
    expect(cli.summary.payingBuyers).toBeGreaterThan(100);
  });
});
