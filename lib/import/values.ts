/**
 * Cell values as exports really write them: Excel text guards (`="2900…"`, a leading `'`, a tab),
 * currency marks (`¥`, `NT$`, `RM`, `元`), thousands separators, and words meaning "none".
 * Parsers return `INVALID` rather than throwing, because one bad cell must only cost its row.
 */

export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/** Strip the guards spreadsheets use to keep ids and phones as text, and outer spaces. */
export function cleanText(raw: string): string {
  let s = raw.trim();
  if (s.length === 0) return s;
  const c = s.charCodeAt(0);
  // `="2900…"` inside an already-quoted field arrives here intact.
  if (c === 61 /* = */ && s.length >= 3 && s.charCodeAt(1) === 34 && s.charCodeAt(s.length - 1) === 34) {
    s = s.slice(2, -1).trim();
  } else if (c === 39 /* ' */ || c === 96 /* ` */) {
    s = s.slice(1).trim();
  }
  return s;
}

const SCIENTIFIC = /^\d(?:\.\d+)?E\+\d+$/i;

/** An id, or INVALID when a spreadsheet has rounded it to `2.90E+18` (the digits are gone). */
export function parseId(raw: string): string | Invalid {
  const s = cleanText(raw);
  return SCIENTIFIC.test(s) ? INVALID : s;
}

// The regexes here are anchored at the start and cannot backtrack more than once over a character:
// a cell of any length costs time in proportion to its length. Anything matched at the end of a
// value is done by hand, because an unanchored `\s*…$` retries from every position (quadratic).
const CURRENCY_PREFIX =
  /^(?:NT\$|US\$|HK\$|MX\$|S\$|R\$|RMB|RM|CNY|TWD|MYR|SGD|USD|THB|VND|PHP|IDR|BRL|¥|￥|\$|€|£|₱|฿|₫|Rp)\s*/i;
/** Upper case: matched regardless of case. */
const CURRENCY_SUFFIXES = [
  '元',
  'RMB',
  'CNY',
  'TWD',
  'MYR',
  'SGD',
  'USD',
  'THB',
  'VND',
  'PHP',
  'IDR',
  'BRL',
  '₫',
  'đ',
  'Đ',
];
/**
 * Đồng and rupiah have no decimals, and Vietnamese and Indonesian exports group thousands with dots
 * (`₫120.000`, `Rp 25.000`): with one of their marks, dots between groups of three are grouping.
 */
const DOT_GROUPED = /^\d{1,3}(?:\.\d{3})+$/;
const DOT_GROUPING_MARK = /^(?:₫|Rp|VND|IDR)|(?:₫|đ|VND|IDR)$/i;
const PLAIN_NUMBER = /^\d+(?:\.\d+)?$/;
const GROUPED_NUMBER = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const NOTHING = new Set(['', '-', '--', '—', '无', '無', 'N/A', 'n/a']);

/** Money as integer cents. Empty or a dash → null (not given). Rounds half up past two decimals. */
export function parseCents(raw: string): number | null | Invalid {
  const fast = plainCents(raw);
  if (fast >= 0) return fast;
  let s = cleanText(raw);
  if (NOTHING.has(s)) return null;
  let negative = false;
  if (s.charCodeAt(0) === 45 /* - */) {
    negative = true;
    s = s.slice(1).trim();
  }
  const marked = s;
  s = withoutSuffix(s.replace(CURRENCY_PREFIX, ''), CURRENCY_SUFFIXES);
  if (DOT_GROUPED.test(s) && DOT_GROUPING_MARK.test(marked)) s = s.replace(/\./g, '');
  if (s.charCodeAt(0) === 45) {
    // `¥-12.00`
    if (negative) return INVALID;
    negative = true;
    s = s.slice(1);
  }
  if (!PLAIN_NUMBER.test(s)) {
    if (!GROUPED_NUMBER.test(s)) return INVALID;
    s = s.replace(/,/g, '');
  }
  const dot = s.indexOf('.');
  const whole = dot < 0 ? s : s.slice(0, dot);
  const fraction = dot < 0 ? '' : s.slice(dot + 1);
  let cents = Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
  if (fraction.length > 2 && fraction.charCodeAt(2) >= 53 /* '5' */) cents += 1;
  if (!Number.isSafeInteger(cents)) return INVALID;
  return negative && cents !== 0 ? -cents : cents;
}

/**
 * `text` without the first of `suffixes` it ends with (ASCII letters in any case) and the white
 * space before it; `text` itself when it ends with none.
 */
function withoutSuffix(text: string, suffixes: readonly string[]): string {
  for (const suffix of suffixes) {
    const at = text.length - suffix.length;
    if (at >= 0 && endsWithAsciiCaseless(text, suffix, at)) return text.slice(0, at).trimEnd();
  }
  return text;
}

/** `text` from `at` is `upper`, comparing ASCII letters without case (as a regex's `i` flag does). */
function endsWithAsciiCaseless(text: string, upper: string, at: number): boolean {
  for (let i = 0; i < upper.length; i++) {
    let c = text.charCodeAt(at + i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c !== upper.charCodeAt(i)) return false;
  }
  return true;
}

/** `59` / `59.9` / `59.00` in one pass, the common case; -1 for anything else. */
function plainCents(s: string): number {
  const n = s.length;
  if (n === 0 || n > 15) return -1;
  let whole = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) break;
    if (c < 48 || c > 57) return -1;
    whole = whole * 10 + (c - 48);
  }
  if (i === 0) return -1;
  if (i === n) return whole * 100;
  const digits = n - i - 1;
  if (digits < 1 || digits > 2) return -1;
  const d1 = s.charCodeAt(i + 1) - 48;
  const d2 = digits === 2 ? s.charCodeAt(i + 2) - 48 : 0;
  if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return -1;
  return whole * 100 + d1 * 10 + d2;
}

/** Words Chinese exports put in a refund column when there was none. */
const NO_REFUND = new Set(['无退款申请', '无退款', '无售后', '无售后或售后取消', '没有退款', '無退款']);

/** Refund in cents; `无退款申请`, a dash or an empty cell mean zero. */
export function parseRefund(raw: string): number | Invalid {
  const s = cleanText(raw);
  if (NO_REFUND.has(s)) return 0;
  const cents = parseCents(s);
  return cents === null ? 0 : cents;
}

/**
 * A money amount inside free text such as `退款成功，退款金额12.50元` or `部分退款 ¥12.50`, or null
 * when there is none: the first number that follows `¥`/`￥` or is followed by `元`. The text is
 * scanned once, forwards for `¥` and backwards from each `元` (a regex doing this would retry from
 * every digit: seconds on a long cell).
 */
export function findAmountInText(text: string): number | null {
  const found = amountInText(text);
  if (found === null) return null;
  const cents = parseCents(found);
  return typeof cents === 'number' ? cents : null;
}

/** The amount's text: what `/[¥￥]\s*(N)|(N)\s*元/` with N = `\d[\d,]*(?:\.\d+)?` would capture. */
function amountInText(text: string): string | null {
  const len = text.length;
  // The first `¥`/`￥` followed by (white space and) a digit: the leftmost match of that kind.
  let yen = -1;
  let yenNumber = -1;
  for (let i = 0; i < len && yen < 0; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0xa5 && c !== 0xffe5) continue;
    let j = i + 1;
    while (j < len && isSpace(text.charCodeAt(j))) j++;
    if (isDigit(text.charCodeAt(j))) {
      yen = i;
      yenNumber = j;
    }
    i = j - 1;
  }
  // A number followed by `元` wins when it starts before that `¥`, which it can only do when its
  // `元` comes before the `¥` too (a `¥` cannot be inside it). Each backward look stops at the
  // previous `元` at the latest, so the text is read about twice in all.
  const before = yen < 0 ? len : yen;
  for (let k = text.indexOf('元'); k >= 0 && k < before; k = text.indexOf('元', k + 1)) {
    let end = k;
    while (isSpace(text.charCodeAt(end - 1))) end--;
    const start = numberEndingAt(text, end);
    if (start >= 0) return text.slice(start, end);
  }
  return yen < 0 ? null : text.slice(yenNumber, numberEnd(text, yenNumber));
}

/** Where the leftmost N that ends exactly at `end` starts, or -1 when none does. */
function numberEndingAt(text: string, end: number): number {
  let digits = end;
  while (isDigit(text.charCodeAt(digits - 1))) digits--;
  // With a fraction: `.` and at least one digit end it, digits and commas before the point.
  if (digits < end && text.charCodeAt(digits - 1) === 46 /* . */) {
    const start = firstDigit(text, runStart(text, digits - 1), digits - 1);
    if (start >= 0) return start;
  }
  // Without one: digits and commas only.
  return firstDigit(text, runStart(text, end), end);
}

/** Start of the run of digits and commas that ends at `end`. */
function runStart(text: string, end: number): number {
  let at = end;
  for (;;) {
    const c = text.charCodeAt(at - 1);
    if (!isDigit(c) && c !== 44 /* , */) return at;
    at--;
  }
}

function firstDigit(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (isDigit(text.charCodeAt(i))) return i;
  return -1;
}

/** End of the greedy N that starts at `start` (a digit). */
function numberEnd(text: string, start: number): number {
  let at = start + 1;
  for (let c = text.charCodeAt(at); isDigit(c) || c === 44; c = text.charCodeAt(++at));
  if (text.charCodeAt(at) === 46 && isDigit(text.charCodeAt(at + 1))) {
    at += 2;
    while (isDigit(text.charCodeAt(at))) at++;
  }
  return at;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** What a regex's `\s` matches (and `trim` removes). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const WHOLE_COUNT = /^\d+(?:\.0+)?$/;

/** A count of items; empty → null. */
export function parseQuantity(raw: string): number | null | Invalid {
  // Almost every cell is a few plain digits: read them without a regex.
  if (raw.length > 0 && raw.length < 10) {
    let n = 0;
    let i = 0;
    for (; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
    }
    if (i === raw.length) return n;
  }
  const s = withoutSuffix(cleanText(raw), ['件']);
  if (s === '') return null;
  if (!WHOLE_COUNT.test(s)) return INVALID;
  const n = Number.parseInt(s, 10);
  return Number.isSafeInteger(n) ? n : INVALID;
}

/** Phone as written, without Excel's `'` guard; empty → null. */
export function cleanPhone(raw: string): string | null {
  const s = cleanText(raw);
  return s === '' || s === '-' ? null : s;
}

/**
 * A stable 64-bit content hash (two independent 32-bit FNV/multiply mixes) as 14 base-36 digits,
 * for ids derived from row content. Not cryptographic; it only has to give the same id for the
 * same row in every import and rarely collide across a million rows.
 */
export function contentHash(text: string): string {
  const [a, b] = hash64(text);
  return (a >>> 0).toString(36).padStart(7, '0') + (b >>> 0).toString(36).padStart(7, '0');
}

/** The two 32-bit mixes behind contentHash (also the CLI's order-key fingerprints). */
export function hash64(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b ^= b >>> 16;
  return [a, b];
}
