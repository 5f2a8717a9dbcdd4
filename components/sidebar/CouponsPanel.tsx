import { useLocale, useT } from '@/components/common/i18n';
import { couponLabel, type ApplicableCoupon, type ResolvedCoupon } from '@/lib/coupons';
import { translate } from '@/lib/i18n';
import type { FollowupReason } from '@/lib/i18n/catalog/followup';
import type { Locale, UiLocale } from '@/lib/schemas/common';
import { BUILTIN_AUTHOR, type Template } from '@/lib/templates';

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

function reasonText(r: FollowupReason, locale: UiLocale): string {
  const params = { ...r.params };
  // Stage ids read as their names.
  if (typeof params.stage === 'string')
    params.stage = translate(locale, `templates_stage_${params.stage}` as 'templates_stage_active');
  return translate(locale, r.code, params);
}

/** Coupons the rules offer this buyer, with why; capped ones stay listed, greyed, with when they are allowed again. */
export function CouponsPanel({
  coupons,
  onUse,
  lang,
}: {
  coupons: ApplicableCoupon[];
  onUse: (coupon: ResolvedCoupon) => void;
  lang: Locale;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="cp" data-testid="coupons">
      <h3 className="cp-title">{t('sg_coupons')}</h3>
      {coupons.length === 0 ? (
        <p className="empty">{t('sg_couponsNone')}</p>
      ) : (
        <ul className="cp-list">
          {coupons.map((c) => {
            const label = couponLabel(c.coupon, locale === 'en' ? 'en' : lang === 'zh-TW' ? 'zh-TW' : 'zh-CN');
            return (
              <li
                key={c.coupon.coupon.id}
                className={`cp-item${c.capped ? ' capped' : ''}`}
                data-testid="coupon-item"
                data-coupon-id={c.coupon.coupon.id}
              >
                <div className="cp-ticket" aria-hidden="true">
                  <span className="cp-label">{label}</span>
                </div>
                <div className="cp-body">
                  <div className="cp-name">
                    <span>{c.coupon.coupon.name}</span>
                    <span className="cp-valid">{t('sg_couponValid', { date: c.coupon.expiresOn })}</span>
                  </div>
                  <p className="cp-why" data-testid="coupon-reason">
                    {c.reasons.map((r) => reasonText(r, locale)).join(' · ')}
                  </p>
                  {c.capped && <p className="cp-cap">{reasonText(c.capped, locale)}</p>}
                </div>
                <button
                  type="button"
                  className="small"
                  disabled={!!c.capped}
                  onClick={() => onUse(c.coupon)}
                  data-testid="coupon-use"
                >
                  {t('sg_couponUse')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
