import { z } from 'zod';
import { PLATFORMS } from '../schemas/common';
import { fromWire, toWire } from './batch-wire';
import { CsvTokenizer } from './csv';
import { RowEndScanner } from './row-ends';
import { HEAD_BYTES, TEXT_ENCODINGS, type TextEncodingId } from './encoding';
import { chooseFormat, trimHeaders } from './formats/detect';
import { FORMAT_IDS } from './formats/specs';
import { ImportError, ImportIssueSchema, type ImportIssue } from './issues';
import { ColumnMappingSchema, MAPPING_FIELDS } from './mapping';
import { judgeHead, readOrders, type FilePart, type ImportBatch, type ImportOptions } from './read-orders';
import { nextTask } from './next-task';
import { readStream, sourceFromBlob, type ImportSource } from './source';

/**
 * Reading a big file with two readers. Parsing is most of an import's reading time and the second
 * core is otherwise idle, so the file is cut where a row ends, past FIRST_SHARE of its bytes: the
 * importing worker parses the first part and a second worker (the "parser") the rest. The parser
 * finds the cut with RowEndScanner, reads the header itself, and sends its batches in the flat wire
 * form (batch-wire.ts), never more than WINDOW ahead of what was taken.
 *
 * The importing side hands the second part's batches on in a fixed proportion to the first part's,
 * counted in fragments, so the same file always gives the same sequence (held orders keep arrival
 * order). Its issues come after the first part's, so issues stay in line order. Batches and issues
 * are the ones reading the file whole would give. Files below MIN_SPLIT_BYTES, Shopify exports (an
 * order's rows must stay together) and UTF-16 files are read whole; so is any file if the parser
 * cannot start or answer before the cut.
 *
 * Both ends talk through anything with postMessage and message events: a Worker and the worker's
 * own global scope in the extension, a MessageChannel's ports in tests.
 */
export const MIN_SPLIT_BYTES = 2 * 1024 * 1024;
/**
 * The importing worker also holds every order and rebuilds the parser's batches, which together
 * cost about half as much as parsing them, and the parser first scans the first part to find the
 * cut: on the 1,000,000-row bench (two cores) both workers are busy to the end with 30–40% here.
 */
const FIRST_SHARE = 0.35;
const WINDOW = 16;

export interface MessagePortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  start?: () => void;
}

export interface ParserHandle extends MessagePortLike {
  /** Stop the parser (a Worker's terminate, a port's close). */
  terminate(): void;
  addEventListener(type: 'message' | 'error', listener: (event: MessageEvent) => void): void;
}

const ReadOptionsSchema = z.object({
  format: z.union([z.enum(FORMAT_IDS), z.literal('auto')]).optional(),
  mapping: ColumnMappingSchema.optional(),
  platform: z.enum(PLATFORMS).optional(),
  storeContact: z.boolean().optional(),
  timeZone: z.string().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  shopeeCurrency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  batchSize: z.number().int().positive().optional(),
  encoding: z.enum(TEXT_ENCODINGS).optional(),
  fields: z.array(z.enum(MAPPING_FIELDS)).optional(),
});

/** Importing side → parser. */
const ToParserSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('read'),
    file: z.instanceof(Blob),
    name: z.string(),
    options: ReadOptionsSchema,
    from: z.number().int().nonnegative(),
  }),
  /** The importing side took a batch: the parser may send one more. */
  z.object({ type: z.literal('taken') }),
]);

/** Parser → importing side. A batch is checked value by value as it is rebuilt (fromWire). */
const FromParserSchema = z.discriminatedUnion('type', [
  /** Where the second part starts (a byte offset): the first part ends there. */
  z.object({ type: z.literal('cut'), at: z.number().int().positive() }),
  /** Not worth or not possible to split: the importing side reads the whole file. */
  z.object({ type: z.literal('whole') }),
  z.object({ type: z.literal('batch'), batch: z.unknown() }),
  z.object({ type: z.literal('end') }),
  /** The second part could not be read as a whole: the issue readOrders threw. */
  z.object({ type: z.literal('fileError'), issue: ImportIssueSchema }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
type FromParser = z.infer<typeof FromParserSchema>;

/** Only what readOrders needs, so nothing uncloneable (callbacks, signals) is posted. */
export function readOptions(options: ImportOptions): ImportOptions {
  const { format, mapping, platform, storeContact, timeZone, currency, shopeeCurrency, batchSize, encoding, fields } =
    options;
  const out: ImportOptions = {
    format,
    mapping,
    platform,
    storeContact,
    timeZone,
    currency,
    shopeeCurrency,
    batchSize,
    encoding,
    fields,
  };
  for (const key of Object.keys(out) as (keyof ImportOptions)[]) if (out[key] === undefined) delete out[key];
  return out;
}

const BOMS: Partial<Record<TextEncodingId, number[]>> = {
  'utf-8': [0xef, 0xbb, 0xbf],
  gb18030: [0x84, 0x31, 0x95, 0x33],
};

export interface SecondPart {
  at: number;
  encoding: TextEncodingId;
  part: Required<Pick<FilePart, 'after'>>;
}

/**
 * Where the second part of a file starts, judged exactly as readOrders judges the whole file
 * (encoding, delimiter, header); null when the file is read whole.
 */
export async function planSecondPart(
  file: Blob,
  name: string,
  options: ImportOptions,
  from: number,
): Promise<SecondPart | null> {
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const judged = judgeHead(head, options.encoding);
  if (judged.notCsv) return null;
  const { encoding, text, delimiter } = judged;
  const bom = BOMS[encoding];
  if (!bom) return null;
  const tokenizer = new CsvTokenizer({ delimiter });
  const header = tokenizer.push(text).find((row) => trimHeaders(row.fields).length > 0);
  if (!header) return null;
  try {
    if (chooseFormat(trimHeaders(header.fields), options, name, header.line).format.id === 'shopify') return null;
  } catch {
    return null; // Reading it whole gives the error, with its place.
  }
  const skip = bom.every((b, i) => head[i] === b) ? bom.length : 0;
  const scanner = new RowEndScanner(delimiter);
  for await (const chunk of readStream(file.slice(skip).stream())) {
    const found = scanner.next(chunk, from - skip);
    if (found < 0) continue;
    // A row end on a later line than the header's first is past the header's end.
    if (scanner.breaks + 1 <= header.line) return null;
    return {
      at: skip + found,
      encoding,
      part: { after: { header: header.fields, headerLine: header.line, line: scanner.breaks + 1, delimiter } },
    };
  }
  return null;
}

/** The parser's side: answer one `read` on this port (the parse worker's global scope). */
export function serveSecondParts(port: MessagePortLike): void {
  let credit = WINDOW;
  let wake: (() => void) | null = null;
  const post = (m: FromParser) => port.postMessage(m);
  port.addEventListener('message', (event: MessageEvent) => {
    const parsed = ToParserSchema.safeParse(event.data);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'taken') {
      credit++;
      wake?.();
      wake = null;
      return;
    }
    void (async () => {
      let cut = false;
      try {
        const plan = await planSecondPart(message.file, message.name, message.options, message.from);
        if (!plan) return post({ type: 'whole' });
        post({ type: 'cut', at: plan.at });
        cut = true;
        const source = sourceFromBlob(message.file.slice(plan.at), message.name);
        for await (const batch of readOrders(source, {
          ...message.options,
          encoding: plan.encoding,
          part: plan.part,
        })) {
          while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
          credit--;
          post({ type: 'batch', batch: toWire(batch) });
        }
        post({ type: 'end' });
      } catch (error) {
        if (!cut) post({ type: 'whole' });
        else if (error instanceof ImportError) post({ type: 'fileError', issue: error.issue });
        else post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  port.start?.();
}

/**
 * The importing side: the batches readOrders would give for the file, the second part parsed by
 * the worker `spawn` starts. Stopping early (a cancelled import) stops the parser.
 */
export async function* readSplit(
  spawn: () => ParserHandle,
  file: Blob,
  name: string,
  options: ImportOptions,
  minBytes = MIN_SPLIT_BYTES,
): AsyncGenerator<ImportBatch> {
  if (file.size < minBytes || options.format === 'shopify') {
    yield* readOrders(sourceFromBlob(file, name), options);
    return;
  }
  const from = Math.floor(file.size * FIRST_SHARE);
  let parser: ParserHandle | null = null;
  const queue: FromParser[] = [];
  let wake: (() => void) | null = null;
  const push = (m: FromParser) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  // Messages can only come from the worker this reader started; they are still checked.
  const onMessage = (event: MessageEvent) => {
    const parsed = FromParserSchema.safeParse(event.data);
    push(parsed.success ? parsed.data : { type: 'failed', message: 'Unexpected message from the parsing worker' });
  };
  const onError = (event: Event) => {
    const message = (event as ErrorEvent).message;
    push({ type: 'failed', message: `The parsing worker stopped${message ? `: ${message}` : ''}` });
  };
  const next = async (): Promise<FromParser> => {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return queue.shift()!;
  };
  try {
    parser = spawn();
    parser.addEventListener('message', onMessage);
    parser.addEventListener('error', onError as (event: MessageEvent) => void);
    parser.start?.();
    parser.postMessage({ type: 'read', file, name, options: readOptions(options), from });
  } catch {
    parser = null; // No worker to be had: read it whole here.
  }
  // The first answer says where this side stops; a parser that fails before it changes nothing.
  let cutAt: number | null | undefined;
  const cut: Promise<number | null> = (
    parser ? next().then((m) => (m.type === 'cut' ? m.at : null)) : Promise.resolve(null)
  ).then((at) => (cutAt = at));
  const part: FilePart = {};
  const first: ImportSource = {
    name,
    size: file.size,
    // A workbook is never cut (the parser answers `whole`) and is read from its end first.
    range: (start, end) => readStream(file.slice(start, end).stream()),
    async *chunks() {
      let at = 0;
      let end: number | null | undefined;
      for await (const chunk of readStream(file.stream())) {
        if (end === undefined && at + chunk.length > from) {
          end = await cut;
          if (end !== null) part.endsAtRowEnd = true;
        }
        if (end !== undefined && end !== null && at + chunk.length >= end) {
          if (end > at) yield chunk.subarray(0, end - at);
          return;
        }
        yield chunk;
        at += chunk.length;
      }
    },
  };
  const held: ImportIssue[] = [];
  let a = { fragments: 0, bytes: 0, rows: 0 };
  let b = { fragments: 0, bytes: 0, rows: 0, ended: false };
  let ratio = 0;
  try {
    let last: ImportBatch | null = null;
    /** The second part's next batch, in the order the parser sent them; null at its end. */
    const second = async (): Promise<ImportBatch | null> => {
      const message = await next();
      if (message.type === 'end') return null;
      if (message.type === 'fileError') throw new ImportError(message.issue);
      if (message.type !== 'batch')
        throw new Error(message.type === 'failed' ? message.message : 'The parsing worker answered out of turn');
      parser!.postMessage({ type: 'taken' });
      const batch = fromWire(message.batch);
      held.push(...batch.issues);
      b = {
        fragments: b.fragments + batch.fragments.length,
        bytes: batch.bytesRead,
        rows: batch.rowsRead,
        ended: false,
      };
      return batch;
    };
    const combined = (batch: ImportBatch, issues: ImportIssue[]): ImportBatch => ({
      ...batch,
      issues,
      bytesRead: a.bytes + b.bytes,
      rowsRead: a.rows + b.rows,
    });
    // `part` is filled in once the cut is known, before this part's end is read.
    for await (const batch of readOrders(first, { ...options, part })) {
      a = { fragments: a.fragments + batch.fragments.length, bytes: batch.bytesRead, rows: batch.rowsRead };
      last = batch;
      yield combined(batch, batch.issues);
      // The bytes of a file being read come as microtasks: without a task boundary now and then,
      // no message from the parser (nor, at first, the parser itself, which starts through tasks on
      // this thread) would get in before this part is done.
      await nextTask();
      if (typeof cutAt !== 'number') continue;
      ratio ||= (file.size - cutAt) / cutAt;
      while (!b.ended && b.fragments < a.fragments * ratio) {
        const more = await second();
        if (more) yield combined(more, []);
        else b.ended = true;
      }
    }
    if (typeof (await cut) !== 'number') return;
    while (!b.ended) {
      const more = await second();
      if (more) yield (last = combined(more, []));
      else b.ended = true;
    }
    // The second part's issues, after all of the first part's.
    if (held.length > 0 && last) yield combined({ ...last, fragments: [] }, held);
  } finally {
    if (parser) {
      parser.removeEventListener('message', onMessage);
      parser.terminate();
    }
  }
}
