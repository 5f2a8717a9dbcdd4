/**
 * Which text encoding an export uses, from its first bytes. Chinese seller backends still write
 * GBK/GB18030, Excel writes UTF-16LE for "Unicode text", everything else is UTF-8 with or without BOM.
 * Decoding uses the platform's `TextDecoder` (browsers, and Node built with ICU, know `gb18030`).
 */

/** Every encoding an export can be read in (messages between workers check against this list). */
export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030'] as const;
export type TextEncodingId = (typeof TEXT_ENCODINGS)[number];

export interface DetectedEncoding {
  encoding: TextEncodingId;
  /** The bytes start with a byte-order mark (the decoder drops it). */
  bom: boolean;
  /** What the guess rests on: a BOM, the NUL-byte pattern of UTF-16, valid UTF-8, or the GB18030 fallback. */
  basis: 'bom' | 'nul-pattern' | 'valid-utf8' | 'fallback';
}

/**
 * Guess the encoding from a sample of the file's first bytes (64 KiB is plenty). A multi-byte
 * sequence cut off by the end of the sample does not rule UTF-8 out.
 */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', bom: true, basis: 'bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { encoding: 'utf-16le', bom: true, basis: 'bom' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { encoding: 'utf-16be', bom: true, basis: 'bom' };
  const utf16 = utf16ByNuls(bytes);
  if (utf16) return { encoding: utf16, bom: false, basis: 'nul-pattern' };
  if (isUtf8(bytes)) return { encoding: 'utf-8', bom: false, basis: 'valid-utf8' };
  return { encoding: 'gb18030', bom: false, basis: 'fallback' };
}

/**
 * Text never contains NUL, but UTF-16 writes one beside every ASCII character (comma, digit,
 * line break): after it in little-endian, before it in big-endian. CJK characters have none,
 * so we only ask that the NULs that do occur sit almost all on one side.
 */
function utf16ByNuls(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const total = even + odd;
  if (total < 2) return null;
  if (odd >= total * 0.9) return 'utf-16le';
  if (even >= total * 0.9) return 'utf-16be';
  return null;
}

/** Strict UTF-8 check (no overlongs, no surrogates); a sequence cut off by the end of the sample is allowed. */
export function isUtf8(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return true;
      const c = bytes[i + k]!;
      if (c < (k === 1 ? min : 0x80) || c > (k === 1 ? max : 0xbf)) return false;
    }
    i += need + 1;
  }
  return true;
}

/** What a file that is not CSV text looks like, or null when it may be CSV. */
export function sniffBinary(bytes: Uint8Array): 'xlsx' | 'xls' | 'html' | 'binary' | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  // Some "xls" downloads (JD among them) are HTML tables.
  if (bytes[i] === 0x3c) return 'html';
  if (detectEncoding(bytes).encoding.startsWith('utf-16')) return null;
  const n = Math.min(bytes.length, 4096);
  for (let k = 0; k < n; k++) if (bytes[k] === 0) return 'binary';
  return null;
}

/** A streaming decoder: characters split across chunks come out whole. */
export interface ChunkDecoder {
  readonly encoding: TextEncodingId;
  decode(chunk: Uint8Array): string;
  /** Flush; a character cut off at the end of the file comes out as U+FFFD. */
  end(): string;
}

export function createDecoder(encoding: TextEncodingId): ChunkDecoder {
  if (encoding === 'gb18030') return gb18030Decoder();
  const decoder = new TextDecoder(encoding, { fatal: false });
  return {
    encoding,
    decode: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  };
}

/**
 * GB18030 without the platform's streaming mode: Node's ICU decoder throws (`fatal: false`
 * notwithstanding) when a chunk ends inside a 4-byte sequence that the next chunk breaks. A byte
 * below 0x30 is never part of a multi-byte sequence and leaves the decoder in its initial state, so
 * each chunk is decoded up to its last such byte and the rest waits for the next chunk: the text is
 * the same as one decode of the whole file.
 */
function gb18030Decoder(): ChunkDecoder {
  const decoder = new TextDecoder('gb18030', { fatal: false });
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  const hold = (bytes: Uint8Array) => {
    pending.push(bytes.slice());
    pendingSize += bytes.length;
  };
  const flush = (): string => {
    const text = pendingSize === 0 ? '' : decoder.decode(concatBytes(pending, pendingSize));
    pending = [];
    pendingSize = 0;
    return text;
  };
  return {
    encoding: 'gb18030',
    decode(chunk) {
      let cut = chunk.length;
      while (cut > 0 && chunk[cut - 1]! >= 0x30) cut--;
      if (cut === 0) {
        hold(chunk);
        return '';
      }
      const head = chunk.subarray(0, cut);
      const text = decoder.decode(pendingSize === 0 ? head : concatBytes([...pending, head], pendingSize + cut));
      pending = [];
      pendingSize = 0;
      if (cut < chunk.length) hold(chunk.subarray(cut));
      return text;
    },
    end: flush,
  };
}

/** Decode a byte stream, detecting the encoding from its first 64 KiB unless one is given. */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  encoding?: TextEncodingId,
): AsyncGenerator<string> {
  const head: Uint8Array[] = [];
  let headSize = 0;
  let decoder: ChunkDecoder | null = encoding ? createDecoder(encoding) : null;
  for await (const chunk of chunks) {
    if (decoder) {
      const text = decoder.decode(chunk);
      if (text) yield text;
      continue;
    }
    head.push(chunk);
    headSize += chunk.length;
    if (headSize < HEAD_BYTES) continue;
    decoder = createDecoder(detectEncoding(concatBytes(head, headSize)).encoding);
    const text = decoder.decode(concatBytes(head, headSize));
    if (text) yield text;
  }
  if (!decoder) {
    const all = concatBytes(head, headSize);
    decoder = createDecoder(detectEncoding(all).encoding);
    const text = decoder.decode(all);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

export const HEAD_BYTES = 64 * 1024;

export function concatBytes(parts: readonly Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
