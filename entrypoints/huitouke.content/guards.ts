import { isPlatform } from '@/lib/consoles/platforms';
import type { HubToConsole, InsertRequest, InsertTarget, Layout, ShortcutAnswer, TeachRequest } from '@/lib/schemas/messages';

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
  if (!isObj(v) || !isId(v.requestId) || typeof v.text !== 'string' || v.text.length < 1 || v.text.length > 20_000) return null;
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
  if (!isObj(v) || !isId(v.requestId) || !SHORTCUT_OUTCOMES.includes(v.outcome as ShortcutAnswer['outcome'])) return null;
  return { requestId: v.requestId, outcome: v.outcome as ShortcutAnswer['outcome'] };
}

/** `TeachRequestSchema`: from the hub, or from the popup through `tabs.sendMessage`. */
export function parseTeach(raw: unknown): TeachRequest | null {
  if (!isObj(raw) || raw.type !== 'teach' || (raw.mode !== 'new' && raw.mode !== 'repair') || (raw.locale !== 'zh-CN' && raw.locale !== 'en')) return null;
  return { type: 'teach', mode: raw.mode, locale: raw.locale };
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
    default:
      return null;
  }
}
