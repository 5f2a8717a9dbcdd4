import { CsvTokenizer, sniffDelimiter, type CsvRow } from './csv';
import { createDecoder, detectEncoding, HEAD_BYTES, type TextEncodingId } from './encoding';
import { detectFormat, trimHeaders, type DetectedFormat } from './formats/detect';
import type { ImportSource } from './source';

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
  // The same sample the importer judges (exactly HEAD_BYTES), so preview and import agree.
  const { encoding } = detectEncoding(bytes.subarray(0, HEAD_BYTES));
  const decoder = createDecoder(encoding);
  const text = decoder.decode(bytes);
  const tokenizer = new CsvTokenizer({ delimiter: sniffDelimiter(text) });
  const rows: CsvRow[] = tokenizer.push(text);
  // A short file fits in the sample: its last line has no line break after it.
  if (size < HEAD_BYTES) rows.push(...tokenizer.end());
  const [header, ...data] = rows;
  const headers = trimHeaders(header?.fields ?? []);
  return { encoding, headers, detected: detectFormat(headers), sample: data.slice(0, sampleRows).map((r) => r.fields) };
}
