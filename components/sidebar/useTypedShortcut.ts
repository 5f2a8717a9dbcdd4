import { useEffect, useRef, type Dispatch, type RefObject, type SetStateAction } from 'react';
import type { ShortcutRequest } from '@/lib/schemas/messages';
import {
  sameTarget,
  shortcutKey,
  templateForShortcut,
  type ConversationFacts,
  type Suggestions,
  type SuggestionView,
} from '@/lib/suggestions';
import type { Template } from '@/lib/templates';
import type { ItemState } from './SuggestionsItem';
import type { HubApi } from './useHub';

/** A template asked for by a shortcut typed in the console's input (`/cm` + Tab). */
export interface ViaShortcut {
  template: Template;
  request: ShortcutRequest;
}

/** What choosing a suggestion came to: put in, refused, or waiting in its form for the agent. */
export type Chosen = 'inserted' | 'failed' | 'form' | 'busy';

export type OpenItem = { key: string; state: ItemState } | null;

/**
 * A template's shortcut typed in the console's input (`/cm` + Tab), taken by the view of the
 * conversation it was typed in: rendered for this buyer and inserted in place of `/cm`, or opened
 * in its form (blanks, the send guard) with the keyboard handed over from the console; Esc or ×
 * hands it back. Returns how the agent leaves an open suggestion (Esc, ×).
 */
export function useTypedShortcut({
  hub,
  s,
  templates,
  facts,
  viaShortcut,
  setViaShortcut,
  open,
  setOpen,
  listRef,
  viewFor,
  choose,
  onTaken,
}: {
  hub: HubApi;
  s: Suggestions | null;
  templates: readonly Template[] | null;
  facts: ConversationFacts;
  viaShortcut: ViaShortcut | null;
  setViaShortcut: Dispatch<SetStateAction<ViaShortcut | null>>;
  open: OpenItem;
  setOpen: Dispatch<SetStateAction<OpenItem>>;
  listRef: RefObject<HTMLUListElement | null>;
  /** The line the typed template gets: first in the list, search closed, nothing open. */
  viewFor: (via: { template: Template; typed: string }) => SuggestionView | undefined;
  choose: (view: SuggestionView, typedNow?: ShortcutRequest) => Promise<Chosen>;
  /** The list shows the typed template now (search closed, first line active). */
  onTaken: () => void;
}): { closeOpen: () => void } {
  // The console hands the keyboard to a typed shortcut's form by focusing this frame; a collapsed
  // sidebar was hidden when the form opened, so the form's first blank (or the list) takes it now.
  const shortcutOpen = viaShortcut !== null && open?.key === shortcutKey(viaShortcut.template);
  const closeOpenRef = useRef<() => void>(() => {});
  useEffect(() => {
    if (!shortcutOpen) return;
    const nothingFocused = () => !document.activeElement || document.activeElement === document.body;
    const onFocus = () => {
      if (!nothingFocused()) return;
      const blank = listRef.current?.querySelector<HTMLInputElement>('[data-testid="blank-form"] input');
      (blank ?? listRef.current)?.focus();
    };
    // Esc that reaches the frame before the form took the keyboard still leaves the form.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && nothingFocused()) closeOpenRef.current();
    };
    if (document.hasFocus()) onFocus();
    window.addEventListener('focus', onFocus);
    window.addEventListener('keydown', onKey);
    // Only now, with the form drawn and listening, is the console told to hand the keyboard over:
    // to the first blank, else to the list, where Enter confirms a warning and Esc goes back.
    if (viaShortcut) hub.answerShortcut({ requestId: viaShortcut.request.requestId, outcome: 'form' });
    return () => {
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('keydown', onKey);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shortcutOpen]);

  // A shortcut typed in the console's input: taken by the view of the conversation it was typed in.
  const typedShortcut = hub.shortcut;
  useEffect(() => {
    if (!typedShortcut || !s || !templates || !sameTarget(typedShortcut.target, facts.target)) return;
    hub.takeShortcut(typedShortcut.requestId);
    const template = templateForShortcut(templates, typedShortcut.typed);
    if (!template) {
      hub.answerShortcut({ requestId: typedShortcut.requestId, outcome: 'unknown' });
      hub.showNotice({ kind: 'error', key: 'sg_shortcutUnknown', params: { shortcut: typedShortcut.typed } });
      return;
    }
    setViaShortcut({ template, request: typedShortcut });
    onTaken();
    const view = viewFor({ template, typed: typedShortcut.typed });
    if (!view) return;
    void choose(view, typedShortcut).then((outcome) => {
      // 'form': the form, once drawn, tells the console (see the effect on shortcutOpen above).
      if (outcome === 'busy') {
        setViaShortcut(null);
        hub.answerShortcut({ requestId: typedShortcut.requestId, outcome: 'stale' });
      }
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typedShortcut, s, templates]);

  /** The agent left an open suggestion (Esc, ×): one from a typed shortcut hands the keyboard back to the console. */
  const closeOpen = () => {
    if (viaShortcut && open?.key === shortcutKey(viaShortcut.template)) {
      hub.answerShortcut({ requestId: viaShortcut.request.requestId, outcome: 'cancelled' });
      setViaShortcut(null);
    }
    setOpen(null);
  };
  closeOpenRef.current = closeOpen;
  return { closeOpen };
}
