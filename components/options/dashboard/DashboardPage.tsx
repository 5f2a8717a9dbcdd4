import { useMemo, useState } from 'react';
import { TeamFreshness } from '../team/TeamFreshness';
import { useLocale, useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { db } from '@/lib/db/database';
import type { MessageKey } from '@/lib/i18n';
import { Rfm8IdSchema, StageIdSchema } from '@/lib/schemas/buyer';
import { todayIn, type AppSettings } from '@/lib/settings/app';
import { Tabs } from '@/components/common/kit';
import { concernsByItem, concernsByWeek, concernSubject, hasConcernCategories, OTHER } from '@/lib/insights/concerns';
import { concernsByAgent, mostUsedTemplates, recentConcernCount, repeatPercent } from '@/lib/insights/dashboard';
import { Chart } from './Chart';
import { barOption, donutOption, stackedOption } from './charts';
import { loadDashboard } from './data';
import { teamUsage } from '@/lib/templates/schema';
import { Card, Kpi } from './Card';
import { Outcomes } from './Outcomes';
import './dashboard.css';

const STAGE_COLORS: Record<string, string> = {
  prospect: '#74c0fc',
  active: '#12b886',
  silent: '#fab005',
  sleeping: '#fd7e14',
  lost: '#adb5bd',
};

/** The supervisor's view of the shop: who the buyers are, what they worry about, what works. */
export function DashboardPage({ settings }: { settings: AppSettings }) {
  const t = useT();
  const locale = useLocale();
  const asOf = todayIn(settings.timeZone, Date.now());
  const data = useLiveQuery(() => loadDashboard(db(), settings, asOf), [settings, asOf]);
  const [by, setBy] = useState<'item' | 'category'>('item');
  const d = data.status === 'ready' ? data.value : null;

  const concernName = useMemo(() => {
    const names = new Map(
      d?.taxonomy.concerns.map((c) => [c.id, locale === 'en' ? c.names.en : c.names['zh-CN']]) ?? [],
    );
    return (id: string) => (id === OTHER ? t('ws_dash_other') : (names.get(id) ?? id));
  }, [d, locale, t]);
  const weeks = useMemo(() => concernsByWeek(d?.concerns ?? []), [d]);
  const perItem = useMemo(
    () =>
      concernsByItem(d?.concerns ?? [], (r) =>
        d ? concernSubject(r, by, (id) => d.items.get(id), d.productCategory) : null,
      ),
    [d, by],
  );

  if (data.status === 'error') return <p className="ws-error">{data.error.message}</p>;
  if (!d) return <p className="ws-hint">{t('loading')}</p>;
  const c = d.counts;
  const name = (n: { name: string; nameEn: string }) => (locale === 'en' ? n.nameEn : n.name);
  const levels = [
    ...settings.profile.ladder.levels.map((l) => [l.id, name(l)] as const),
    ['-', t('profile_noLevel')] as const,
  ];
  const segments =
    settings.segmentView === 'layers'
      ? settings.profile.layers.layers.map((l) => [l.id, name(l), c.layers] as const)
      : Rfm8IdSchema.options.map((id) => [id, t(`profile_rfm8_${id}` as MessageKey), c.rfm8] as const);
  const recent = recentConcernCount(d.concerns, Date.now(), settings.timeZone);
  const used = mostUsedTemplates(d.templates);
  const repeat = repeatPercent(d.repeatBuyers, c.total);
  const hasCategories = hasConcernCategories(d.items.values(), d.concerns, d.productCategory);
  // Every agent's concerns (synced from the shop server when connected), by the agent's name.
  const byAgent = concernsByAgent(d.concerns);

  return (
    <div className="ws-page dashboard" data-testid="dashboard">
      <p className="ws-lead">{t('ws_dash_lead', { date: asOf })}</p>
      <TeamFreshness />
      <div className="kpis">
        <Kpi label={t('ws_dash_buyers')} value={c.total.toLocaleString()} testId="kpi-buyers" />
        <Kpi
          label={t('ws_dash_repeat')}
          value={repeat === null ? '—' : `${repeat}%`}
          hint={t('ws_dash_repeatHint', { n: d.repeatBuyers.toLocaleString() })}
        />
        <Kpi
          label={t('ws_dash_active')}
          value={(c.stages.get('active') ?? 0).toLocaleString()}
          hint={t('ws_dash_activeHint', { days: settings.profile.stages.activeMaxDays })}
        />
        <Kpi
          label={t('ws_dash_concerns30')}
          value={recent.toLocaleString()}
          hint={t('ws_dash_concernsAll', { n: d.concerns.length })}
        />
        <Kpi
          label={t('ws_dash_contacts')}
          value={d.contacts.length.toLocaleString()}
          hint={t('ws_dash_contactsHint')}
        />
      </div>
      {c.total === 0 && <p className="ws-card ws-hint">{t('ws_dash_noData')}</p>}
      <div className="dash-grid three">
        <Card title={t('ws_dash_byLevel')}>
          <Chart
            testId="chart-levels"
            summary={levels.map(([id, n]) => `${n} ${c.levels.get(id) ?? 0}`).join('，')}
            option={barOption(
              levels.map(([, n]) => n),
              levels.map(([id]) => c.levels.get(id) ?? 0),
              { horizontal: true, name: t('ws_dash_buyers') },
            )}
          />
        </Card>
        <Card title={t('ws_dash_byStage')}>
          <Chart
            testId="chart-stages"
            summary={StageIdSchema.options
              .map((s) => `${t(`profile_stage_${s}` as MessageKey)} ${c.stages.get(s) ?? 0}`)
              .join('，')}
            option={donutOption(
              StageIdSchema.options.map((s) => ({
                name: t(`profile_stage_${s}` as MessageKey),
                value: c.stages.get(s) ?? 0,
                color: STAGE_COLORS[s]!,
              })),
              t('ws_dash_byStage'),
            )}
          />
        </Card>
        <Card title={settings.segmentView === 'layers' ? t('ws_dash_byLayer') : t('ws_dash_bySegment')}>
          <Chart
            testId="chart-segments"
            summary={segments.map(([id, n, m]) => `${n} ${m.get(id) ?? 0}`).join('，')}
            option={barOption(
              segments.map(([, n]) => n),
              segments.map(([id, , m]) => m.get(id) ?? 0),
              { horizontal: true, color: '#7048e8', name: t('ws_dash_buyers') },
            )}
          />
        </Card>
      </div>
      {byAgent.length > 1 && (
        <Card title={t('team_dash_byAgent')} sub={t('team_dash_byAgentSub')}>
          <ul className="dash-agents" data-testid="dash-concerns-by-agent">
            {byAgent.map(([agent, n]) => (
              <li key={agent} data-agent={agent}>
                <strong>{agent}</strong> {n.toLocaleString()}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card title={t('ws_dash_concernWeeks')} sub={t('ws_dash_concernWeeksSub')}>
        {weeks.axis.length === 0 ? (
          <p className="ws-empty">{t('ws_dash_noConcerns')}</p>
        ) : (
          <Chart
            testId="chart-concern-weeks"
            height={300}
            summary={weeks.series
              .map((s) => `${concernName(s.concern)} ${s.values.reduce((a, b) => a + b, 0)}`)
              .join('，')}
            option={stackedOption(weeks, concernName, { axisFormat: (w) => w.slice(5) })}
          />
        )}
      </Card>
      <div className="dash-grid two">
        <Card
          title={t('ws_dash_concernItems')}
          sub={t('ws_dash_concernItemsSub')}
          tools={
            hasCategories ? (
              <Tabs
                label={t('a11y_concernsBy')}
                value={by}
                onChange={setBy}
                tabs={
                  [
                    ['item', t('ws_dash_item')],
                    ['category', t('ws_dash_category')],
                  ] as const
                }
              />
            ) : undefined
          }
        >
          {perItem.axis.length === 0 ? (
            <p className="ws-empty">{t('ws_dash_noConcerns')}</p>
          ) : (
            <Chart
              testId="chart-concern-items"
              height={Math.max(240, perItem.axis.length * 34 + 60)}
              option={stackedOption(perItem, concernName, { horizontal: true })}
            />
          )}
        </Card>
        <Card title={t('ws_dash_templates')} sub={t('ws_dash_templatesSub')}>
          {used.length === 0 ? (
            <p className="ws-empty">{t('ws_dash_noUse')}</p>
          ) : (
            <Chart
              testId="chart-templates"
              height={Math.max(240, used.length * 26 + 40)}
              option={barOption(
                used.map((x) => x.title),
                used.map((x) => teamUsage(x)),
                { horizontal: true, color: '#0ca678', name: t('ws_dash_uses') },
              )}
            />
          )}
        </Card>
      </div>
      <Outcomes report={d.outcomes} coupons={d.coupons} contacts={d.contacts.length} />
    </div>
  );
}
