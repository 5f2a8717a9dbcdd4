import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { ErrorBoundary, ErrorPanel } from '@/components/common/ErrorBoundary';
import { LocaleProvider, useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { db } from '@/lib/db/database';
import { readStoredAppSettings } from '@/lib/db/settings';
import type { MessageKey } from '@/lib/i18n';
import type { AppSettings, ReadSettings } from '@/lib/settings/app';
import { ReminderRunNotice } from '@/components/popup/ReminderRunNotice';
// The layout of every options section (cards, tables, grids); the widgets bring their own (components/common/kit).
import './workspace.css';
import { BuyersTable } from './BuyersTable';
import { CampaignsPage } from './CampaignsPage';
import { ConsolesPage } from './ConsolesPage';
import { ConcernsPage } from './concerns/ConcernsPage';
import { DataVersionProvider } from './data-version';
import { ImportPanel } from './ImportPanel';
import { GuardPage } from './playbook/GuardPage';
import { LevelsPage } from './playbook/LevelsPage';
import { OffersPage } from './playbook/OffersPage';
import { SettingsPage } from './SettingsPage';
import { ShopAnniversarySection } from './ShopAnniversary';
import { TeamPage } from './team/TeamPage';
import { TemplatesPage } from './templates/TemplatesPage';

// The dashboard brings the chart library: load it when it is opened, not with every page.
const DashboardPage = lazy(() => import('./dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));

interface Section {
  id: string;
  label: MessageKey;
  render(settings: AppSettings, read: ReadSettings): ReactNode;
}

/** Sections of the supervisor workspace, addressed by `#/<id>` so links and tests can open one. */
const SECTIONS: Section[] = [
  {
    id: 'data',
    label: 'op_nav_data',
    // Two panels, two boundaries: a failing buyers table leaves the import usable, and the other way round.
    render: (s) => (
      <>
        <ErrorBoundary name="op_import_title">
          <ImportPanel />
        </ErrorBoundary>
        <ErrorBoundary name="op_buyers_title">
          <BuyersTable settings={s} />
        </ErrorBoundary>
      </>
    ),
  },
  {
    id: 'dashboard',
    label: 'ws_nav_dashboard',
    render: (s) => (
      <Suspense fallback={null}>
        <DashboardPage settings={s} />
      </Suspense>
    ),
  },
  { id: 'templates', label: 'ws_nav_templates', render: (s) => <TemplatesPage settings={s} /> },
  { id: 'offers', label: 'ws_nav_offers', render: (s) => <OffersPage settings={s} /> },
  { id: 'concerns', label: 'ws_nav_concerns', render: (s) => <ConcernsPage settings={s} /> },
  { id: 'guard', label: 'guard_nav', render: () => <GuardPage /> },
  { id: 'campaigns', label: 'cp_nav', render: (s) => <CampaignsPage settings={s} /> },
  { id: 'levels', label: 'ws_nav_levels', render: (s) => <LevelsPage settings={s} /> },
  { id: 'team', label: 'ws_nav_team', render: (s) => <TeamPage settings={s} /> },
  { id: 'consoles', label: 'consoles_nav', render: () => <ConsolesPage /> },
  {
    id: 'settings',
    label: 'op_nav_settings',
    render: (s, read) => (
      <>
        <SettingsPage key={JSON.stringify(read)} settings={s} fallbacks={read.fallbacks} />
        <ShopAnniversarySection key={`anniversary-${s.shopAnniversary ?? ''}`} settings={s} />
      </>
    ),
  },
];

function useHashRoute(fallback: string): string {
  const read = () => location.hash.replace(/^#\/?/, '').split('/')[0] || fallback;
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return route;
}

export function OptionsApp() {
  const read = useLiveQuery(() => readStoredAppSettings(db()), []);
  if (read.status === 'loading') return null;
  // The database could not be read at all: say so (in the default language) instead of a blank page.
  if (read.status === 'error')
    return (
      <main className="content">
        <ErrorPanel name="eb_panel_page" error={read.error} onRetry={() => location.reload()} />
      </main>
    );
  return (
    <LocaleProvider locale={read.value.settings.uiLocale}>
      <DataVersionProvider>
        <Shell read={read.value} />
      </DataVersionProvider>
    </LocaleProvider>
  );
}

function Shell({ read }: { read: ReadSettings }) {
  const { settings } = read;
  const t = useT();
  const route = useHashRoute('data');
  const section = SECTIONS.find((s) => s.id === route) ?? SECTIONS[0]!;
  useEffect(() => {
    document.title = `${t(section.label)} · ${t('op_title')}`;
  }, [section, t]);
  return (
    <div className="shell">
      <nav className="nav" aria-label={t('a11y_mainNav')}>
        <div className="brand">{t('extName')}</div>
        {SECTIONS.map((s) => (
          <a
            key={s.id}
            href={`#/${s.id}`}
            className={s === section ? 'active' : ''}
            aria-current={s === section ? 'page' : undefined}
            data-testid={`nav-${s.id}`}
          >
            {t(s.label)}
          </a>
        ))}
      </nav>
      <main className="content">
        <h1>{t(section.label)}</h1>
        <ReminderRunNotice />
        {read.fallbacks.length > 0 && section.id !== 'settings' && (
          <p className="notice-warn" role="alert" data-testid="settings-fallback-banner">
            {t('op_settings_fallbackBanner')} <a href="#/settings">{t('op_nav_settings')}</a>
          </p>
        )}
        {/* Keyed by section: an error on one page does not follow the supervisor to the next. */}
        <ErrorBoundary key={section.id} name={section.label}>
          {section.render(settings, read)}
        </ErrorBoundary>
      </main>
    </div>
  );
}
