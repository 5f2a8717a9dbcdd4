import { CR, EQUALS, LF, QUOTE } from './csv';

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
    if (delimiter.length !== 1 || this.delimiterCode > 0x7f)
      throw new RangeError('RowEndScanner needs a one-byte ASCII delimiter');
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
          if (base + i + 1 >= from) {
            found = base + i + 1;
            i++;
            break;
          }
          continue;
        }
        // A lone CR ended the row: the next row starts at this byte.
        if (base + i >= from) {
          found = base + i;
          break;
        }
      }
      // Most bytes are text inside a value: nothing to do.
      if (special[c] === 0 && (state === UNQUOTED || state === QUOTED)) {
        lastWasCr = false;
        continue;
      }
      if (c === LF) {
        if (!lastWasCr) breaks++;
      } else if (c === CR) breaks++;
      lastWasCr = c === CR;
      switch (state) {
        case QUOTED:
          if (c === QUOTE) state = QUOTE_SEEN;
          continue;
        case QUOTE_SEEN:
          // `""` is a quote in the value; a quote before anything but a delimiter or break is text.
          if (c !== delim && c !== LF && c !== CR) {
            state = QUOTED;
            continue;
          }
          break;
        case EQUALS_SEEN:
          if (c === QUOTE) {
            state = QUOTED;
            continue;
          }
          break;
        case FIELD:
          if (c === QUOTE) {
            state = QUOTED;
            continue;
          }
          if (c === EQUALS) {
            state = EQUALS_SEEN;
            continue;
          }
          break;
      }
      // FIELD, UNQUOTED, or a closed quote or bare `=` going on like an unquoted value.
      if (c === delim) state = FIELD;
      else if (c === LF) {
        state = FIELD;
        if (base + i + 1 >= from) {
          found = base + i + 1;
          i++;
          break;
        }
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
