import { useState } from 'react';
import { useT } from '@/components/common/i18n';
import { OFFERED_CURRENCIES, SHOPEE_SITES, type ShopeeSite } from '@/lib/money/currency';
import type { MoneySettings } from '@/lib/money/settings';
import type { AppSettings } from '@/lib/settings/app';

/**
 * The shop's currency, the Shopee site of exports that do not show theirs, and the exchange rates
 * the supervisor enters (nothing is converted without one). Part of the profile settings.
 */
export function MoneyFields({
  draft,
  set,
}: {
  draft: AppSettings;
  set: <K extends keyof AppSettings>(k: K, v: AppSettings[K]) => void;
}) {
  const t = useT();
  const money = draft.profile.money;
  const put = (next: Partial<MoneySettings>) => set('profile', { ...draft.profile, money: { ...money, ...next } });
  const shop = money.shop;
  const free = OFFERED_CURRENCIES.filter((c) => c !== shop && !money.rates.some((r) => r.currency === c));
  const [adding, setAdding] = useState('');
  const toAdd = free.includes(adding) ? adding : (free[0] ?? '');
  return (
    <fieldset className="money-settings" data-testid="settings-money">
      <legend>{t('money_settingsTitle')}</legend>
      <label>
        <span>{t('money_shopCurrency')}</span>
        <select
          value={shop ?? ''}
          onChange={(e) => put({ shop: e.target.value || null })}
          data-testid="settings-shop-currency"
        >
          <option value="">{t('money_shopCurrencyAuto')}</option>
          {OFFERED_CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <small className="muted">{t('money_shopCurrencyHint')}</small>
      </label>
      <label>
        <span>{t('money_shopeeSite')}</span>
        <select
          value={money.shopeeSite ?? ''}
          onChange={(e) => put({ shopeeSite: (e.target.value || null) as ShopeeSite | null })}
          data-testid="settings-shopee-site"
        >
          <option value="">{t('money_shopeeSiteNone')}</option>
          {(Object.keys(SHOPEE_SITES) as ShopeeSite[]).map((s) => (
            <option key={s} value={s}>{`${s} · ${SHOPEE_SITES[s]}`}</option>
          ))}
        </select>
      </label>
      <div className="rates" data-testid="settings-rates">
        <span>{t('money_rates')}</span>
        <small className="muted">{t('money_ratesHint')}</small>
        {money.rates.map((r, i) => (
          <div key={r.currency} className="rate-row" data-testid="settings-rate" data-currency={r.currency}>
            <label>
              {t('money_rateFor', { currency: r.currency })}
              <input
                type="number"
                min="0"
                step="any"
                value={Number.isFinite(r.rate) ? r.rate : ''}
                aria-label={t('money_rateValue')}
                onChange={(e) =>
                  put({ rates: money.rates.map((x, k) => (k === i ? { ...x, rate: e.target.valueAsNumber } : x)) })
                }
                data-testid="settings-rate-value"
              />
              {shop ?? t('money_levelCurrencyShop')}
            </label>
            <button
              type="button"
              className="secondary"
              onClick={() => put({ rates: money.rates.filter((_, k) => k !== i) })}
            >
              {t('money_rateRemove', { currency: r.currency })}
            </button>
          </div>
        ))}
        {free.length > 0 && (
          <div className="rate-add">
            <label>
              <span>{t('money_rateCurrency')}</span>
              <select value={toAdd} onChange={(e) => setAdding(e.target.value)} data-testid="settings-rate-currency">
                {free.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="secondary"
              onClick={() => put({ rates: [...money.rates, { currency: toAdd, rate: 1 }] })}
              data-testid="settings-rate-add"
            >
              {t('money_rateAdd')}
            </button>
          </div>
        )}
      </div>
    </fieldset>
  );
}

/** The currency of a threshold: '' is the shop's (what a threshold saved without one means). */
export function CurrencySelect({
  value,
  onChange,
  disabled,
  testId,
}: {
  value: string | undefined;
  onChange: (c: string | undefined) => void;
  disabled?: boolean;
  testId?: string;
}) {
  const t = useT();
  return (
    <select
      className="ws-select"
      value={value ?? ''}
      disabled={disabled}
      aria-label={t('money_levelCurrency')}
      onChange={(e) => onChange(e.target.value || undefined)}
      data-testid={testId}
    >
      <option value="">{t('money_levelCurrencyShop')}</option>
      {OFFERED_CURRENCIES.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  );
}
