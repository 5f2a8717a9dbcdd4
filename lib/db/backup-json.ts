/**
 * Reads a backup file's JSON text as it arrives, without holding the file: the members of the top
 * object are handed over whole (`format`, `schema`, `manifest`…), except `tables`, an object of
 * arrays whose rows are handed over one at a time. A backup of a big shop is hundreds of megabytes;
 * this keeps one row (and the piece of text being read) in memory instead of the text, its parse
 * and copies of both.
 *
 * Each row (and each other member) is found by a scan that only follows strings and brackets, then
 * parsed by `JSON.parse`. Nesting deeper than `maxDepth` is refused as soon as it is met (a file of
 * a million `[` would otherwise overflow the stack of whatever walks the parsed value).
 */

export type BackupJsonErrorKind = 'syntax' | 'tooDeep' | 'truncated' | 'shape';

/** Where and why the text cannot be read as a backup. Lines and columns count from 1. */
export class BackupJsonError extends Error {
  constructor(
    readonly kind: BackupJsonErrorKind,
    readonly line: number,
    readonly column: number,
    readonly detail = '',
  ) {
    super(`${kind} at line ${line}, column ${column}${detail ? `: ${detail}` : ''}`);
    this.name = 'BackupJsonError';
  }
}

export interface BackupJsonHandlers {
  /** A member of the top object other than `tables`, parsed. */
  member(key: string, value: unknown): void;
  /** A table's array begins (`tables.<name>`). */
  tableStart?(name: string): void;
  /** A row of a table, parsed; `index` counts from 0. */
  row(table: string, value: unknown, index: number): void;
}

/** Nesting a backup never needs: top object, tables, a table, a row, and a record's own depth. */
export const MAX_DEPTH = 64;

type State =
  | 'start'
  | 'topKeyOrEnd'
  | 'topKey'
  | 'topColon'
  | 'topValue'
  | 'topNext'
  | 'tableKeyOrEnd'
  | 'tableKey'
  | 'tableColon'
  | 'rowsOpen'
  | 'rowOrEnd'
  | 'row'
  | 'rowNext'
  | 'tablesNext'
  | 'done';

const WS = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
/** Where a number or literal ends. */
const DELIM = (c: number) => WS(c) || c === 0x2c || c === 0x7d || c === 0x5d;

/** A value being read: text pieces so far and the scan's state across chunks. */
interface Capture {
  pieces: string[];
  /** Bracket depth inside the value. */
  depth: number;
  inString: boolean;
  escape: boolean;
  /** A number or literal (ends at a delimiter, not at a bracket or quote). */
  bare: boolean;
  line: number;
  column: number;
}

export class BackupJsonReader {
  private state: State = 'start';
  private cap: Capture | null = null;
  private key = '';
  private table = '';
  private rowIndex = 0;
  /** Text read before the current chunk. */
  private offset = 0;
  private chunk = '';
  /** A cursor for line and column: `pos` in the chunk is on `line`, which starts at offset `lineStart`. */
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  /** Index of the next newline in the chunk at or after `pos` (2^32 - 1: none); below `pos`: not looked for yet. */
  private nextBreak = -1;

  constructor(
    private handlers: BackupJsonHandlers,
    private maxDepth = MAX_DEPTH,
  ) {}

  /** Read the next piece of text. Throws {@link BackupJsonError} when it cannot be a backup. */
  push(text: string): void {
    if (this.offset === 0 && this.chunk === '' && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.chunk = text;
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (this.cap) {
        const end = this.scan(text, i);
        if (end < 0) {
          this.cap.pieces.push(text.slice(i));
          break;
        }
        this.cap.pieces.push(text.slice(i, end));
        i = end;
        this.finishValue();
        continue;
      }
      const c = text.charCodeAt(i);
      if (WS(c)) {
        i++;
        continue;
      }
      i = this.structural(c, text, i);
    }
    this.where(n);
    this.offset += n;
    this.chunk = '';
    this.pos = 0;
    this.nextBreak = -1;
  }

  /** The text has ended: it must have been one whole backup object. */
  end(): void {
    if (this.state !== 'done' || this.cap) throw this.error('truncated', 0);
  }

  /** Line and column of `index` in the current chunk; asked in reading order, so the cursor only moves forward. */
  private where(index: number): { line: number; column: number } {
    const text = this.chunk;
    index = Math.max(index, this.pos);
    // The next newline at or after `pos` is remembered, so a chunk of many rows on one line is not searched again for each row.
    if (this.nextBreak < this.pos) this.nextBreak = text.indexOf('\n', this.pos) >>> 0;
    while (this.nextBreak < index) {
      this.line++;
      this.lineStart = this.offset + this.nextBreak + 1;
      this.nextBreak = text.indexOf('\n', this.nextBreak + 1) >>> 0;
    }
    this.pos = index;
    return { line: this.line, column: this.offset + index - this.lineStart + 1 };
  }

  private error(kind: BackupJsonErrorKind, index: number, detail = ''): BackupJsonError {
    const { line, column } = this.where(index);
    return new BackupJsonError(kind, line, column, detail);
  }

  /** Structural depth of a value that starts in the current state (top object = 1). */
  private baseDepth(): number {
    return this.state === 'row' ? 3 : 1;
  }

  /** One structural character at `i` (not whitespace); returns where to go on. */
  private structural(c: number, text: string, i: number): number {
    const expect = (want: number, next: State) => {
      if (c !== want)
        throw this.error(this.state === 'start' ? 'shape' : 'syntax', i, `expected '${String.fromCharCode(want)}'`);
      this.state = next;
      return i + 1;
    };
    switch (this.state) {
      case 'start':
        return expect(0x7b, 'topKeyOrEnd');
      case 'topKeyOrEnd':
        if (c === 0x7d) {
          this.state = 'done';
          return i + 1;
        }
        this.state = 'topKey';
        return this.startValue(c, text, i, true);
      case 'topColon':
        return expect(0x3a, 'topValue');
      case 'topValue':
        if (this.key === 'tables') {
          if (c !== 0x7b) throw this.error('shape', i, 'tables is not an object');
          this.state = 'tableKeyOrEnd';
          return i + 1;
        }
        return this.startValue(c, text, i, false);
      case 'topNext':
        if (c === 0x7d) {
          this.state = 'done';
          return i + 1;
        }
        if (c !== 0x2c) throw this.error('syntax', i, "expected ',' or '}'");
        this.state = 'topKey';
        return i + 1;
      case 'topKey':
        return this.startValue(c, text, i, true);
      case 'tableKeyOrEnd':
        if (c === 0x7d) {
          this.state = 'topNext';
          return i + 1;
        }
        this.state = 'tableKey';
        return this.startValue(c, text, i, true);
      case 'tableKey':
        return this.startValue(c, text, i, true);
      case 'tableColon':
        return expect(0x3a, 'rowsOpen');
      case 'rowsOpen':
        if (c !== 0x5b) throw this.error('shape', i, `table ${this.table} is not an array`);
        this.handlers.tableStart?.(this.table);
        this.state = 'rowOrEnd';
        return i + 1;
      case 'rowOrEnd':
        if (c === 0x5d) {
          this.state = 'tablesNext';
          return i + 1;
        }
        this.state = 'row';
        return this.startValue(c, text, i, false);
      case 'row':
        return this.startValue(c, text, i, false);
      case 'rowNext':
        if (c === 0x5d) {
          this.state = 'tablesNext';
          return i + 1;
        }
        if (c !== 0x2c) throw this.error('syntax', i, "expected ',' or ']'");
        this.state = 'row';
        return i + 1;
      case 'tablesNext':
        if (c === 0x7d) {
          this.state = 'topNext';
          return i + 1;
        }
        if (c !== 0x2c) throw this.error('syntax', i, "expected ',' or '}'");
        this.state = 'tableKey';
        return i + 1;
      case 'done':
        throw this.error('syntax', i, 'text after the end of the backup');
    }
  }

  /** A value (or a key, which must be a string) begins at `i`. */
  private startValue(c: number, text: string, i: number, key: boolean): number {
    if (key && c !== 0x22) throw this.error('syntax', i, 'expected a quoted name');
    const { line, column } = this.where(i);
    const bare = c !== 0x22 && c !== 0x7b && c !== 0x5b;
    if (bare && !(c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e))
      throw this.error('syntax', i, `unexpected '${text[i]}'`);
    this.cap = { pieces: [], depth: 0, inString: false, escape: false, bare, line, column };
    return i;
  }

  /**
   * Scan the captured value from `i`: the index just past its end, or -1 when it goes on past this
   * chunk. Strings are skipped with their escapes; brackets are counted, not matched (JSON.parse
   * checks that), and refused past the depth limit.
   */
  private scan(text: string, i: number): number {
    const cap = this.cap!;
    const n = text.length;
    if (cap.bare) {
      for (let j = i; j < n; j++) if (DELIM(text.charCodeAt(j))) return j;
      return -1;
    }
    let { depth, inString, escape } = cap;
    const limit = this.maxDepth - this.baseDepth();
    for (let j = i; j < n; j++) {
      if (inString) {
        // Inside a string only its closing quote matters: jump to the next quote not escaped by an odd run of backslashes.
        if (escape) {
          escape = false;
          continue;
        }
        const quote = text.indexOf('"', j);
        if (quote < 0) {
          let run = 0;
          for (let k = n - 1; k >= j && text.charCodeAt(k) === 0x5c; k--) run++;
          escape = run % 2 === 1;
          break;
        }
        let run = 0;
        for (let k = quote - 1; k >= j && text.charCodeAt(k) === 0x5c; k--) run++;
        j = quote;
        if (run % 2 === 1) continue;
        inString = false;
        if (depth === 0) {
          cap.depth = depth;
          cap.inString = false;
          return j + 1;
        }
        continue;
      }
      const c = text.charCodeAt(j);
      if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) {
        if (++depth > limit) throw this.error('tooDeep', j);
      } else if (c === 0x7d || c === 0x5d) {
        if (--depth === 0) {
          cap.depth = 0;
          return j + 1;
        }
        if (depth < 0) throw this.error('syntax', j, `unexpected '${text[j]}'`);
      }
    }
    cap.depth = depth;
    cap.inString = inString;
    cap.escape = escape;
    return -1;
  }

  /** The captured value is complete: parse it and hand it over. */
  private finishValue(): void {
    const cap = this.cap!;
    this.cap = null;
    const text = cap.pieces.length === 1 ? cap.pieces[0]! : cap.pieces.join('');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      // V8 says where in the text the problem is ("… at position 12"); count from the value's start.
      const at = /position (\d+)/.exec(String(error))?.[1];
      let { line, column } = cap;
      if (at !== undefined) {
        const before = text.slice(0, Number(at));
        const breaks = before.split('\n');
        line += breaks.length - 1;
        column = breaks.length > 1 ? breaks[breaks.length - 1]!.length + 1 : column + before.length;
      }
      throw new BackupJsonError('syntax', line, column, error instanceof Error ? error.message : String(error));
    }
    switch (this.state) {
      case 'topKey':
        this.key = value as string;
        this.state = 'topColon';
        return;
      case 'topValue':
        this.handlers.member(this.key, value);
        this.state = 'topNext';
        return;
      case 'tableKey':
        this.table = value as string;
        this.rowIndex = 0;
        this.state = 'tableColon';
        return;
      case 'row':
        this.handlers.row(this.table, value, this.rowIndex++);
        this.state = 'rowNext';
        return;
      default:
        throw new Error(`value finished in state ${this.state}`);
    }
  }
}
