import { useLocale, useT } from '@/components/common/i18n';
import { couponLabel, type ApplicableCoupon, type ResolvedCoupon } from '@/lib/coupons';
import type { Locale } from '@/lib/schemas/common';
import { couponLabelLocale, couponReasonText } from '@/lib/suggestions';

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
            const label = couponLabel(c.coupon, couponLabelLocale(locale, lang));
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
                    {c.reasons.map((r) => couponReasonText(r, locale)).join(' · ')}
                  </p>
                  {c.capped && <p className="cp-cap">{couponReasonText(c.capped, locale)}</p>}
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
