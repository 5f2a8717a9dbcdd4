import type { ConsoleAdapter, ConsoleSelectors, SelectorKey } from './schema';

/**
 * The parts of a console a supervisor teaches by pointing, and what people call them. Selector keys
 * (`messageRow`, `authorBuyer`) are the adapter's vocabulary; a person reads 消息 / 输入框. Zod-free:
 * the content script uses this to apply repairs and to name what stopped matching.
 */
export const TAUGHT_PARTS = ['buyerNick', 'buyerId', 'messages', 'input', 'sendButton'] as const;
export type TaughtPart = (typeof TAUGHT_PARTS)[number];

/** The selector keys each taught part replaces. */
export const PART_KEYS: Record<TaughtPart, readonly SelectorKey[]> = {
  buyerNick: ['buyerNick'],
  buyerId: ['buyerId'],
  messages: ['messageRow', 'messageList', 'messageText', 'authorBuyer', 'authorAgent', 'authorSystem', 'messageId'],
  input: ['input', 'inputKind'],
  sendButton: ['sendButton'],
};

/** Keys a teaching sets besides its parts' own: where the chat is, and when it counts as loaded. */
export const FRAME_KEYS: readonly SelectorKey[] = ['frame', 'ready'];

/** What a health notice names: a taught part, the chat area as a whole, or the conversation list. */
export type HealthPart = TaughtPart | 'page' | 'conversations';
export const HEALTH_PARTS: readonly HealthPart[] = [
  'page',
  'buyerNick',
  'buyerId',
  'messages',
  'input',
  'sendButton',
  'conversations',
];

const KEY_PART: Record<SelectorKey, HealthPart> = {
  frame: 'page',
  ready: 'page',
  buyerNick: 'buyerNick',
  buyerId: 'buyerId',
  messageRow: 'messages',
  messageList: 'messages',
  messageText: 'messages',
  authorBuyer: 'messages',
  authorAgent: 'messages',
  authorSystem: 'messages',
  messageId: 'messages',
  input: 'input',
  inputKind: 'input',
  sendButton: 'sendButton',
  conversationRow: 'conversations',
  unread: 'conversations',
};

/** The part a selector key belongs to (unknown keys from an older version: none). */
export function partOfKey(key: string): HealthPart | null {
  return Object.hasOwn(KEY_PART, key) ? KEY_PART[key as SelectorKey] : null;
}

/** The parts behind a list of selector keys, each once, in the order a person checks them. */
export function healthParts(keys: readonly string[]): HealthPart[] {
  const found = new Set(keys.map(partOfKey).filter((p): p is HealthPart => p !== null));
  return HEALTH_PARTS.filter((p) => found.has(p));
}

/** The parts to point at again when these stopped matching (the chat area is its messages and input). */
export function partsToTeach(broken: readonly HealthPart[]): TaughtPart[] {
  const out = new Set<TaughtPart>();
  for (const p of broken) {
    if (p === 'page') {
      out.add('messages');
      out.add('input');
    } else if (p !== 'conversations') out.add(p);
  }
  return TAUGHT_PARTS.filter((p) => out.has(p));
}

/** A repair of a built-in console: the parts a supervisor pointed at again, as selectors. */
export interface ConsoleRepair {
  /** The built-in console's id. */
  id: string;
  parts: TaughtPart[];
  selectors: Partial<ConsoleSelectors>;
  /** When it was taught (ms since epoch). */
  taughtAt: number;
}

/**
 * The adapter with a repair laid over it: each taught part's keys are replaced as a whole (a
 * message repair drops the built-in's system-message and message-id selectors, which described the
 * old markup), every other key stays the built-in's.
 */
export function applyRepair(
  adapter: ConsoleAdapter,
  repair: Pick<ConsoleRepair, 'parts' | 'selectors'>,
): ConsoleAdapter {
  const selectors: Record<string, unknown> = { ...adapter.selectors };
  for (const part of repair.parts) for (const key of PART_KEYS[part]) delete selectors[key];
  for (const [key, value] of Object.entries(repair.selectors)) if (value !== undefined) selectors[key] = value;
  return { ...adapter, selectors: selectors as ConsoleSelectors };
}

/** A second repair of the same console adds its parts to the first; what was taught last wins. */
export function combineRepairs(earlier: ConsoleRepair | undefined, later: ConsoleRepair): ConsoleRepair {
  if (!earlier || earlier.id !== later.id) return later;
  const parts = TAUGHT_PARTS.filter((p) => earlier.parts.includes(p) || later.parts.includes(p));
  const kept: Record<string, unknown> = { ...earlier.selectors };
  for (const part of later.parts) for (const key of PART_KEYS[part]) delete kept[key];
  return {
    id: later.id,
    parts,
    selectors: { ...(kept as Partial<ConsoleSelectors>), ...later.selectors },
    taughtAt: later.taughtAt,
  };
}

/** Built-in consoles with their stored repairs applied; custom consoles come first and win. */
export function consoleAdapters(
  custom: readonly ConsoleAdapter[],
  builtIns: readonly ConsoleAdapter[],
  repairs: readonly ConsoleRepair[],
): ConsoleAdapter[] {
  const byId = new Map(repairs.map((r) => [r.id, r]));
  return [
    ...custom,
    ...builtIns.map((a) => {
      const repair = byId.get(a.id);
      return repair ? applyRepair(a, repair) : a;
    }),
  ];
}
