import { BUILT_IN_ADAPTERS } from './adapters';
import {
  applyRepair,
  consoleAdapters,
  FRAME_KEYS,
  PART_KEYS,
  TAUGHT_PARTS,
  type ConsoleRepair,
  type TaughtPart,
} from './parts';
import { isPlatform } from './platforms';
import type { ConsoleAdapter } from './schema';
import { parseMatchPattern } from './url';

/**
 * The custom consoles kept in `browser.storage.local`, read by the content script without zod.
 * The options page saves only definitions that passed `CustomConsoleSchema`, and a web page cannot
 * write extension storage, so a shape check is enough here: every field the content script uses
 * has the right type and size, and every pattern names a site. Selectors are still queried
 * defensively (a selector the browser rejects reads as "not found"). A unit test checks that this
 * accepts exactly the stored values the schema accepts, on the schema's own examples.
 */
const ID = /^[a-z0-9][a-z0-9_-]{0,47}$/;
const ATTR = /^[A-Za-z_][-A-Za-z0-9_:.]{0,63}$/;
const INPUT_KINDS = ['auto', 'textarea', 'contenteditable', 'lexical'];
const BUILT_IN_IDS = new Set(BUILT_IN_ADAPTERS.map((a) => a.id));

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const isSelector = (v: unknown): v is string => isText(v, 300);
const optional = (v: unknown, check: (x: unknown) => boolean) => v === undefined || check(v);
const isTextList = (v: unknown, max: number) => Array.isArray(v) && v.length <= 20 && v.every((s) => isText(s, max));
const isAttr = (v: unknown) => typeof v === 'string' && ATTR.test(v);
const isValueSource = (v: unknown) => isObj(v) && isSelector(v.selector) && optional(v.attr, isAttr);

function isSitePattern(v: unknown): boolean {
  if (typeof v !== 'string' || v.length > 200) return false;
  const parsed = parseMatchPattern(v.trim());
  return typeof parsed !== 'string' && parsed.host !== '';
}

function isSelectors(s: unknown): boolean {
  if (!isObj(s)) return false;
  const required = ['ready', 'messageRow', 'messageText', 'authorBuyer', 'authorAgent', 'input'];
  const optionalSelectors = ['frame', 'messageList', 'authorSystem', 'sendButton', 'conversationRow', 'unread'];
  return (
    required.every((k) => isSelector(s[k])) &&
    optionalSelectors.every((k) => optional(s[k], isSelector)) &&
    isValueSource(s.buyerNick) &&
    optional(s.buyerId, isValueSource) &&
    optional(s.messageId, (m) => isObj(m) && isAttr(m.attr) && optional(m.selector, isSelector)) &&
    typeof s.inputKind === 'string' &&
    INPUT_KINDS.includes(s.inputKind)
  );
}

function isStoredConsole(v: unknown): v is ConsoleAdapter {
  if (!isObj(v)) return false;
  const platform = v.platform;
  const platformOk =
    isPlatform(platform) ||
    (isObj(platform) &&
      isObj(platform.fromAttribute) &&
      isSelector(platform.fromAttribute.selector) &&
      isAttr(platform.fromAttribute.attr));
  return (
    typeof v.id === 'string' &&
    ID.test(v.id) &&
    !BUILT_IN_IDS.has(v.id) &&
    isObj(v.name) &&
    isText(v.name.zh, 40) &&
    isText(v.name.en, 40) &&
    platformOk &&
    Array.isArray(v.matches) &&
    v.matches.length > 0 &&
    v.matches.length <= 20 &&
    v.matches.every(isSitePattern) &&
    optional(v.pathPrefixes, (p) => isTextList(p, 200)) &&
    optional(v.urlIncludes, (p) => isTextList(p, 200)) &&
    isSelectors(v.selectors)
  );
}

/** The stored custom consoles the content script can use; malformed entries are skipped one by one. */
export function readStoredConsoles(stored: unknown): ConsoleAdapter[] {
  return Array.isArray(stored) ? stored.filter(isStoredConsole) : [];
}

/** Where the options page keeps custom consoles in `browser.storage.local`. */
export const CUSTOM_CONSOLES_KEY = 'customConsoles';
/** Where repairs of built-in consoles are kept (`ConsoleRepairSchema`, lib/consoles/repairs.ts). */
export const CONSOLE_REPAIRS_KEY = 'consoleRepairs';

const BUILT_IN_BY_ID = new Map(BUILT_IN_ADAPTERS.map((a) => [a.id, a]));
const isPart = (v: unknown): v is TaughtPart =>
  typeof v === 'string' && (TAUGHT_PARTS as readonly string[]).includes(v);

function isStoredRepair(v: unknown): v is ConsoleRepair {
  if (!isObj(v) || typeof v.id !== 'string' || !isObj(v.selectors) || !Array.isArray(v.parts) || v.parts.length === 0)
    return false;
  if (typeof v.taughtAt !== 'number' || !Number.isFinite(v.taughtAt)) return false;
  const parts = v.parts;
  const adapter = BUILT_IN_BY_ID.get(v.id);
  if (!adapter || !parts.every(isPart)) return false;
  const allowed = new Set<string>([...FRAME_KEYS, ...parts.flatMap((p) => PART_KEYS[p])]);
  if (!Object.keys(v.selectors).every((k) => allowed.has(k))) return false;
  // The repaired whole must be a console the content script can read.
  return isSelectors(applyRepair(adapter, { parts, selectors: v.selectors }).selectors);
}

/** The stored repairs of built-in consoles the content script can use (the last one per console). */
export function readStoredRepairs(stored: unknown): ConsoleRepair[] {
  if (!Array.isArray(stored)) return [];
  const byId = new Map<string, ConsoleRepair>();
  for (const item of stored) if (isStoredRepair(item)) byId.set(item.id, item);
  return [...byId.values()];
}

/** Every console the content script knows: custom ones first (they win), then built-ins with their repairs. */
export function storedAdapters(
  customStored: unknown,
  repairsStored: unknown,
  builtIns: readonly ConsoleAdapter[] = BUILT_IN_ADAPTERS,
): ConsoleAdapter[] {
  return consoleAdapters(readStoredConsoles(customStored), builtIns, readStoredRepairs(repairsStored));
}
