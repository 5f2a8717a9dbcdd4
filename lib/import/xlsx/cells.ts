/**
 * Cell values of an Excel sheet as the text the CSV path reads: numbers as Excel shows them (15
 * significant digits, never an exponent for an id that still has all its digits), dates from
 * serial numbers, column letters for reports.
 */

/** `A` → 1, `AB` → 28; 0 when there are no letters. */
export function columnNumber(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n;
}

/** 1 → `A`, 28 → `AB`. */
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Excel keeps 15 significant digits: a number with more has lost the rest. */
const EXCEL_DIGITS = 15;

/**
 * A number cell's text. Whole numbers Excel still holds exactly come out as plain digits
 * (`290012345678901` for an order id stored as a number); whole numbers past 15 significant
 * digits come out as Excel shows them, `2.90012345678901E+18`, which the importer knows as an id a
 * spreadsheet has already rounded. Fractions are rounded to 15 digits (`59.9`, not
 * `59.899999999999999`).
 */
export function numberText(raw: string): string {
  const s = raw.trim();
  if (/^-?\d{1,15}$/.test(s)) return s.replace(/^(-?)0+(?=\d)/, '$1');
  const n = Number(s);
  if (!Number.isFinite(n)) return s;
  const rounded = Number(n.toPrecision(EXCEL_DIGITS));
  if (Number.isInteger(rounded))
    return significantDigits(n) <= EXCEL_DIGITS ? BigInt(rounded).toString() : scientific(n);
  const text = String(rounded);
  if (!/e/i.test(text)) return text;
  // Tiny fractions: plain decimals, as Excel's General format would show them in a wide column.
  return rounded.toFixed(20).replace(/\.?0+$/, '');
}

/** Significant digits of a whole number as written without exponent (trailing zeros not counted). */
function significantDigits(n: number): number {
  const digits = BigInt(Math.round(Math.abs(n)))
    .toString()
    .replace(/0+$/, '');
  return digits.length;
}

/** `2.90012345678901E+18`: the 15 digits Excel kept. */
function scientific(n: number): string {
  const [mantissa = '', exponent = '0'] = n.toExponential(EXCEL_DIGITS - 1).split('e');
  const m = mantissa.replace(/\.?0+$/, '');
  const e = Number(exponent);
  return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;
/** Day 0 of the 1900 system is 1899-12-31, and Excel counts a 29 February 1900 that never was. */
const EPOCH_1900 = Date.UTC(1899, 11, 31);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * A date serial as shop-local `YYYY-MM-DD HH:mm:ss` (or `YYYY-MM-DD` for a whole day when
 * `dateOnly`): Excel dates carry no zone, they are the wall-clock time the export wrote.
 * Null for a serial that is no date (negative, or past the year 9999).
 */
export function serialDate(serial: number, date1904: boolean, dateOnly = false): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2958466) return null;
  let whole = Math.floor(serial);
  // Round to the second; 23:59:59.6 becomes the next day.
  let seconds = Math.round((serial - whole) * 86_400);
  if (seconds >= 86_400) {
    whole++;
    seconds -= 86_400;
  }
  let ms: number;
  if (date1904) ms = EPOCH_1904 + whole * DAY_MS;
  else ms = EPOCH_1900 + (whole >= 60 ? whole - 1 : whole) * DAY_MS;
  const d = new Date(ms + seconds * 1000);
  const pad = (v: number, w = 2) => String(v).padStart(w, '0');
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (dateOnly && seconds === 0) return day;
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Built-in number formats that show a date or a time (ECMA-376 18.8.30, with the CJK ones). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);
/** Of those, the ones with no time of day. */
const BUILTIN_DAY_FORMATS = new Set([14, 15, 16, 17, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]);

export type DateKind = 'date' | 'datetime' | null;

/** Whether a number format shows a date: a built-in date id, or a code with date parts outside quotes, brackets and escapes. */
export function dateKind(numFmtId: number, code: string | undefined): DateKind {
  if (code === undefined)
    return BUILTIN_DATE_FORMATS.has(numFmtId) ? (BUILTIN_DAY_FORMATS.has(numFmtId) ? 'date' : 'datetime') : null;
  // Only the first section (positive numbers) says how a serial is shown.
  const section = code.split(';')[0] ?? '';
  const bare = section
    .replace(/"[^"]*"|\\.|_.|\*./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '');
  if (!/[dmyhse]/i.test(bare) || /^general$/i.test(bare.trim())) return null;
  if (!/[dy]/i.test(bare) && !/[hs]/i.test(bare)) return null; // `m` alone is not enough
  return /[hs]/i.test(bare) ? 'datetime' : 'date';
}
