import { useState } from 'react';
import { useT } from '@/components/common/i18n';
import type { MessageKey } from '@/lib/i18n';
import {
  defaultOutcomePeriod,
  liftText,
  outcomesFor,
  outcomeSubject,
  percentText as pct,
} from '@/lib/insights/dashboard';
import type { ContactGroup, OutcomeCell, OutcomeReport, OutcomeRow } from '@/lib/insights/outcomes';
import type { Coupon } from '@/lib/coupons';
import { Tabs } from '@/components/common/kit';
import { Chart } from './Chart';
import { outcomeOption } from './charts';
import { Card } from './Card';

const GROUP_NAMES: Record<ContactGroup, MessageKey> = {
  coupon: 'ws_out_group_coupon',
  reengage: 'ws_out_group_reengage',
  care: 'ws_out_group_care',
  unpaid: 'ws_out_group_unpaid',
  service: 'ws_out_group_service',
  other: 'ws_out_group_other',
};

/** Did contacting work? The report of lib/insights/outcomes, by period and by kind of contact. */
export function Outcomes({
  report,
  coupons,
  contacts,
}: {
  report: OutcomeReport;
  coupons: readonly Coupon[];
  contacts: number;
}) {
  const t = useT();
  const [period, setPeriod] = useState(String(defaultOutcomePeriod(report)));
  const { index: p, days, judged } = outcomesFor(report, Number(period));
  const labelOf = (row: OutcomeRow) => {
    const subject = outcomeSubject(row, coupons);
    if (subject.kind === 'coupon') return t('ws_out_coupon', { name: subject.name });
    return subject.kind === 'group' ? t(GROUP_NAMES[subject.group]) : t('ws_out_byPeriod');
  };
  const cells = (cell: OutcomeCell) => {
    const lift = liftText(cell);
    return (
      <>
        <td className="num">{cell.contacted}</td>
        <td className="num">{cell.converted}</td>
        <td className="num">
          <strong>{pct(cell.rate)}</strong>
        </td>
        <td className="num">{pct(cell.controlRate)}</td>
        <td className={`num ${lift.good === null ? '' : lift.good ? 'ws-ok' : 'ws-error'}`}>{lift.text}</td>
        <td className="num">{cell.control}</td>
        <td className="num">{cell.pending}</td>
      </>
    );
  };
  const head = (first: string) => (
    <thead>
      <tr>
        <th>{first}</th>
        <th className="num">{t('ws_dash_contacted')}</th>
        <th className="num">{t('ws_dash_ordered')}</th>
        <th className="num">{t('ws_dash_rate')}</th>
        <th className="num">{t('ws_dash_natural')}</th>
        <th className="num">{t('ws_dash_lift')}</th>
        <th className="num">{t('ws_out_control')}</th>
        <th className="num">{t('ws_dash_pending')}</th>
      </tr>
    </thead>
  );
  return (
    <Card
      title={t('ws_dash_outcomes')}
      sub={t('ws_out_sub', { through: report.dataThrough ?? '—', sample: report.pool, per: report.controlsPerContact })}
      tools={
        <Tabs
          label={t('a11y_outcomeWindow')}
          value={period}
          onChange={setPeriod}
          testId="outcome-window"
          tabs={report.periods.map((d) => [String(d), t('ws_dash_days', { days: d })] as const)}
        />
      }
    >
      {contacts === 0 || report.byKind.length === 0 ? (
        <p className="ws-empty" data-testid="outcomes-empty">
          {t('ws_dash_noContacts')}
        </p>
      ) : (
        <div className="outcomes" data-testid="outcomes">
          {judged.length > 0 && (
            <Chart
              testId="chart-outcomes"
              height={Math.max(200, judged.length * 48 + 50)}
              summary={judged
                .map((row) => `${labelOf(row)} ${pct(row.cells[p]!.rate)} / ${pct(row.cells[p]!.controlRate)}`)
                .join('，')}
              option={outcomeOption(
                judged.map((row) => ({
                  label: labelOf(row),
                  rate: row.cells[p]!.rate,
                  controlRate: row.cells[p]!.controlRate,
                })),
                { contacted: t('ws_dash_rateContacted', { days }), natural: t('ws_out_natural') },
              )}
            />
          )}
          <h3 className="outcomes-head">{t('ws_out_byPeriod')}</h3>
          <table className="ws-table" data-testid="outcomes-by-period">
            {head(t('ws_out_period'))}
            <tbody>
              {report.periods.map((d, i) => (
                <tr key={d} data-period={d}>
                  <td>{t('ws_dash_days', { days: d })}</td>
                  {cells(report.overall.cells[i]!)}
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className="outcomes-head">{t('ws_out_byKind', { days })}</h3>
          <table className="ws-table" data-testid="outcomes-table">
            {head(t('ws_dash_type'))}
            <tbody>
              {report.byKind.map((row) => (
                <tr key={row.key} data-key={row.key} className={row.key.startsWith('coupon:') ? 'sub' : undefined}>
                  <td>{labelOf(row)}</td>
                  {cells(row.cells[p]!)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
