import { couponLabel, couponVariables, type ResolvedCoupon } from '../coupons';
import type { BuyerProfile } from '../schemas/buyer';
import type { BuyerLanguage } from '../schemas/common';
import type { AppSettings } from '../settings/app';
import {
  labelLocale,
  orderFor,
  parseTemplate,
  renderVariant,
  templateOrder,
  type RenderContext,
  type RenderResult,
  type Template,
  type TemplateCoupon,
} from '../templates';
import type { Suggestions } from './suggest';

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

export interface RenderInput {
  template: Template;
  /** The console's nick, used when the buyer has no imported profile. */
  nick?: string | undefined;
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

/** A template rendered for this buyer, order, product, coupon and the blanks answered so far. */
export function renderFor(
  s: Suggestions,
  profile: BuyerProfile | null,
  settings: AppSettings,
  input: RenderInput,
): RenderResult {
  return renderVariant(input.template, renderContextFor(s, profile, settings, input)).result;
}
