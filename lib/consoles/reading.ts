import type { Platform } from '../schemas/common';
import type { ConsoleOrder, ConsoleProduct } from '../schemas/messages';
import type { SelectorKey } from './schema';

/** What the content script saw in the console at one moment. Produced by `readConsole` (DOM side). */
export type MessageAuthor = 'buyer' | 'agent' | 'system';

export interface ConsoleMessage {
  /** The console's own id when it exposes one, else a content hash stable across re-reads (`h…`). */
  id: string;
  author: MessageAuthor;
  text: string;
}

export interface ConsoleBuyer {
  id: string | null;
  nick: string;
  platform: Platform;
}

export type ConsoleReading =
  | {
      status: 'ok';
      adapterId: string;
      buyer: ConsoleBuyer;
      messages: ConsoleMessage[];
      inputFound: boolean;
      /** The open buyer's orders in the console's order panel, when the adapter describes one. */
      orders?: ConsoleOrder[];
      /** Product cards and links in the conversation, oldest first, when the adapter describes them. */
      products?: ConsoleProduct[];
      /** Configured selectors that found nothing but are not needed to work (e.g. buyerId, input). */
      degraded: SelectorKey[];
    }
  | { status: 'not_recognised'; adapterId: string; missing: SelectorKey[] }
  | { status: 'loading'; adapterId: string };

/** 53-bit string hash (cyrb53); enough to keep a few thousand message ids apart. */
export function hash53(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * Id for a message the console gives no id: the same author writing the same text for the n-th
 * time in the thread gets the same id on every read, and new messages at the bottom never shift it.
 */
export function contentMessageId(author: MessageAuthor, text: string, occurrence: number): string {
  return `h${hash53(`${author}\u0000${text}\u0000${occurrence}`)}`;
}

export function sameBuyer(a: ConsoleBuyer, b: ConsoleBuyer): boolean {
  if (a.platform !== b.platform) return false;
  if (a.id !== null && b.id !== null) return a.id === b.id;
  return a.nick === b.nick;
}

export interface NewMessages {
  /** The agent switched to another buyer (or this is the first reading): nothing counts as new. */
  conversationChanged: boolean;
  /** Messages that arrived at the bottom of the same conversation since `prev`, in thread order. */
  added: ConsoleMessage[];
  /** The subset of `added` written by the buyer. */
  fromBuyer: ConsoleMessage[];
}

const signature = (m: ConsoleMessage) => `${m.author}\u0000${m.text}`;
/** How many messages before the anchor must also agree, so a repeated "在吗" is not taken for the anchor. */
const ANCHOR_CONTEXT = 4;

/** Index in `next` of `prev`'s last message, matched by content and the messages just before it. */
function findAnchor(prev: ConsoleMessage[], next: ConsoleMessage[]): number {
  const last = prev.length - 1;
  for (let j = next.length - 1; j >= 0; j--) {
    let k = 0;
    while (k <= ANCHOR_CONTEXT && last - k >= 0 && j - k >= 0) {
      const a = prev[last - k];
      const b = next[j - k];
      if (!a || !b || signature(a) !== signature(b)) break;
      k++;
    }
    if (k > ANCHOR_CONTEXT || last - k < 0 || j - k < 0) return j;
  }
  return -1;
}

/**
 * Which messages are new between two readings of the console: those below the place where the
 * previous reading ended. That place is found by content rather than by id, because content ids
 * shift when older history is loaded above (scrolling up, virtualised lists re-mounting rows);
 * history loaded above is therefore never mistaken for new messages.
 */
export function readNewMessages(prev: ConsoleReading | null | undefined, next: ConsoleReading): NewMessages {
  const none: NewMessages = { conversationChanged: false, added: [], fromBuyer: [] };
  if (next.status !== 'ok') return none;
  if (!prev || prev.status !== 'ok' || !sameBuyer(prev.buyer, next.buyer))
    return { ...none, conversationChanged: true };
  let added: ConsoleMessage[];
  if (prev.messages.length === 0) {
    added = next.messages;
  } else {
    const anchor = findAnchor(prev.messages, next.messages);
    added = anchor < 0 ? [] : next.messages.slice(anchor + 1);
  }
  return { conversationChanged: false, added, fromBuyer: added.filter((m) => m.author === 'buyer') };
}
