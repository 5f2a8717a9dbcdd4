import { couponLabel, type ResolvedCoupon } from '../coupons';
import type { ChatLimits, GuardWarning } from '../guard';
import { translate, type MessageKey } from '../i18n';
import type { UiLocale } from '../schemas/common';
import type { MeaningFinder } from '../search/meaning';
import type { AppSettings } from '../settings/app';
import {
  createTemplateSearchIndex,
  formatReason,
  labelLocale,
  searchTemplates,
  type RankedTemplate,
  type RenderResult,
  type Template,
} from '../templates';
import { COUPON_ONLY_TEMPLATE } from './coupons';
import { capWarnings, guardFor, type SameTextFacts } from './guard';
import { renderFor, usesCoupon } from './render';
import type { ConversationFacts, Suggestions } from './suggest';

/** Suggestions shown before "show all". */
export const TOP = 5;
/** Search hits shown. */
export const SEARCH_LIMIT = 8;

/** One line of the suggestion list, rendered for this buyer. */
export interface SuggestionView {
  /** Unique in the list: `r:` ranked, `q:` search hit, `pin:` a picked coupon's, `sc:` a typed shortcut's; then the template id. */
  key: string;
  template: Template;
  /** Why it is suggested, in the UI language. */
  reason: string;
  capped: boolean;
  /** Label of the coupon this suggestion carries (满150减20), if any. */
  couponLabel: string | null;
  needsCouponMissing: boolean;
  render: RenderResult;
}

/** A coupon the agent picked, with the template that carries it. */
export interface PinnedCoupon {
  template: Template;
  coupon: ResolvedCoupon;
}

/** The template a shortcut typed in the console's input (`/cm` + Tab) asked for. */
export interface TypedTemplate {
  template: Template;
  typed: string;
}

export interface ListOptions {
  /** The search box's text; null while search is closed. */
  query: string | null;
  index: ReturnType<typeof createTemplateSearchIndex> | null;
  /** Every live template by id (search finds templates not ranked for this buyer). */
  all: ReadonlyMap<string, Template>;
  pinned: PinnedCoupon | null;
  viaShortcut: TypedTemplate | null;
  showAll: boolean;
  /** The open suggestion and the answers typed into its blanks. */
  open: { key: string; answers: Readonly<Record<string, string>> } | null;
  concernNames: Readonly<Record<string, string>>;
  locale: UiLocale;
  /** What a search term means (lib/search/meaning.ts): 退款 finds the 退换 answer. */
  meaning?: MeaningFinder | undefined;
}

export interface SuggestionList {
  items: SuggestionView[];
  /** Ranked suggestions past the first {@link TOP}. */
  more: number;
  total: number;
}

export const shortcutKey = (template: Template) => `sc:${template.id}`;
export const pinKey = (template: Template) => `pin:${template.id}`;

/**
 * The list the agent sees: a typed shortcut's template first; else a picked coupon's template,
 * then the ranked ones (those needing a coupon this buyer cannot get after the ready ones), the
 * first {@link TOP} unless all are asked for; or, while searching, the search hits.
 */
export function suggestionList(
  s: Suggestions,
  facts: Pick<ConversationFacts, 'profile' | 'nick'>,
  settings: AppSettings,
  o: ListOptions,
): SuggestionList {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(o.locale, key, params);
  const reasonOf = (r: RankedTemplate) => formatReason(r.reason, o.locale, o.concernNames);
  const view = (
    key: string,
    template: Template,
    reason: string,
    capped: boolean,
    coupon: ResolvedCoupon | null,
  ): SuggestionView => {
    const answers = o.open?.key === key ? o.open.answers : {};
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
      const reason = ranked ? reasonOf(ranked) : t('sg_fromSearch', { folder: template.folder || t('sg_topFolder') });
      return [view(`q:${hit.id}`, template, reason, ranked?.capped ?? false, s.bestCoupon)];
    });
    return { items, more: 0, total: items.length };
  }
  const typed = o.viaShortcut;
  if (typed) {
    // The template the agent asked for by its shortcut, first; then the ranked ones as usual.
    const ranked = s.ranked.find((r) => r.template.id === typed.template.id);
    const reason = t('sg_fromShortcut', { shortcut: typed.typed });
    const first = view(shortcutKey(typed.template), typed.template, reason, ranked?.capped ?? false, s.bestCoupon);
    const others = suggestionList(s, facts, settings, { ...o, viaShortcut: null });
    const items = [first, ...others.items.filter((v) => v.template.id !== typed.template.id)];
    return { items, more: others.more, total: others.total };
  }
  const pinnedView = o.pinned
    ? [view(pinKey(o.pinned.template), o.pinned.template, couponReason(s, o), false, o.pinned.coupon)]
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
      return v.needsCouponMissing ? { ...v, reason: `${t('sg_noCouponShort')} · ${v.reason}` } : v;
    }),
  ];
  return { items, more: Math.max(0, rest.length - TOP), total: rest.length };
}

function couponReason(s: Suggestions, o: ListOptions): string {
  const ranked = s.ranked.find((r) => r.template.id === o.pinned?.template.id);
  const why = ranked ? formatReason(ranked.reason, o.locale, o.concernNames) : '';
  const chosen = translate(o.locale, 'sg_couponChosen');
  return why ? `${chosen} · ${why}` : chosen;
}

/** The coupon a suggestion goes out with: the picked one on its pinned line, else the best one, if its text needs one. */
export function couponOf(
  view: Pick<SuggestionView, 'key' | 'template'>,
  s: Pick<Suggestions, 'bestCoupon'>,
  pinned: PinnedCoupon | null,
): ResolvedCoupon | null {
  if (!usesCoupon(view.template)) return null;
  if (pinned && view.key === pinKey(pinned.template)) return pinned.coupon;
  return s.bestCoupon;
}

/** For a coupon the agent picked: the best-ranked template that carries a coupon, preferring the stage's win-back. */
export function templateForCoupon(s: Pick<Suggestions, 'ranked'>): Template {
  const fits = s.ranked.filter((r) => usesCoupon(r.template) && r.template.kind !== 'unpaid_reminder');
  return (
    (fits.find((r) => r.template.kind === 'reengage') ?? fits.find((r) => !r.capped))?.template ?? COUPON_ONLY_TEMPLATE
  );
}

/** What choosing a suggestion comes to: its form (blanks, a block, warnings to confirm), or the text to insert. */
export type InsertDecision =
  | { kind: 'form'; blocks: GuardWarning[]; warns: GuardWarning[]; confirming: boolean }
  | { kind: 'insert'; text: string; cursor: number | null; coupon: ResolvedCoupon | null };

/** The supervisor's send check for this conversation: the platform's limits, and the texts other buyers had. */
export interface GuardInputs {
  limits?: ChatLimits | undefined;
  sameText?: SameTextFacts | null;
}

/**
 * The agent chose a suggestion (Enter, click, 1–9, a typed shortcut). A text that does not render
 * yet (blanks, a broken template) opens its form; a send-guard block opens it with the block;
 * warnings (the guard's, a contact cap) are shown once and the next choice inserts anyway
 * (`confirming`). `now`: the clock the guard's quiet hours are read on.
 */
export function decideInsert(
  view: Pick<SuggestionView, 'key' | 'template'>,
  s: Suggestions,
  facts: Pick<ConversationFacts, 'profile' | 'nick' | 'platform' | 'messages'>,
  settings: AppSettings,
  state: { pinned: PinnedCoupon | null; answers: Readonly<Record<string, string>>; confirming: boolean },
  now: number,
  guard: GuardInputs = {},
): InsertDecision {
  const coupon = couponOf(view, s, state.pinned);
  const render = renderFor(s, facts.profile, settings, {
    template: view.template,
    coupon,
    answers: state.answers,
    nick: facts.nick,
  });
  if (!render.ok) return { kind: 'form', blocks: [], warns: [], confirming: false };
  const check = guardFor(render.text, facts, coupon, now, settings, guard.limits, guard.sameText);
  const warns = [...check.warns, ...capWarnings(s.ranked.find((r) => r.template.id === view.template.id))];
  if (check.blocks.length > 0) return { kind: 'form', blocks: check.blocks, warns, confirming: false };
  if (warns.length > 0 && !state.confirming) return { kind: 'form', blocks: [], warns, confirming: true };
  return { kind: 'insert', text: render.text, cursor: render.cursor ?? null, coupon };
}

/** What the contact log records for an insert the console confirmed (`recordInsert`). */
export function contactOfInsert(
  template: Template,
  text: string,
  coupon: ResolvedCoupon | null,
): { templateId: string | null; text: string; kind?: 'coupon'; couponId?: string } {
  const stored = template.id !== COUPON_ONLY_TEMPLATE.id;
  return {
    templateId: stored ? template.id : null,
    text: text.slice(0, 2000),
    ...(stored ? {} : { kind: 'coupon' as const }),
    ...(coupon ? { couponId: coupon.coupon.id } : {}),
  };
}
