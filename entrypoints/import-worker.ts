// Runs imports off the options page's main thread, so the page stays responsive on huge files.
import { DataBusy, webDataLock } from '@/lib/db/data-lock';
import { db } from '@/lib/db/database';
import { importIntoDb, type ImportFailure } from '@/lib/db/import-store';
import { ImportCommandSchema, type ImportJob, type ImportWorkerMessage } from '@/lib/db/import-protocol';
import { loadAppSettings } from '@/lib/db/settings';
import { readOrders, sourceFromBlob, type ImportOptions } from '@/lib/import';
import { MAPPING_FIELDS } from '@/lib/import/mapping';
import { readSplit, type ParserHandle } from '@/lib/import/split-read';
import { todayIn } from '@/lib/settings/app';
import { importCurrencies } from '@/lib/money/settings';

const post = (message: ImportWorkerMessage) => postMessage(message);

// Built by WXT as an unlisted script (a classic worker bundle at /import-worker.js).
export default defineUnlistedScript(() => {
  let abort: AbortController | null = null;
  addEventListener('message', (event: MessageEvent) => {
    const parsed = ImportCommandSchema.safeParse(event.data);
    if (!parsed.success) return post({ type: 'failed', message: 'Invalid import command', issues: [] });
    if (parsed.data.type === 'cancel') return abort?.abort();
    if (abort) return; // one job per worker
    abort = new AbortController();
    void run(parsed.data.job, abort.signal);
  });
});

async function run(job: ImportJob, signal: AbortSignal) {
  const database = db();
  const settings = await loadAppSettings(database);
  let lastPost = 0;
  // Each file as its format says; the mapping and platform only for the generic tables.
  const fileOptions = (options: ImportOptions, i: number): ImportOptions => {
    const generic = job.formats[i] === 'generic';
    // Every mapped field is stored; the cells of the other columns are skipped unread.
    const fields = MAPPING_FIELDS.filter((f) => settings.storeContact || (f !== 'phone' && f !== 'address'));
    return {
      ...options,
      format: job.formats[i],
      mapping: generic ? job.mapping : undefined,
      platform: generic ? job.platform : undefined,
      fields,
    };
  };
  try {
    const { run: result, issues } = await importIntoDb(
      database,
      job.files.map((f, i) => sourceFromBlob(f, job.names[i] ?? 'orders.csv')),
      {
        storeContact: settings.storeContact,
        timeZone: settings.timeZone,
        // Amounts whose export does not say their currency: the shop's Shopee site, or the shop's currency.
        ...importCurrencies(settings.profile.money),
        rules: settings.profile.rules,
        locale: job.locale,
        asOf: todayIn(settings.timeZone, Date.now()),
        runId: job.runId,
        signal,
        // Held for the whole run: no restore and no other import meanwhile, in any tab; released if this worker ends.
        lock: webDataLock(navigator.locks),
        // A big file is parsed in two parts, the second by a worker of its own (where workers can start workers).
        read:
          typeof Worker === 'function'
            ? (_source, i, options) =>
                readSplit(spawnParser, job.files[i]!, job.names[i] ?? 'orders.csv', fileOptions(options, i))
            : (source, i, options) => readOrders(source, fileOptions(options, i)),
        onProgress: (progress) => {
          const now = performance.now();
          if (progress.phase === 'reading' && now - lastPost < 100) return;
          lastPost = now;
          post({ type: 'progress', progress });
        },
      },
    );
    post({ type: 'done', run: result, issues: issues.slice(0, 100_000) });
  } catch (error) {
    if (error instanceof DataBusy) return post({ type: 'busy', holder: error.holder });
    const detail = error as ImportFailure;
    const message = detail.run?.failure ?? detail.message ?? String(error);
    if (signal.aborted) return post({ type: 'cancelled', message, rolledBack: detail.rolledBack === true });
    post({ type: 'failed', message, run: detail.run, issues: (detail.issues ?? []).slice(0, 100_000) });
  }
}

const spawnParser = () => new Worker(new URL('/parse-worker.js', location.href)) as unknown as ParserHandle;
