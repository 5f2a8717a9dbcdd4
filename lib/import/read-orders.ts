import type { Platform } from '../schemas/common';
import type { OrderFragment } from '../schemas/order';
import { type CsvIssue, type CsvRow, CsvTokenizer, sniffDelimiter } from './csv';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from './dates';
import { HEAD_BYTES, type TextEncodingId, concatBytes, createDecoder, detectEncoding, sniffBinary } from './encoding';
import { type DetectedFormat, chooseFormat, trimHeaders } from './formats/detect';
import { createMapper } from './formats/mappers';
import { formatCurrency } from './formats/specs';
import { DEFAULT_CURRENCY } from '../money/currency';
import type { FormatId } from './formats/specs';
import { type ImportIssue, ImportError, fileError } from './issues';
import type { ColumnMapping, MappingField } from './mapping';
import { RowReader, type RowMapper } from './row-reader';
import type { ImportSource } from './source';
import { type RangeReader, readAll } from './xlsx/zip';
import { type SheetRow, WorkbookError, openWorkbook } from './xlsx/workbook';

export interface ImportOptions {
  /** Default `auto`: detect from the header; with a mapping and no match, read it as a generic table. */
  format?: FormatId | 'auto';
  /** Field → header. Replaces the detected mapping as a whole; required for `generic`. */
  mapping?: ColumnMapping;
  /** Platform of a generic table's orders; default `other`. */
  platform?: Platform;
  /** Put phones and addresses on fragments; default false. */
  storeContact?: boolean;
  /**
   * Currency of amounts when neither the export (a currency column, marks on the amounts, Shopee's
   * site) nor the platform (CNY on the mainland's) says: the shop's setting. Default CNY.
   */
  currency?: string;
  /** The same for Shopee exports that do not show their site: the currency of the shop's Shopee site (setting). */
  shopeeCurrency?: string;
  /** Shop's IANA zone for exports that write offsets (Shopify); default Asia/Shanghai. */
  timeZone?: string;
  /** Fragments per batch; default 5000. */
  batchSize?: number;
  /** Skip encoding detection. */
  encoding?: TextEncodingId;
  /**
   * Only these fields are needed: the cells of other columns are scanned but never built (they read
   * as ''), which makes reading a wide export much cheaper. Every row is still checked and skipped
   * or reported exactly as when reading all (the mapper's own checks, field counts, undecodable
   * text). Ignored for a generic table without an order column, whose order ids hash the whole row.
   */
  fields?: readonly MappingField[];
  /** Read one part of a file that two readers share (split-read.ts); not for callers otherwise. */
  part?: FilePart;
}

/** One of two parts of a file, cut where a row ends (RowEndScanner). */
export interface FilePart {
  /**
   * The part starts on a row after the header: the header row as the file has it and its line, the
   * physical line the part starts on, and the delimiter. `encoding` must then be given too.
   */
  after?: { header: string[]; headerLine: number; line: number; delimiter: string };
  /** The part ends where a row ends: a row left unfinished at its end means the cut was wrong (an Error). */
  endsAtRowEnd?: boolean;
}

export interface ImportBatch {
  fragments: OrderFragment[];
  /** Problems found since the previous batch. */
  issues: ImportIssue[];
  /** Bytes consumed so far (for progress against `ImportSource.size`). */
  bytesRead: number;
  /** Data rows read so far, good and bad. */
  rowsRead: number;
  format: DetectedFormat;
  encoding: TextEncodingId;
}

/**
 * Read an order export as batches of fragments. Bad rows are skipped and reported in `issues`;
 * an ImportError is thrown only when the file as a whole cannot be read (empty, not CSV,
 * unknown header). Memory stays bounded: only the current chunk and batch are held.
 */
export async function* readOrders(source: ImportSource, options: ImportOptions = {}): AsyncGenerator<ImportBatch> {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) throw fileError(source.name, 'import_badTimeZone', { value: timeZone });
  const iterator = source.chunks()[Symbol.asyncIterator]();
  try {
    yield* batchesOf(iterator, source, options, timeZone);
  } finally {
    // The consumer may stop early (a cancelled import): let the file stream go.
    await iterator.return?.();
  }
}

/** What a file's first HEAD_BYTES say: not CSV (what it is instead), or its encoding, the sample decoded and its delimiter. */
export type JudgedHead =
  | { notCsv: NonNullable<ReturnType<typeof sniffBinary>> }
  | { notCsv: null; encoding: TextEncodingId; text: string; delimiter: string };

/** Judge a file's head (the reader and the split planner both go by this). `encoding`: the one the user chose, if any. */
export function judgeHead(sample: Uint8Array, encoding: TextEncodingId | undefined): JudgedHead {
  const notCsv = sniffBinary(sample);
  if (notCsv) return { notCsv };
  const chosen = encoding ?? detectEncoding(sample).encoding;
  const text = createDecoder(chosen).decode(sample);
  return { notCsv: null, encoding: chosen, text, delimiter: sniffDelimiter(text) };
}

async function* batchesOf(
  iterator: AsyncIterator<Uint8Array>,
  source: ImportSource,
  options: ImportOptions,
  timeZone: string,
): AsyncGenerator<ImportBatch> {
  const file = source.name;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 5000));
  const head: Uint8Array[] = [];
  let bytesRead = 0;
  let ended = false;
  let encoding: TextEncodingId;
  let session: Session;
  const after = options.part?.after;
  if (after) {
    if (!options.encoding) throw new Error('readOrders: a part after the header needs its encoding');
    encoding = options.encoding;
    session = new Session(file, options, timeZone, after.delimiter, after.line);
    session.header(after.header, after.headerLine);
  } else {
    // Enough of the start to recognise the encoding (and files that are not CSV at all).
    while (bytesRead < HEAD_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      head.push(next.value);
      bytesRead += next.value.length;
    }
    // Judge exactly the first HEAD_BYTES, however the chunks fell, so the same file always reads the same.
    const judged = judgeHead(concatBytes(head, bytesRead).subarray(0, HEAD_BYTES), options.encoding);
    if (judged.notCsv === 'xlsx' && !options.part?.endsAtRowEnd) {
      yield* sheetBatches(await rangeReader(source, iterator, head, ended), options, timeZone, batchSize);
      return;
    }
    if (judged.notCsv) throw fileError(file, 'import_notCsv', { kind: judged.notCsv });
    encoding = judged.encoding;
    // The delimiter is judged on the whole sample; the pieces then go through as they came.
    session = new Session(file, options, timeZone, judged.delimiter, 1);
  }
  const decoder = createDecoder(encoding);

  const ready = (final: boolean) => drain(session, final, batchSize, bytesRead, encoding);

  for (const piece of head) {
    session.push(decoder.decode(piece));
    yield* ready(false);
  }
  while (!ended) {
    const next = await iterator.next();
    if (next.done) break;
    bytesRead += next.value.length;
    session.push(decoder.decode(next.value));
    yield* ready(false);
  }
  session.push(decoder.end());
  session.end();
  yield* ready(true);
}

/** The batches a session has ready: full ones, and at the end whatever is left. */
function* drain(
  session: Session,
  final: boolean,
  batchSize: number,
  bytesRead: number,
  encoding: TextEncodingId,
): Generator<ImportBatch> {
  while (session.format && (session.fragments.length >= batchSize || final)) {
    yield {
      fragments: session.fragments.splice(0, batchSize),
      issues: session.takeIssues(),
      bytesRead,
      rowsRead: session.rowsRead,
      format: session.format,
      encoding,
    };
    if (final && session.fragments.length === 0) return;
  }
}

/** The file by byte range: the source's own, or the bytes gathered in memory when it has none. */
async function rangeReader(
  source: ImportSource,
  iterator: AsyncIterator<Uint8Array>,
  head: Uint8Array[],
  ended: boolean,
): Promise<RangeReader & { name: string }> {
  if (source.range && source.size !== undefined) {
    const range = source.range.bind(source);
    return { name: source.name, size: source.size, range };
  }
  const rest: Uint8Array[] = [...head];
  if (!ended) {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      rest.push(next.value);
    }
  }
  const bytes = await readAll(
    (async function* () {
      yield* rest;
    })(),
  );
  return {
    name: source.name,
    size: bytes.length,
    range: async function* (start, end) {
      yield bytes.subarray(start, end);
    },
  };
}

/**
 * An Excel workbook's first visible sheet, read like a CSV file: the same header detection, the
 * same row checks, issues placed by sheet, row and column letter. Workbooks are always read by one
 * reader (split-read.ts leaves them whole).
 */
async function* sheetBatches(
  file: RangeReader & { name: string },
  options: ImportOptions,
  timeZone: string,
  batchSize: number,
): AsyncGenerator<ImportBatch> {
  let workbook;
  try {
    workbook = await openWorkbook(file);
  } catch (error) {
    if (error instanceof WorkbookError) throw fileError(file.name, 'import_badWorkbook', {});
    throw error;
  }
  const session = new Session(file.name, options, timeZone, ',', 1, workbook.sheet);
  const encoding: TextEncodingId = 'utf-8';
  try {
    for await (const rows of workbook.rows()) {
      session.consume(rows as SheetRow[] as CsvRow[], []);
      yield* drain(session, false, batchSize, workbook.position(), encoding);
    }
    session.end();
  } catch (error) {
    if (error instanceof WorkbookError) throw fileError(file.name, 'import_badWorkbook', {});
    // A whole-file problem found in the sheet (its header) is placed in the sheet too.
    if (error instanceof ImportError && error.issue.sheet === undefined)
      throw new ImportError({ ...error.issue, sheet: workbook.sheet });
    throw error;
  }
  yield* drain(session, true, batchSize, file.size, encoding);
}

/** State of one import between chunks. */
class Session {
  fragments: OrderFragment[] = [];
  issues: ImportIssue[] = [];
  rowsRead = 0;
  format: DetectedFormat | null = null;
  private readonly tokenizer: CsvTokenizer;
  private headers: string[] = [];
  private reader: RowReader | null = null;
  private mapper: RowMapper | null = null;
  /** Set once the decoder has replaced bytes; rows are then checked for U+FFFD. */
  private replaced = false;

  constructor(
    private readonly file: string,
    private readonly options: ImportOptions,
    private readonly timeZone: string,
    delimiter: string,
    firstLine: number,
    /** A workbook's sheet: rows come already split, and shorter than the header when their last cells are empty. */
    private readonly sheet?: string,
  ) {
    this.tokenizer = new CsvTokenizer({ delimiter, firstLine });
  }

  /** The issues found since the last call, placed in the sheet when there is one. */
  takeIssues(): ImportIssue[] {
    const issues = this.issues.splice(0);
    if (this.sheet !== undefined) for (const issue of issues) issue.sheet = this.sheet;
    return issues;
  }

  push(text: string): void {
    if (text.length === 0) return;
    if (!this.replaced && text.includes('\ufffd')) {
      this.replaced = true;
      // Undecodable text is reported wherever it is: from here on every cell is built.
      this.tokenizer.keepOnly(null);
    }
    this.consume(this.tokenizer.push(text));
  }

  end(): void {
    const rows = this.tokenizer.end();
    const csvIssues = this.tokenizer.takeIssues();
    if (this.options.part?.endsAtRowEnd && (rows.length > 0 || csvIssues.length > 0)) {
      throw new Error(
        `readOrders: the part of ${this.file} ends inside a row (line ${rows[0]?.line ?? csvIssues[0]?.line}); the cut was not at a row end`,
      );
    }
    this.consume(rows, csvIssues);
    if (!this.format) {
      // A quote left open on the first line swallows the whole file: say so rather than "empty".
      const open = this.issues.find((i) => i.code === 'import_unterminatedQuote');
      throw open ? new ImportError(open) : fileError(this.file, 'import_emptyFile');
    }
    const last = this.mapper?.flush();
    if (last) this.fragments.push(last);
  }

  consume(rows: CsvRow[], csvIssues = this.tokenizer.takeIssues()): void {
    const firstNew = this.issues.length;
    for (const row of rows) {
      if (!this.reader || !this.mapper) {
        this.header(row.fields, row.line);
        continue;
      }
      this.rowsRead++;
      const fields = row.fields;
      const width = this.headers.length;
      if (this.sheet !== undefined && fields.length < width) {
        if (fields.length === 0) {
          this.rowsRead--;
          continue;
        } // a row Excel keeps only for its formatting
        while (fields.length < width) fields.push('');
      }
      if (fields.length !== width) {
        if (fields.length > width && fields.slice(width).every((f) => f.trim() === '')) {
          fields.length = width;
        } else {
          this.issues.push({
            file: this.file,
            line: row.line,
            column: null,
            columnName: null,
            severity: 'error',
            code: 'import_fieldCount',
            params: { actual: fields.length, expected: width },
          });
          continue;
        }
      }
      if (this.replaced) this.checkReplacement(row);
      this.reader.start(row);
      const fragment = this.mapper.map(this.reader);
      if (fragment) this.fragments.push(fragment);
    }
    if (csvIssues.length > 0) {
      // Named after the header, which may have arrived in these same rows; then kept in file order.
      for (const issue of csvIssues) this.issues.push(this.csvIssue(issue));
      const added = this.issues.splice(firstNew).sort((a, b) => a.line - b.line);
      for (const issue of added) this.issues.push(issue);
    }
  }

  /** The header row (the first that is not empty); also given directly to a part that starts after it. */
  header(fields: string[], line: number): void {
    const headers = trimHeaders(fields);
    if (headers.length === 0) return;
    const { format, columns } = chooseFormat(headers, this.options, this.file, line);
    this.headers = headers;
    this.format = format;
    this.reader = new RowReader(columns, headers, this.file, this.issues, this.timeZone);
    this.mapper = createMapper(format.id, {
      platform: format.platform,
      storeContact: this.options.storeContact ?? false,
      currency:
        formatCurrency(format) ??
        (format.platform === 'shopee' ? this.options.shopeeCurrency : undefined) ??
        this.options.currency ??
        DEFAULT_CURRENCY,
    });
    const only = this.options.fields;
    if (only && !this.replaced && (format.id !== 'generic' || columns.order >= 0)) {
      this.tokenizer.keepOnly(
        only.map((field) => columns[field]).filter((at) => at >= 0),
        headers.length,
      );
    }
  }

  private checkReplacement(row: CsvRow): void {
    const at = row.fields.findIndex((f) => f.includes('\ufffd'));
    if (at < 0) return;
    this.issues.push({
      file: this.file,
      line: row.line,
      column: at + 1,
      columnName: this.headers[at] ?? null,
      severity: 'warning',
      code: 'import_undecodable',
      params: {},
    });
  }

  private csvIssue(issue: CsvIssue): ImportIssue {
    return {
      file: this.file,
      line: issue.line,
      column: issue.column,
      columnName: this.headers[issue.column - 1] ?? null,
      severity: issue.severity,
      code: issue.code,
      params: {},
    };
  }
}

/** Everything `readOrders` yields, gathered: for small files, tests and previews only. */
export async function readAllOrders(
  source: ImportSource,
  options: ImportOptions = {},
): Promise<{
  fragments: OrderFragment[];
  issues: ImportIssue[];
  format: DetectedFormat;
  encoding: TextEncodingId;
  rowsRead: number;
  batches: number;
}> {
  const fragments: OrderFragment[] = [];
  const issues: ImportIssue[] = [];
  let last: ImportBatch | null = null;
  let batches = 0;
  for await (const batch of readOrders(source, options)) {
    fragments.push(...batch.fragments);
    issues.push(...batch.issues);
    last = batch;
    batches++;
  }
  if (!last) throw new Error('readOrders ended without a batch');
  return { fragments, issues, format: last.format, encoding: last.encoding, rowsRead: last.rowsRead, batches };
}
