import { useMemo, useState } from 'react';
import { useT } from '@/components/common/i18n';
import { localDateAt } from '@/lib/reminders/time';
import type { AppSettings } from '@/lib/settings/app';
import { Tabs } from '../playbook/ui';
import { Chart } from './Chart';
import { outcomeOption } from './charts';
import type { DashboardData } from './data';
import { contactOutcomes, type ContactEvent } from './outcomes';
import { Card } from './Card';

const WINDOWS = ['7', '14', '30'] as const;

/** Did contacting work? Orders within N days after a coupon or reminder, against buyers who got nothing. */
export function Outcomes({ data, settings }: { data: DashboardData; settings: AppSettings }) {
  const t = useT();
  const [windowDays, setWindowDays] = useState<(typeof WINDOWS)[number]>('14');
  const days = Number(windowDays);
  const rows = useMemo(() => {
    if (!data.dataThrough) return [];
    const events: ContactEvent[] = [];
    for (const c of data.contacts) {
      const date = localDateAt(c.at, settings.timeZone);
      if (c.couponId) events.push({ buyerId: c.buyerId, date, type: `coupon:${c.couponId}` });
      events.push({ buyerId: c.buyerId, date, type: `kind:${c.kind}` });
    }
    return contactOutcomes(events, (id) => data.paidDates.get(id), data.uncontacted, { windowDays: days, boundaries: settings.profile.stages, dataThrough: data.dataThrough });
  }, [data, days, settings]);
  const labelOf = (type: string) => {
    const [kind, id = ''] = type.split(/:(.*)/);
    if (kind === 'coupon') return t('ws_dash_couponType', { name: data.coupons.find((c) => c.id === id)?.name ?? id });
    const known = KIND_NAMES[id];
    return t('ws_dash_kindType', { name: known ? t(known) : id });
  };
  const judged = rows.filter((r) => r.contacted > 0);
  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
  return (
    <Card title={t('ws_dash_outcomes')} sub={t('ws_dash_outcomesSub', { through: data.dataThrough ?? '—', sample: data.uncontacted.length })}
      tools={<Tabs value={windowDays} onChange={setWindowDays} testId="outcome-window" tabs={WINDOWS.map((w) => [w, t('ws_dash_days', { days: w })] as const)} />}>
      {rows.length === 0 ? (
        <p className="ws-empty" data-testid="outcomes-empty">{t('ws_dash_noContacts')}</p>
      ) : (
        <div className="outcomes">
          {judged.length > 0 && (
            <Chart testId="chart-outcomes" height={Math.max(200, judged.length * 48 + 50)} option={outcomeOption(judged, labelOf, { contacted: t('ws_dash_rateContacted', { days }), natural: t('ws_dash_rateNatural') })} />
          )}
          <table className="ws-table" data-testid="outcomes-table">
            <thead>
              <tr><th>{t('ws_dash_type')}</th><th className="num">{t('ws_dash_contacted')}</th><th className="num">{t('ws_dash_ordered')}</th><th className="num">{t('ws_dash_rate')}</th><th className="num">{t('ws_dash_natural')}</th><th className="num">{t('ws_dash_lift')}</th><th className="num">{t('ws_dash_pending')}</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.type}>
                  <td>{labelOf(r.type)}</td>
                  <td className="num">{r.contacted}</td>
                  <td className="num">{r.converted}</td>
                  <td className="num"><strong>{pct(r.rate)}</strong></td>
                  <td className="num">{pct(r.baselineRate)}</td>
                  <td className={`num ${r.rate !== null && r.baselineRate !== null ? (r.rate >= r.baselineRate ? 'ws-ok' : 'ws-error') : ''}`}>
                    {r.rate !== null && r.baselineRate !== null ? `${r.rate >= r.baselineRate ? '+' : ''}${Math.round((r.rate - r.baselineRate) * 1000) / 10}` : '—'}
                  </td>
                  <td className="num">{r.pending}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

const KIND_NAMES: Record<string, 'followup_kindUnpaid' | 'followup_kindShipping' | 'followup_kindCheckin' | 'ws_kind_thanks' | 'ws_kind_greeting' | 'ws_kind_reengage' | 'ws_kind_concern_answer' | 'ws_kind_review_reply' | 'ws_kind_custom' | 'ws_rem_stageEnd'> = {
  unpaid: 'followup_kindUnpaid',
  shipping: 'followup_kindShipping',
  checkin: 'followup_kindCheckin',
  thanks: 'ws_kind_thanks',
  greeting: 'ws_kind_greeting',
  reengage: 'ws_kind_reengage',
  concern: 'ws_kind_concern_answer',
  review_reply: 'ws_kind_review_reply',
  custom: 'ws_kind_custom',
  stage_end: 'ws_rem_stageEnd',
};
