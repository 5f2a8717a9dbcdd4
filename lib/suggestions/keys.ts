/**
 * The suggestion list's keyboard, decided apart from the DOM: ↑/↓ move, Enter chooses the active
 * line, 1–9 choose the line numbered so, / opens the search, Esc closes what is open (the open
 * suggestion first, then the search).
 */

/** Lines 1–9 have a quick-pick number; the rest are reached with ↑/↓. */
export const QUICK_PICKS = 9;

/** The number key (1–9) that picks the line at `index`, or null past the ninth. */
export function quickPickNumber(index: number): number | null {
  return index >= 0 && index < QUICK_PICKS ? index + 1 : null;
}

/** The line a number key picks (`'3'` → 2), or null for any other key. */
export function quickPickIndex(key: string): number | null {
  return /^[1-9]$/.test(key) ? Number(key) - 1 : null;
}

export interface ListKey {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  /** An input method is composing (拼音): the key belongs to it. */
  isComposing?: boolean;
}

export interface ListKeyState {
  /** Lines in the list. */
  count: number;
  active: number;
  /** The key was pressed in the search box. */
  inSearch: boolean;
  /** The key was pressed in a blank of the open suggestion's form. */
  inBlank: boolean;
  /** The search box is open. */
  searching: boolean;
  /** A suggestion is open (its form). */
  open: boolean;
}

export type ListKeyAction =
  /** Make line `to` the active one. */
  | { kind: 'move'; to: number }
  /** Choose line `index` (as Enter on it), making it the active one. */
  | { kind: 'choose'; index: number; activate: boolean }
  | { kind: 'openSearch' }
  /** Leave the open suggestion. */
  | { kind: 'closeOpen' }
  | { kind: 'closeSearch' }
  /** A quick-pick number with no line under it: swallowed, nothing else. */
  | { kind: 'none' };

/** What a key pressed in the list comes to; null: not the list's key (let it through, e.g. typing in a blank). */
export function listKeyAction(e: ListKey, s: ListKeyState): ListKeyAction | null {
  if (e.isComposing || s.inBlank) return null;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    const to = Math.max(0, Math.min(s.count - 1, s.active + (e.key === 'ArrowDown' ? 1 : -1)));
    return { kind: 'move', to };
  }
  if (e.key === 'Enter') return s.count > 0 ? { kind: 'choose', index: s.active, activate: false } : { kind: 'none' };
  const pick = !s.inSearch && !e.altKey && !e.ctrlKey && !e.metaKey ? quickPickIndex(e.key) : null;
  if (pick !== null) return pick < s.count ? { kind: 'choose', index: pick, activate: true } : { kind: 'none' };
  if (e.key === '/' && !s.searching) return { kind: 'openSearch' };
  if (e.key === 'Escape') return s.open ? { kind: 'closeOpen' } : s.searching ? { kind: 'closeSearch' } : null;
  return null;
}

/** Whether the key's default is prevented (the list took it); Esc is left to reach the console's frame. */
export function takesKey(action: ListKeyAction | null): boolean {
  return action !== null && action.kind !== 'closeOpen' && action.kind !== 'closeSearch';
}
