// `npm run bench:import`: import speed and memory in headless Chromium with the extension.
//
// For each size (default 100,000 and 1,000,000 rows; `--rows 100000` for one), in a fresh profile:
// parse-only time of the file in the extension (the importer without storage), then the import as a
// supervisor does it (options page → import worker), timed in the page from the file input's change
// to the summary appearing, with the page's responsiveness and the memory and CPU time of
// Chromium's processes sampled throughout, parse-only again (import ÷ parse uses the mean of the
// two), then the segment model recomputed from the buyer index and
// 10,000 random buyer lookups along the sidebar's path. Prints a table, writes bench-results/import.json.
//
// Uses .output/demo/chrome-mv3 (or HTK_EXTENSION_DIR), built with `npx wxt build --mode demo`
// when missing. The background must call installBenchHooks() (entrypoints/background/bench-hooks.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DEMO_EXTENSION_DIR, ROOT } from '../browser';
import { HeapSampler, launchWithExtension, RssSampler } from './lib/chromium';
import { ThreadCpuSampler } from './lib/thread-cpu';
import { benchExport, type BenchExport } from './lib/exports';
import { translate } from '../../lib/i18n';
import {
  ADD_STASH_INPUT,
  dropStash,
  INSTALL_PHASE_PROBE,
  INSTALL_RESPONSIVENESS_PROBE,
  READ_PHASE_PROBE,
  READ_RESPONSIVENESS_PROBE,
  stashFile,
  type PhaseReading,
  type ProbeReading,
} from './lib/page-probes';
import { max, mb, median, percentile, round, table } from './lib/stats';

const BENCH_FILES_DB = 'htk-bench-files';
const LOOKUPS = 10_000;
const LOOKUP_SEED = 7;
/** The page's settling after the import: the buyers table re-reads the index once it is stored. */
const AFTER_DONE_MS = 3000;
const IDLE_MS = 3000;

function parseArgs(argv: string[]) {
  const rows: number[] = [];
  let lookups = LOOKUPS;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => Number(String(argv[++i]).replace(/[_,]/g, ''));
    if (flag === '--rows') rows.push(value());
    else if (flag === '--lookups') lookups = value();
    else throw new Error(`unknown option ${flag} (use --rows N, --lookups N)`);
  }
  if (rows.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--rows needs a positive integer');
  return { rows: rows.length ? rows : [100_000, 1_000_000], lookups };
}

function ensureBuild(): string {
  const dir = DEMO_EXTENSION_DIR;
  if (existsSync(join(dir, 'manifest.json'))) return dir;
  if (process.env.HTK_EXTENSION_DIR) throw new Error(`HTK_EXTENSION_DIR=${dir} has no built extension`);
  console.log('▶ building the demo extension (npx wxt build --mode demo)…');
  // The build emits the message files the manifest names itself (wxt.config.ts).
  const r = spawnSync('npx', ['wxt', 'build', '--mode', 'demo'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('wxt build --mode demo failed');
  return dir;
}

function responsiveness(reading: ProbeReading, from: number, to: number) {
  const tasks = reading.longTasks.filter(([at]) => at >= from && at < to).map(([, ms]) => ms);
  const lags = reading.lags.filter(([at]) => at >= from && at < to).map(([, ms]) => ms);
  return {
    longTasks: tasks.length,
    longTaskMaxMs: round(max(tasks) || 0, 0),
    longTaskTotalMs: round(
      tasks.reduce((a, b) => a + b, 0),
      0,
    ),
    maxEventLoopDelayMs: round(max(lags) || 0, 0),
    observedLongTasks: reading.observer,
  };
}

/**
 * Seconds in each phase, from when the progress line first showed it: reading (parsing and merging
 * in memory), writing (buyers and orphans), then segments and the final write until "done".
 */
function phaseSeconds(changes: [number, string][], start: number, done: number) {
  const first = (key: 'op_import_phase_writing' | 'op_import_phase_segments') => {
    const labels = [translate('zh-CN', key), translate('en', key)];
    return changes.find(([, text]) => labels.includes(text))?.[0];
  };
  const writing = first('op_import_phase_writing');
  const segments = first('op_import_phase_segments') ?? done;
  if (writing === undefined) return null;
  return {
    reading: round((writing - start) / 1000, 1),
    writing: round((segments - writing) / 1000, 1),
    segmentsAndFinalWrite: round((done - segments) / 1000, 1),
  };
}

async function benchOne(file: BenchExport, extensionDir: string, lookups: number) {
  const startLoad = loadavg();
  const browser = await launchWithExtension(extensionDir);
  const rss = new RssSampler(browser.profile);
  const cpu = new ThreadCpuSampler(browser.profile);
  try {
    const sw = browser.background;
    if ((await sw.evaluate('typeof globalThis.__htkBench')) !== 'object') {
      throw new Error('The build has no bench hooks: the background must call installBenchHooks() (demo build only).');
    }
    const userAgent = String(await sw.evaluate('navigator.userAgent'));
    const page = await browser.context.newPage();
    // Errors (and anything else) the import worker logs.
    page.on('worker', (w) => w.on('console', (m) => console.log(`  [import worker] ${m.text()}`)));
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#/data`);
    await page.getByTestId('import-file').waitFor({ state: 'attached' });

    // Parsing alone, before the import and again after it: this machine's speed drifts by 20% from
    // minute to minute, so the ratio is taken against the mean of the two.
    const parseOnly = async () => {
      await page.evaluate(ADD_STASH_INPUT);
      await page.locator('#htk-bench-stash').setInputFiles(file.path);
      await page.evaluate(stashFile('bench.csv', BENCH_FILES_DB));
      const result = (await sw.evaluate(`globalThis.__htkBench.parseOnly('bench.csv')`)) as {
        ms: number;
        rows: number;
        fragments: number;
        issues: number;
      };
      await page.evaluate(dropStash(BENCH_FILES_DB));
      return result;
    };
    console.log(`  parse only…`);
    cpu.start();
    const parseFrom = Date.now();
    const parse = await parseOnly();
    const parseTo = Date.now();

    console.log(`  import through the options page…`);
    const probeStart = (await page.evaluate(INSTALL_RESPONSIVENESS_PROBE)) as number;
    await page.evaluate(INSTALL_PHASE_PROBE);
    // The same probes with nothing running: the noise floor of this machine at this moment.
    await page.waitForTimeout(IDLE_MS);
    const importStart = (await page.evaluate('performance.now()')) as number;
    const heaps = new HeapSampler(browser.cdp, [
      '/import-worker.js',
      '/parse-worker.js',
      '/options.html',
      '/background.js',
    ]);
    heaps.start();
    rss.start();
    const started = Date.now();
    await page.getByTestId('import-file').setInputFiles(file.path);
    const outcome = page.locator('[data-testid="import-done"], [data-testid="import-failed"]').first();
    await outcome.waitFor({ timeout: 30 * 60_000 });
    const seen = (await page.evaluate(READ_PHASE_PROBE)) as PhaseReading;
    const fileChosenAt = seen.span.start ?? importStart;
    const doneAt = seen.span.done ?? ((await page.evaluate('performance.now()')) as number);
    const seconds = (doneAt - fileChosenAt) / 1000;
    const summary = ((await outcome.textContent()) ?? '').trim();
    if ((await outcome.getAttribute('data-testid')) === 'import-failed') throw new Error(`import failed: ${summary}`);
    await page.waitForTimeout(AFTER_DONE_MS);
    rss.stop();
    cpu.stop();
    await heaps.stop();
    const reading = (await page.evaluate(READ_RESPONSIVENESS_PROBE)) as ProbeReading;
    const phases = phaseSeconds(seen.seen, fileChosenAt, doneAt);

    console.log(`  parse only, again…`);
    const parseAgain = await parseOnly();
    const parseMs = (parse.ms + parseAgain.ms) / 2;
    // The CPU sampler keeps the bench's clock: page times are moved by when the page read importStart.
    const importFrom = started + (fileChosenAt - importStart);
    const readEnd = importFrom + (phases ? phases.reading * 1000 : seconds * 1000);
    const writeEnd = phases ? readEnd + phases.writing * 1000 : readEnd;
    const cpuSeconds = (from: number, to: number) => ({
      wall: round((to - from) / 1000, 1),
      threads: cpu.between(from, to).map(({ thread, seconds }) => ({ thread, seconds: round(seconds, 1) })),
    });

    // The background's reminder work after the import (see BenchApi.settled), before the lookups.
    const settledMs = (await sw.evaluate('globalThis.__htkBench.settled()')) as number;
    console.log(`  background reminder work done ${round(settledMs / 1000, 1)} s after the second parse…`);
    console.log(`  segments and lookups…`);
    const counts = (await sw.evaluate('globalThis.__htkBench.counts()')) as { buyers: number; orphanBuckets: number };
    const seg = (await sw.evaluate('globalThis.__htkBench.segments(5)')) as {
      buyers: number;
      loadMs: number[];
      buildMs: number[];
      rebuildMs: number[];
    };
    const look = (await sw.evaluate(`globalThis.__htkBench.lookups(${lookups}, ${LOOKUP_SEED})`)) as {
      found: number;
      lookupMs: number[];
      findMs: number[];
      rpcMs: number[];
    };

    return {
      rows: file.rows,
      generatedBuyers: file.buyers,
      fileMB: mb(file.bytes),
      summary,
      userAgent,
      loadAverageAtStart: startLoad.map((v) => round(v, 1)),
      import: { seconds: round(seconds, 1), rowsPerSecond: Math.round(file.rows / seconds), phases },
      parseOnly: {
        where: 'background service worker, readOrders over the same file, before the import and after it',
        seconds: round(parseMs / 1000, 1),
        before: round(parse.ms / 1000, 1),
        after: round(parseAgain.ms / 1000, 1),
        rowsPerSecond: Math.round(parse.rows / (parseMs / 1000)),
        rows: parse.rows,
        fragments: parse.fragments,
        issues: parse.issues,
      },
      importOverParse: round(seconds / (parseMs / 1000), 2),
      cpuSeconds: {
        method:
          "utime + stime of each thread of the profile's Chromium processes (/proc, sampled every 250 ms), grouped by process kind and thread name",
        parseOnly: cpuSeconds(parseFrom, parseTo),
        reading: cpuSeconds(importFrom, readEnd),
        writing: cpuSeconds(readEnd, writeEnd),
        end: cpuSeconds(writeEnd, importFrom + seconds * 1000),
      },
      memory: {
        method:
          "JS heap: CDP Runtime.getHeapUsage (used size) of the import worker, its parse worker (when the browser lists it), the options page and the background, sampled every 250 ms; RSS: /proc VmRSS of the profile's Chromium processes",
        workerHeapPeakMB: mb(heaps.peaks.get('/import-worker.js') ?? 0),
        // A worker started by a worker is not a target a browser-level session lists: null then (its heap counts in the extension RSS).
        parseWorkerHeapPeakMB: heaps.peaks.has('/parse-worker.js') ? mb(heaps.peaks.get('/parse-worker.js')!) : null,
        pageHeapPeakMB: mb(heaps.peaks.get('/options.html') ?? 0),
        backgroundHeapPeakMB: mb(heaps.peaks.get('/background.js') ?? 0),
        rssPeakMB: {
          extensionProcess: mb(rss.peaks.extension),
          browserProcess: mb(rss.peaks.browser),
          otherProcesses: mb(rss.peaks.other),
        },
      },
      responsiveness: {
        idleBefore: responsiveness(reading, probeStart, importStart),
        duringImport: responsiveness(reading, importStart, doneAt),
        longTasksDuringImport: reading.longTasks
          .filter(([at]) => at >= importStart && at < doneAt)
          .map(([at, ms]) => [round((at - importStart) / 1000, 2), round(ms, 0)]),
        afterDone: responsiveness(reading, doneAt, Number.POSITIVE_INFINITY),
      },
      stored: counts,
      backgroundSettledSeconds: round(settledMs / 1000, 1),
      segments: {
        buyers: seg.buyers,
        rebuildMedianMs: round(median(seg.rebuildMs)),
        loadIndexMedianMs: round(median(seg.loadMs)),
        buildMedianMs: round(median(seg.buildMs)),
        rebuildMs: seg.rebuildMs.map((v) => round(v)),
      },
      lookups: {
        count: look.lookupMs.length,
        found: look.found,
        p50Ms: round(percentile(look.lookupMs, 50), 2),
        p95Ms: round(percentile(look.lookupMs, 95), 2),
        p99Ms: round(percentile(look.lookupMs, 99), 2),
        maxMs: round(max(look.lookupMs), 1),
        findRecordP50Ms: round(percentile(look.findMs, 50), 2),
        findRecordP95Ms: round(percentile(look.findMs, 95), 2),
        rpcP50Ms: round(percentile(look.rpcMs, 50), 2),
        rpcP95Ms: round(percentile(look.rpcMs, 95), 2),
      },
    };
  } finally {
    rss.stop();
    cpu.stop();
    await browser.close();
  }
}

async function main() {
  const { rows, lookups } = parseArgs(process.argv.slice(2));
  const extensionDir = ensureBuild();
  const results = [];
  for (const n of rows) {
    const file = benchExport(n, (line) => console.log(`▶ ${line}`));
    console.log(
      `▶ ${n.toLocaleString('en')} rows, ${mb(file.bytes)} MB (GB18030) — load average ${loadavg()
        .map((v) => v.toFixed(1))
        .join(' ')}`,
    );
    results.push(await benchOne(file, extensionDir, lookups));
  }
  console.log(
    '\n' +
      table([
        [
          'rows',
          'import s',
          '(read+write+end)',
          'rows/s',
          'parse s (before/after)',
          'import÷parse',
          'worker heap MB',
          'parse worker heap MB',
          'page heap MB',
          'ext. RSS MB',
          'browser RSS MB',
          'long tasks (max ms)',
          'max delay ms',
        ],
        ...results.map((r) => [
          r.rows,
          r.import.seconds,
          r.import.phases
            ? `${r.import.phases.reading}+${r.import.phases.writing}+${r.import.phases.segmentsAndFinalWrite}`
            : 'n/a',
          r.import.rowsPerSecond,
          `${r.parseOnly.seconds} (${r.parseOnly.before}/${r.parseOnly.after})`,
          r.importOverParse,
          r.memory.workerHeapPeakMB,
          r.memory.parseWorkerHeapPeakMB ?? 'n/a',
          r.memory.pageHeapPeakMB,
          r.memory.rssPeakMB.extensionProcess,
          r.memory.rssPeakMB.browserProcess,
          `${r.responsiveness.duringImport.longTasks} (${r.responsiveness.duringImport.longTaskMaxMs})`,
          r.responsiveness.duringImport.maxEventLoopDelayMs,
        ]),
      ]),
  );
  console.log(
    '\n' +
      table([
        [
          'rows',
          'buyers',
          'reminders after import s',
          'segments ms (load+build+store)',
          'lookup p50 ms',
          'lookup p95 ms',
          'lookup max ms',
          'sidebar RPC p95 ms',
          'idle: long tasks (max ms)',
          'after done: long tasks (max ms)',
        ],
        ...results.map((r) => [
          r.rows,
          r.segments.buyers,
          r.backgroundSettledSeconds,
          r.segments.rebuildMedianMs,
          r.lookups.p50Ms,
          r.lookups.p95Ms,
          r.lookups.maxMs,
          r.lookups.rpcP95Ms,
          `${r.responsiveness.idleBefore.longTasks} (${r.responsiveness.idleBefore.longTaskMaxMs})`,
          `${r.responsiveness.afterDone.longTasks} (${r.responsiveness.afterDone.longTaskMaxMs})`,
        ]),
      ]),
  );
  for (const r of results) {
    console.log(`\nCPU seconds by thread, ${r.rows.toLocaleString('en')} rows (threads under 0.1 s left out):`);
    for (const [phase, spent] of Object.entries(r.cpuSeconds)) {
      if (typeof spent === 'string') continue;
      const total = spent.threads.reduce((sum, t) => sum + t.seconds, 0);
      console.log(
        `  ${phase}, ${spent.wall} s wall, ${round(total, 1)} s CPU: ${spent.threads
          .slice(0, 10)
          .map((t) => `${t.thread} ${t.seconds}`)
          .join(', ')}`,
      );
    }
  }
  console.log(
    '\nTargets (issue 3): 1,000,000 rows ≤ 30 s and ≤ 2× parse; segments for 200,000 buyers ≤ 2 s; lookup p95 ≤ 1 ms; page responsive.',
  );
  const out = join(ROOT, 'bench-results');
  mkdirSync(out, { recursive: true });
  const json = {
    date: new Date().toISOString(),
    cpus: cpus().length,
    loadAverage: loadavg().map((v) => round(v, 2)),
    extensionDir,
    results,
  };
  writeFileSync(join(out, 'import.json'), JSON.stringify(json, null, 2) + '\n');
  console.log(`figures → ${join(out, 'import.json')}`);
}

main().catch((error: unknown) => {
  console.error(`\n✖ bench:import failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
