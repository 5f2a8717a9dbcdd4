import { dateKind, type DateKind, columnNumber, numberText, serialDate } from './cells';
import { type RangeReader, type ZipEntry, ZipError, entryText, listEntries, openEntry } from './zip';
import { XmlScanner, attr, decodeExcelEscapes } from './xml';

/**
 * An Excel workbook (.xlsx, Office Open XML) read for its first worksheet, row by row: the
 * workbook, its relationships, styles and shared strings are read whole (they are small, and Excel
 * often stores the shared strings after the sheet), then the sheet is inflated and scanned as a
 * stream. Cells come out as the text a CSV export would have: see cells.ts.
 */

export interface SheetRow {
  /** The sheet's row number, 1-based, as Excel shows it. */
  line: number;
  fields: string[];
}

export interface Workbook {
  /** The sheet read: the first one that is not hidden. */
  sheet: string;
  /** Every sheet's name, in workbook order. */
  sheets: string[];
  date1904: boolean;
  /** The sheet's rows in batches, as its data is inflated; `position()` is the byte reached in the file. */
  rows(): AsyncGenerator<SheetRow[]>;
  position(): number;
}

/** The workbook cannot be read as one: `reason` is for developers, the importer says what the user can do. */
export class WorkbookError extends Error {
  constructor(readonly reason: string) {
    super(`unreadable workbook: ${reason}`);
    this.name = 'WorkbookError';
  }
}

const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;
const REL_OFFICE_DOCUMENT = /\/officeDocument$/;

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function parseRelationships(xml: string, base: string): Relationship[] {
  const rels: Relationship[] = [];
  const scanner = new XmlScanner({
    open(name, attrs) {
      if (name !== 'Relationship') return;
      const id = attr(attrs, 'Id');
      const type = attr(attrs, 'Type');
      const target = attr(attrs, 'Target');
      if (id && type && target && attr(attrs, 'TargetMode') !== 'External')
        rels.push({ id, type, target: resolvePath(base, target) });
    },
    close() {},
    text() {},
  });
  scanner.push(xml);
  return rels;
}

/** A relationship target against the folder of the part that names it (`xl/`); a leading `/` is the package root. */
function resolvePath(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const piece of target.split('/')) {
    if (piece === '' || piece === '.') continue;
    if (piece === '..') parts.pop();
    else parts.push(piece);
  }
  return parts.join('/');
}

const folderOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);
const relsOf = (path: string) => `${folderOf(path)}_rels/${path.slice(path.lastIndexOf('/') + 1)}.rels`;

export async function openWorkbook(file: RangeReader): Promise<Workbook> {
  let entries: Map<string, ZipEntry>;
  try {
    entries = await listEntries(file);
  } catch (error) {
    throw error instanceof ZipError ? new WorkbookError(error.reason) : error;
  }
  const find = (path: string) => entries.get(path.toLowerCase());
  const text = async (path: string): Promise<string | null> => {
    const entry = find(path);
    return entry ? wrap(() => entryText(file, entry)) : null;
  };

  const rootRels = parseRelationships((await text('_rels/.rels')) ?? '', '');
  const workbookPath = rootRels.find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target ?? 'xl/workbook.xml';
  const workbookXml = await text(workbookPath);
  if (workbookXml === null)
    throw new WorkbookError(entries.size > 0 && find('word/document.xml') ? 'a Word document' : 'no workbook part');
  const rels = parseRelationships((await text(relsOf(workbookPath))) ?? '', folderOf(workbookPath));

  let date1904 = false;
  const sheets: { name: string; hidden: boolean; rel: string | null }[] = [];
  new XmlScanner({
    open(name, attrs) {
      if (name === 'workbookPr') {
        const v = attr(attrs, 'date1904');
        date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        const state = attr(attrs, 'state');
        sheets.push({
          name: attr(attrs, 'name') ?? '',
          hidden: state === 'hidden' || state === 'veryHidden',
          rel: attr(attrs, 'id', true),
        });
      }
    },
    close() {},
    text() {},
  }).push(workbookXml);

  const worksheets = new Map(rels.filter((r) => REL_WORKSHEET.test(r.type)).map((r) => [r.id, r.target]));
  const chosen = sheets.find((s) => !s.hidden && s.rel !== null && worksheets.has(s.rel));
  if (!chosen) throw new WorkbookError('no visible worksheet');
  const sheetEntry = find(worksheets.get(chosen.rel!)!);
  if (!sheetEntry) throw new WorkbookError(`worksheet ${chosen.name} is missing`);

  const stylesPath = rels.find((r) => REL_STYLES.test(r.type))?.target;
  const styles = parseStyles(stylesPath ? ((await text(stylesPath)) ?? '') : '');
  const stringsPath = rels.find((r) => REL_SHARED_STRINGS.test(r.type))?.target;
  const strings = parseSharedStrings(stringsPath ? ((await text(stringsPath)) ?? '') : '');

  let position = () => sheetEntry.headerOffset;
  return {
    sheet: chosen.name,
    sheets: sheets.map((s) => s.name),
    date1904,
    position: () => position(),
    async *rows() {
      const stream = await wrap(() => openEntry(file, sheetEntry));
      position = stream.position;
      const reader = new SheetReader(strings, styles, date1904);
      const scanner = new XmlScanner(reader);
      const decoder = new TextDecoder('utf-8');
      try {
        for await (const chunk of stream.chunks) {
          scanner.push(decoder.decode(chunk, { stream: true }));
          if (reader.rows.length > 0) yield reader.rows.splice(0);
        }
      } catch (error) {
        throw error instanceof ZipError ? new WorkbookError(error.reason) : error;
      }
      scanner.push(decoder.decode());
      scanner.end();
      if (reader.rows.length > 0) yield reader.rows.splice(0);
    },
  };
}

async function wrap<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw error instanceof ZipError ? new WorkbookError(error.reason) : error;
  }
}

/** Per cell style index: how a number in that style is shown (a date, or not). */
export function parseStyles(xml: string): DateKind[] {
  const codes = new Map<number, string>();
  const xfs: DateKind[] = [];
  let inCellXfs = false;
  new XmlScanner({
    open(name, attrs) {
      if (name === 'numFmt') {
        const id = Number(attr(attrs, 'numFmtId'));
        const code = attr(attrs, 'formatCode');
        if (Number.isInteger(id) && code !== null) codes.set(id, code);
      } else if (name === 'cellXfs') {
        inCellXfs = true;
      } else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(attrs, 'numFmtId') ?? '0');
        xfs.push(dateKind(id, codes.get(id)));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  }).push(xml);
  return xfs;
}

/** The shared string table: each item's text runs joined, phonetic guides (`rPh`) left out. */
export function parseSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string | null = null;
  let inT = false;
  let phonetic = 0;
  new XmlScanner({
    open(name, _attrs, selfClosing) {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && !selfClosing) inT = true;
    },
    close(name) {
      if (name === 'si') {
        strings.push(decodeExcelEscapes(current ?? ''));
        current = null;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inT = false;
    },
    text(value) {
      if (inT && phonetic === 0 && current !== null) current += value;
    },
  }).push(xml);
  return strings;
}

/** Builds rows from a worksheet's `sheetData` as its XML is scanned. */
class SheetReader {
  rows: SheetRow[] = [];
  private line = 0;
  private fields: string[] | null = null;
  private column = 0;
  private type = '';
  private style = 0;
  private value = '';
  private capture = false;
  private inCell = false;
  private inInline = false;
  private phonetic = 0;

  constructor(
    private readonly strings: readonly string[],
    private readonly styles: readonly DateKind[],
    private readonly date1904: boolean,
  ) {}

  open(name: string, attrs: string, selfClosing: boolean): void {
    switch (name) {
      case 'row': {
        const r = Number(attr(attrs, 'r'));
        this.line = Number.isInteger(r) && r > this.line ? r : this.line + 1;
        this.fields = [];
        this.column = 0;
        return;
      }
      case 'c': {
        if (!this.fields) return;
        const ref = attr(attrs, 'r');
        const at = ref ? columnNumber(ref) : 0;
        this.column = at > this.column ? at : this.column + 1;
        this.type = attr(attrs, 't') ?? 'n';
        this.style = Number(attr(attrs, 's') ?? '0') || 0;
        this.value = '';
        this.inCell = !selfClosing;
        this.inInline = false;
        return;
      }
      case 'v':
        if (this.inCell && !selfClosing) this.capture = true;
        return;
      case 'is':
        if (this.inCell) this.inInline = true;
        return;
      case 'rPh':
        this.phonetic++;
        return;
      case 't':
        if (this.inInline && this.phonetic === 0 && !selfClosing) this.capture = true;
        return;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.capture = false;
        return;
      case 'rPh':
        this.phonetic--;
        return;
      case 'is':
        this.inInline = false;
        return;
      case 'c':
        if (this.fields && this.inCell) {
          const text = this.cellText();
          if (text !== '') {
            while (this.fields.length < this.column - 1) this.fields.push('');
            this.fields[this.column - 1] = text;
          }
        }
        this.inCell = false;
        return;
      case 'row':
        if (this.fields) this.rows.push({ line: this.line, fields: this.fields });
        this.fields = null;
        return;
    }
  }

  text(value: string): void {
    if (this.capture) this.value += value;
  }

  private cellText(): string {
    const v = this.value;
    switch (this.type) {
      case 's': {
        const s = this.strings[Number(v)];
        return s ?? '';
      }
      case 'inlineStr':
      case 'str':
        return decodeExcelEscapes(v);
      case 'b':
        return v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : v;
      case 'e':
        return v;
      case 'd':
        // An ISO 8601 date the writer stored as text of its own: `2025-10-07T09:50:26`.
        return v.replace('T', ' ').replace(/(\d\d:\d\d:\d\d)\.\d+/, '$1');
      default: {
        if (v === '') return '';
        const kind = this.styles[this.style] ?? null;
        if (kind !== null) {
          const date = serialDate(Number(v), this.date1904, kind === 'date');
          if (date !== null) return date;
        }
        return numberText(v);
      }
    }
  }
}
