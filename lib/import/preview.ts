import { CsvTokenizer, sniffDelimiter, type CsvRow } from './csv';
import { createDecoder, detectEncoding, HEAD_BYTES, sniffBinary, type TextEncodingId } from './encoding';
import { detectFormat, trimHeaders, type DetectedFormat } from './formats/detect';
import type { ImportSource } from './source';
import { openWorkbook } from './xlsx/workbook';
import { readAll } from './xlsx/zip';

/** Bytes decoded at a time while looking for the header and the sample rows. */
const PREVIEW_STEP = 8 * 1024;

export interface SourcePreview {
  encoding: TextEncodingId;
  headers: string[];
  /** Null when the header is not a known export: the user maps the columns (generic). */
  detected: DetectedFormat | null;
  /** A few data rows, for the mapping editor. */
  sample: string[][];
}

/**
 * Look at the start of a file (64 KiB) to show the detected format and column mapping before
 * importing, so a supervisor can check or edit them. Reads nothing past the sample.
 */
export async function previewSource(source: ImportSource, sampleRows = 5): Promise<SourcePreview> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source.chunks()) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= HEAD_BYTES) break;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  const kind = sniffBinary(bytes.subarray(0, HEAD_BYTES));
  if (kind === 'xlsx') return previewWorkbook(source, bytes, sampleRows);
  // Nothing to show for other binary files: the import says what they are.
  if (kind !== null && kind !== 'html') return { encoding: 'utf-8', headers: [], detected: null, sample: [] };
  // The same sample the importer judges (exactly HEAD_BYTES), so preview and import agree.
  const { encoding } = detectEncoding(bytes.subarray(0, HEAD_BYTES));
  // Only as much of it decoded and split as the header and the sample rows need: this runs on the
  // page as the files are chosen.
  const decoder = createDecoder(encoding);
  const rows: CsvRow[] = [];
  let tokenizer: CsvTokenizer | null = null;
  let waiting = '';
  let from = 0;
  while (from < size && rows.length <= sampleRows) {
    const to = Math.min(size, from + PREVIEW_STEP);
    waiting += decoder.decode(bytes.subarray(from, to));
    from = to;
    // The delimiter is judged on the whole header line.
    if (!tokenizer && !waiting.includes('\n') && from < size) continue;
    tokenizer ??= new CsvTokenizer({ delimiter: sniffDelimiter(waiting) });
    rows.push(...tokenizer.push(waiting));
    waiting = '';
  }
  // A short file fits in the sample: its last line has no line break after it.
  if (size < HEAD_BYTES && from === size && tokenizer) rows.push(...tokenizer.end());
  const [header, ...data] = rows;
  const headers = trimHeaders(header?.fields ?? []);
  return { encoding, headers, detected: detectFormat(headers), sample: data.slice(0, sampleRows).map((r) => r.fields) };
}

/**
 * A workbook's header and first rows, from its first visible sheet (the one the import reads);
 * nothing to show when it cannot be opened (the import says why).
 */
async function previewWorkbook(source: ImportSource, head: Uint8Array, sampleRows: number): Promise<SourcePreview> {
  const none: SourcePreview = { encoding: 'utf-8', headers: [], detected: null, sample: [] };
  try {
    const file =
      source.range && source.size !== undefined
        ? { size: source.size, range: source.range.bind(source) }
        : await (async () => {
            const bytes = head.length >= (source.size ?? Infinity) ? head : await readAll(source.chunks());
            return {
              size: bytes.length,
              range: async function* (start: number, end: number) {
                yield bytes.subarray(start, end);
              },
            };
          })();
    const workbook = await openWorkbook(file);
    const rows: string[][] = [];
    const generator = workbook.rows();
    for await (const batch of generator) {
      for (const row of batch) if (rows.length > 0 || trimHeaders(row.fields).length > 0) rows.push(row.fields);
      if (rows.length > sampleRows) break;
    }
    const [header = [], ...data] = rows;
    const headers = trimHeaders(header);
    return { encoding: 'utf-8', headers, detected: detectFormat(headers), sample: data.slice(0, sampleRows) };
  } catch {
    return none;
  }
}
