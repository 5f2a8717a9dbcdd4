import './suggestions.css';
import { useMemo, useRef, useState } from 'react';
import { ErrorBoundary } from '@/components/common/ErrorBoundary';
import { useLocale, useT } from '@/components/common/i18n';
import type { ShortcutRequest } from '@/lib/schemas/messages';
import type { MeaningFinder } from '@/lib/search/meaning';
import type { AppSettings } from '@/lib/settings/app';
import {
  contactOfInsert,
  decideInsert,
  insertFailureMessage,
  openReminderKinds,
  pinKey,
  quickPickNumber,
  shortcutKey,
  suggestionList,
  templateForCoupon,
  type ConversationFacts,
  type ListOptions,
  type PinnedCoupon,
  type SuggestionView,
} from '@/lib/suggestions';
import { createTemplateSearchIndex, labelLocale } from '@/lib/templates';
import { CouponsPanel } from './CouponsPanel';
import { SuggestionItem } from './SuggestionsItem';
import { useSuggestions } from './SuggestionsModel';
import { SuggestionSearch } from './SuggestionSearch';
import { useConsoleFeeds, useContactSeen } from './useConsoleFeeds';
import type { HubApi } from './useHub';
import { useViewPart } from './useViewPart';
import { useSuggestionKeys } from './useSuggestionKeys';
import { useTypedShortcut, type Chosen, type OpenItem, type ViaShortcut } from './useTypedShortcut';

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
  const ctx = useViewPart(hub, facts.buyerId, 'suggestionContext');
  const reminders = useViewPart(hub, facts.buyerId, 'reminders');
  const reminderKinds = useMemo(
    () => (reminders.status === 'ready' ? openReminderKinds(reminders.value, reminders.value.now) : new Set<never>()),
    [reminders],
  );
  const s = useSuggestions(facts, ctx.status === 'ready' ? ctx.value : null, settings, reminderKinds);
  const [active, setActive] = useState(0);
  const [query, setQuery] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [pinned, setPinned] = useState<PinnedCoupon | null>(null);
  const [open, setOpen] = useState<OpenItem>(null);
  const [viaShortcut, setViaShortcut] = useState<ViaShortcut | null>(null);
  const listRef = useRef<HTMLUListElement | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const busy = useRef(false);
  const insertedHere = useContactSeen(hub, facts);
  const context = ctx.status === 'ready' ? ctx.value : null;
  useConsoleFeeds(hub, facts, context, locale);

  const templates = context?.templates ?? null;
  const index = useMemo(() => (templates ? createTemplateSearchIndex(templates) : null), [templates]);
  const all = useMemo(() => new Map((templates ?? []).map((x) => [x.id, x])), [templates]);

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
      hub.now(),
      {
        limits: context?.guardRules.limits[facts.platform],
        sameText: context ? { rule: context.guardRules.repeat, recent: context.sameText } : null,
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

  const { closeOpen } = useTypedShortcut({
    hub,
    s,
    templates,
    facts,
    viaShortcut,
    setViaShortcut,
    open,
    setOpen,
    listRef,
    viewFor: (typed) =>
      s
        ? suggestionList(s, facts, settings, listOptions({ query: null, open: null, viaShortcut: typed })).items[0]
        : undefined,
    choose,
    onTaken: () => {
      setQuery(null);
      setActive(0);
    },
  });

  const onListKey = useSuggestionKeys({
    list,
    activeIndex,
    setActive,
    open,
    setOpen,
    query,
    focusTick: hub.focusTick,
    listRef,
    searchRef,
    choose,
    closeOpen,
    openSearch,
    closeSearch,
  });

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
        <SuggestionSearch
          query={query}
          inputRef={searchRef}
          onChange={(value) => {
            setQuery(value);
            setActive(0);
            setOpen(null);
          }}
          onClose={closeSearch}
        />
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
