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
 * no regex and no string is built character by character. Each piece of text is read once, from
 * where the last one stopped (the reader keeps its state between pieces, never the text): a row
 * or value of any length, cut however, costs time in proportion to its length
 * (`npm run bench:csv`).
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

/** The characters that change a CSV reader's state (one byte each in UTF-8 and GB18030). */
export const QUOTE = 34;
export const LF = 10;
export const CR = 13;
export const EQUALS = 61;

// What the reader is in the middle of when a piece of text ends.
/** Between rows (blank lines included). */
const ROW = 0;
/** At the start of a value, after a delimiter. */
const VALUE = 1;
/** Inside an unquoted value. */
const IN_UNQUOTED = 2;
/** Inside a quoted value. */
const IN_QUOTED = 3;
/** A quote inside a quoted value ended the piece: the next character says whether it closed the value. */
const QUOTE_AT_END = 4;
/** `=` at the start of a value ended the piece: a quote next opens Excel's `="…"`. */
const EQUALS_AT_END = 5;

export class CsvTokenizer {
  /** Physical line of the next character. */
  private line = 1;
  private atStart = true;
  /** The last character read was a CR: an LF first in the next piece is the rest of that line break. */
  private afterCr = false;
  private state = ROW;
  /** The row being read: its values so far, where it starts, its problems. */
  private fields: string[] = [];
  private n = 0;
  private rowLine = 1;
  private rowIssues: CsvIssue[] | null = null;
  /**
   * Text of the value being read, in pieces (earlier chunks, and the text between doubled quotes):
   * joined once when the value ends, so a value is never rebuilt per chunk.
   */
  private readonly parts: string[] = [];
  /** Line where the value being read starts. */
  private valueLine = 1;
  /** The value being read has a stray quote (reported once). */
  private stray = false;
  /** Per column (0-based): 1 = scanned but read as '', 0 = kept; columns past its end are kept. Null: all kept. */
  private skip: Uint8Array | null = null;
  /** Fields in the last row read. */
  private width = 0;
  private issues: CsvIssue[] = [];
  private readonly delimiter: string;
  private readonly delimiterCode: number;

  constructor(options: CsvOptions = {}) {
    this.delimiter = options.delimiter ?? ',';
    if (this.delimiter.length !== 1 || this.delimiter === '"' || this.delimiter === '\n' || this.delimiter === '\r') {
      throw new RangeError(
        `CSV delimiter must be one character other than a quote or line break, got "${this.delimiter}"`,
      );
    }
    this.delimiterCode = this.delimiter.charCodeAt(0);
    this.line = options.firstLine ?? 1;
  }

  /**
   * Read only these columns (0-based) of the first `width`: the others are still scanned (quotes,
   * line breaks and stray quotes count as ever) but their values are not built, and come out as ''.
   * Cells past `width` (a row longer than its header) are kept, so they can be checked. Null reads every column
   * again, from the next value on. Rows keep their width, so field counts are checked as before.
   */
  keepOnly(columns: readonly number[] | null, width = 0): void {
    if (columns === null) {
      this.skip = null;
      return;
    }
    const skip = new Uint8Array(width).fill(1);
    for (const c of columns) skip[c] = 0;
    this.skip = skip;
  }

  /** Feed the next piece of text; returns the rows it completed. */
  push(chunk: string): CsvRow[] {
    if (chunk.length === 0) return [];
    if (this.atStart) {
      // Only the file's first character can be a byte-order mark, whatever piece it came alone in.
      this.atStart = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      if (chunk.length === 0) return [];
    }
    return this.read(chunk);
  }

  /** No more text: returns the last row (an unfinished final line counts as a row). */
  end(): CsvRow[] {
    const state = this.state;
    this.state = ROW;
    if (state === ROW) return [];
    const parts = this.parts;
    if (state === IN_QUOTED) {
      // The rest of the file is inside this quote: the row cannot be read.
      this.issues.push({
        code: 'import_unterminatedQuote',
        severity: 'error',
        line: this.valueLine,
        column: this.n + 1,
      });
      parts.length = 0;
      return [];
    }
    let value = '';
    if (state === EQUALS_AT_END) value = '=';
    else if (state !== VALUE) {
      // IN_UNQUOTED, or QUOTE_AT_END: a quote that ends the file closes its value.
      value = parts.join('');
      parts.length = 0;
      if (state === IN_UNQUOTED && this.stray) this.reportStray();
    }
    this.fields[this.n++] = value;
    return [this.finishRow()];
  }

  /** Problems found since the last call, in file order. */
  takeIssues(): CsvIssue[] {
    const out = this.issues;
    this.issues = [];
    return out;
  }

  /**
   * Reads one piece, going on from where the last one stopped. Every character is looked at once
   * and a value that spans pieces is joined once, so a row of any length costs time in proportion
   * to its length, however the text is cut.
   */
  private read(text: string): CsvRow[] {
    const len = text.length;
    const delimCode = this.delimiterCode;
    const parts = this.parts;
    const rows: CsvRow[] = [];
    let breaks: BreakCounter | null = null;
    let pos = 0;
    let line = this.line;
    let state = this.state;
    const skip = this.skip;
    // A CRLF cut between two pieces is one line break, counted at the CR.
    if (this.afterCr && text.charCodeAt(0) === LF) {
      if (state === IN_QUOTED) parts.push('\n');
      pos = 1;
    }
    this.afterCr = text.charCodeAt(len - 1) === CR;

    reading: for (;;) {
      if (state === ROW) {
        // Blank lines are not rows.
        while (pos < len) {
          const c = text.charCodeAt(pos);
          if (c === LF) pos++;
          else if (c === CR) pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
          else break;
          line++;
        }
        if (pos >= len) break;
        // Rows of a file have one width: allocate it once instead of growing the array cell by cell.
        this.fields = new Array<string>(this.width);
        this.n = 0;
        this.rowLine = line;
        this.rowIssues = null;
        state = VALUE;
      }

      // One value, or the rest of one an earlier piece began.
      let value: string | null = null;
      // A skipped column's value is crossed without slicing or joining its text.
      const keep = skip === null || this.n >= skip.length || skip[this.n] === 0;
      let quoted = state === IN_QUOTED;
      if (state === VALUE) {
        if (pos >= len) break;
        this.valueLine = line;
        this.stray = false;
        const c = text.charCodeAt(pos);
        if (c === QUOTE) {
          pos++;
          quoted = true;
        } else if (c === EQUALS) {
          // The piece ends with it: the next one says what it is.
          if (pos + 1 >= len) {
            state = EQUALS_AT_END;
            break;
          }
          if (text.charCodeAt(pos + 1) === QUOTE) {
            pos += 2;
            quoted = true;
          }
        }
      } else if (state === EQUALS_AT_END) {
        if (text.charCodeAt(pos) === QUOTE) {
          pos++;
          quoted = true;
        } else parts.push('=');
      } else if (state === QUOTE_AT_END) {
        const c = text.charCodeAt(pos);
        if (c === delimCode || c === LF || c === CR) {
          value = parts.join('');
          parts.length = 0;
        } else {
          // A doubled quote is one quote in the value; a quote before anything else is a stray one, kept.
          if (c === QUOTE) pos++;
          else this.noteQuotedStray();
          parts.push('"');
          quoted = true;
        }
      }

      if (value === null && quoted) {
        const from = pos;
        let start = pos;
        let close: number;
        for (;;) {
          close = text.indexOf('"', start);
          if (close < 0 || close + 1 >= len) {
            // The value goes on in the next piece.
            line += (breaks ?? new BreakCounter(text)).count(from, len);
            const end = close < 0 ? len : close;
            if (start < end && keep) parts.push(text.slice(start, end));
            state = close < 0 ? IN_QUOTED : QUOTE_AT_END;
            break reading;
          }
          const next = text.charCodeAt(close + 1);
          if (next === QUOTE) {
            if (keep) parts.push(text.slice(start, close + 1));
            start = close + 2;
            continue;
          }
          if (next === delimCode || next === LF || next === CR) break;
          // A quote inside a quoted value that does not end it: keep it as text (one warning per value).
          this.noteQuotedStray();
          if (keep) parts.push(text.slice(start, close + 1));
          start = close + 1;
        }
        if (!keep) {
          value = '';
          parts.length = 0;
        } else if (parts.length === 0) value = text.slice(start, close);
        else {
          parts.push(text.slice(start, close));
          value = parts.join('');
          parts.length = 0;
        }
        // Count the line breaks the quoted value spans.
        line += (breaks ??= new BreakCounter(text)).count(from, close);
        pos = close + 1;
      } else if (value === null) {
        // Unquoted values are short (ids, amounts, dates), so a tight char-code loop beats indexOf here.
        let end = pos;
        let stray = false;
        while (end < len) {
          const ch = text.charCodeAt(end);
          if (ch === delimCode || ch === LF || ch === CR) break;
          if (ch === QUOTE) stray = true;
          end++;
        }
        if (stray) this.stray = true;
        if (end === len) {
          if (pos < len && keep) parts.push(text.slice(pos));
          state = IN_UNQUOTED;
          break;
        }
        if (!keep) {
          value = '';
          parts.length = 0;
        } else if (parts.length === 0) value = text.slice(pos, end);
        else {
          parts.push(text.slice(pos, end));
          value = parts.join('');
          parts.length = 0;
        }
        if (this.stray) this.reportStray();
        pos = end;
      }

      this.fields[this.n++] = keep ? value! : '';
      // A value read from this piece ends at a delimiter or a line break in it.
      const c = text.charCodeAt(pos);
      if (c === delimCode) {
        pos++;
        state = VALUE;
        continue;
      }
      if (c === LF) pos++;
      else if (c === CR) pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
      // Only reachable after a closing quote followed by text, which the quote loop rules out.
      else throw new Error(`csv: unexpected character at offset ${pos}`);
      line++;
      rows.push(this.finishRow());
      state = ROW;
    }
    this.line = line;
    this.state = state;
    return rows;
  }

  private finishRow(): CsvRow {
    const fields = this.fields;
    if (this.n !== fields.length) fields.length = this.n;
    this.width = this.n;
    if (this.rowIssues !== null) for (const issue of this.rowIssues) this.issues.push(issue);
    this.rowIssues = null;
    return { line: this.rowLine, fields };
  }

  /** A stray quote in a quoted value: reported at once, once per value. */
  private noteQuotedStray(): void {
    if (this.stray) return;
    this.stray = true;
    (this.rowIssues ??= []).push({
      code: 'import_strayQuote',
      severity: 'warning',
      line: this.valueLine,
      column: this.n + 1,
    });
  }

  /** A stray quote in an unquoted value: reported when the value ends. */
  private reportStray(): void {
    (this.rowIssues ??= []).push({
      code: 'import_strayQuote',
      severity: 'warning',
      line: this.valueLine,
      column: this.n + 1,
    });
  }
}

/** Counts the line breaks in ranges of one piece of text, ranges given in increasing order. */
class BreakCounter {
  /** Next LF and CR at or after the last range's start; the text's length when there is none. */
  private nextLf = -1;
  private nextCr = -1;

  constructor(private readonly text: string) {}

  /** Line breaks in `text[from, to)`, CRLF counted once. */
  count(from: number, to: number): number {
    const text = this.text;
    const len = text.length;
    let nextLf = this.nextLf < from ? indexOr(text, '\n', from, len) : this.nextLf;
    let nextCr = this.nextCr < from ? indexOr(text, '\r', from, len) : this.nextCr;
    let breaks = 0;
    while (nextLf < to || nextCr < to) {
      breaks++;
      if (nextCr < nextLf) {
        if (nextCr + 1 === nextLf) nextLf = indexOr(text, '\n', nextLf + 1, len);
        nextCr = indexOr(text, '\r', nextCr + 1, len);
      } else {
        nextLf = indexOr(text, '\n', nextLf + 1, len);
      }
    }
    this.nextLf = nextLf;
    this.nextCr = nextCr;
    return breaks;
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
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
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
