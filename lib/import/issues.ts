import { z } from 'zod';
import { catalog, translate, type MessageKey } from '../i18n';
import type { UiLocale } from '../schemas/common';
import { columnLetters } from './xlsx/cells';

/** Problems that stop the whole file: nothing is imported. */
export const FILE_ISSUE_CODES = [
  'import_emptyFile',
  'import_notCsv',
  'import_badWorkbook',
  'import_unknownFormat',
  'import_formatColumnsMissing',
  'import_mappingRequired',
  'import_mappingColumnMissing',
  'import_badTimeZone',
] as const;

/** Problems with one row. Errors skip the row; warnings keep it. */
export const ROW_ISSUE_CODES = [
  'import_badDate',
  'import_badAmount',
  'import_badQuantity',
  'import_missingValue',
  'import_idMangled',
  'import_fieldCount',
  'import_unterminatedQuote',
  'import_strayQuote',
  'import_undecodable',
  'import_unknownStatus',
  'import_unknownCurrency',
] as const;

export const ImportIssueCodeSchema = z.enum([...FILE_ISSUE_CODES, ...ROW_ISSUE_CODES]);
export type ImportIssueCode = z.infer<typeof ImportIssueCodeSchema>;

export const ImportIssueSchema = z.object({
  /** File name as the user chose it. */
  file: z.string(),
  /** The worksheet, for an Excel workbook; its rows are lines and its columns are shown as letters. */
  sheet: z.string().optional(),
  /** 1-based physical line (a quoted line break makes a row span several); a workbook's row number. */
  line: z.number().int().positive(),
  /** 1-based column as a spreadsheet counts it; null when the problem is the whole row or file. */
  column: z.number().int().positive().nullable(),
  /** Header of that column, trimmed. */
  columnName: z.string().nullable(),
  severity: z.enum(['error', 'warning']),
  code: ImportIssueCodeSchema,
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ImportIssue = z.infer<typeof ImportIssueSchema>;

const FILE_LEVEL: ReadonlySet<string> = new Set(FILE_ISSUE_CODES);

/** Thrown only when the file as a whole cannot be read; `issue` says where and why. */
export class ImportError extends Error {
  readonly issue: ImportIssue;
  constructor(issue: ImportIssue) {
    super(formatIssue(issue, 'en'));
    this.name = 'ImportError';
    this.issue = issue;
  }
}

export function fileError(
  file: string,
  code: (typeof FILE_ISSUE_CODES)[number],
  params: ImportIssue['params'] = {},
  line = 1,
): ImportError {
  return new ImportError({ file, line, column: null, columnName: null, severity: 'error', code, params });
}

/** Longest piece of a bad value quoted back to the user. */
const MAX_QUOTED = 40;

export function quoteValue(value: string): string {
  return value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
}

/**
 * One line a person can act on, e.g.
 * `ExportOrderList.csv 第 12 行第 19 列（订单付款时间）：无法识别的日期 “2024/13/01”，已跳过该行`, or for a
 * workbook `Order.all.xlsx 工作表 orders 第 12 行第 C 列（Order ID）：…`.
 */
export function formatIssue(issue: ImportIssue, locale: UiLocale): string {
  const { line, columnName } = issue;
  // A workbook's place: the file and its sheet, and the column as Excel letters it (`C`).
  const file =
    issue.sheet === undefined
      ? issue.file
      : translate(locale, 'import_inSheet', { file: issue.file, sheet: issue.sheet });
  const column = issue.column === null ? null : issue.sheet === undefined ? issue.column : columnLetters(issue.column);
  const where =
    FILE_LEVEL.has(issue.code) && line === 1
      ? translate(locale, 'import_whereFile', { file })
      : column === null
        ? translate(locale, 'import_whereLine', { file, line })
        : columnName
          ? translate(locale, 'import_whereColumnName', { file, line, column, columnName: quoteValue(columnName) })
          : translate(locale, 'import_whereColumn', { file, line, column });
  let message = translate(locale, issue.code, localizeParams(issue, locale));
  if (issue.severity === 'error' && !FILE_LEVEL.has(issue.code) && issue.code !== 'import_unterminatedQuote') {
    message = translate(locale, 'import_rowSkipped', { message });
  }
  return translate(locale, 'import_issue', { where, message });
}

/** Parameters that name a format are stored as ids and shown by name. */
function localizeParams(issue: ImportIssue, locale: UiLocale): ImportIssue['params'] {
  const params = { ...issue.params };
  if (typeof params.format === 'string') params.format = formatLabel(params.format, locale);
  if (typeof params.kind === 'string') {
    const key = `import_kind_${params.kind}`;
    if (isMessageKey(key)) params.kind = translate(locale, key);
  }
  if (typeof params.field === 'string') {
    const key = `import_field_${params.field}`;
    if (isMessageKey(key)) params.field = translate(locale, key);
  }
  if (typeof params.fields === 'string') {
    params.fields = params.fields
      .split(',')
      .map((f) => {
        const key = `import_field_${f}`;
        return isMessageKey(key) ? translate(locale, key) : f;
      })
      .join(translate(locale, 'import_listSeparator'));
  }
  if (typeof params.formats === 'string') {
    // Stored as `id:col|col;id:col`, so the message can be rebuilt in any language.
    params.formats = params.formats
      .split(';')
      .map((entry) => {
        const [id = '', cols = ''] = entry.split(':');
        return `${formatLabel(id, locale)}（${cols.split('|').join(translate(locale, 'import_listSeparator'))}）`;
      })
      .join(translate(locale, 'import_formatSeparator'));
    if (locale === 'en') params.formats = params.formats.replace(/（/g, ' (').replace(/）/g, ')');
  }
  return params;
}

export function formatLabel(id: string, locale: UiLocale): string {
  const key = `import_format_${id}`;
  return isMessageKey(key) ? translate(locale, key) : id;
}

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalog, key);
}

export interface IssueSummary {
  code: ImportIssueCode;
  severity: 'error' | 'warning';
  columnName: string | null;
  count: number;
  /** The first few, in file order, to show as examples. */
  examples: ImportIssue[];
}

/**
 * Group issues by kind and column, errors first and most frequent first, so a report of a
 * million-row file shows "3,104 rows: unrecognised date in 订单付款时间" instead of 3,104 lines.
 */
export function summarizeIssues(issues: Iterable<ImportIssue>, examplesPerGroup = 3): IssueSummary[] {
  const groups = new Map<string, IssueSummary>();
  for (const issue of issues) {
    const key = `${issue.severity}\u0000${issue.code}\u0000${issue.columnName ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { code: issue.code, severity: issue.severity, columnName: issue.columnName, count: 0, examples: [] };
      groups.set(key, group);
    }
    group.count++;
    if (group.examples.length < examplesPerGroup) group.examples.push(issue);
  }
  return [...groups.values()].sort((a, b) =>
    a.severity === b.severity ? b.count - a.count : a.severity === 'error' ? -1 : 1,
  );
}
