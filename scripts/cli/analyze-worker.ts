// The worker's side of `analyze`: find where the second part of a file starts (or take the cut the
// first pass found), tell the main thread at once, then read that part and send its tally.
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { planSecondPart, type SecondPart } from '../../lib/import/split-read';
import type { TallyWire } from '../../lib/metrics/buyer-tally';
import { tallyPart, type PartJob, type PartResult } from './analyze-part';

export interface WorkerJob {
  job: Omit<PartJob, 'start' | 'end' | 'part'>;
  /** Plan the cut at the first row end past this byte... */
  from: number;
  /** ...or use this plan (the second pass). */
  plan: SecondPart | null;
}

export type WorkerMessage = { type: 'cut'; plan: SecondPart | null } | { type: 'done'; result: WorkerResult };

/** A part's result as posted: the tally in columns, the keys seen as [hi, lo] pairs. */
export type WorkerResult = Omit<PartResult<TallyWire>, 'seen'> & { seen: Int32Array | null };

async function work(port: NonNullable<typeof parentPort>, { job, from, plan: given }: WorkerJob): Promise<void> {
  const plan = given ?? (await planSecondPart(await openAsBlob(job.path), basename(job.path), job.options, from));
  port.postMessage({ type: 'cut', plan } satisfies WorkerMessage);
  if (!plan) return;
  const result = await tallyPart({
    ...job,
    options: { ...job.options, encoding: plan.encoding },
    start: plan.at,
    end: null,
    part: plan.part,
  });
  const seen = result.seen?.toArray() ?? null;
  port.postMessage(
    { type: 'done', result: { ...result, tally: result.tally.toWire(), seen } } satisfies WorkerMessage,
    seen ? [seen.buffer as ArrayBuffer] : [],
  );
}

// A failure rejects here, which ends the worker with an 'error' event the main thread reports.
if (parentPort) void work(parentPort, workerData as WorkerJob);
