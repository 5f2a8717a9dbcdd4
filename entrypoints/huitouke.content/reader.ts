import type { Platform } from '@/lib/schemas/common';
import { isPlatform } from '@/lib/consoles/platforms';
import type { ConsoleAdapter, PartSource, SelectorKey, ValueSource } from '@/lib/consoles/schema';
import {
  consoleOrderStatus,
  parseProductId,
  parseShownAmount,
  parseShownOrderId,
  parseShownTime,
} from '@/lib/consoles/order-panel';
import type { ConsoleOrder, ConsoleProduct } from '@/lib/schemas/messages';
import { contentMessageId, type ConsoleMessage, type ConsoleReading, type MessageAuthor } from '@/lib/consoles/reading';

export { readNewMessages, type ConsoleReading, type ConsoleMessage, type NewMessages } from '@/lib/consoles/reading';

/** Bounds that keep one reading small enough for the message channel (see lib/schemas/messages.ts). */
const MAX_TEXT = 4000;
const MAX_NICK = 300;
const MAX_ID = 300;
/**
 * Only the latest rows are read. A console that loaded months of history (or a burst that added
 * thousands of rows) then costs the same as a short thread; the sidebar shows fewer than this.
 */
export const MAX_ROWS = 200;
/** Order rows read from the console's panel (the first ones: panels list the newest first). */
export const MAX_ORDERS = 50;
/** Product cards read from the thread (the latest ones). */
export const MAX_PRODUCTS = 20;

/** Queries never throw: a selector the browser rejects (from a custom console) reads as "found nothing". */
function queryAll(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

function queryOne(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

function cleanText(raw: string | null | undefined, max: number): string {
  return (raw ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}

/**
 * The text a person sees in a message: element boundaries count as spaces (a product card's title
 * and price are separate blocks; `textContent` would glue them), emoji images count as their alt
 * text. Reads no layout, so it stays cheap.
 */
function visibleText(root: Element, max: number): string {
  const parts: string[] = [];
  let length = 0;
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child && length <= max; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const data = child.nodeValue ?? '';
        parts.push(data);
        length += data.length;
      } else if (child.nodeType === 1) {
        const el = child as Element;
        const tag = el.tagName;
        if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE') continue;
        if (tag === 'IMG') {
          const alt = el.getAttribute('alt');
          if (alt) parts.push(' ', alt, ' ');
          continue;
        }
        parts.push(' ');
        walk(el);
        parts.push(' ');
      }
    }
  };
  walk(root);
  return cleanText(parts.join(''), max);
}

function readValue(doc: Document, source: ValueSource, max: number): string {
  const el = queryOne(doc, source.selector);
  if (!el) return '';
  return cleanText(source.attr ? el.getAttribute(source.attr) : el.textContent, max);
}

/** A value inside an order row or product card: the part's text or attribute (the row itself without a selector). */
function readPart(holder: Element, part: PartSource, max: number): string {
  let el: Element | null = holder;
  if (part.selector) {
    try {
      el = holder.matches(part.selector) ? holder : holder.querySelector(part.selector);
    } catch {
      el = null;
    }
  }
  if (!el) return '';
  return cleanText(part.attr ? el.getAttribute(part.attr) : el.textContent, max);
}

/** The open buyer's orders as the console's order panel shows them; order ids seen twice count once. */
export function readOrderPanel(doc: Document, adapter: ConsoleAdapter, platform: Platform): ConsoleOrder[] | undefined {
  const panel = adapter.orderPanel;
  if (!panel) return undefined;
  const out: ConsoleOrder[] = [];
  const seen = new Set<string>();
  for (const row of queryAll(doc, panel.row)) {
    if (out.length >= MAX_ORDERS) break;
    const rawId = readPart(row, panel.orderId, MAX_ID);
    const id = panel.orderId.attr ? rawId : parseShownOrderId(rawId);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const order: ConsoleOrder = { id, status: 'unknown' };
    if (panel.status) {
      const raw = readPart(row, panel.status, 100);
      order.status = consoleOrderStatus(platform, raw);
      if (raw) order.rawStatus = raw;
    }
    const amount = panel.amount ? parseShownAmount(readPart(row, panel.amount, 100)) : undefined;
    if (amount !== undefined) order.paidCents = amount;
    const time = panel.time ? parseShownTime(readPart(row, panel.time, 100)) : undefined;
    if (time) order.createdAt = time;
    const tracking = panel.tracking ? parseShownOrderId(readPart(row, panel.tracking, 100)) : undefined;
    if (tracking) order.tracking = tracking;
    const carrier = panel.carrier ? readPart(row, panel.carrier, 100) : '';
    if (carrier) order.carrier = carrier;
    out.push(order);
  }
  return out;
}

/** Product cards and links in the thread, oldest first (the latest MAX_PRODUCTS). */
export function readProductCards(doc: Document, adapter: ConsoleAdapter): ConsoleProduct[] | undefined {
  const spec = adapter.productCards;
  if (!spec) return undefined;
  const cards = queryAll(doc, spec.card).slice(-MAX_PRODUCTS);
  const out: ConsoleProduct[] = [];
  for (const card of cards) {
    const title = readPart(card, spec.title, 300);
    if (!title) continue;
    const url = spec.url ? readPart(card, spec.url, 2000) : '';
    const idValue = spec.id ? readPart(card, spec.id, 2000) : url;
    const product: ConsoleProduct = { id: idValue ? parseProductId(idValue, spec.idParam) : null, title };
    if (url) product.url = url;
    const messageAttr = adapter.selectors.messageId?.attr;
    let row: Element | null = null;
    for (let el: Element | null = card; el && messageAttr && !row; el = el.parentElement)
      if (el.hasAttribute(messageAttr)) row = el;
    const messageId = row && messageAttr ? attrId(row, messageAttr) : '';
    if (messageId) product.messageId = messageId;
    out.push(product);
  }
  return out;
}

function resolvePlatform(doc: Document, adapter: ConsoleAdapter): Platform {
  if (typeof adapter.platform === 'string') return adapter.platform;
  const { selector, attr } = adapter.platform.fromAttribute;
  const value = queryOne(doc, selector)?.getAttribute(attr);
  return isPlatform(value) ? value : 'other';
}

/**
 * Each hit of `selector` counts for the message row that is it or contains it. Walking up to a
 * row found in `rowIndex` avoids one query per row: a 200-message thread costs a few queries.
 */
function hitsByRow(doc: Document, selector: string, rowIndex: Map<Element, number>): Map<number, Element> {
  const found = new Map<number, Element>();
  for (const hit of queryAll(doc, selector)) {
    for (let el: Element | null = hit; el; el = el.parentElement) {
      const row = rowIndex.get(el);
      if (row !== undefined) {
        if (!found.has(row)) found.set(row, hit);
        break;
      }
    }
  }
  return found;
}

/** Like `hitsByRow`, but asks each row itself: cheaper when only the tail of a long thread is read. */
function hitsInRows(rows: readonly Element[], selector: string): Map<number, Element> {
  const found = new Map<number, Element>();
  rows.forEach((row, i) => {
    try {
      const hit = row.matches(selector) ? row : row.querySelector(selector);
      if (hit) found.set(i, hit);
    } catch {
      // A selector the browser rejects finds nothing.
    }
  });
  return found;
}

function attrId(holder: Element | undefined, attr: string): string {
  const id = holder?.getAttribute(attr)?.trim() ?? '';
  return id.length <= MAX_ID ? id : '';
}

/**
 * The document the console's chat is in: the page's own, or (for a console whose chat sits in a
 * frame of the same site) that frame's. `null`: the frame is not in the page yet; `'blocked'`: it
 * is, but its document cannot be read (a frame of another site, which is not supported).
 */
export function chatDocument(doc: Document, adapter: ConsoleAdapter): Document | null | 'blocked' {
  const selector = adapter.selectors.frame;
  if (!selector) return doc;
  const frame = queryOne(doc, selector);
  if (!frame || (frame.tagName !== 'IFRAME' && frame.tagName !== 'FRAME')) return null;
  try {
    return (frame as HTMLIFrameElement).contentDocument ?? 'blocked';
  } catch {
    return 'blocked';
  }
}

/**
 * Read the open conversation of a console. Pure with respect to the page: it only queries.
 * `loading`: the console's ready marker is absent (the caller decides how long to wait);
 * `not_recognised`: the console is there but something needed is not — `missing` names every
 * configured selector that found nothing, so the diagnostic can say what changed.
 */
export function readConsole(page: Document, adapter: ConsoleAdapter): ConsoleReading {
  const adapterId = adapter.id;
  try {
    const s = adapter.selectors;
    const doc = chatDocument(page, adapter);
    if (doc === null) return { status: 'loading', adapterId };
    if (doc === 'blocked') return { status: 'not_recognised', adapterId, missing: ['frame'] };
    if (!queryOne(doc, s.ready)) return { status: 'loading', adapterId };

    const missing: SelectorKey[] = [];
    const degraded: SelectorKey[] = [];

    const nick = readValue(doc, s.buyerNick, MAX_NICK);
    if (!nick) missing.push('buyerNick');
    let buyerId: string | null = null;
    if (s.buyerId) {
      buyerId = readValue(doc, s.buyerId, MAX_ID) || null;
      if (buyerId === null) degraded.push('buyerId');
    }

    const allRows = queryAll(doc, s.messageRow);
    const tailOnly = allRows.length > MAX_ROWS;
    const rows = tailOnly ? allRows.slice(-MAX_ROWS) : allRows;
    const rowIndex = new Map<Element, number>();
    rows.forEach((row, i) => rowIndex.set(row, i));
    const hits = (selector: string) => (tailOnly ? hitsInRows(rows, selector) : hitsByRow(doc, selector, rowIndex));
    if (rows.length === 0 && !(s.messageList && queryOne(doc, s.messageList))) missing.push('messageRow');

    // System first: a notice can sit inside a row that also looks like a bubble.
    const authors = new Map<number, MessageAuthor>();
    const authorSelectors: Array<[MessageAuthor, string | undefined]> = [
      ['system', s.authorSystem],
      ['buyer', s.authorBuyer],
      ['agent', s.authorAgent],
    ];
    for (const [author, selector] of authorSelectors) {
      if (!selector || rows.length === 0) continue;
      for (const row of hits(selector).keys()) if (!authors.has(row)) authors.set(row, author);
    }
    const texts = rows.length ? hits(s.messageText) : new Map<number, Element>();
    if (rows.length > 0) {
      if (authors.size === 0) missing.push('authorBuyer', 'authorAgent');
      // Without a text element the row's own text is used: worse (timestamps), still usable.
      if (texts.size === 0) degraded.push('messageText');
    }

    const inputFound = queryOne(doc, s.input) !== null;
    if (!inputFound) degraded.push('input');

    if (missing.length > 0) return { status: 'not_recognised', adapterId, missing: [...missing, ...degraded] };

    const idSpec = s.messageId;
    const idHolders = idSpec?.selector ? hits(idSpec.selector) : null;
    const messages: ConsoleMessage[] = [];
    const occurrences = new Map<string, number>();
    const usedIds = new Set<string>();
    let idsMissing = false;
    rows.forEach((row, i) => {
      const author = authors.get(i);
      if (!author) return; // date dividers, "load more" rows and the like
      const text = visibleText(texts.get(i) ?? row, MAX_TEXT);
      let id = idSpec ? attrId(idHolders ? idHolders.get(i) : row, idSpec.attr) : '';
      if (!id) {
        if (idSpec) idsMissing = true;
        const key = `${author}\u0000${text}`;
        const n = occurrences.get(key) ?? 0;
        occurrences.set(key, n + 1);
        id = contentMessageId(author, text, n);
      }
      // Consoles sometimes render one message twice (optimistic + confirmed); keep ids unique.
      let unique = id;
      for (let k = 2; usedIds.has(unique); k++) unique = `${id}~${k}`;
      usedIds.add(unique);
      messages.push({ id: unique, author, text });
    });
    if (idsMissing) degraded.push('messageId');

    const platform = resolvePlatform(doc, adapter);
    // A console that names its buyers by id (Pinduoduo's uid on message rows) but has not shown
    // it yet: the buyer is known only by nick for now. Orders seen now would be linked to that
    // nick for good, and a product card would be kept with a concern under it, so neither is read
    // until the id is there.
    const idPending = s.buyerId !== undefined && buyerId === null;
    const orders = idPending ? undefined : readOrderPanel(doc, adapter, platform);
    const products = idPending ? undefined : readProductCards(doc, adapter);
    return {
      status: 'ok',
      adapterId,
      buyer: { id: buyerId, nick, platform },
      messages,
      inputFound,
      ...(orders ? { orders } : {}),
      ...(products ? { products } : {}),
      degraded,
    };
  } catch {
    // Odd DOM (a page that patched DOM methods, a detached document) must never break the script.
    return { status: 'not_recognised', adapterId, missing: ['ready'] };
  }
}

/**
 * Only the open conversation's buyer, as `readConsole` reads it (no messages): what an insert
 * compares with the buyer it was written for, just before it touches the input. Null when the
 * console is not ready or shows no buyer.
 */
export function readOpenBuyer(
  page: Document,
  adapter: ConsoleAdapter,
): { id: string | null; nick: string; platform: Platform } | null {
  try {
    const s = adapter.selectors;
    const doc = chatDocument(page, adapter);
    if (!doc || doc === 'blocked') return null;
    if (!queryOne(doc, s.ready)) return null;
    const nick = readValue(doc, s.buyerNick, MAX_NICK);
    if (!nick) return null;
    const id = s.buyerId ? readValue(doc, s.buyerId, MAX_ID) || null : null;
    return { id, nick, platform: resolvePlatform(doc, adapter) };
  } catch {
    return null;
  }
}

/** The console's input element, if the page shows one. */
export function findInput(page: Document, adapter: ConsoleAdapter): HTMLElement | null {
  const doc = chatDocument(page, adapter);
  if (!doc || doc === 'blocked') return null;
  const el = queryOne(doc, adapter.selectors.input);
  return el && 'focus' in el ? (el as HTMLElement) : null;
}
