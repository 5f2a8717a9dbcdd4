/**
 * Streaming CSV tokenizer: RFC 4180 plus what real exports do (BOM, CR-only lines, Excel's `="…"`
 * text guard, stray quotes). Text goes in as chunks of any size; complete rows come out.
 *
 * Positions: `line` is the 1-based physical line where a row (or a field) starts, counting CRLF,
 * LF and lone CR as one break each, so it matches a text editor. A field's column is its 1-based
 * position in the row (`fields[i]` is column `i + 1`), which is what a spreadsheet shows.
 *
 * Speed matters (a year of Taobao orders is ~1M rows): short unquoted values are scanned with a
 * tight `charCodeAt` loop, quoted ones are crossed with `indexOf`, and every value is one `slice`;
 * no regex and no string is built character by character.
 */

export interface CsvRow {
  /** Physical line where the row starts. */
  line: number;
  fields: string[];
}

export type CsvIssueCode = 'import_strayQuote' | 'import_unterminatedQuote';

export interface CsvIssue {
  code: CsvIssueCode;
  severity: 'error' | 'warning';
  /** Physical line where the field (or the unclosed quote) starts. */
  line: number;
  /** 1-based field position. */
  column: number;
}

export interface CsvOptions {
  /** One character; default `,`. */
  delimiter?: string;
  /** Physical line of the first text pushed; default 1 (a reader of a later part of a file says where it starts). */
  firstLine?: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const EQUALS = 61;

export class CsvTokenizer {
  private buf = '';
  /** Physical line of `buf[0]`. */
  private line = 1;
  private atStart = true;
  /**
   * What the unfinished row in `buf` needs before a rescan can finish it: a quote (it ends inside a
   * quoted field) or a line break. Skipping pointless rescans keeps a huge row from costing O(n²).
   */
  private waitingFor: '"' | 'break' | null = null;
  /** Fields in the last row read. */
  private width = 0;
  private issues: CsvIssue[] = [];
  private readonly delimiter: string;
  private readonly delimiterCode: number;

  constructor(options: CsvOptions = {}) {
    this.delimiter = options.delimiter ?? ',';
    if (this.delimiter.length !== 1 || this.delimiter === '"' || this.delimiter === '\n' || this.delimiter === '\r') {
      throw new RangeError(`CSV delimiter must be one character other than a quote or line break, got "${this.delimiter}"`);
    }
    this.delimiterCode = this.delimiter.charCodeAt(0);
    this.line = options.firstLine ?? 1;
  }

  /** Feed the next piece of text; returns the rows it completed. */
  push(chunk: string): CsvRow[] {
    if (chunk.length === 0) return [];
    if (this.atStart) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      if (chunk.length === 0) return [];
      this.atStart = false;
    }
    const endsWithCr = this.buf.length > 0 && this.buf.charCodeAt(this.buf.length - 1) === CR;
    this.buf += chunk;
    if (this.waitingFor === '"' && chunk.indexOf('"') < 0) return [];
    if (this.waitingFor === 'break' && !endsWithCr && chunk.indexOf('\n') < 0 && chunk.indexOf('\r') < 0) return [];
    return this.scan(false);
  }

  /** No more text: returns the last rows (an unfinished final line counts as a row). */
  end(): CsvRow[] {
    const rows = this.scan(true);
    this.buf = '';
    return rows;
  }

  /** Problems found since the last call, in file order. */
  takeIssues(): CsvIssue[] {
    const out = this.issues;
    this.issues = [];
    return out;
  }

  private scan(final: boolean): CsvRow[] {
    const buf = this.buf;
    const len = buf.length;
    const delimCode = this.delimiterCode;
    const rows: CsvRow[] = [];
    let pos = 0;
    let line = this.line;
    // Next known position of each landmark at or after the scan point; `len` when there is none.
    let nextLf = -1;
    let nextCr = -1;
    let rowStart = 0;
    let rowLine = line;
    let incomplete = false;

    rows: while (pos < len) {
      rowStart = pos;
      rowLine = line;
      let c = buf.charCodeAt(pos);
      if (c === LF || c === CR) {
        // Blank line: not a row.
        if (c === CR && pos + 1 >= len && !final) { incomplete = true; this.waitingFor = 'break'; break; }
        pos += c === CR && buf.charCodeAt(pos + 1) === LF ? 2 : 1;
        line++;
        continue;
      }
      // Rows of a file have one width: allocate it once instead of growing the array cell by cell.
      const fields: string[] = new Array<string>(this.width);
      let n = 0;
      let rowIssues: CsvIssue[] | null = null;
      for (;;) {
        const column = n + 1;
        c = pos < len ? buf.charCodeAt(pos) : -1;
        if (c === EQUALS && pos + 1 >= len && !final) { incomplete = true; this.waitingFor = 'break'; break rows; }
        if (c === QUOTE || (c === EQUALS && buf.charCodeAt(pos + 1) === QUOTE)) {
          const open = c === QUOTE ? pos : pos + 1;
          const fieldLine = line;
          let start = open + 1;
          let parts: string[] | null = null;
          let strayReported = false;
          let close: number;
          for (;;) {
            close = buf.indexOf('"', start);
            if (close < 0) {
              if (!final) { incomplete = true; this.waitingFor = '"'; break rows; }
              // The rest of the file is inside this quote: nothing more can be read.
              this.issues.push({ code: 'import_unterminatedQuote', severity: 'error', line: fieldLine, column });
              break rows;
            }
            if (close + 1 >= len && !final) { incomplete = true; this.waitingFor = 'break'; break rows; }
            const next = close + 1 < len ? buf.charCodeAt(close + 1) : -1;
            if (next === QUOTE) {
              (parts ??= []).push(buf.slice(start, close + 1));
              start = close + 2;
              continue;
            }
            if (next === -1 || next === delimCode || next === LF || next === CR) break;
            // A quote inside a quoted value that does not end it: keep it as text (one warning per value).
            if (!strayReported) {
              (rowIssues ??= []).push({ code: 'import_strayQuote', severity: 'warning', line: fieldLine, column });
              strayReported = true;
            }
            (parts ??= []).push(buf.slice(start, close + 1));
            start = close + 1;
          }
          fields[n++] = parts === null ? buf.slice(start, close) : parts.join('') + buf.slice(start, close);
          // Count the line breaks the quoted value spans.
          if (nextLf < open) nextLf = indexOr(buf, '\n', open, len);
          if (nextCr < open) nextCr = indexOr(buf, '\r', open, len);
          while (nextLf < close || nextCr < close) {
            line++;
            if (nextCr < nextLf) {
              if (nextCr + 1 === nextLf) nextLf = indexOr(buf, '\n', nextLf + 1, len);
              nextCr = indexOr(buf, '\r', nextCr + 1, len);
            } else {
              nextLf = indexOr(buf, '\n', nextLf + 1, len);
            }
          }
          pos = close + 1;
        } else {
          // Unquoted values are short (ids, amounts, dates), so a tight char-code loop beats indexOf here.
          let end = pos;
          let strayQuote = false;
          while (end < len) {
            const ch = buf.charCodeAt(end);
            if (ch === delimCode || ch === LF || ch === CR) break;
            if (ch === QUOTE) strayQuote = true;
            end++;
          }
          if (end === len && !final) { incomplete = true; this.waitingFor = 'break'; break rows; }
          if (strayQuote) (rowIssues ??= []).push({ code: 'import_strayQuote', severity: 'warning', line, column });
          fields[n++] = buf.slice(pos, end);
          pos = end;
        }
        if (pos >= len) {
          if (!final) { incomplete = true; this.waitingFor = 'break'; break rows; }
          break;
        }
        c = buf.charCodeAt(pos);
        if (c === delimCode) { pos++; continue; }
        if (c === LF) { pos++; line++; break; }
        if (c === CR) {
          if (pos + 1 >= len && !final) { incomplete = true; this.waitingFor = 'break'; break rows; }
          pos += buf.charCodeAt(pos + 1) === LF ? 2 : 1;
          line++;
          break;
        }
        // Only reachable after a closing quote followed by text, which the quote loop rules out.
        throw new Error(`csv: unexpected character at offset ${pos}`);
      }
      if (n !== fields.length) fields.length = n;
      this.width = n;
      rows.push({ line: rowLine, fields });
      if (rowIssues !== null) for (const issue of rowIssues) this.issues.push(issue);
    }

    if (incomplete) {
      this.buf = buf.slice(rowStart);
      this.line = rowLine;
    } else {
      this.buf = '';
      this.line = line;
      this.waitingFor = null;
    }
    return rows;
  }
}

// RowEndScanner states.
const FIELD = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted value: what follows says whether it closed the value. */
const QUOTE_SEEN = 3;
/** `=` at the start of a value: a quote next opens Excel's `="…"`. */
const EQUALS_SEEN = 4;
/** A CR that ended a row: an LF next belongs to it. */
const CR_SEEN = 5;

/**
 * Finds row ends in the raw bytes of a file, by CsvTokenizer's rules, without decoding or building
 * fields: what lets a second reader start on a row of its own in the middle of a file. Valid for
 * UTF-8 and GB18030, where the bytes of quotes, `=`, delimiters and line breaks never occur inside a
 * multi-byte character (and the decoders give an invalid sequence's ASCII byte back as itself).
 * Start it at the file's first byte after any byte-order mark. It also counts physical lines.
 */
export class RowEndScanner {
  /** Line breaks before the current position (CRLF, LF and lone CR count one each). */
  breaks = 0;
  /** Bytes consumed so far. */
  offset = 0;
  private state = FIELD;
  private lastWasCr = false;
  private readonly delimiterCode: number;
  /** 1 for the bytes that can change the state: quote, `=`, the delimiter, CR, LF. */
  private readonly special = new Uint8Array(256);

  constructor(delimiter: string) {
    this.delimiterCode = delimiter.charCodeAt(0);
    if (delimiter.length !== 1 || this.delimiterCode > 0x7f) throw new RangeError('RowEndScanner needs a one-byte ASCII delimiter');
    for (const c of [QUOTE, EQUALS, this.delimiterCode, CR, LF]) this.special[c] = 1;
  }

  /**
   * Consume `bytes` (the next ones of the file) up to the first row end that leaves the position at
   * or after `from`; returns that position (bytes from the start of the scan), or -1 when these
   * bytes hold none and the scan goes on with the next ones. `breaks` then counts the breaks before it.
   */
  next(bytes: Uint8Array, from: number): number {
    const delim = this.delimiterCode;
    const special = this.special;
    let state = this.state;
    let lastWasCr = this.lastWasCr;
    let breaks = this.breaks;
    const base = this.offset;
    const len = bytes.length;
    let found = -1;
    let i = 0;
    for (; i < len; i++) {
      const c = bytes[i]!;
      if (state === CR_SEEN) {
        state = FIELD;
        if (c === LF) {
          // CRLF: the break was counted at the CR.
          lastWasCr = false;
          if (base + i + 1 >= from) { found = base + i + 1; i++; break; }
          continue;
        }
        // A lone CR ended the row: the next row starts at this byte.
        if (base + i >= from) { found = base + i; break; }
      }
      // Most bytes are text inside a value: nothing to do.
      if (special[c] === 0 && (state === UNQUOTED || state === QUOTED)) { lastWasCr = false; continue; }
      if (c === LF) { if (!lastWasCr) breaks++; } else if (c === CR) breaks++;
      lastWasCr = c === CR;
      switch (state) {
        case QUOTED:
          if (c === QUOTE) state = QUOTE_SEEN;
          continue;
        case QUOTE_SEEN:
          // `""` is a quote in the value; a quote before anything but a delimiter or break is text.
          if (c !== delim && c !== LF && c !== CR) { state = QUOTED; continue; }
          break;
        case EQUALS_SEEN:
          if (c === QUOTE) { state = QUOTED; continue; }
          break;
        case FIELD:
          if (c === QUOTE) { state = QUOTED; continue; }
          if (c === EQUALS) { state = EQUALS_SEEN; continue; }
          break;
      }
      // FIELD, UNQUOTED, or a closed quote or bare `=` going on like an unquoted value.
      if (c === delim) state = FIELD;
      else if (c === LF) {
        state = FIELD;
        if (base + i + 1 >= from) { found = base + i + 1; i++; break; }
      } else if (c === CR) state = CR_SEEN;
      else state = UNQUOTED;
    }
    this.state = state;
    this.lastWasCr = lastWasCr;
    this.breaks = breaks;
    this.offset = base + i;
    return found;
  }
}

function indexOr(text: string, search: string, from: number, none: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? none : at;
}

/**
 * Guess the delimiter from the header line: Chinese exports use `,`, some tools write tabs, and
 * European spreadsheets write `;`. Quoted text is not excluded; header names rarely contain these.
 */
export function sniffDelimiter(firstText: string): string {
  let end = firstText.indexOf('\n');
  if (end < 0) end = firstText.length;
  const header = firstText.slice(0, end);
  let best = ',';
  let bestCount = countOf(header, ',');
  for (const candidate of ['\t', ';']) {
    const count = countOf(header, candidate);
    if (count > bestCount) { best = candidate; bestCount = count; }
  }
  return best;
}

function countOf(text: string, ch: string): number {
  let n = 0;
  for (let at = text.indexOf(ch); at >= 0; at = text.indexOf(ch, at + 1)) n++;
  return n;
}

/** Rows from a stream of text chunks, with problems reported through `onIssue`. */
export async function* parseCsv(
  chunks: AsyncIterable<string> | Iterable<string>,
  options: CsvOptions & { onIssue?: (issue: CsvIssue) => void } = {},
): AsyncGenerator<CsvRow> {
  const tokenizer = new CsvTokenizer(options);
  for await (const chunk of chunks) {
    const rows = tokenizer.push(chunk);
    for (const issue of tokenizer.takeIssues()) options.onIssue?.(issue);
    yield* rows;
  }
  const rows = tokenizer.end();
  for (const issue of tokenizer.takeIssues()) options.onIssue?.(issue);
  yield* rows;
}
