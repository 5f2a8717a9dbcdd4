import { useState } from 'react';
import { useT } from '@/components/common/i18n';
import { db } from '@/lib/db/database';
import { saveShopAnniversary } from '@/lib/db/shop-anniversary';
import type { AppSettings } from '@/lib/settings/app';
import { useEditAccess } from './team/lock';

/** Days each month can have (February: 29). */
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The shop anniversary: the day the 店庆 coupon rules and the anniversary promotion apply. */
export function ShopAnniversarySection({ settings }: { settings: AppSettings }) {
  const t = useT();
  const access = useEditAccess();
  const stored = settings.shopAnniversary;
  const [month, setMonth] = useState(stored ? Number(stored.slice(0, 2)) : 1);
  const [day, setDay] = useState(stored ? Number(stored.slice(3)) : 1);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async (value: string | null) => {
    try {
      await saveShopAnniversary(db(), value, Date.now());
      setMessage({ ok: true, text: t('anniv_saved') });
    } catch (e) {
      setMessage({
        ok: false,
        text: e instanceof RangeError ? t('anniv_bad') : e instanceof Error ? e.message : String(e),
      });
    }
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    <section className="panel form anniversary" data-testid="settings-anniversary">
      <h2>{t('anniv_title')}</h2>
      <p className="muted">{t('anniv_help')}</p>
      <p data-testid="anniversary-current">
        {stored
          ? t('anniv_current', { month: Number(stored.slice(0, 2)), day: Number(stored.slice(3)) })
          : t('anniv_none')}
      </p>
      <div className="actions">
        <select
          value={month}
          aria-label={t('anniv_month')}
          disabled={!access.canEdit}
          data-testid="anniversary-month"
          onChange={(e) => {
            const m = Number(e.target.value);
            setMonth(m);
            setDay(Math.min(day, DAYS[m - 1]!));
            setMessage(null);
          }}
        >
          {DAYS.map((_, i) => (
            <option key={i} value={i + 1}>
              {i + 1}
            </option>
          ))}
        </select>
        <span>{t('anniv_month')}</span>
        <select
          value={day}
          aria-label={t('anniv_day')}
          disabled={!access.canEdit}
          data-testid="anniversary-day"
          onChange={(e) => {
            setDay(Number(e.target.value));
            setMessage(null);
          }}
        >
          {Array.from({ length: DAYS[month - 1]! }, (_, i) => (
            <option key={i} value={i + 1}>
              {i + 1}
            </option>
          ))}
        </select>
        <span>{t('anniv_day')}</span>
        <button
          type="button"
          className="primary"
          disabled={!access.canEdit}
          onClick={() => void save(`${pad(month)}-${pad(day)}`)}
          data-testid="anniversary-save"
        >
          {t('anniv_save')}
        </button>
        {stored && (
          <button
            type="button"
            className="secondary"
            disabled={!access.canEdit}
            onClick={() => void save(null)}
            data-testid="anniversary-clear"
          >
            {t('anniv_clear')}
          </button>
        )}
        {message && (
          <span className={message.ok ? 'ok-text' : 'warn-text'} role="status">
            {message.text}
          </span>
        )}
      </div>
    </section>
  );
}
