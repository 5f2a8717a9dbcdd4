/**
 * A streaming XML scanner for the parts of an Excel workbook: start tags (with their attribute
 * text, read on demand), end tags and text, fed in pieces of any size. Element names come without
 * their namespace prefix (`x:row` → `row`), since writers differ in prefixes. Comments, processing
 * instructions and the doctype are skipped; CDATA is text. It does not check that the document is
 * well formed: a workbook that Excel, WPS or a platform wrote is, and anything else fails on what
 * it lacks (no rows, no header), which the importer reports.
 */

export interface XmlHandler {
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Text between tags, entities decoded; may come in several pieces. */
  text(value: string): void;
}

export class XmlScanner {
  private rest = '';

  constructor(private readonly handler: XmlHandler) {}

  push(chunk: string): void {
    const s = this.rest.length > 0 ? this.rest + chunk : chunk;
    this.rest = '';
    const n = s.length;
    const h = this.handler;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        // Text to the end of the piece: keep a possibly cut entity for the next one.
        const amp = s.lastIndexOf('&');
        if (amp >= i && s.indexOf(';', amp) < 0) {
          if (amp > i) h.text(decodeEntities(s.slice(i, amp)));
          this.rest = s.slice(amp);
        } else {
          h.text(decodeEntities(s.slice(i)));
        }
        return;
      }
      if (lt > i) h.text(decodeEntities(s.slice(i, lt)));
      const c = s.charCodeAt(lt + 1);
      if (c === 33 /* ! */) {
        let close: string;
        if (s.startsWith('<!--', lt)) close = '-->';
        else if (s.startsWith('<![CDATA[', lt)) close = ']]>';
        else if (lt + 9 > n) return this.keep(s, lt);
        else close = '>';
        const end = s.indexOf(close, lt + 2);
        if (end < 0) return this.keep(s, lt);
        if (close === ']]>') h.text(s.slice(lt + 9, end));
        i = end + close.length;
        continue;
      }
      if (c === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) return this.keep(s, lt);
        i = end + 2;
        continue;
      }
      const end = tagEnd(s, lt + 1);
      if (end < 0) return this.keep(s, lt);
      if (c === 47 /* / */) {
        h.close(localName(s.slice(lt + 2, end).trim()));
      } else {
        const selfClosing = s.charCodeAt(end - 1) === 47;
        const body = s.slice(lt + 1, selfClosing ? end - 1 : end);
        let nameEnd = 0;
        while (nameEnd < body.length && !isSpace(body.charCodeAt(nameEnd))) nameEnd++;
        const name = localName(body.slice(0, nameEnd));
        const attrs = body.slice(nameEnd);
        h.open(name, attrs, selfClosing);
        if (selfClosing) h.close(name);
      }
      i = end + 1;
    }
  }

  /** The document ended: anything left unfinished is dropped. */
  end(): void {
    this.rest = '';
  }

  private keep(s: string, from: number): void {
    this.rest = s.slice(from);
  }
}

/** The `>` that ends the tag starting at `from`, skipping quoted attribute values; -1 when not here yet. */
function tagEnd(s: string, from: number): number {
  const n = s.length;
  let quote = 0;
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 62 /* > */) {
      return i;
    } else if (c === 34 || c === 39) {
      quote = c;
    }
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * One attribute's value from a tag's attribute text, decoded; null when absent. `name` may be a
 * local name (`id` finds `r:id` too) when `anyPrefix` is set.
 */
export function attr(attrs: string, name: string, anyPrefix = false): string | null {
  let from = 0;
  for (;;) {
    const at = attrs.indexOf(name, from);
    if (at < 0) return null;
    from = at + name.length;
    const before = at === 0 ? 32 : attrs.charCodeAt(at - 1);
    if (!(isSpace(before) || (anyPrefix && before === 58) /* : */)) continue;
    let i = from;
    while (isSpace(attrs.charCodeAt(i))) i++;
    if (attrs.charCodeAt(i) !== 61 /* = */) continue;
    i++;
    while (isSpace(attrs.charCodeAt(i))) i++;
    const quote = attrs.charCodeAt(i);
    if (quote !== 34 && quote !== 39) continue;
    const end = attrs.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (end < 0) return null;
    return decodeEntities(attrs.slice(i + 1, end));
  }
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (whole, name: string) => {
    if (name.charCodeAt(0) !== 35) return NAMED[name] ?? whole;
    const code = name.charCodeAt(1) === 120 ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Excel writes characters XML cannot carry as `_xHHHH_` (a line feed in a cell: `_x000A_`, and a
 * literal `_x` as `_x005F_x`).
 */
export function decodeExcelEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
