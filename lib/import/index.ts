/**
 * Order-export importer: platform CSV exports → OrderFragments, streamed in batches.
 *
 *   for await (const batch of readOrders(sourceFromBlob(file), { storeContact: false })) { … }
 */
export { readOrders, readAllOrders, type ImportBatch, type ImportOptions } from './read-orders';
export { type ImportSource, sourceFromBlob, sourceFromBytes, readStream } from './source';
export {
  detectEncoding,
  createDecoder,
  decodeChunks,
  type DetectedEncoding,
  type TextEncodingId,
  type ChunkDecoder,
} from './encoding';
export { detectFormat, chooseFormat, type DetectedFormat } from './formats/detect';
export { FORMAT_IDS, FORMAT_SPECS, type FormatId, type FormatSpec } from './formats/specs';
export {
  ImportError,
  ImportIssueSchema,
  ImportIssueCodeSchema,
  formatIssue,
  formatLabel,
  summarizeIssues,
  type ImportIssue,
  type ImportIssueCode,
  type IssueSummary,
} from './issues';
export {
  ColumnMappingSchema,
  MappingFieldSchema,
  MAPPING_FIELDS,
  GENERIC_REQUIRED,
  normalizeHeader,
  type ColumnMapping,
  type MappingField,
} from './mapping';
export { CsvTokenizer, parseCsv, sniffDelimiter, type CsvRow, type CsvIssue, type CsvOptions } from './csv';
export { parseDateTime, DEFAULT_TIME_ZONE } from './dates';
export { parseCents, parseRefund, parseId, cleanText, INVALID } from './values';
export { mapStatus, shopifyStatus } from './status';
