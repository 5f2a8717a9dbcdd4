import { isPlatform } from '@/lib/consoles/platforms';
import type { PlatformGuard, ResolvedList } from '@/lib/guard/compliance';
import type {
  HubToConsole,
  InsertRequest,
  InsertTarget,
  Layout,
  ShortcutAnswer,
  TeachRequest,
} from '@/lib/schemas/messages';

/**
 * Checks for what reaches the content script, written by hand so the script does not ship zod
 * (it runs on every console page load). They accept exactly what the schemas in
 * lib/schemas/messages.ts accept and return fresh objects holding only the known fields;
 * guards.test.ts compares them with the schemas on generated input.
 */

/** `PORT_CONSOLE` of lib/schemas/messages.ts (importing that module would bring zod along). */
export const CONSOLE_PORT_NAME = 'htk-console';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 300;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isWidth = (v: unknown): v is number => isInt(v) && v >= 240 && v <= 720;

export function parseLayout(v: unknown): Layout | null {
  if (!isObj(v) || typeof v.collapsed !== 'boolean' || !isWidth(v.width)) return null;
  return { collapsed: v.collapsed, width: v.width };
}

function parsePartialLayout(v: unknown): Partial<Layout> | null {
  if (!isObj(v)) return null;
  const out: Partial<Layout> = {};
  if (v.collapsed !== undefined) {
    if (typeof v.collapsed !== 'boolean') return null;
    out.collapsed = v.collapsed;
  }
  if (v.width !== undefined) {
    if (!isWidth(v.width)) return null;
    out.width = v.width;
  }
  return out;
}

/** `ShortcutSchema` of lib/templates/schema.ts: `/cm`. */
export const SHORTCUT_PATTERN = /^\/[a-z0-9_-]{1,24}$/;
const isShortcut = (v: unknown): v is string => typeof v === 'string' && SHORTCUT_PATTERN.test(v);
const SHORTCUT_OUTCOMES: readonly ShortcutAnswer['outcome'][] = ['form', 'cancelled', 'unknown', 'stale'];
const MAX_SHORTCUTS = 2000;

function parseTarget(v: unknown): InsertTarget | null {
  if (!isObj(v) || !isId(v.consoleId) || !isPlatform(v.platform)) return null;
  if (v.id !== null && !isId(v.id)) return null;
  if (typeof v.nick !== 'string' || v.nick.length > 300) return null;
  return { id: v.id, nick: v.nick, platform: v.platform, consoleId: v.consoleId };
}

function parseInsertRequest(v: unknown): InsertRequest | null {
  if (!isObj(v) || !isId(v.requestId) || typeof v.text !== 'string' || v.text.length < 1 || v.text.length > 20_000)
    return null;
  const target = parseTarget(v.target);
  if (!target) return null;
  const out: InsertRequest = { requestId: v.requestId, text: v.text, target };
  if (v.cursorOffset !== undefined) {
    if (!isInt(v.cursorOffset) || v.cursorOffset < 0) return null;
    out.cursorOffset = v.cursorOffset;
  }
  if (v.replace !== undefined) {
    const r = v.replace;
    if (!isObj(r) || !isId(r.shortcutId) || !isShortcut(r.typed)) return null;
    out.replace = { shortcutId: r.shortcutId, typed: r.typed };
  }
  return out;
}

function parseShortcutList(v: unknown): string[] | null {
  if (!Array.isArray(v) || v.length > MAX_SHORTCUTS || !v.every(isShortcut)) return null;
  return [...(v as string[])];
}

function parseShortcutAnswer(v: unknown): ShortcutAnswer | null {
  if (!isObj(v) || !isId(v.requestId) || !SHORTCUT_OUTCOMES.includes(v.outcome as ShortcutAnswer['outcome']))
    return null;
  return { requestId: v.requestId, outcome: v.outcome as ShortcutAnswer['outcome'] };
}

/** `TeachRequestSchema`: from the hub, or from the popup through `tabs.sendMessage`. */
export function parseTeach(raw: unknown): TeachRequest | null {
  if (
    !isObj(raw) ||
    raw.type !== 'teach' ||
    (raw.mode !== 'new' && raw.mode !== 'repair') ||
    (raw.locale !== 'zh-CN' && raw.locale !== 'en')
  )
    return null;
  return { type: 'teach', mode: raw.mode, locale: raw.locale };
}

const isStr = (v: unknown, min: number, max: number): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max;
const DETECTORS: readonly string[] = ['phone', 'email', 'contactId'];
const NAME_KEYS = ['repeat', 'repeatBuyers', 'tooLong', 'tooMany', 'hit'] as const;
const LIMIT_RANGES = { maxChars: [1, 100_000], replyWindowDays: [1, 365], maxInARow: [1, 100] } as const;

function parseWords(v: unknown): string[] | null {
  if (!Array.isArray(v) || v.length > 1000 || !v.every((w) => isStr(w, 1, 80))) return null;
  return [...(v as string[])];
}

function parseGuardList(v: unknown): ResolvedList | null {
  if (!isObj(v) || !isStr(v.id, 1, 40) || !isStr(v.name, 0, 80)) return null;
  const words = parseWords(v.words);
  const except = parseWords(v.except);
  if (!words || !except) return null;
  if (!Array.isArray(v.detect) || v.detect.length > 3 || !v.detect.every((d) => DETECTORS.includes(d as string)))
    return null;
  return { id: v.id, name: v.name, words, except, detect: [...(v.detect as ResolvedList['detect'])] };
}

/** `PlatformGuardSchema` of lib/schemas/messages.ts. */
function parsePlatformGuard(v: unknown): PlatformGuard | null {
  if (!isObj(v) || !isPlatform(v.platform) || typeof v.twiceInARow !== 'boolean') return null;
  if (!Array.isArray(v.lists) || v.lists.length > 50) return null;
  const lists: ResolvedList[] = [];
  for (const l of v.lists) {
    const list = parseGuardList(l);
    if (!list) return null;
    lists.push(list);
  }
  if (v.maxBuyers !== null && !(isInt(v.maxBuyers) && v.maxBuyers >= 2 && v.maxBuyers <= 1000)) return null;
  if (!isInt(v.minRepeatChars) || v.minRepeatChars < 1 || v.minRepeatChars > 200) return null;
  if (!isObj(v.limits)) return null;
  const limits: PlatformGuard['limits'] = {};
  for (const key of Object.keys(LIMIT_RANGES) as (keyof typeof LIMIT_RANGES)[]) {
    const n = v.limits[key];
    if (n === undefined) continue;
    const [min, max] = LIMIT_RANGES[key];
    if (!isInt(n) || n < min || n > max) return null;
    limits[key] = n;
  }
  const names = v.names;
  if (
    !isObj(names) ||
    !NAME_KEYS.every((k) => isStr(names[k], 0, 200)) ||
    !isStr(names.wordSeparator, 0, 10) ||
    !isStr(names.findingSeparator, 0, 10)
  )
    return null;
  let sameText: { fingerprint: string; buyers: number }[] | undefined;
  if (v.sameText !== undefined) {
    if (!Array.isArray(v.sameText) || v.sameText.length > 200) return null;
    sameText = [];
    for (const t of v.sameText) {
      if (!isObj(t) || !isStr(t.fingerprint, 1, 40) || !isInt(t.buyers) || t.buyers < 2 || t.buyers > 1_000_000)
        return null;
      sameText.push({ fingerprint: t.fingerprint, buyers: t.buyers });
    }
  }
  return {
    platform: v.platform,
    lists,
    twiceInARow: v.twiceInARow,
    maxBuyers: v.maxBuyers,
    minRepeatChars: v.minRepeatChars,
    limits,
    names: {
      repeat: names.repeat as string,
      repeatBuyers: names.repeatBuyers as string,
      tooLong: names.tooLong as string,
      tooMany: names.tooMany as string,
      hit: names.hit as string,
      wordSeparator: names.wordSeparator,
      findingSeparator: names.findingSeparator,
    },
    ...(sameText ? { sameText } : {}),
  };
}

export function parseHubToConsole(raw: unknown): HubToConsole | null {
  if (!isObj(raw)) return null;
  switch (raw.type) {
    case 'insert': {
      const request = parseInsertRequest(raw.request);
      return request && { type: 'insert', request };
    }
    case 'teach':
      return parseTeach(raw);
    case 'toggle':
      return { type: 'toggle' };
    case 'focus':
      return { type: 'focus' };
    case 'resend':
      return { type: 'resend' };
    case 'setLayout': {
      const layout = parsePartialLayout(raw.layout);
      return layout && { type: 'setLayout', layout };
    }
    case 'shortcuts': {
      const shortcuts = parseShortcutList(raw.shortcuts);
      return shortcuts && { type: 'shortcuts', shortcuts };
    }
    case 'shortcutAnswer': {
      const answer = parseShortcutAnswer(raw.answer);
      return answer && { type: 'shortcutAnswer', answer };
    }
    case 'guard': {
      if (raw.guard === null) return { type: 'guard', guard: null };
      const guard = parsePlatformGuard(raw.guard);
      return guard && { type: 'guard', guard };
    }
    default:
      return null;
  }
}
