// One reader's share of `analyze`: the orders of a file (or of one part of it, cut where a row
// ends) tallied per buyer. Runs on the main thread and in the worker (analyze-worker.ts) alike.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { readOrders, type FilePart, type ImportBatch, type ImportOptions } from '../../lib/import/read-orders';
import { ImportError, type ImportIssue } from '../../lib/import/issues';
import type { MappingField } from '../../lib/import/mapping';
import { BuyerTally, keyHash, OrderKeySet } from '../../lib/metrics/buyer-tally';
import type { CountingRules } from '../../lib/metrics/rules';
import { mergeFragments, orderKey } from '../../lib/orders/merge';
import type { Order } from '../../lib/schemas/order';

/**
 * The cells analysis reads: everything a mapper checks (a bad cell there skips the row, or warns)
 * or counts with. Left out: contact details, the carrier, nicknames and close reasons, which only
 * fill fields analysis does not print, and every column no field maps to.
 */
export const ANALYSIS_FIELDS: readonly MappingField[] = [
  'order',
  'line',
  'buyer',
  'status',
  'afterSale',
  'fulfillment',
  'cancelledAt',
  'time',
  'paidTime',
  'shipTime',
  'trackingNo',
  'amount',
  'refund',
  'item',
  'quantity',
  'sku',
  'variant',
  'lineAmount',
  'lineRefund',
  // An order's currency: a currency column, else Shopee's site (marks on amounts are in the amount cells).
  'currency',
  'country',
];

export interface PartJob {
  path: string;
  /** Byte range [start, end) of the file; end null = to the end. */
  start: number;
  end: number | null;
  options: Pick<ImportOptions, 'format' | 'mapping' | 'encoding'>;
  part?: FilePart;
  rules: CountingRules;
  runId: string;
  /**
   * Second pass: orders whose key fingerprints are among these ([hi, lo] pairs) are merged whole
   * and returned, the others tallied. Without it (first pass) every key is recorded in `seen`.
   */
  suspects?: Int32Array;
}

export interface PartResult<T = BuyerTally> {
  tally: T;
  /** Second pass: the suspect orders of this part, merged. */
  held: Order[];
  /** First pass: the fingerprints of this part's order keys (OrderKeySet)... */
  seen: OrderKeySet | null;
  /** ...and those seen more than once in it ([hi, lo] pairs). */
  suspects: number[];
  issues: ImportIssue[];
  fragments: number;
  /** A batch was read (the header fitted the format). */
  consumed: boolean;
  /** The file (part) could not be read as a whole: the importer's refusal. */
  fileError: ImportIssue | null;
}

/**
 * Where a first part ends once the second part's reader has found its start: when reading gets
 * past `from`, the reader waits for `at` (null: there is no second part, read to the end).
 */
export interface PendingCut {
  from: number;
  at: Promise<number | null>;
}

function rangeSource(path: string, start: number, end: number | null, cut: PendingCut | undefined, part: FilePart) {
  return {
    name: basename(path),
    // A whole file can be read by byte range: an Excel workbook is read from its end (its ZIP directory) first.
    ...(start === 0 && end === null && !cut
      ? {
          size: statSync(path).size,
          async *range(from: number, to: number): AsyncIterable<Uint8Array> {
            if (to <= from) return;
            for await (const chunk of createReadStream(path, { start: from, end: to - 1, highWaterMark: 1 << 20 }))
              yield chunk as Uint8Array;
          },
        }
      : {}),
    async *chunks(): AsyncIterable<Uint8Array> {
      if (end !== null && end <= start) return;
      const range = end === null ? { start } : { start, end: end - 1 };
      let at = start;
      let stop: number | null | undefined = end === null ? undefined : end;
      for await (const piece of createReadStream(path, { highWaterMark: 1 << 20, ...range })) {
        const chunk = piece as Uint8Array;
        if (stop === undefined && cut && at + chunk.length > cut.from) {
          stop = await cut.at;
          if (stop !== null) part.endsAtRowEnd = true;
        }
        if (typeof stop === 'number' && at + chunk.length >= stop) {
          if (stop > at) yield chunk.subarray(0, stop - at);
          return;
        }
        yield chunk;
        at += chunk.length;
      }
    },
  };
}

/** Read a file or part, tallying its orders per buyer. */
export async function tallyPart(job: PartJob, cut?: PendingCut, seen?: OrderKeySet): Promise<PartResult> {
  const part: FilePart = { ...job.part };
  const options: ImportOptions = { ...job.options, fields: ANALYSIS_FIELDS, part };
  return tallyBatches(() => readOrders(rangeSource(job.path, job.start, job.end, cut, part), options), job, seen);
}

/**
 * Tally the batches of any reader (readOrders, or another format's reader): the loop behind
 * tallyPart. `read` is called once; an ImportError it throws is the file's refusal.
 */
export async function tallyBatches(
  read: () => AsyncIterable<ImportBatch>,
  job: Pick<PartJob, 'rules' | 'runId' | 'suspects'>,
  /** First pass: the set to record keys in (one shared by several files); default a new one. */
  given?: OrderKeySet,
): Promise<PartResult> {
  const tally = new BuyerTally(job.rules);
  const suspectKeys = job.suspects ? OrderKeySet.fromArray(job.suspects) : null;
  const seen = suspectKeys ? null : (given ?? new OrderKeySet());
  const held = new Map<string, Order>();
  const suspects: number[] = [];
  const issues: ImportIssue[] = [];
  let fragments = 0;
  let consumed = false;
  let fileError: ImportIssue | null = null;
  try {
    for await (const batch of read()) {
      consumed = true;
      fragments += batch.fragments.length;
      for (const issue of batch.issues) issues.push(issue);
      for (const fragment of batch.fragments) {
        const [a, b] = keyHash(orderKey(fragment.platform, fragment.orderId));
        if (suspectKeys) {
          if (suspectKeys.hasHash(a, b)) mergeFragments(held, [fragment], job.runId);
          else tally.add(fragment);
        } else {
          if (seen!.addHash(a, b)) suspects.push(a, b);
          tally.add(fragment);
        }
      }
    }
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    fileError = error.issue;
  }
  return { tally, held: [...held.values()], seen, suspects, issues, fragments, consumed, fileError };
}
