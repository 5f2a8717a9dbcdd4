// Runs imports off the options page's main thread, so the page stays responsive on huge files.
import { db } from '@/lib/db/database';
import { importIntoDb } from '@/lib/db/import-store';
import { ImportJobSchema, type ImportWorkerMessage } from '@/lib/db/import-protocol';
import { loadAppSettings } from '@/lib/db/settings';
import { sourceFromBlob, type ImportIssue } from '@/lib/import';
import { readSplit, type ParserHandle } from '@/lib/import/split-read';
import type { ImportRun } from '@/lib/db/records';
import { todayIn } from '@/lib/settings/app';

const post = (message: ImportWorkerMessage) => postMessage(message);

// Built by WXT as an unlisted script (a classic worker bundle at /import-worker.js).
export default defineUnlistedScript(() => {
  addEventListener('message', (event: MessageEvent) => {
    const parsed = ImportJobSchema.safeParse(event.data);
    if (!parsed.success) return post({ type: 'failed', message: 'Invalid import job', issues: [] });
    void run(parsed.data);
  });
});

async function run(job: ReturnType<typeof ImportJobSchema.parse>) {
  const database = db();
  const settings = await loadAppSettings(database);
  let lastPost = 0;
  try {
    const { run: result, issues } = await importIntoDb(
      database,
      job.files.map((f, i) => sourceFromBlob(f, job.names[i] ?? 'orders.csv')),
      {
        format: job.format,
        mapping: job.mapping,
        platform: job.platform,
        storeContact: settings.storeContact,
        timeZone: settings.timeZone,
        rules: settings.profile.rules,
        locale: job.locale,
        asOf: todayIn(settings.timeZone, Date.now()),
        runId: job.runId,
        // A big file is parsed in two parts, the second by a worker of its own (where workers can start workers).
        read: typeof Worker === 'function'
          ? (_source, i, options) => readSplit(spawnParser, job.files[i]!, job.names[i] ?? 'orders.csv', options)
          : undefined,
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
    const detail = error as Error & { run?: ImportRun; issues?: ImportIssue[] };
    post({ type: 'failed', message: detail.run?.failure ?? detail.message ?? String(error), run: detail.run, issues: (detail.issues ?? []).slice(0, 100_000) });
  }
}

const spawnParser = () => new Worker(new URL('/parse-worker.js', location.href)) as unknown as ParserHandle;
