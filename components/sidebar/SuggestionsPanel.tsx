import './suggestions.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ErrorBoundary } from '@/components/common/ErrorBoundary';
import { useLocale, useT } from '@/components/common/i18n';
import type { ShortcutRequest } from '@/lib/schemas/messages';
import type { MeaningFinder } from '@/lib/search/meaning';
import type { AppSettings } from '@/lib/settings/app';
import {
  consoleGuard,
  contactOfInsert,
  decideInsert,
  insertFailureMessage,
  listKeyAction,
  openReminderKinds,
  pinKey,
  quickPickNumber,
  sameTarget,
  shortcutKey,
  shortcutsOf,
  suggestionList,
  takesKey,
  templateForCoupon,
  templateForShortcut,
  type ConversationFacts,
  type ListOptions,
  type PinnedCoupon,
  type SuggestionView,
} from '@/lib/suggestions';
import { createTemplateSearchIndex, labelLocale, type Template } from '@/lib/templates';
import { CouponsPanel } from './CouponsPanel';
import { SuggestionItem, type ItemState } from './SuggestionsItem';
import { useSuggestions } from './SuggestionsModel';
import type { HubApi } from './useHub';
import { useQuery } from './useQuery';

/** A template asked for by a shortcut typed in the console's input (`/cm` + Tab). */
interface ViaShortcut {
  template: Template;
  request: ShortcutRequest;
}

/** What choosing a suggestion came to: put in, refused, or waiting in its form for the agent. */
type Chosen = 'inserted' | 'failed' | 'form' | 'busy';

/**
 * Ranked replies for the open conversation, with coupons below. Keyboard first: Alt+J (or the
 * hub's focus request) focuses the list, ↑/↓ move, Enter inserts, 1–9 insert the numbered one,
 * / searches, Esc backs out.
 * A template's shortcut typed in the console's input (`/cm` + Tab) arrives here too: it is rendered
 * for this buyer and inserted, or opened here when it has blanks or the send guard has something
 * to say. Nothing is ever sent: the text goes into the console's input for the agent to send.
 * Every insert is bound to this conversation, and the contact is logged once the console confirms it.
 */
export function SuggestionsPanel({
  hub,
  facts,
  settings,
  concernNames,
  meaning,
}: {
  hub: HubApi;
  facts: ConversationFacts;
  settings: AppSettings;
  concernNames: Record<string, string>;
  /** What a search term means (lib/search/meaning.ts): 退款 finds the 退换 answer. */
  meaning?: MeaningFinder;
}) {
  const t = useT();
  const locale = useLocale();
  const ctx = useQuery(hub, { method: 'suggestionContext', buyerId: facts.buyerId });
  const reminders = useQuery(hub, { method: 'reminders', buyerId: facts.buyerId });
  const reminderKinds = useMemo(
    () => (reminders.status === 'ready' ? openReminderKinds(reminders.value, reminders.value.now) : new Set<never>()),
    [reminders],
  );
  const s = useSuggestions(facts, ctx.status === 'ready' ? ctx.value : null, settings, reminderKinds);
  const [active, setActive] = useState(0);
  const [query, setQuery] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [pinned, setPinned] = useState<PinnedCoupon | null>(null);
  const [open, setOpen] = useState<{ key: string; state: ItemState } | null>(null);
  const [viaShortcut, setViaShortcut] = useState<ViaShortcut | null>(null);
  const listRef = useRef<HTMLUListElement | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const busy = useRef(false);
  const insertedHere = useRef(0);
  const seenAgent = useRef<Set<string> | null>(null);

  // Agent messages that appear after an insertion may be that text, sent: the log is told, and
  // marketing counts against the caps only from then on. Messages already shown when the
  // conversation opened are history and never match a new insertion.
  useEffect(() => {
    const agent = facts.messages.filter((m) => m.author === 'agent');
    if (!seenAgent.current) {
      seenAgent.current = new Set(agent.map((m) => m.id));
      return;
    }
    const fresh = agent.filter((m) => !seenAgent.current!.has(m.id));
    for (const m of fresh) seenAgent.current.add(m.id);
    if (fresh.length === 0 || insertedHere.current === 0) return;
    // Keyed by message id in the background, so asking again after a worker restart marks nothing twice.
    const messages = fresh.slice(-20).map((m) => ({ id: m.id, text: m.text.slice(0, 2000) }));
    hub
      .confirmed({ method: 'contactSeen', buyerId: facts.buyerId, messages })
      .catch(() => hub.showNotice({ kind: 'error', key: 'sg_contactSeenNotRecorded' }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [facts.messages]);

  const templates = ctx.status === 'ready' ? ctx.value.templates : null;
  const index = useMemo(() => (templates ? createTemplateSearchIndex(templates) : null), [templates]);
  const all = useMemo(() => new Map((templates ?? []).map((x) => [x.id, x])), [templates]);

  // The console's input answers to the shortcuts of these templates (and leaves every other Tab alone).
  const shortcutList = useMemo(() => JSON.stringify(shortcutsOf(templates ?? [])), [templates]);
  useEffect(() => {
    if (templates) hub.send({ type: 'shortcuts', shortcuts: JSON.parse(shortcutList) as string[] });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shortcutList, templates !== null, hub.connectTick]);

  // The send check for this console's platform goes to the content script, which marks what the
  // agent types or inserts into the console's input (never blocking, never sending).
  // With the texts other buyers had recently, so the marker also names a text sent to many buyers.
  const guardRules = ctx.status === 'ready' ? ctx.value.guardRules : null;
  const recentSameText = ctx.status === 'ready' ? ctx.value.sameText : null;
  const platformGuard = useMemo(
    () => (guardRules ? JSON.stringify(consoleGuard(guardRules, facts.platform, locale, recentSameText)) : null),
    [guardRules, recentSameText, facts.platform, locale],
  );
  useEffect(() => {
    if (platformGuard) hub.send({ type: 'guard', guard: JSON.parse(platformGuard) as ReturnType<typeof consoleGuard> });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [platformGuard, hub.connectTick]);

  const listOptions = (over: Partial<ListOptions> = {}): ListOptions => ({
    query,
    index,
    all,
    pinned,
    viaShortcut: viaShortcut && { template: viaShortcut.template, typed: viaShortcut.request.typed },
    showAll,
    open: open && { key: open.key, answers: open.state.answers },
    concernNames,
    locale,
    meaning,
    ...over,
  });
  const views = useMemo(
    () => (s ? suggestionList(s, facts, settings, listOptions()) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [s, facts, settings, query, index, all, pinned, viaShortcut, showAll, open, concernNames, locale, meaning],
  );
  const list = views?.items ?? [];
  const activeIndex = Math.min(active, Math.max(0, list.length - 1));
  const composing = open !== null && list.some((v) => v.key === open.key);

  // Alt+J anywhere in the sidebar, and the console's shortcut relayed by the hub, focus the list.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.code === 'KeyJ') {
        e.preventDefault();
        listRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (hub.focusTick > 0) listRef.current?.focus();
  }, [hub.focusTick]);
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
  useEffect(() => {
    if (query !== null) searchRef.current?.focus();
  }, [query !== null]); // eslint-disable-line react-hooks/exhaustive-deps

  const openSearch = () => {
    setQuery('');
    setActive(0);
    setOpen(null);
  };
  const closeSearch = () => {
    setQuery(null);
    setActive(0);
    listRef.current?.focus();
  };

  /** `typed`: the shortcut this view answers, when it was typed in the console just now (before the state shows it). */
  async function choose(view: SuggestionView, typedNow?: ShortcutRequest): Promise<Chosen> {
    if (!s || busy.current) return 'busy';
    const current = open?.key === view.key ? open.state : { answers: {}, blocks: [], warns: [], confirming: false };
    const decision = decideInsert(
      view,
      s,
      facts,
      settings,
      { pinned, answers: current.answers, confirming: current.confirming },
      Date.now(),
      {
        limits: guardRules?.limits[facts.platform],
        sameText: guardRules && ctx.status === 'ready' ? { rule: guardRules.repeat, recent: ctx.value.sameText } : null,
      },
    );
    if (decision.kind === 'form') {
      // Blanks to fill, a broken template, a block, or warnings to confirm: the agent sees them in its form.
      const { blocks, warns, confirming } = decision;
      setOpen({ key: view.key, state: { ...current, blocks, warns, confirming } });
      return 'form';
    }
    const typed =
      typedNow ?? (viaShortcut && view.key === shortcutKey(viaShortcut.template) ? viaShortcut.request : null);
    busy.current = true;
    try {
      const result = await hub.insert(decision.text, {
        target: facts.target,
        cursorOffset: decision.cursor ?? undefined,
        ...(typed ? { replace: { shortcutId: typed.requestId, typed: typed.typed } } : {}),
      });
      if (typed) setViaShortcut(null);
      if (!result.ok) {
        hub.showNotice({ kind: 'error', ...insertFailureMessage(result) });
        if (typed) setOpen(null);
        return 'failed';
      }
      hub.showNotice({ kind: 'ok', key: 'sg_inserted' });
      insertedHere.current++;
      setOpen(null);
      setPinned(null);
      // Only now, with the console's word that the text is in the input, is the contact logged;
      // asked again if the worker stops first (the background keeps one entry per request id).
      hub
        .confirmed({
          method: 'recordInsert',
          requestId: result.requestId,
          buyerId: facts.buyerId,
          ...contactOfInsert(view.template, decision.text, decision.coupon),
        })
        .catch(() => hub.showNotice({ kind: 'error', key: 'sg_contactNotRecorded' }));
      return 'inserted';
    } finally {
      busy.current = false;
    }
  }

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
    const via = { template, request: typedShortcut };
    setViaShortcut(via);
    setQuery(null);
    setActive(0);
    const view = suggestionList(
      s,
      facts,
      settings,
      listOptions({ query: null, open: null, viaShortcut: { template, typed: typedShortcut.typed } }),
    ).items[0];
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

  const onListKey = (e: React.KeyboardEvent) => {
    const inSearch = e.target === searchRef.current;
    const action = listKeyAction(
      {
        key: e.key,
        altKey: e.altKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        isComposing: e.nativeEvent.isComposing,
      },
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

  if (ctx.status === 'error') return null;
  return (
    <section className="card sg" aria-labelledby="sg-title" onKeyDown={onListKey}>
      <div className="sg-bar">
        <h2 id="sg-title">{t('sg_title')}</h2>
        {s && s.lang !== 'zh-CN' && (
          <span className="sg-lang">
            {t('sg_langVariant', { lang: t(s.lang === 'en' ? 'sg_lang_en' : 'sg_lang_zhTW') })}
          </span>
        )}
        <span className="sg-keys" data-testid="suggestions-shortcut">
          {t('sg_shortcutHint')}
        </span>
      </div>
      {query !== null && (
        <div className="sg-search">
          <input
            ref={searchRef}
            type="text"
            value={query}
            placeholder={t('sg_searchPlaceholder')}
            aria-label={t('sg_searchPlaceholder')}
            data-testid="suggestion-search"
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
              setOpen(null);
            }}
          />
          <button
            type="button"
            className="icon"
            aria-label={t('sg_searchClose')}
            title={t('sg_searchClose')}
            onClick={closeSearch}
          >
            ×
          </button>
        </div>
      )}
      {!s ? (
        <p className="empty">{t('sg_loading')}</p>
      ) : list.length === 0 ? (
        <p className="empty">{query ? t('sg_searchNone', { query }) : t('sg_none')}</p>
      ) : (
        <ul
          ref={listRef}
          className="sg-list"
          role={composing ? 'list' : 'listbox'}
          tabIndex={0}
          aria-labelledby="sg-title"
          aria-activedescendant={composing ? undefined : `sg-${activeIndex}`}
          data-testid="suggestion-list"
        >
          {list.map((view, i) => (
            <SuggestionItem
              key={view.key}
              id={`sg-${i}`}
              pick={quickPickNumber(i)}
              view={view}
              active={i === activeIndex}
              open={open?.key === view.key ? open.state : null}
              composing={composing}
              onChoose={() => {
                setActive(i);
                void choose(view);
              }}
              onAnswer={(label, value) =>
                setOpen((o) =>
                  o && o.key === view.key
                    ? {
                        ...o,
                        state: { ...o.state, answers: { ...o.state.answers, [label]: value }, confirming: false },
                      }
                    : o,
                )
              }
              onClose={() => {
                closeOpen();
                listRef.current?.focus();
              }}
            />
          ))}
        </ul>
      )}
      {views && query === null && views.more > 0 && (
        <button type="button" className="link sg-more" onClick={() => setShowAll((v) => !v)}>
          {showAll ? t('sg_showFewer') : t('sg_showAll', { count: views.total })}
        </button>
      )}
      {hub.notice && (
        <p
          key={hub.notice.id}
          className={`sg-notice ${hub.notice.kind}`}
          role="status"
          data-testid="suggestion-notice"
          data-notice={hub.notice.key}
        >
          {t(hub.notice.key, {
            ...hub.notice.params,
            ...(hub.notice.reasonKey ? { reason: t(hub.notice.reasonKey) } : {}),
          })}
        </p>
      )}
      {s && (
        <ErrorBoundary name="eb_panel_coupons">
          <CouponsPanel
            coupons={s.coupons}
            onUse={(coupon) => {
              const template = templateForCoupon(s);
              setQuery(null);
              setPinned({ template, coupon });
              setActive(0);
              setOpen({ key: pinKey(template), state: { answers: {}, blocks: [], warns: [], confirming: false } });
              listRef.current?.focus();
            }}
            lang={labelLocale(s.lang)}
          />
        </ErrorBoundary>
      )}
    </section>
  );
}
