import { isPlatform } from '@/lib/consoles/platforms';
import type { HubToConsole, InsertRequest, InsertTarget, Layout } from '@/lib/schemas/messages';

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
  return out;
}

export function parseHubToConsole(raw: unknown): HubToConsole | null {
  if (!isObj(raw)) return null;
  switch (raw.type) {
    case 'insert': {
      const request = parseInsertRequest(raw.request);
      return request && { type: 'insert', request };
    }
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

    default:
      return null;
  }
}
