import './suggestions.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ErrorBoundary } from '@/components/common/ErrorBoundary';
import { useLocale, useT } from '@/components/common/i18n';
import { couponLabel, type ResolvedCoupon } from '@/lib/coupons';
import { guardListName, guardNames, resolveGuard, type GuardWarning } from '@/lib/guard';
import type { FollowupKey } from '@/lib/i18n/catalog/followup';
import type { AppSettings } from '@/lib/settings/app';
import {
  createTemplateSearchIndex,
  formatReason,
  labelLocale,
  searchTemplates,
  type RankedTemplate,
  type Template,
} from '@/lib/templates';
import { COUPON_ONLY_TEMPLATE, CouponsPanel } from './CouponsPanel';
import { SuggestionItem, type ItemState, type SuggestionView } from './SuggestionsItem';
import {
  guardFor,
  insertFailureMessage,
  renderFor,
  sameTarget,
  templateForShortcut,
  useSuggestions,
  usesCoupon,
  type ConversationFacts,
  type Suggestions,
} from './SuggestionsModel';
import type { HubApi } from './useHub';
import type { ShortcutRequest } from '@/lib/schemas/messages';
import { useViewPart } from './useViewPart';
import type { MeaningFinder } from '@/lib/search/meaning';

const TOP = 5;
const SEARCH_LIMIT = 8;
const DAY_MS = 86_400_000;
/** Keys that pick the suggestion numbered so, while the list (not the search box) has the keyboard. */
const QUICK_PICK = /^[1-9]$/;

interface Pinned {
  template: Template;
  coupon: ResolvedCoupon;
}

/** A template asked for by a shortcut typed in the console's input (`/cm` + Tab). */
interface ViaShortcut {
  template: Template;
  request: ShortcutRequest;
}

/** What choosing a suggestion came to: put in, refused, or waiting in its form for the agent. */
type Chosen = 'inserted' | 'failed' | 'form' | 'busy';

const shortcutKey = (template: Template) => `sc:${template.id}`;

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
    () =>
      new Set(
        reminders.status === 'ready'
          ? [
              ...reminders.value.due,
              ...reminders.value.upcoming.filter((r) => r.dueAt - reminders.value.now < DAY_MS),
            ].map((r) => r.kind)
          : [],
      ),
    [reminders],
  );
  const s = useSuggestions(facts, ctx.status === 'ready' ? ctx.value : null, settings, reminderKinds);
  const [active, setActive] = useState(0);
  const [query, setQuery] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [pinned, setPinned] = useState<Pinned | null>(null);
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
  const shortcutList = useMemo(
    () =>
      JSON.stringify(
        [...new Set((templates ?? []).flatMap((x) => (x.enabled && x.shortcut ? [x.shortcut] : [])))].sort(),
      ),
    [templates],
  );
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
    () =>
      guardRules
        ? JSON.stringify({
            ...resolveGuard(guardRules, facts.platform, guardNames(locale), (id) => guardListName(id, locale)),
            sameText: recentSameText ?? [],
          })
        : null,
    [guardRules, recentSameText, facts.platform, locale],
  );
  useEffect(() => {
    if (platformGuard) hub.send({ type: 'guard', guard: JSON.parse(platformGuard) as ReturnType<typeof resolveGuard> });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [platformGuard, hub.connectTick]);

  const views = useMemo(
    () =>
      s
        ? buildViews(s, facts, settings, {
            query,
            index,
            all,
            pinned,
            viaShortcut,
            showAll,
            open,
            concernNames,
            locale,
            t,
            meaning,
          })
        : null,
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
    const render = renderFor(s, facts.profile, settings, {
      template: view.template,
      coupon: couponOf(view, s, pinned),
      answers: current.answers,
      nick: facts.nick,
    });
    if (!render.ok) {
      // Blanks to fill or a broken template: open it so the agent sees what is missing.
      setOpen({ key: view.key, state: { ...current, blocks: [], warns: [], confirming: false } });
      return 'form';
    }
    const coupon = couponOf(view, s, pinned);
    const sameText =
      guardRules && ctx.status === 'ready' ? { rule: guardRules.repeat, recent: ctx.value.sameText } : null;
    const guard = guardFor(
      render.text,
      facts,
      coupon,
      hub.now(),
      settings,
      guardRules?.limits[facts.platform],
      sameText,
    );
    const warns: GuardWarning[] = [...guard.warns, ...capWarnings(view, s)];
    if (guard.blocks.length > 0) {
      setOpen({ key: view.key, state: { ...current, blocks: guard.blocks, warns, confirming: false } });
      return 'form';
    }
    if (warns.length > 0 && !current.confirming) {
      setOpen({ key: view.key, state: { ...current, blocks: [], warns, confirming: true } });
      return 'form';
    }
    const typed =
      typedNow ?? (viaShortcut && view.key === shortcutKey(viaShortcut.template) ? viaShortcut.request : null);
    busy.current = true;
    try {
      const result = await hub.insert(render.text, {
        target: facts.target,
        cursorOffset: render.cursor ?? undefined,
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
      const stored = view.template.id !== COUPON_ONLY_TEMPLATE.id;
      hub
        .confirmed({
          method: 'recordInsert',
          requestId: result.requestId,
          buyerId: facts.buyerId,
          templateId: stored ? view.template.id : null,
          text: render.text.slice(0, 2000),
          ...(stored ? {} : { kind: 'coupon' }),
          ...(coupon ? { couponId: coupon.coupon.id } : {}),
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
    const view = buildViews(s, facts, settings, {
      query: null,
      index,
      all,
      pinned,
      viaShortcut: via,
      showAll,
      open: null,
      concernNames,
      locale,
      t,
      meaning,
    }).items[0];
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
    if (e.nativeEvent.isComposing) return;
    const inBlank = (e.target as HTMLElement).tagName === 'INPUT' && e.target !== searchRef.current;
    if (inBlank) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(list.length - 1, activeIndex + (e.key === 'ArrowDown' ? 1 : -1)));
      setActive(next);
      if (open && open.key !== list[next]?.key) setOpen(null);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const view = list[activeIndex];
      if (view) void choose(view);
    } else if (e.target !== searchRef.current && !e.altKey && !e.ctrlKey && !e.metaKey && QUICK_PICK.test(e.key)) {
      // 1–9: the numbered suggestion, as Enter on it would (a form or a warning opens it instead).
      e.preventDefault();
      const n = Number(e.key) - 1;
      const view = list[n];
      if (!view) return;
      setActive(n);
      if (open && open.key !== view.key) setOpen(null);
      void choose(view);
    } else if (e.key === '/' && query === null) {
      e.preventDefault();
      openSearch();
    } else if (e.key === 'Escape') {
      if (open) closeOpen();
      else if (query !== null) closeSearch();
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
              pick={i < 9 ? i + 1 : null}
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
              setOpen({ key: `pin:${template.id}`, state: { answers: {}, blocks: [], warns: [], confirming: false } });
              listRef.current?.focus();
            }}
            lang={labelLocale(s.lang)}
          />
        </ErrorBoundary>
      )}
    </section>
  );
}

function couponOf(view: SuggestionView, s: Suggestions, pinned: Pinned | null): ResolvedCoupon | null {
  if (!usesCoupon(view.template)) return null;
  if (pinned && view.key === `pin:${pinned.template.id}`) return pinned.coupon;
  return s.bestCoupon;
}

function capWarnings(view: SuggestionView, s: Suggestions): GuardWarning[] {
  const ranked = s.ranked.find((r) => r.template.id === view.template.id);
  const cap = ranked?.capped ? ranked.reason.find((p) => p.kind === 'capped') : undefined;
  return cap && cap.kind === 'capped'
    ? [{ code: cap.code as FollowupKey, params: cap.params ?? {}, severity: 'warn' }]
    : [];
}

/** For a coupon the agent picked: the best-ranked template that carries a coupon, preferring the stage's win-back. */
function templateForCoupon(s: Suggestions): Template {
  const fits = s.ranked.filter((r) => usesCoupon(r.template) && r.template.kind !== 'unpaid_reminder');
  return (
    (fits.find((r) => r.template.kind === 'reengage') ?? fits.find((r) => !r.capped))?.template ?? COUPON_ONLY_TEMPLATE
  );
}

interface BuildOptions {
  query: string | null;
  index: ReturnType<typeof createTemplateSearchIndex> | null;
  all: ReadonlyMap<string, Template>;
  pinned: Pinned | null;
  viaShortcut: ViaShortcut | null;
  showAll: boolean;
  open: { key: string; state: ItemState } | null;
  concernNames: Record<string, string>;
  locale: 'zh-CN' | 'en';
  t: ReturnType<typeof useT>;
  meaning?: MeaningFinder;
}

function buildViews(
  s: Suggestions,
  facts: ConversationFacts,
  settings: AppSettings,
  o: BuildOptions,
): { items: SuggestionView[]; more: number; total: number } {
  const reasonOf = (r: RankedTemplate) => formatReason(r.reason, o.locale, o.concernNames);
  const view = (
    key: string,
    template: Template,
    reason: string,
    capped: boolean,
    coupon: ResolvedCoupon | null,
  ): SuggestionView => {
    const answers = o.open?.key === key ? o.open.state.answers : {};
    const needs = usesCoupon(template);
    const used = needs ? coupon : null;
    return {
      key,
      template,
      reason,
      capped,
      couponLabel: used ? couponLabel(used, labelLocale(s.lang)) : null,
      needsCouponMissing: needs && !used,
      render: renderFor(s, facts.profile, settings, { template, coupon: used, answers, nick: facts.nick }),
    };
  };
  if (o.query !== null && o.query.trim() !== '' && o.index) {
    const byId = new Map(s.ranked.map((r) => [r.template.id, r]));
    const hits = searchTemplates(o.index, o.query, SEARCH_LIMIT, o.meaning ? { meaning: o.meaning } : undefined);
    const items = hits.flatMap((hit) => {
      const ranked = byId.get(hit.id);
      const template = ranked?.template ?? o.all.get(hit.id);
      if (!template) return [];
      const reason = ranked
        ? reasonOf(ranked)
        : o.t('sg_fromSearch', { folder: template.folder || o.t('sg_topFolder') });
      return [view(`q:${hit.id}`, template, reason, ranked?.capped ?? false, s.bestCoupon)];
    });
    return { items, more: 0, total: items.length };
  }
  const typed = o.viaShortcut;
  if (typed) {
    // The template the agent asked for by its shortcut, first; then the ranked ones as usual.
    const ranked = s.ranked.find((r) => r.template.id === typed.template.id);
    const reason = o.t('sg_fromShortcut', { shortcut: typed.request.typed });
    const first = view(shortcutKey(typed.template), typed.template, reason, ranked?.capped ?? false, s.bestCoupon);
    const others = buildViews(s, facts, settings, { ...o, viaShortcut: null });
    const items = [first, ...others.items.filter((v) => v.template.id !== typed.template.id)];
    return { items, more: others.more, total: others.total };
  }
  const pinnedView = o.pinned
    ? [view(`pin:${o.pinned.template.id}`, o.pinned.template, couponReason(o, s), false, o.pinned.coupon)]
    : [];
  const rest = s.ranked.filter((r) => r.template.id !== o.pinned?.template.id);
  // A template that needs a coupon this buyer cannot get goes after the ones ready to use.
  const ready = rest.filter((r) => !usesCoupon(r.template) || s.bestCoupon);
  const waiting = rest.filter((r) => usesCoupon(r.template) && !s.bestCoupon);
  const ordered = [...ready, ...waiting];
  const shown = o.showAll ? ordered : ordered.slice(0, TOP);
  const items = [
    ...pinnedView,
    ...shown.map((r) => {
      const v = view(`r:${r.template.id}`, r.template, reasonOf(r), r.capped, s.bestCoupon);
      return v.needsCouponMissing ? { ...v, reason: `${o.t('sg_noCouponShort')} · ${v.reason}` } : v;
    }),
  ];
  return { items, more: Math.max(0, rest.length - TOP), total: rest.length };
}

function couponReason(o: BuildOptions, s: Suggestions): string {
  const ranked = s.ranked.find((r) => r.template.id === o.pinned?.template.id);
  const why = ranked ? formatReason(ranked.reason, o.locale, o.concernNames) : '';
  return why ? `${o.t('sg_couponChosen')} · ${why}` : o.t('sg_couponChosen');
}
