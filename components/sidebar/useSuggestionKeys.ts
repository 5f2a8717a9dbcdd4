import { useEffect, type Dispatch, type RefObject, type SetStateAction } from 'react';
import { listKeyAction, takesKey, type SuggestionView } from '@/lib/suggestions';
import type { OpenItem } from './useTypedShortcut';

/**
 * The suggestion list's keyboard (decided by lib/suggestions/keys.ts): Alt+J anywhere in the
 * sidebar, and the console's shortcut relayed by the hub (`focusTick`), focus the list; ↑/↓ move,
 * Enter chooses, 1–9 choose the numbered line, / searches, Esc closes the open form, then the
 * search. Returns the list's key handler.
 */
export function useSuggestionKeys({
  list,
  activeIndex,
  setActive,
  open,
  setOpen,
  query,
  focusTick,
  listRef,
  searchRef,
  choose,
  closeOpen,
  openSearch,
  closeSearch,
}: {
  list: readonly SuggestionView[];
  activeIndex: number;
  setActive: (index: number) => void;
  open: OpenItem;
  setOpen: Dispatch<SetStateAction<OpenItem>>;
  query: string | null;
  focusTick: number;
  listRef: RefObject<HTMLUListElement | null>;
  searchRef: RefObject<HTMLInputElement | null>;
  choose: (view: SuggestionView) => unknown;
  closeOpen: () => void;
  openSearch: () => void;
  closeSearch: () => void;
}): (e: React.KeyboardEvent) => void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.code === 'KeyJ') {
        e.preventDefault();
        listRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (focusTick > 0) listRef.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusTick]);
  useEffect(() => {
    if (query !== null) searchRef.current?.focus();
  }, [query !== null]); // eslint-disable-line react-hooks/exhaustive-deps

  return (e: React.KeyboardEvent) => {
    const inSearch = e.target === searchRef.current;
    const action = listKeyAction(
      { key: e.key, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, isComposing: e.nativeEvent.isComposing },
      {
        count: list.length,
        active: activeIndex,
        inSearch,
        inBlank: (e.target as HTMLElement).tagName === 'INPUT' && !inSearch,
        searching: query !== null,
        open: open !== null,
      },
    );
    if (!action) return;
    if (takesKey(action)) e.preventDefault();
    switch (action.kind) {
      case 'move':
        setActive(action.to);
        if (open && open.key !== list[action.to]?.key) setOpen(null);
        break;
      case 'choose': {
        // Enter on the active line; 1–9 on the line numbered so, as Enter on it would.
        const view = list[action.index]!;
        if (action.activate) {
          setActive(action.index);
          if (open && open.key !== view.key) setOpen(null);
        }
        void choose(view);
        break;
      }
      case 'openSearch':
        openSearch();
        break;
      case 'closeOpen':
        closeOpen();
        break;
      case 'closeSearch':
        closeSearch();
        break;
    }
  };
}
