import { translate } from '../i18n';
import type { OutreachReason } from '../i18n/catalog/outreach';
import type { Locale, UiLocale } from '../schemas/common';
import { BUILTIN_AUTHOR, type Template } from '../templates';

/**
 * Used when a coupon is offered and no suggested template carries one: the coupon on its own,
 * in the buyer's language. Not stored, so supervisors do not see it among their templates.
 */
export const COUPON_ONLY_TEMPLATE: Template = {
  id: 'builtin.coupon.only',
  title: '发优惠券',
  folder: '',
  variants: {
    'zh-CN': '{{buyer.nick|亲}}，给您留了一张优惠券：{{coupon.label}}，有效期到{{coupon.expires}}，下单时直接就能用。',
    'zh-TW':
      '{{buyer.nick|您好}}，幫您保留了一張優惠券：{{coupon.label}}，使用期限到{{coupon.expires}}，結帳時就能直接使用。',
    en: 'Hi {{buyer.nick|there}}, we have set aside a coupon for you: {{coupon.label}}, valid until {{coupon.expires}}. It applies at checkout.',
  },
  conditions: {},
  kind: 'custom',
  marketing: true,
  enabled: true,
  order: 0,
  version: 1,
  usageCount: 0,
  lastUsedAt: null,
  updatedAt: 0,
  createdBy: BUILTIN_AUTHOR,
  updatedBy: BUILTIN_AUTHOR,
};

/** Why a coupon is offered (or capped), one part in the UI language; stage ids read as their names. */
export function couponReasonText(r: OutreachReason, locale: UiLocale): string {
  const params = { ...r.params };
  if (typeof params.stage === 'string')
    params.stage = translate(locale, `templates_stage_${params.stage}` as 'templates_stage_active');
  return translate(locale, r.code, params);
}

/** The language a coupon's label is written in for the agent: English UI in English, else the buyer's Chinese. */
export function couponLabelLocale(locale: UiLocale, buyerLabels: Locale): Locale {
  return locale === 'en' ? 'en' : buyerLabels === 'zh-TW' ? 'zh-TW' : 'zh-CN';
}
