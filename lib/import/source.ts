/** Where an import reads bytes from: a browser `File`, a Node stream, or bytes already in memory. */
export interface ImportSource {
  /** File name, used in every issue. */
  name: string;
  /** Total bytes when known, for progress. */
  size?: number;
  /** The file's bytes, in order, in chunks of any size. Called once per import. */
  chunks(): AsyncIterable<Uint8Array>;
  /**
   * The bytes [start, end), when the source can be read at any place (a Blob, a file on disk): an
   * Excel workbook is read from its end first. Without it a workbook is gathered in memory.
   */
  range?(start: number, end: number): AsyncIterable<Uint8Array>;
}

/** A `File` (or any Blob), read through its stream without loading it whole. */
export function sourceFromBlob(
  blob: Blob,
  name = (blob as Blob & { name?: string }).name ?? 'orders.csv',
): ImportSource {
  return {
    name,
    size: blob.size,
    chunks: () => readStream(blob.stream()),
    range: (start, end) => readStream(blob.slice(start, end).stream()),
  };
}

/** Async iteration over a web ReadableStream, for engines where it is not built in. */
export async function* readStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      if (value.length > 0) yield value;
    }
  } finally {
    // Stopped early (cancelled import, unreadable file): stop the browser reading the file too.
    if (!finished) await reader.cancel();
    reader.releaseLock();
  }
}

/**
 * Bytes in memory as a source; `chunkSizes` cuts them into pieces of those sizes in turn
 * (tests use it to put chunk boundaries everywhere).
 */
export function sourceFromBytes(
  name: string,
  bytes: Uint8Array,
  chunkSizes: readonly number[] = [64 * 1024],
): ImportSource {
  async function* cut(from: Uint8Array) {
    let at = 0;
    for (let i = 0; at < from.length; i++) {
      const size = Math.max(1, chunkSizes[i % chunkSizes.length] ?? 1);
      yield from.subarray(at, at + size);
      at += size;
    }
  }
  return {
    name,
    size: bytes.length,
    chunks: () => cut(bytes),
    range: (start, end) => cut(bytes.subarray(start, end)),
  };
}
