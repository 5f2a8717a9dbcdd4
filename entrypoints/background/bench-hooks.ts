// Measurements `npm run bench:import` takes inside the extension (demo/test build only; the store
// build compiles this away). Figures only: nothing here changes data except the segment model,
// which it rebuilds exactly as an import does.
import { loadBuyerIndex, indexPopulation } from '@/lib/db/buyer-index';
import { countBuyers } from '@/lib/db/buyer-store';
import { findBuyerRecord, profileOf } from '@/lib/db/buyers';
import { db, type HuitoukeDb } from '@/lib/db/database';
import { rebuildSegmentModel } from '@/lib/db/import-store';
import { loadAppSettings } from '@/lib/db/settings';
import { mulberry32 } from '@/lib/demo/prng';
import { readOrders, sourceFromBlob } from '@/lib/import';
import { buildSegmentModel } from '@/lib/segments/model';
import { todayIn } from '@/lib/settings/app';
import { requestReminderRun } from './reminders';
import { answerSidebar } from './sidebar-api';

/** Where the bench leaves a file for {@link BenchApi.parseOnly}: a page puts a File here, we read it back. */
export const BENCH_FILES_DB = 'htk-bench-files';

export interface BenchApi {
  /** Read a stashed export through the importer without storing anything (the import's parse share). */
  parseOnly(key: string): Promise<{ ms: number; rows: number; fragments: number; bytes: number; issues: number }>;
  /** Recompute the segment model from the buyer index `repeats` times; milliseconds per part. */
  segments(repeats: number): Promise<{ buyers: number; loadMs: number[]; buildMs: number[]; rebuildMs: number[] }>;
  /**
   * `count` lookups of random buyers along the sidebar's path (findBuyerRecord + profileOf, with
   * its two parts timed apart), then the whole RPC answer (which also reads the settings).
   */
  lookups(
    count: number,
    seed: number,
  ): Promise<{ found: number; lookupMs: number[]; findMs: number[]; rpcMs: number[] }>;
  counts(): Promise<{ buyers: number; buyerShards: number; orphanBuckets: number; runs: number }>;
  /**
   * Milliseconds until the background's reminder work is done (after an import it scans the new
   * orders, sweeps every buyer and writes the reminders that makes): one more run is queued behind
   * whatever is running and awaited.
   */
  settled(): Promise<number>;
}

function stashed(key: string): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(BENCH_FILES_DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('files');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('files').objectStore('files').get(key);
      get.onerror = () => reject(get.error);
      get.onsuccess = () => {
        open.result.close();
        if (get.result instanceof Blob) resolve(get.result);
        else reject(new Error(`no stashed file ${key}`));
      };
    };
  });
}

function benchApi(database: HuitoukeDb): BenchApi {
  return {
    async parseOnly(key) {
      const blob = await stashed(key);
      const start = performance.now();
      let fragments = 0;
      let rows = 0;
      let issues = 0;
      for await (const batch of readOrders(sourceFromBlob(blob, key), { batchSize: 5000 })) {
        fragments += batch.fragments.length;
        issues += batch.issues.length;
        rows = batch.rowsRead;
      }
      return { ms: performance.now() - start, rows, fragments, bytes: blob.size, issues };
    },
    async segments(repeats) {
      const settings = await loadAppSettings(database);
      const asOf = todayIn(settings.timeZone, Date.now());
      const out = { buyers: 0, loadMs: [] as number[], buildMs: [] as number[], rebuildMs: [] as number[] };
      for (let i = 0; i < repeats; i++) {
        const t0 = performance.now();
        const index = await loadBuyerIndex(database);
        const t1 = performance.now();
        buildSegmentModel(indexPopulation(index), asOf);
        const t2 = performance.now();
        await rebuildSegmentModel(database, asOf, Date.now());
        const t3 = performance.now();
        out.buyers = index.ids.length;
        out.loadMs.push(t1 - t0);
        out.buildMs.push(t2 - t1);
        out.rebuildMs.push(t3 - t2);
      }
      return out;
    },
    async lookups(count, seed) {
      const index = await loadBuyerIndex(database);
      const settings = await loadAppSettings(database);
      const asOf = todayIn(settings.timeZone, Date.now());
      const rng = mulberry32(seed);
      const out = { found: 0, lookupMs: [] as number[], findMs: [] as number[], rpcMs: [] as number[] };
      if (!index.ids.length) return out;
      for (let i = 0; i < count; i++) {
        const at = Math.floor(rng() * index.ids.length);
        const platform = index.platforms[at]!;
        const id = index.ids[at]!;
        const key = id.slice(platform.length + 1);
        const t0 = performance.now();
        const record = await findBuyerRecord(database, platform, null, key);
        out.findMs.push(performance.now() - t0);
        if (record) await profileOf(database, record, settings, asOf);
        const t1 = performance.now();
        await answerSidebar(database, { method: 'buyer', platform, id: null, nick: key, asOf });
        const t2 = performance.now();
        if (record) out.found++;
        out.lookupMs.push(t1 - t0);
        out.rpcMs.push(t2 - t1);
      }
      return out;
    },
    async settled() {
      const t0 = performance.now();
      await requestReminderRun();
      return performance.now() - t0;
    },
    async counts() {
      return {
        buyers: await countBuyers(database),
        buyerShards: await database.buyerShards.count(),
        orphanBuckets: await database.orphans.count(),
        runs: await database.importRuns.count(),
      };
    },
  };
}

/** Call once from the background's start-up. Only the demo/test build gets `globalThis.__htkBench`. */
export function installBenchHooks(): void {
  if (import.meta.env.MODE === 'demo') (globalThis as { __htkBench?: BenchApi }).__htkBench = benchApi(db());
}
