// `npm run bench:cli [-- --rows N] [--delete]`: `analyze FILE --as-of D` against the same RFM table
// computed with pandas (scripts/bench/analyze_pandas.py), on one generated Taobao 订单报表 export
// (GB18030), in the same run. Prints wall time and peak memory (max RSS) of each, their ratios, and
// whether the two agree buyer by buyer. Figures only: nothing here passes or fails.
// `--delete` removes the generated export afterwards (a 10M-row file is ~4 GB); `--no-pandas` runs
// the CLI alone (pandas holds every row: 10M rows would take ~10 GB).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../browser';
import { benchExport } from './lib/exports';

interface Measured {
  wallMs: number;
  peakKb: number;
  code: number | null;
}

function parseArgs(argv: string[]): { rows: number; remove: boolean; pandas: boolean } {
  let rows = 1_000_000;
  let remove = false;
  let pandas = true;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rows') rows = Number(argv[++i]);
    else if (argv[i] === '--delete') remove = true;
    else if (argv[i] === '--no-pandas') pandas = false;
    else throw new Error(`unknown option ${argv[i]}; usage: bench:cli [--rows N] [--delete] [--no-pandas]`);
  }
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows needs a positive whole number');
  return { rows, remove, pandas };
}

/** The first of `python3` (PATH) and Debian's `/usr/bin/python3` that can import pandas. */
function pythonWithPandas(): { python: string; version: string } | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import pandas, sys; print(pandas.__version__, sys.version.split()[0])'], {
      encoding: 'utf8',
    });
    if (probe.status === 0) return { python, version: probe.stdout.trim() };
  }
  return null;
}

/** Peak resident memory so far of a live process (Linux /proc), in kB; 0 once it is gone. */
function peakRssKb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

const GNU_TIME = '/usr/bin/time';

/**
 * Run a command with its output to a file: wall time, and peak RSS from GNU time (`%M`) when the
 * machine has it, else sampled from /proc every 100 ms. Worker threads are part of the process.
 */
async function measure(command: string, args: string[], outFile: string): Promise<Measured> {
  const timed = existsSync(GNU_TIME);
  const argv = timed ? [GNU_TIME, '-f', 'HTK_PEAK_KB=%M', command, ...args] : [command, ...args];
  const started = performance.now();
  const child = spawn('sh', ['-c', `exec "$@" > '${outFile}'`, 'sh', ...argv], {
    stdio: ['ignore', 'ignore', 'pipe'],
    cwd: ROOT,
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let peakKb = 0;
  const timer = timed
    ? null
    : setInterval(() => {
        if (child.pid !== undefined) peakKb = Math.max(peakKb, peakRssKb(child.pid));
      }, 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (timer) clearInterval(timer);
  const wallMs = performance.now() - started;
  const reported = /HTK_PEAK_KB=(\d+)/.exec(stderr);
  if (reported) peakKb = Number(reported[1]);
  if (code !== 0) process.stderr.write(`${command} exited with ${code}:\n${stderr.slice(-2000)}\n`);
  return { wallMs, peakKb, code };
}

/** Buyer → the fields both print, from JSON lines. */
function table(file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const row = JSON.parse(line) as Record<string, unknown> & { rfm: { r: number; f: number; m: number } | null };
    const rfm = row.rfm ? `${row.rfm.r}${row.rfm.f}${row.rfm.m}` : '-';
    out.set(
      String(row.buyer),
      [row.paidOrders, row.netTotal, row.firstPaidDate, row.lastPaidDate, row.recencyDays, rfm].join('|'),
    );
  }
  return out;
}

function differences(a: Map<string, string>, b: Map<string, string>): number {
  let n = Math.abs(a.size - b.size);
  for (const [buyer, value] of a) if (b.get(buyer) !== value) n++;
  return n;
}

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const { rows, remove, pandas: withPandas } = parseArgs(process.argv.slice(2));
  const file = benchExport(rows, (line) => console.log(line));
  console.log(
    `bench:cli — ${rows.toLocaleString('en')} orders, ${file.buyers.toLocaleString('en')} buyers, ${(file.bytes / 1e6).toFixed(0)} MB GB18030, as of ${file.asOf}`,
  );
  const cliOut = `${file.path}.cli.jsonl`;
  const pandasOut = `${file.path}.pandas.jsonl`;
  try {
    const cliArgs = ['--import', 'tsx', join(ROOT, 'scripts', 'cli.ts'), 'analyze', file.path, '--as-of', file.asOf];
    console.log(`CLI:    node ${cliArgs.join(' ')}`);
    const cli = await measure(process.execPath, cliArgs, cliOut);
    console.log(
      `CLI:    wall ${s(cli.wallMs)}, peak ${mb(cli.peakKb)} (${mb((cli.peakKb * 100_000) / file.buyers)} per 100k buyers, all included)`,
    );
    if (!withPandas) return;
    const pandas = pythonWithPandas();
    if (!pandas) {
      console.log('pandas: skipped — neither python3 nor /usr/bin/python3 can import pandas');
      return;
    }
    const pyArgs = [join(ROOT, 'scripts', 'bench', 'analyze_pandas.py'), file.path, '--as-of', file.asOf];
    console.log(`pandas: ${pandas.python} ${pyArgs.join(' ')}   (pandas ${pandas.version})`);
    const py = await measure(pandas.python, pyArgs, pandasOut);
    console.log(`pandas: wall ${s(py.wallMs)}, peak ${mb(py.peakKb)}`);
    console.log(
      `ratio CLI/pandas: wall ${(cli.wallMs / py.wallMs).toFixed(2)}×, peak memory ${(cli.peakKb / py.peakKb).toFixed(2)}×`,
    );
    if (cli.code === 0 && py.code === 0) {
      const diff = differences(table(cliOut), table(pandasOut));
      console.log(diff === 0 ? 'results: the same RFM table for every buyer' : `results: ${diff} buyers differ`);
    }
  } finally {
    for (const out of [cliOut, pandasOut]) if (existsSync(out)) rmSync(out);
    if (remove) {
      rmSync(file.path);
      console.log(`deleted ${file.path} (${(file.bytes / 1e9).toFixed(1)} GB)`);
    }
  }
}

await main();
