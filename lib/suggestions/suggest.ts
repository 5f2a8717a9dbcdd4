import { checkContact, issuedFromContactLog } from '../contact';
import { applicableCoupons, type ApplicableCoupon, type ResolvedCoupon } from '../coupons';
import { contactKindOf } from '../db/contact-log';
import { daysBetween } from '../dates/local-date';
import type { MonthDay, Reminder, ReminderKind } from '../reminders';
import type { BuyerProfile } from '../schemas/buyer';
import type { BuyerLanguage, Platform } from '../schemas/common';
import type { ConsoleMessage, InsertTarget } from '../schemas/messages';
import type { OrderFacts } from '../schemas/order';
import type { SuggestionContext } from '../schemas/sidebar-rpc';
import { todayIn, type AppSettings } from '../settings/app';
import {
  detectBuyerLanguage,
  kindsFromOrders,
  rankTemplates,
  type CapCheck,
  type RankedTemplate,
  type Template,
  type TemplateKind,
  type TemplateProduct,
} from '../templates';

/** The open conversation as the suggestions see it. */
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

/** What is suggested for a conversation now: the ranked templates and the coupons, in the buyer's language. */
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

/** The parts of the background's suggestion context the decisions read. */
export type SuggestionInputs = Pick<
  SuggestionContext,
  'templates' | 'coupons' | 'couponRules' | 'contactLog' | 'policy' | 'now'
>;

/** A buyer mentioning their review (中评/差评, 評價, review, stars). */
const REVIEW_WORDS = /[中差]评|评价|評價|評論|评论|review|rating|stars?\b/i;

/** Days after a purchase during which a thank-you still reads naturally. */
const THANKS_DAYS = 3;

/** Reminders coming due within this long count as open for the suggestions. */
const SOON_MS = 86_400_000;

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

/** Kinds of the buyer's reminders that make their replies fit now: the due ones and those due within a day. */
export function openReminderKinds(
  reminders: { due: readonly Pick<Reminder, 'kind'>[]; upcoming: readonly Pick<Reminder, 'kind' | 'dueAt'>[] },
  now: number,
): Set<ReminderKind> {
  return new Set([...reminders.due, ...reminders.upcoming.filter((r) => r.dueAt - now < SOON_MS)].map((r) => r.kind));
}

function shopAnniversary(settings: AppSettings): MonthDay | null {
  return settings.shopAnniversary as MonthDay | null;
}

/**
 * The suggestions for a conversation: the templates ranked for this buyer and what they just
 * wrote (concerns, language, open reminders, orders; then the team's usage), each with why,
 * capped ones marked; and the coupons the rules offer, with why. `ctx.now` is the background's clock.
 */
export function suggest(
  facts: ConversationFacts,
  ctx: SuggestionInputs,
  settings: AppSettings,
  reminderKinds: ReadonlySet<ReminderKind>,
): Suggestions {
  const { profile, orders = [], product = null, messages, recentConcerns, platform } = facts;
  const today = todayIn(settings.timeZone, ctx.now);
  const buyerTexts = messages.filter((m) => m.author === 'buyer').map((m) => m.text);
  const lang = detectBuyerLanguage(buyerTexts);
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
  const kinds = [...new Set([...kindsForNow(profile, reminderKinds, today, buyerTexts), ...kindsFromOrders(orders)])];
  const ranked = rankTemplates(ctx.templates, {
    profile,
    recentConcerns,
    platform,
    lang,
    now: ctx.now,
    isCapped,
    kinds,
    orders,
  });
  return { lang, today, ranked, coupons, bestCoupon, orders, product };
}
