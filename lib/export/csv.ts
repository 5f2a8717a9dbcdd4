/**
 * CSV for people who open it in Excel or WPS: UTF-8 with a BOM (so Chinese shows correctly),
 * CRLF line ends, and cells that a spreadsheet would run as a formula neutralised.
 */
export const UTF8_BOM = '\uFEFF';

/** Leading characters that make Excel, WPS or LibreOffice treat a cell as a formula or command. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One cell. Numbers stay numbers (a negative amount is data, not a formula); any text that
 * starts like a formula gets a leading apostrophe, which spreadsheets show as plain text.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  const line = values.map(csvCell).join(',');
  // A bare line break is a blank line, which readers skip: keep a one-empty-cell row as a row.
  return (line === '' && values.length > 0 ? '""' : line) + '\r\n';
}

/** Rows to CSV chunks, a few thousand rows per chunk, so large exports can be streamed to a Blob. */
export function* csvChunks(
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]>,
  rowsPerChunk = 5000,
): Generator<string> {
  let chunk = UTF8_BOM + csvRow(header);
  let n = 0;
  for (const row of rows) {
    chunk += csvRow(row);
    if (++n % rowsPerChunk === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
