import type { z } from 'zod';
import type { PickerToBackground } from '../schemas/messages';
import { BUILT_IN_ADAPTERS } from './adapters';
import { parseCustomConsole, parseCustomConsoles } from './custom';
import { applyRepair, combineRepairs, type ConsoleRepair } from './parts';
import { parseConsoleRepair, parseConsoleRepairs } from './repairs';
import type { ConsoleAdapter } from './schema';
import { findAdapter, matchesUrl } from './url';

/**
 * What the background does with a console taught by pointing (the picker, issue 20): a new console
 * for the page's site joins the custom consoles (replacing one taught before for the same
 * addresses); a repair of a built-in console joins its earlier repair (the parts taught last win);
 * a repair of a custom console is laid into that console. Only the console of the page that sent
 * it can be taught or repaired, and everything is validated by the adapter schema first.
 */
export type TaughtOutcome =
  | { ok: true; custom?: ConsoleAdapter[]; repairs?: ConsoleRepair[]; consoleId: string }
  | { ok: false; error: z.ZodError | 'notThisPage' | 'unknownConsole' };

export function applyTaught(
  message: PickerToBackground,
  stored: { custom: unknown; repairs: unknown },
  pageUrl: string,
  now: number,
): TaughtOutcome {
  const custom = parseCustomConsoles(stored.custom);
  const repairs = parseConsoleRepairs(stored.repairs);
  if (message.type === 'saveTaughtConsole') {
    const parsed = parseCustomConsole(message.adapter);
    if (!parsed.success) return { ok: false, error: parsed.error };
    const adapter = parsed.data;
    if (!matchesUrl(adapter, pageUrl)) return { ok: false, error: 'notThisPage' };
    const same = (c: ConsoleAdapter) =>
      c.id === adapter.id || JSON.stringify(c.matches) === JSON.stringify(adapter.matches);
    return { ok: true, custom: [...custom.filter((c) => !same(c)), adapter], consoleId: adapter.id };
  }
  // A repair: of the console this page is (custom consoles come first, as the content script has them).
  const current = findAdapter(pageUrl, [...custom, ...BUILT_IN_ADAPTERS]);
  if (!current || current.id !== message.id) return { ok: false, error: 'notThisPage' };
  const own = custom.find((c) => c.id === message.id);
  if (own) {
    const parsed = parseCustomConsole(applyRepair(own, { parts: message.parts, selectors: message.selectors }));
    if (!parsed.success) return { ok: false, error: parsed.error };
    return { ok: true, custom: custom.map((c) => (c.id === own.id ? parsed.data : c)), consoleId: own.id };
  }
  if (!BUILT_IN_ADAPTERS.some((a) => a.id === message.id)) return { ok: false, error: 'unknownConsole' };
  const earlier = repairs.find((r) => r.id === message.id);
  const parsed = parseConsoleRepair(
    combineRepairs(earlier, {
      id: message.id,
      parts: message.parts,
      selectors: message.selectors,
      taughtAt: Math.max(0, Math.trunc(now)),
    }),
  );
  if (!parsed.success) return { ok: false, error: parsed.error };
  return { ok: true, repairs: [...repairs.filter((r) => r.id !== message.id), parsed.data], consoleId: message.id };
}

/** "恢复内置": the repairs without the one of this console. */
export function withoutRepair(stored: unknown, consoleId: string): ConsoleRepair[] {
  return parseConsoleRepairs(stored).filter((r) => r.id !== consoleId);
}

/**
 * The consoles of a playbook pack taken into this profile: a pack's console or repair replaces the
 * one with its id here (a fix made by a colleague is newer than the broken one); others are kept.
 */
export function mergePackConsoles(
  stored: { custom: unknown; repairs: unknown },
  pack: { custom: readonly ConsoleAdapter[]; repairs: readonly ConsoleRepair[] },
): { custom: ConsoleAdapter[]; repairs: ConsoleRepair[]; taken: number } {
  const customIds = new Set(pack.custom.map((c) => c.id));
  const repairIds = new Set(pack.repairs.map((r) => r.id));
  return {
    custom: [...parseCustomConsoles(stored.custom).filter((c) => !customIds.has(c.id)), ...pack.custom],
    repairs: [...parseConsoleRepairs(stored.repairs).filter((r) => !repairIds.has(r.id)), ...pack.repairs],
    taken: pack.custom.length + pack.repairs.length,
  };
}
