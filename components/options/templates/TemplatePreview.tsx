import { useEffect, useMemo, useState } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { couponVariables, resolveCoupon, type Coupon } from '@/lib/coupons';
import { loadBuyerIndex, type BuyerIndex } from '@/lib/db/buyer-index';
import { getBuyer } from '@/lib/db/buyer-store';
import { profileOf } from '@/lib/db/buyers';
import { db } from '@/lib/db/database';
import type { MessageKey } from '@/lib/i18n';
import type { StageId } from '@/lib/schemas/buyer';
import type { BuyerLanguage } from '@/lib/schemas/common';
import { todayIn, type AppSettings } from '@/lib/settings/app';
import { BUYER_LANGUAGE_KEYS, labelLocale, renderVariant, TEMPLATE_LOCALES, type Template } from '@/lib/templates';
import { Tabs } from '@/components/common/kit';
import { SAMPLE_STAGES, sampleProfile } from './samples';

/** Buyer nicks starting with the query, case ignored, in index order. */
function nickMatches(index: BuyerIndex | null, query: string, limit = 8): { id: string; nick: string }[] {
  const q = query.trim().toLowerCase();
  if (!index || !q) return [];
  const out: { id: string; nick: string }[] = [];
  for (let i = 0; i < index.ids.length && out.length < limit; i++) {
    const nick = index.nicks[i]!;
    if (nick.toLowerCase().startsWith(q)) out.push({ id: index.ids[i]!, nick });
  }
  return out;
}

const LANG_KEY: Readonly<Record<BuyerLanguage, MessageKey>> = BUYER_LANGUAGE_KEYS;

/** The template as a buyer would receive it: for a sample buyer of a stage, or a real one by nick. */
export function TemplatePreview({
  template,
  settings,
  coupons,
}: {
  template: Template;
  settings: AppSettings;
  coupons: readonly Coupon[];
}) {
  const t = useT();
  const locale = useLocale();
  const today = todayIn(settings.timeZone, Date.now());
  const [source, setSource] = useState<'sample' | 'buyer'>('sample');
  const [stage, setStage] = useState<StageId>('silent');
  const [lang, setLang] = useState<BuyerLanguage>('zh-CN');
  const [couponId, setCouponId] = useState('');
  const [query, setQuery] = useState('');
  const [buyerId, setBuyerId] = useState<string | null>(null);

  // Buyers are stored many to a record, so nick search runs over the buyer index, read once per
  // mount (one settings record) rather than on every keystroke.
  const [index, setIndex] = useState<BuyerIndex | null>(null);
  useEffect(() => {
    let live = true;
    void loadBuyerIndex(db()).then((loaded) => live && setIndex(loaded));
    return () => {
      live = false;
    };
  }, []);
  const matches = useMemo(() => nickMatches(index, query), [index, query]);
  const real = useLiveQuery(async () => {
    if (!buyerId) return null;
    const rec = await getBuyer(db(), buyerId);
    return rec ? profileOf(db(), rec, settings, today) : null;
  }, [buyerId, settings, today]);

  const profile = useMemo(() => {
    if (source === 'buyer') return real.status === 'ready' ? real.value : null;
    return sampleProfile(stage, settings.profile, today, t('ws_preview_sample'));
  }, [source, real, stage, settings.profile, today, t]);

  const coupon = coupons.find((c) => c.id === couponId);
  const { variant, result } = renderVariant(template, {
    lang,
    today,
    buyer: profile,
    agent: { name: settings.agentName },
    shop: { name: settings.shopName },
    values: coupon ? couponVariables(resolveCoupon(coupon, profile, today), labelLocale(lang)) : {},
  });
  const text = result.ok ? result.text : result.preview;
  const missing = result.ok
    ? []
    : result.errors.filter((e) => e.code === 'missingValue' || e.code === 'missingAnswer').map((e) => e.name ?? '');

  return (
    <section className="ws-card preview" data-testid="template-preview">
      <div className="ws-card-head">
        <h2>{t('ws_preview_title')}</h2>
        <span className="spacer" />
        <Tabs
          label={t('a11y_previewLang')}
          value={lang}
          onChange={setLang}
          tabs={TEMPLATE_LOCALES.map((l) => [l, t(LANG_KEY[l])] as const)}
        />
      </div>
      <div className="preview-controls">
        <Tabs
          label={t('a11y_previewSource')}
          value={source}
          onChange={setSource}
          tabs={
            [
              ['sample', t('ws_preview_sample')],
              ['buyer', t('ws_preview_real')],
            ] as const
          }
        />
        {source === 'sample' ? (
          <select
            className="ws-select"
            value={stage}
            aria-label={t('ws_filter_stage')}
            onChange={(e) => setStage(e.target.value as StageId)}
            data-testid="preview-stage"
          >
            {SAMPLE_STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`profile_stage_${s}` as MessageKey)}
              </option>
            ))}
          </select>
        ) : (
          <div className="buyer-pick">
            <input
              className="ws-input"
              type="search"
              value={query}
              placeholder={t('ws_preview_nick')}
              aria-label={t('ws_preview_nick')}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="preview-nick"
            />
            {matches.length > 0 && !matches.some((m) => m.id === buyerId && m.nick === query) && (
              <ul className="buyer-results">
                {matches.map((m) => (
                  <li key={m.id}>
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        setBuyerId(m.id);
                        setQuery(m.nick);
                      }}
                    >
                      {m.nick}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <select
          className="ws-select"
          value={couponId}
          onChange={(e) => setCouponId(e.target.value)}
          aria-label={t('ws_preview_coupon')}
        >
          <option value="">{t('ws_preview_noCoupon')}</option>
          {coupons
            .filter((c) => c.deletedAt === undefined)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </select>
      </div>
      {profile && (
        <p className="preview-who">
          {profile.nick} · {t(`profile_stage_${profile.stage.id}` as MessageKey)}
          {profile.level
            ? ` · ${locale === 'en' ? (profile.level.nameEn ?? profile.level.name) : profile.level.name}`
            : ''}
        </p>
      )}
      {source === 'buyer' && !profile && <p className="ws-hint">{t('ws_preview_pickBuyer')}</p>}
      <div className="bubble" data-testid="preview-text">
        {text ?? t('ws_preview_fix')}
      </div>
      {variant.fellBack && <p className="ws-hint">{t('ws_preview_fellBack', { lang: t(LANG_KEY[lang]) })}</p>}
      {missing.length > 0 && (
        <p className="warn-text small">{t('ws_preview_missing', { names: missing.join('、') })}</p>
      )}
      {result.ok && result.usedFallbacks.length > 0 && (
        <p className="ws-hint">{t('ws_preview_fallbacks', { names: result.usedFallbacks.join('、') })}</p>
      )}
    </section>
  );
}
