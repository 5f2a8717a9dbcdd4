/**
 * Just enough ZIP to read an Excel workbook: the central directory, then one entry at a time,
 * inflated as a stream by the platform's DecompressionStream (browsers, workers and Node alike),
 * so a sheet of hundreds of megabytes never sits in memory whole.
 */

/** Reading a file by byte range: a Blob's slice, a file on disk, bytes in memory. */
export interface RangeReader {
  readonly size: number;
  /** The bytes [start, end), in chunks of any size. */
  range(start: number, end: number): AsyncIterable<Uint8Array>;
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be read. */
  method: number;
  compressedSize: number;
  size: number;
  /** Where the entry's local header starts. */
  headerOffset: number;
}

/** The file is not a readable ZIP (truncated, damaged, ZIP64 or encrypted). `reason` is for developers. */
export class ZipError extends Error {
  constructor(readonly reason: string) {
    super(`not a readable zip: ${reason}`);
    this.name = 'ZipError';
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export async function readAll(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    size += chunk.length;
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Every entry of the archive, from its central directory (the last 64 KiB hold where it is). */
export async function listEntries(file: RangeReader): Promise<Map<string, ZipEntry>> {
  const tailStart = Math.max(0, file.size - (0xffff + 22));
  const tail = await readAll(file.range(tailStart, file.size));
  const t = view(tail);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (t.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('no end of central directory');
  const count = t.getUint16(eocd + 10, true);
  const dirSize = t.getUint32(eocd + 12, true);
  const dirOffset = t.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipError('zip64');
  if (dirOffset + dirSize > file.size) throw new ZipError('central directory past the end');
  const dir = await readAll(file.range(dirOffset, dirOffset + dirSize));
  const d = view(dir);
  const entries = new Map<string, ZipEntry>();
  const utf8 = new TextDecoder('utf-8');
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > dir.length || d.getUint32(at, true) !== CENTRAL) throw new ZipError('bad central directory');
    const flags = d.getUint16(at + 8, true);
    const method = d.getUint16(at + 10, true);
    const compressedSize = d.getUint32(at + 20, true);
    const size = d.getUint32(at + 24, true);
    const nameLength = d.getUint16(at + 28, true);
    const extraLength = d.getUint16(at + 30, true);
    const commentLength = d.getUint16(at + 32, true);
    const headerOffset = d.getUint32(at + 42, true);
    // Workbooks name their parts in ASCII; a name is matched without case, as Excel does.
    const name = utf8
      .decode(dir.subarray(at + 46, at + 46 + nameLength))
      .replace(/\\/g, '/')
      .replace(/^\//, '');
    if (flags & 1) throw new ZipError(`encrypted entry ${name}`);
    entries.set(name.toLowerCase(), { name, method, compressedSize, size, headerOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's data starts (after its local header, whose name and extra field may differ in length). */
async function dataStart(file: RangeReader, entry: ZipEntry): Promise<number> {
  const header = await readAll(file.range(entry.headerOffset, Math.min(file.size, entry.headerOffset + 30)));
  if (header.length < 30 || view(header).getUint32(0, true) !== LOCAL)
    throw new ZipError(`bad local header for ${entry.name}`);
  const h = view(header);
  return entry.headerOffset + 30 + h.getUint16(26, true) + h.getUint16(28, true);
}

export interface EntryStream {
  /** The entry's bytes, uncompressed, in chunks. */
  chunks: AsyncIterable<Uint8Array>;
  /** Compressed bytes of the entry taken so far, plus where it starts: progress through the file. */
  position(): number;
}

/** One entry's bytes, inflated as they are read. */
export async function openEntry(file: RangeReader, entry: ZipEntry): Promise<EntryStream> {
  const start = await dataStart(file, entry);
  const end = start + entry.compressedSize;
  if (end > file.size) throw new ZipError(`${entry.name} runs past the end of the file`);
  let taken = 0;
  async function* raw(): AsyncGenerator<Uint8Array> {
    for await (const chunk of file.range(start, end)) {
      taken += chunk.length;
      yield chunk;
    }
  }
  const position = () => start + taken;
  if (entry.method === 0) return { chunks: raw(), position };
  if (entry.method !== 8) throw new ZipError(`${entry.name} uses compression method ${entry.method}`);
  return { chunks: inflate(raw()), position };
}

/** Raw deflate, streamed: the input is written as the output is read, so neither piles up. */
async function* inflate(input: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let failed: unknown = null;
  const pump = (async () => {
    try {
      // Written as the stream has room, not one chunk at a time: inflating and reading overlap.
      for await (const chunk of input) {
        await writer.ready;
        writer.write(chunk as Uint8Array<ArrayBuffer>).catch(() => {});
      }
      await writer.close();
    } catch (error) {
      failed = error;
      await writer.abort(error).catch(() => {});
    }
  })();
  let finished = false;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        throw new ZipError(`damaged data: ${String(failed ?? error)}`);
      }
      if (next.done) break;
      if (next.value.length > 0) yield next.value;
    }
    finished = true;
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    await pump;
  }
  if (failed) throw new ZipError(`damaged data: ${String(failed)}`);
}

/** A whole (small) entry as text: workbook, relationships, styles, shared strings. */
export async function entryText(file: RangeReader, entry: ZipEntry): Promise<string> {
  const { chunks } = await openEntry(file, entry);
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for await (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
