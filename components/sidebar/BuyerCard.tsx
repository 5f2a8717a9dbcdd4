import { formatDiscount, formatMoney, useLocale, useT } from '@/components/common/i18n';
import { Amounts } from '@/components/common/Money';
import { aovByCurrency, metricsCurrency, netByCurrency, refundsByCurrency } from '@/lib/metrics/money';
import { currencyContext } from '@/lib/money/settings';
import { formatAmounts } from '@/lib/money/totals';
import type { MessageKey } from '@/lib/i18n';
import { platformName } from '@/lib/i18n/platforms';
import type { BuyerLookup } from '@/lib/schemas/sidebar-rpc';
import type { BuyerProfile } from '@/lib/schemas/buyer';
import type { AppSettings } from '@/lib/settings/app';
import { STAGE_ORDER } from '@/lib/stages/stages';

/** What the segment chip shows, following the supervisor's choice of model. */
function segmentOf(
  profile: BuyerProfile,
  settings: AppSettings,
  locale: 'zh-CN' | 'en',
): { value: string; label: string } | null {
  if (settings.segmentView === 'rfm')
    return profile.rfm ? { value: String(profile.rfm.score), label: `RFM ${profile.rfm.score}` } : null;
  if (settings.segmentView === 'layers') {
    const layer = settings.profile.layers.layers.find((l) => l.id === profile.layer);
    return layer ? { value: layer.id, label: locale === 'en' ? layer.nameEn : layer.name } : null;
  }
  return profile.rfm8 ? { value: profile.rfm8, label: '' } : null;
}

export function BuyerCard({
  nick,
  platform,
  profile,
  match = null,
  settings,
  live,
  dataAsOf,
}: {
  nick: string;
  platform: string;
  profile: BuyerProfile | null;
  /** What the console's order panel taught (issue 19): orders known only from it, imported orders it tied here. */
  live?: BuyerLookup['live'];
  /** The shop-local date of the latest import. */
  dataAsOf?: string | null;
  /** How the lookup found this buyer; a nickname match is said, and a shared nickname warned of. */
  match?: BuyerLookup['match'];
  settings: AppSettings;
}) {
  const t = useT();
  const locale = useLocale();
  const m = profile?.metrics;
  const segment = profile ? segmentOf(profile, settings, locale) : null;
  const stage = profile?.stage;
  const nextStage = stage && stage.id !== 'prospect' ? STAGE_ORDER[STAGE_ORDER.indexOf(stage.id) + 1] : undefined;
  // The shop's currency, or the buyer's own while the supervisor has set none; other currencies apart.
  const money = m ? currencyContext(settings.profile.money, metricsCurrency(m)) : null;
  const levelName = profile?.level
    ? locale === 'en'
      ? (profile.level.nameEn ?? profile.level.name)
      : profile.level.name
    : '';

  return (
    <section className="card buyer">
      <div className="buyer-head">
        <h1 className="nick" data-testid="buyer-nick" title={nick}>
          {nick}
        </h1>
        <span className="platform">{platformName(platform, locale)}</span>
        {!profile && (
          <span className="badge new" data-testid="buyer-new">
            {t('sb_newContact')}
          </span>
        )}
        {match?.by === 'nickname' && (
          <span
            className="badge by-nick"
            data-testid="buyer-match"
            data-match="nickname"
            title={t('sb_matchedByNickHint')}
          >
            {t('sb_matchedByNick')}
          </span>
        )}
      </div>
      {match?.by === 'nickname' && match.sameNick > 1 && (
        <p className="same-nick" role="alert" data-testid="buyer-same-nick" data-count={match.sameNick}>
          {t('sb_sameNick', { count: match.sameNick })}
        </p>
      )}
      <div className="chips">
        <span
          className="chip level"
          data-testid="buyer-level"
          data-value={profile?.level?.id ?? ''}
          title={t('sb_level')}
        >
          {profile?.level ? `${levelName} · ${formatDiscount(profile.level.discount, locale)}` : ''}
        </span>
        <span
          className="chip segment"
          data-testid="buyer-segment"
          data-value={segment?.value ?? ''}
          title={t('sb_segment')}
        >
          {segment ? segment.label || t(`profile_rfm8_${segment.value}` as MessageKey) : ''}
        </span>
        <span
          className={`chip stage stage-${stage?.id ?? 'prospect'}`}
          data-testid="buyer-stage"
          data-value={stage?.id ?? 'prospect'}
          title={t('sb_stage')}
        >
          {t(`profile_stage_${stage?.id ?? 'prospect'}` as MessageKey)}
        </span>
      </div>
      {stage && stage.daysSinceLastPaid !== null && (
        <p className="stage-line">
          {t('profile_daysSinceLastPaid', { days: stage.daysSinceLastPaid })}
          {stage.daysToNextStage !== null && nextStage && (
            <>
              {' '}
              ·{' '}
              {t('profile_daysToNextStage', {
                days: stage.daysToNextStage,
                stage: t(`profile_stage_${nextStage}` as MessageKey),
              })}
            </>
          )}
        </p>
      )}
      {!profile && <p className="hint">{t('sb_newContactHint')}</p>}
      {m && (
        <>
          <dl className="metrics">
            <div>
              <dt>{t('sb_paidOrders')}</dt>
              <dd data-testid="buyer-orders">{m.paidOrders}</dd>
            </div>
            <div>
              <dt>{t('sb_netTotal')}</dt>
              <dd data-testid="buyer-total" data-currency={metricsCurrency(m)}>
                <Amounts amounts={netByCurrency(m)} ctx={money!} />
              </dd>
            </div>
            {/* An average is per currency: one currency's orders over their own count. */}
            <div>
              <dt>{t('sb_aov')}</dt>
              <dd data-testid="buyer-aov">
                {aovByCurrency(m)
                  .map((a) => formatMoney(a.cents, locale, a.currency))
                  .join(' / ')}
              </dd>
            </div>
            <div>
              <dt>{t('sb_firstOrder')}</dt>
              <dd>{m.firstPaidDate ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('sb_lastOrder')}</dt>
              <dd>{m.lastPaidDate ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('sb_refunds')}</dt>
              <dd>
                {m.refundOrders
                  ? t('sb_refundsValue', {
                      count: m.refundOrders,
                      amount: formatAmounts(refundsByCurrency(m), locale, { shop: money!.shop }).text,
                    })
                  : '—'}
              </dd>
            </div>
          </dl>
          {live && (
            <p
              className="live-facts"
              data-testid="buyer-live"
              data-console-orders={live.orderIds.length}
              data-linked={live.linked}
            >
              <span className="badge live">{t('sb_live')}</span>
              {live.linked > 0 && <span>{t('sb_liveLinked', { count: live.linked })}</span>}
              {live.orderIds.length > 0 && (
                <span title={live.orderIds.join(', ')}>{t('sb_liveOrders', { count: live.orderIds.length })}</span>
              )}
            </p>
          )}
          {m.lastItems.length > 0 && (
            <div className="items">
              <h2>{t('sb_lastItems')}</h2>
              <ul>
                {m.lastItems.slice(0, 4).map((it, i) => (
                  <li key={i} title={it.title}>
                    <span className="item-title">{it.title}</span>
                    <span className="item-date">{it.date ?? ''}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      {dataAsOf && (
        <p className="freshness" data-testid="buyer-freshness" data-value={dataAsOf}>
          {t('sb_dataAsOf', { date: dataAsOf.slice(5) })}
        </p>
      )}
    </section>
  );
}
