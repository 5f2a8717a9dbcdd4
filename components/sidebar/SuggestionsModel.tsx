import { useMemo } from 'react';
import { checkContact, issuedFromContactLog } from '@/lib/contact';
import {
  applicableCoupons,
  couponLabel,
  couponVariables,
  type ApplicableCoupon,
  type ResolvedCoupon,
} from '@/lib/coupons';
import { contactKindOf } from '@/lib/db/contact-log';
import { checkBeforeInsert, textFingerprint, type ChatLimits, type GuardWarning, type RepeatRule } from '@/lib/guard';
import { daysBetween } from '@/lib/dates/local-date';
import type { MonthDay, ReminderKind } from '@/lib/reminders';
import { buyerId as makeBuyerId, type BuyerProfile } from '@/lib/schemas/buyer';
import type { BuyerLanguage, Platform, UiLocale } from '@/lib/schemas/common';
import type { ConsoleMessage, ConsoleOrder, ConsoleProduct, InsertResult, InsertTarget } from '@/lib/schemas/messages';
import { productAskedAbout } from '@/lib/concerns/product';
import type { MessageKey } from '@/lib/i18n';
import type { OrderFacts } from '@/lib/schemas/order';
import type { BuyerLookup, SuggestionContext } from '@/lib/schemas/sidebar-rpc';
import { todayIn, type AppSettings } from '@/lib/settings/app';
import {
  detectBuyerLanguage,
  kindsFromOrders,
  labelLocale,
  orderFor,
  parseTemplate,
  rankTemplates,
  renderVariant,
  type CapCheck,
  type RankedTemplate,
  type RenderContext,
  type RenderResult,
  type Template,
  type TemplateCoupon,
  type TemplateKind,
  type TemplateProduct,
  templateOrder,
  withConsoleOrders,
} from '@/lib/templates';

/**
 * The suggestion logic of the sidebar, kept apart from the markup: everything here is a pure
 * function of the conversation, the buyer and the playbook the background sent.
 */

export interface ConversationFacts {
  buyerId: string;
  /** The console's conversation as read: every insert is bound to it. */
  target: InsertTarget;
  /** The nick the console shows; fills `{{buyer.nick}}` for a buyer not in the imported data. */
  nick?: string;
  platform: Platform;
  profile: BuyerProfile | null;
  /** The buyer's orders a reply may be about, newest first (lib/templates/order-facts.ts). */
  orders?: readonly OrderFacts[];
  /** The product the buyer is asking about (the conversation's last product card): `{{product.…}}`. */
  product?: TemplateProduct | null;
  messages: readonly ConsoleMessage[];
  /** Concern ids in the buyer's latest messages, most recent first. */
  recentConcerns: readonly string[];
}

export interface Suggestions {
  lang: BuyerLanguage;
  today: string;
  ranked: RankedTemplate[];
  coupons: ApplicableCoupon[];
  /** The coupon a template with coupon variables gets unless the agent picks another. */
  bestCoupon: ResolvedCoupon | null;
  /** The buyer's orders: each template is rendered for the one it is about (orderFor). */
  orders?: readonly OrderFacts[];
  product?: TemplateProduct | null;
}

const usesCouponCache = new Map<string, boolean>();
/** Whether a template's body mentions `{{coupon.…}}`, so it needs a coupon to render. */
export function usesCoupon(template: Template): boolean {
  const key = `${template.id}@${template.version}`;
  let hit = usesCouponCache.get(key);
  if (hit === undefined) {
    hit = Object.values(template.variants).some(
      (body) =>
        body !== undefined && parseTemplate(body).nodes.some((n) => n.type === 'var' && n.name.startsWith('coupon.')),
    );
    usesCouponCache.set(key, hit);
  }
  return hit;
}

function shopAnniversary(settings: AppSettings): MonthDay | null {
  return settings.shopAnniversary as MonthDay | null;
}

/** A buyer mentioning their review (中评/差评, 評價, review, stars). */
const REVIEW_WORDS = /[中差]评|评价|評價|評論|评论|review|rating|stars?\b/i;

/** Days after a purchase during which a thank-you still reads naturally. */
const THANKS_DAYS = 3;

/**
 * Kinds worth suggesting now. Replies about an order event (unpaid, shipped, delivered) or a
 * date (100th day, anniversary, birthday) are offered only when this buyer has a reminder of
 * that kind open; a thank-you only just after a purchase; a review reply only when the buyer
 * talks about their review. The rest are always candidates.
 */
export function kindsForNow(
  profile: BuyerProfile | null,
  reminderKinds: ReadonlySet<ReminderKind>,
  today: string,
  buyerTexts: readonly string[] = [],
): TemplateKind[] {
  const kinds: TemplateKind[] = ['concern_answer', 'reengage', 'custom'];
  if (buyerTexts.some((t) => REVIEW_WORDS.test(t))) kinds.push('review_reply');
  if (reminderKinds.has('unpaid')) kinds.push('unpaid_reminder');
  if (reminderKinds.has('shipping')) kinds.push('shipping');
  if (reminderKinds.has('checkin')) kinds.push('delivery_checkin');
  if (reminderKinds.has('day100') || reminderKinds.has('anniversary') || reminderKinds.has('birthday'))
    kinds.push('greeting');
  const last = profile?.metrics.lastPaidDate;
  if (last && daysBetween(last, today) <= THANKS_DAYS) kinds.push('thanks');
  return kinds;
}

export function useSuggestions(
  facts: ConversationFacts,
  ctx: SuggestionContext | null,
  settings: AppSettings,
  reminderKinds: ReadonlySet<ReminderKind>,
): Suggestions | null {
  const { profile, orders, product, messages, recentConcerns, platform } = facts;
  return useMemo(() => {
    if (!ctx) return null;
    const today = todayIn(settings.timeZone, ctx.now);
    const lang = detectBuyerLanguage(messages.filter((m) => m.author === 'buyer').map((m) => m.text));
    const contact = { timeZone: settings.timeZone, shopAnniversary: shopAnniversary(settings) };
    const coupons = profile
      ? applicableCoupons(profile, ctx.coupons, ctx.couponRules, {
          today,
          shopAnniversary: shopAnniversary(settings),
          issuedLog: issuedFromContactLog(ctx.contactLog, settings.timeZone),
        })
      : [];
    const bestCoupon = coupons.find((c) => !c.capped)?.coupon ?? null;
    const isCapped = (template: Template, now: number): CapCheck => {
      if (!profile) return { capped: false };
      const check = checkContact(
        profile,
        { kind: contactKindOf(template.kind), marketing: template.marketing },
        ctx.contactLog,
        ctx.policy,
        now,
        contact,
      );
      return check.capped && check.reason
        ? { capped: true, reason: { kind: 'capped', code: check.reason.code, params: check.reason.params } }
        : { capped: check.capped };
    };
    const kinds = [
      ...new Set([
        ...kindsForNow(
          profile,
          reminderKinds,
          today,
          messages.filter((m) => m.author === 'buyer').map((m) => m.text),
        ),
        ...kindsFromOrders(orders ?? []),
      ]),
    ];
    const ranked = rankTemplates(ctx.templates, {
      profile,
      recentConcerns,
      platform,
      lang,
      now: ctx.now,
      isCapped,
      kinds,
      orders: orders ?? [],
    });
    return { lang, today, ranked, coupons, bestCoupon, orders: orders ?? [], product: product ?? null };
  }, [ctx, settings, profile, orders, product, messages, recentConcerns, platform, reminderKinds]);
}

export interface RenderInput {
  template: Template;
  /** The console's nick, used when the buyer has no imported profile. */
  nick?: string;
  coupon: ResolvedCoupon | null;
  answers: Readonly<Record<string, string>>;
}

export function renderContextFor(
  s: Suggestions,
  profile: BuyerProfile | null,
  settings: AppSettings,
  input: RenderInput,
): RenderContext {
  return {
    lang: s.lang,
    today: s.today,
    buyer: profile,
    order: templateOrder(orderFor(input.template.kind, s.orders ?? [])),
    product: s.product ?? null,
    ...(!profile && input.nick ? { values: { 'buyer.nick': input.nick } } : {}),
    agent: { name: settings.agentName },
    shop: { name: settings.shopName },
    answers: input.answers,
    coupon: input.coupon ? templateCoupon(input.coupon, s.lang) : null,
  };
}

/** A resolved coupon as templates see it; dates and money are then written in the buyer's language. */
export function templateCoupon(c: ResolvedCoupon, buyerLang: BuyerLanguage): TemplateCoupon {
  const lang = labelLocale(buyerLang);
  const vars = couponVariables(c, lang);
  return {
    name: vars['coupon.name'] ?? couponLabel(c, lang),
    label: couponLabel(c, lang),
    expires: c.expiresOn,
    ...(c.thresholdCents !== undefined ? { thresholdCents: c.thresholdCents } : {}),
    ...(c.amountCents !== undefined ? { amountCents: c.amountCents } : {}),
    ...(c.coupon.kind === 'threshold' && c.coupon.currency && c.coupon.currency !== 'CNY'
      ? { currency: c.coupon.currency }
      : {}),
    ...(c.rate !== undefined ? { discount: c.rate } : {}),
    ...(c.durationDays !== undefined ? { durationDays: c.durationDays } : {}),
    ...(c.gift !== undefined ? { gift: c.gift } : {}),
    ...(c.coupon.code ? { code: c.coupon.code } : {}),
    ...(c.coupon.link ? { link: c.coupon.link } : {}),
  };
}

export function renderFor(
  s: Suggestions,
  profile: BuyerProfile | null,
  settings: AppSettings,
  input: RenderInput,
): RenderResult {
  return renderVariant(input.template, renderContextFor(s, profile, settings, input)).result;
}

/** Agent messages since the buyer last wrote: the console's own count of "in a row". */
export function agentMessagesInARow(messages: readonly ConsoleMessage[]): number {
  let n = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const author = messages[i]!.author;
    if (author === 'buyer') break;
    if (author === 'agent') n++;
  }
  return n;
}

export interface InsertCheck {
  blocks: GuardWarning[];
  warns: GuardWarning[];
}

/** The repeat rule and the texts other buyers had recently (SuggestionContext.sameText). */
export interface SameTextFacts {
  rule: RepeatRule;
  recent: readonly { fingerprint: string; buyers: number }[];
}

/**
 * `limits`: the supervisor's for this platform (the playbook's send check); the product's defaults otherwise.
 * `sameText`: for the many-buyers check, the other buyers who had this very text (by its fingerprint).
 */
export function guardFor(
  text: string,
  facts: ConversationFacts,
  coupon: ResolvedCoupon | null,
  now: number,
  settings: AppSettings,
  limits?: ChatLimits,
  sameText?: SameTextFacts | null,
): InsertCheck {
  const fingerprint = sameText ? textFingerprint(text) : '';
  const all = checkBeforeInsert({
    text,
    platform: facts.platform,
    blanksUnfilled: 0,
    coupon,
    now,
    // Consoles show no reliable time on messages; the reply window is checked where they do.
    lastBuyerMessageAt: null,
    agentMessagesInARow: agentMessagesInARow(facts.messages),
    timeZone: settings.timeZone,
    ...(limits ? { limits } : {}),
    ...(sameText
      ? {
          sameText: {
            rule: sameText.rule,
            buyers: sameText.recent.find((r) => r.fingerprint === fingerprint)?.buyers ?? 0,
          },
        }
      : {}),
  });
  return { blocks: all.filter((w) => w.severity === 'block'), warns: all.filter((w) => w.severity === 'warn') };
}

/** Concerns from this many of the buyer's latest messages drive the ranking. */
const RECENT_BUYER_MESSAGES = 5;

/**
 * The conversation as the suggestions see it: the buyer (imported or new), and the concerns of
 * the buyer's latest messages, most recent first. Stable while nothing relevant changes.
 */
export function useSuggestionFacts(
  state: {
    consoleId: string;
    buyer: { id: string | null; nick: string; platform: Platform };
    messages: ConsoleMessage[];
    orders?: readonly ConsoleOrder[];
    products?: readonly ConsoleProduct[];
  },
  lookup: BuyerLookup | null,
  detection: {
    detected: readonly { messageId: string; concern: string }[];
    nameOf: (id: string, locale: UiLocale) => string;
  },
  locale: UiLocale,
): { facts: ConversationFacts; concernNames: Record<string, string> } | null {
  const { buyer, messages, consoleId, orders: panel, products } = state;
  return useMemo(() => {
    if (!lookup) return null;
    const recentMessages = new Set(
      messages
        .filter((m) => m.author === 'buyer')
        .slice(-RECENT_BUYER_MESSAGES)
        .map((m) => m.id),
    );
    const recentConcerns: string[] = [];
    for (const d of detection.detected)
      if (recentMessages.has(d.messageId) && !recentConcerns.includes(d.concern)) recentConcerns.push(d.concern);
    const concernNames: Record<string, string> = {};
    for (const d of detection.detected) concernNames[d.concern] = detection.nameOf(d.concern, locale);
    return {
      facts: {
        buyerId: lookup.buyer?.id ?? makeBuyerId(buyer.platform, buyer.id ?? buyer.nick),
        target: { consoleId, platform: buyer.platform, id: buyer.id, nick: buyer.nick },
        nick: buyer.nick,
        platform: buyer.platform,
        profile: lookup.profile,
        // What the console's order panel shows now wins over the import (a parcel it just shipped).
        orders: panel?.length ? withConsoleOrders(lookup.orders ?? [], panel) : lookup.orders,
        product: productAskedAbout(messages, products),
        messages,
        recentConcerns,
      },
      concernNames,
    };
  }, [lookup, messages, panel, products, detection, locale, consoleId, buyer.platform, buyer.id, buyer.nick]);
}

/** Whether a shortcut typed in the console belongs to the conversation these facts are about. */
export function sameTarget(a: InsertTarget, b: InsertTarget): boolean {
  return a.consoleId === b.consoleId && a.platform === b.platform && a.id === b.id && a.nick === b.nick;
}

/** The enabled template a typed shortcut names (`/cm`), if any. */
export function templateForShortcut(templates: readonly Template[], typed: string): Template | null {
  const want = typed.toLowerCase();
  return templates.find((t) => t.enabled && t.shortcut === want) ?? null;
}

/** What the sidebar says when an insert did not happen: a message, and the reason inside it. */
export function insertFailureMessage(result: InsertResult): {
  key: MessageKey;
  params?: Record<string, string>;
  reasonKey?: MessageKey;
} {
  switch (result.reason) {
    case 'conversation_changed':
      return { key: 'sg_insertOtherConversation', params: { nick: result.openNick ?? '' } };
    case 'no_conversation':
      return { key: 'sg_insertNoConversation' };
    case 'input_not_found':
    case 'detached':
      return { key: 'sg_insertFailed', reasonKey: 'sg_noInput' };
    case 'not_editable':
      return { key: 'sg_insertFailed', reasonKey: 'sg_inputNotEditable' };
    case 'too_long':
      return { key: 'sg_insertFailed', reasonKey: 'sg_inputTooLong' };
    case 'no_console':
      return { key: 'sg_insertFailed', reasonKey: 'sg_noConsole' };
    case 'timeout':
      return { key: 'sg_insertFailed', reasonKey: 'sg_insertTimeout' };
    default:
      return { key: 'sg_insertFailed', reasonKey: 'sg_inputRefused' };
  }
}
