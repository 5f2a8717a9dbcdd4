/**
 * The live test of a custom console's selectors, run in a tab the supervisor picked through
 * `browser.scripting.executeScript({ func: probeConsole, args: [spec] })`. The browser serialises
 * the function's source, so it must be self-contained: no imports, no outer variables, no helpers
 * defined outside it. It only counts and reads; it changes nothing on the page.
 */
export interface ProbeSpec {
  /** Selector per form field (empty fields are left out). */
  selectors: Record<string, string>;
  buyerNick?: { selector: string; attr?: string };
  buyerId?: { selector: string; attr?: string };
}

export interface ProbeResult {
  url: string;
  /** Matches in the page per field; null when the browser rejects the selector. */
  counts: Record<string, number | null>;
  /** Message rows that match or contain the buyer / agent / text selector. */
  rowsWithBuyer: number;
  rowsWithAgent: number;
  rowsWithText: number;
  buyerNick: string;
  buyerId: string;
}

export function probeConsole(spec: ProbeSpec): ProbeResult {
  const count = (selector: string): number | null => {
    try {
      return document.querySelectorAll(selector).length;
    } catch {
      return null;
    }
  };
  const read = (source: { selector: string; attr?: string } | undefined): string => {
    if (!source) return '';
    try {
      const el = document.querySelector(source.selector);
      const raw = source.attr ? el?.getAttribute(source.attr) : el?.textContent;
      return (raw ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
    } catch {
      return '';
    }
  };
  let rows: Element[] = [];
  try {
    rows = spec.selectors.messageRow ? Array.from(document.querySelectorAll(spec.selectors.messageRow)) : [];
  } catch {
    rows = [];
  }
  const rowsWith = (selector: string | undefined): number => {
    if (!selector) return 0;
    try {
      return rows.filter((row) => row.matches(selector) || row.querySelector(selector) !== null).length;
    } catch {
      return 0;
    }
  };
  const counts: Record<string, number | null> = {};
  for (const [key, selector] of Object.entries(spec.selectors)) counts[key] = count(selector);
  return {
    url: location.href,
    counts,
    rowsWithBuyer: rowsWith(spec.selectors.authorBuyer),
    rowsWithAgent: rowsWith(spec.selectors.authorAgent),
    rowsWithText: rowsWith(spec.selectors.messageText),
    buyerNick: read(spec.buyerNick),
    buyerId: read(spec.buyerId),
  };
}
