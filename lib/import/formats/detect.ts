import type { Platform } from '../../schemas/common';
import { fileError, quoteValue } from '../issues';
import {
  type ColumnIndex,
  type ColumnMapping,
  type MappingField,
  GENERIC_REQUIRED,
  MAPPING_FIELDS,
  emptyColumnIndex,
  headerLookup,
  normalizeHeader,
} from '../mapping';
import { FORMAT_SPECS, type FormatId, type FormatSpec } from './specs';

/** What was detected (or chosen), in a shape a UI can show and let the user edit. */
export interface DetectedFormat {
  id: FormatId;
  /** `54` / `61` columns, `en` / `zh-TW` headers; null for a generic table. */
  variant: string | null;
  platform: Platform;
  /** 0–1, the share of the export's known headers present; 1 for a table the user mapped. */
  confidence: number;
  /** Field → header used. Pass it back (edited) as `ImportOptions.mapping`. */
  mapping: ColumnMapping;
  /** The file's headers, trimmed. */
  headers: string[];
  /** Headers the real export has that this file lacks (informational). */
  missing: string[];
}

/** Below this share of known headers a match is treated as coincidence. */
const MIN_CONFIDENCE = 0.4;

interface Candidate {
  spec: FormatSpec;
  confidence: number;
  matched: number;
  mapping: ColumnMapping;
  missingRequired: MappingField[];
  missing: string[];
}

function evaluate(spec: FormatSpec, headers: readonly string[], lookup: Map<string, number>): Candidate {
  const mapping: ColumnMapping = {};
  for (const field of MAPPING_FIELDS) {
    for (const name of spec.columns[field] ?? []) {
      const at = lookup.get(normalizeHeader(name));
      if (at !== undefined) {
        mapping[field] = headers[at]!;
        break;
      }
    }
  }
  const missing = spec.signature.filter((name) => !lookup.has(normalizeHeader(name))).map((name) => name.trim());
  const matched = spec.signature.length - missing.length;
  return {
    spec,
    confidence: matched / spec.signature.length,
    matched,
    mapping,
    missingRequired: spec.required.filter((field) => mapping[field] === undefined),
    missing,
  };
}

function rank(headers: readonly string[]): Candidate[] {
  const lookup = headerLookup(headers);
  return FORMAT_SPECS.map((spec) => evaluate(spec, headers, lookup)).sort(
    (a, b) => b.confidence - a.confidence || b.matched - a.matched,
  );
}

function toDetected(c: Candidate, headers: readonly string[]): DetectedFormat {
  return {
    id: c.spec.id,
    variant: c.spec.variant,
    platform: c.spec.platform,
    confidence: Math.round(c.confidence * 1000) / 1000,
    mapping: c.mapping,
    headers: [...headers],
    missing: c.missing,
  };
}

export function trimHeaders(headers: readonly string[]): string[] {
  const out = headers.map((h) => h.replace(/^\ufeff/, '').trim());
  // A trailing delimiter on the header line leaves empty names at the end.
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** The platform export these headers come from, or null when none fits well enough. */
export function detectFormat(headers: readonly string[]): DetectedFormat | null {
  const trimmed = trimHeaders(headers);
  const best = rank(trimmed).find((c) => c.missingRequired.length === 0 && c.confidence >= MIN_CONFIDENCE);
  return best ? toDetected(best, trimmed) : null;
}

export interface FormatChoice {
  format?: FormatId | 'auto';
  mapping?: ColumnMapping;
  platform?: Platform;
}

/**
 * Settle the format and the column of every field, or throw an ImportError saying what the
 * header lacks. A given mapping replaces the detected one as a whole (the UI edits all of it).
 */
export function chooseFormat(
  headersRaw: readonly string[],
  choice: FormatChoice,
  file: string,
  headerLine: number,
): { format: DetectedFormat; columns: ColumnIndex } {
  const headers = trimHeaders(headersRaw);
  const wanted = choice.format ?? 'auto';
  let detected: DetectedFormat | null = null;
  if (wanted === 'auto') {
    detected = detectFormat(headers);
    if (!detected && !choice.mapping) throw unknownFormat(headers, file, headerLine);
  } else if (wanted !== 'generic') {
    const best = rank(headers).find((c) => c.spec.id === wanted);
    if (!best) throw unknownFormat(headers, file, headerLine);
    if (!choice.mapping && best.missingRequired.length > 0) {
      throw fileError(
        file,
        'import_formatColumnsMissing',
        {
          format: wanted,
          columns: best.missingRequired.map((f) => best.spec.columns[f]?.[0] ?? f).join(', '),
        },
        headerLine,
      );
    }
    detected = toDetected(best, headers);
  }
  if (!detected) {
    detected = {
      id: 'generic',
      variant: null,
      platform: choice.platform ?? 'other',
      confidence: 1,
      mapping: {},
      headers,
      missing: [],
    };
  }
  const mapping = choice.mapping ?? detected.mapping;
  const required =
    detected.id === 'generic'
      ? GENERIC_REQUIRED
      : (FORMAT_SPECS.find((s) => s.id === detected.id && s.variant === detected.variant)?.required ?? []);
  const unmapped = required.filter((field) => !mapping[field]);
  if (unmapped.length > 0) throw fileError(file, 'import_mappingRequired', { fields: unmapped.join(',') }, headerLine);
  const lookup = headerLookup(headers);
  const columns = emptyColumnIndex();
  for (const field of MAPPING_FIELDS) {
    const name = mapping[field];
    if (!name) continue;
    const at = lookup.get(normalizeHeader(name));
    if (at === undefined) throw fileError(file, 'import_mappingColumnMissing', { field, column: name }, headerLine);
    columns[field] = at;
  }
  return { format: { ...detected, mapping: { ...mapping } }, columns };
}

function unknownFormat(headers: readonly string[], file: string, line: number) {
  const seen = new Set<string>();
  const formats: string[] = [];
  for (const spec of FORMAT_SPECS) {
    if (seen.has(spec.id)) continue;
    seen.add(spec.id);
    formats.push(`${spec.id}:${spec.required.map((f) => spec.columns[f]?.[0] ?? f).join('|')}`);
  }
  // Each name cut short: a broken quote can make the "header" the whole file.
  const shown = headers.slice(0, 6).map(quoteValue).join(', ') + (headers.length > 6 ? ', …' : '');
  return fileError(file, 'import_unknownFormat', { found: shown, formats: formats.join(';') }, line);
}
