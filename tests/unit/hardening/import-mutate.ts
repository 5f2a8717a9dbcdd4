import fc from 'fast-check';
import iconv from 'iconv-lite';
import { detectEncoding, sniffDelimiter } from '../../../lib/import';
import { HOSTILE_STRINGS, hostileOfKind } from '../../fixtures/hostile/strings';

/**
 * Ways a real export gets damaged on its way to the importer, as data (so a failing case prints
 * what was done) plus the functions that apply them. Text edits work on the decoded file and are
 * written back in the target encoding; byte edits then damage the encoded bytes.
 */

export type TextEdit =
  | { kind: 'duplicateHeader'; from: number; to: number }
  | { kind: 'hugeField'; row: number; at: number; value: number; quoted: boolean }
  | { kind: 'hostileCell'; row: number; at: number; value: number }
  | { kind: 'breakQuote'; nth: number; add: boolean };

export type ByteEdit =
  | { kind: 'truncate'; at: number }
  | { kind: 'drop'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: number[] };

export type TargetEncoding =
  'same' | 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16le-bom' | 'utf-16be-bom' | 'strip-bom';

export interface Damage {
  text: TextEdit[];
  encoding: TargetEncoding;
  bytes: ByteEdit[];
}

const HUGE = hostileOfKind('huge').filter((h) => h.value.length >= 100 * 1024);
const SMALL = HOSTILE_STRINGS.filter((h) => h.value.length <= 4096);

/** Positions are fractions (0–1) of whatever they index, so one case fits any file. */
const frac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ kind: fc.constant('duplicateHeader' as const), from: fc.nat(60), to: fc.nat(60) }),
  fc.record({
    kind: fc.constant('hugeField' as const),
    row: frac,
    at: frac,
    value: fc.nat(HUGE.length - 1),
    quoted: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('hostileCell' as const), row: frac, at: frac, value: fc.nat(SMALL.length - 1) }),
  fc.record({ kind: fc.constant('breakQuote' as const), nth: frac, add: fc.boolean() }),
);

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(1e6) }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(1e6), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(1e6), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(1e6),
    bytes: fc.array(
      fc.oneof(
        fc.constantFrom(0x22, 0x2c, 0x0d, 0x0a, 0x00, 0xff, 0xfe, 0xef, 0xbb, 0xbf, 0x3d, 0x09, 0x3b),
        fc.nat(255),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  }),
);

export const damage: fc.Arbitrary<Damage> = fc.record({
  text: fc.array(textEdit, { maxLength: 2 }),
  encoding: fc.constantFrom<TargetEncoding>(
    'same',
    'same',
    'utf-8',
    'utf-8-bom',
    'gb18030',
    'utf-16le',
    'utf-16le-bom',
    'utf-16be-bom',
    'strip-bom',
  ),
  bytes: fc.array(byteEdit, { maxLength: 3 }),
});

/** Only what cannot lose data: another encoding, a BOM added or taken away. */
export const reencoding = fc.constantFrom<TargetEncoding>(
  'utf-8',
  'utf-8-bom',
  'gb18030',
  'utf-16le',
  'utf-16le-bom',
  'utf-16be-bom',
  'strip-bom',
);

export function decodeFile(bytes: Uint8Array): { text: string; encoding: string; bom: boolean } {
  const detected = detectEncoding(bytes);
  const text = new TextDecoder(detected.encoding).decode(bytes);
  return { text, encoding: detected.encoding, bom: detected.bom };
}

function encode(text: string, target: TargetEncoding, original: { encoding: string; bom: boolean }): Uint8Array {
  const as = (encoding: string, bom: boolean) => new Uint8Array(iconv.encode(text, encoding, { addBOM: bom }));
  switch (target) {
    case 'same':
      return as(original.encoding, original.bom);
    case 'strip-bom':
      return as(original.encoding, false);
    case 'utf-8':
      return as('utf-8', false);
    case 'utf-8-bom':
      return as('utf-8', true);
    case 'gb18030':
      return as('gb18030', false);
    case 'utf-16le':
      return as('utf-16le', false);
    case 'utf-16le-bom':
      return as('utf-16le', true);
    case 'utf-16be-bom':
      return as('utf-16be', true);
  }
}

function quoteCell(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** Offsets of line starts after the header (physical lines; good enough to aim an edit). */
function rowStarts(text: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf('\n'); at >= 0 && at + 1 < text.length; at = text.indexOf('\n', at + 1)) out.push(at + 1);
  return out;
}

/** Offset just after a delimiter in the row starting at `start`, or the row's start. */
function cellStart(text: string, start: number, at: number, delimiter: string): number {
  const end = text.indexOf('\n', start);
  const row = text.slice(start, end < 0 ? text.length : end);
  const cuts = [0];
  for (let i = row.indexOf(delimiter); i >= 0; i = row.indexOf(delimiter, i + 1)) cuts.push(i + 1);
  return start + cuts[Math.floor(at * cuts.length)]!;
}

export function applyTextEdit(text: string, edit: TextEdit): string {
  const delimiter = sniffDelimiter(text.replace(/^\uFEFF/, ''));
  switch (edit.kind) {
    case 'duplicateHeader': {
      const end = text.indexOf('\n');
      const header = text.slice(0, end < 0 ? text.length : end).replace(/\r$/, '');
      const names = header.split(delimiter);
      if (names.length < 2) return text;
      names[edit.to % names.length] = names[edit.from % names.length]!;
      return names.join(delimiter) + text.slice(header.length);
    }
    case 'hugeField':
    case 'hostileCell': {
      const starts = rowStarts(text);
      if (starts.length === 0) return text;
      const start = starts[Math.floor(edit.row * starts.length)]!;
      const value = edit.kind === 'hugeField' ? HUGE[edit.value]!.value : SMALL[edit.value]!.value;
      const cell = edit.kind === 'hugeField' && !edit.quoted ? value : quoteCell(value);
      // Written as a field of its own: the row gains a column (or, at the row's end, a longer last value).
      const at = cellStart(text, start, edit.at, delimiter);
      return text.slice(0, at) + cell + delimiter + text.slice(at);
    }
    case 'breakQuote': {
      if (edit.add) {
        const at = Math.floor(edit.nth * (text.length + 1));
        return `${text.slice(0, at)}"${text.slice(at)}`;
      }
      const quotes: number[] = [];
      for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) quotes.push(i);
      if (quotes.length === 0) return text;
      const at = quotes[Math.floor(edit.nth * quotes.length)]!;
      return text.slice(0, at) + text.slice(at + 1);
    }
  }
}

export function applyByteEdit(bytes: Uint8Array, edit: ByteEdit): Uint8Array {
  const n = bytes.length;
  const at = n === 0 ? 0 : edit.at % (n + 1);
  switch (edit.kind) {
    case 'truncate':
      return bytes.slice(0, at);
    case 'drop':
      return concat(bytes.subarray(0, at), bytes.subarray(Math.min(n, at + edit.length)));
    case 'duplicate':
      return concat(bytes.subarray(0, Math.min(n, at + edit.length)), bytes.subarray(at));
    case 'insert':
      return concat(bytes.subarray(0, at), Uint8Array.from(edit.bytes), bytes.subarray(at));
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function applyDamage(original: Uint8Array, d: Damage): Uint8Array {
  const decoded = decodeFile(original);
  let text = decoded.text;
  for (const edit of d.text) text = applyTextEdit(text, edit);
  let bytes = encode(text, d.encoding, decoded);
  for (const edit of d.bytes) bytes = applyByteEdit(bytes, edit);
  return bytes;
}
