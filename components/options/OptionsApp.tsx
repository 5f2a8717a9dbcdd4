import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { LocaleProvider, useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { db } from '@/lib/db/database';
import { loadAppSettings } from '@/lib/db/settings';
import type { MessageKey } from '@/lib/i18n';
import type { AppSettings } from '@/lib/settings/app';
import { BuyersTable } from './BuyersTable';
import { ConsolesPage } from './ConsolesPage';
import { ConcernsPage } from './concerns/ConcernsPage';
import { DataVersionProvider } from './data-version';
import { ImportPanel } from './ImportPanel';
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
  render(settings: AppSettings): ReactNode;
}

/** Sections of the supervisor workspace, addressed by `#/<id>` so links and tests can open one. */
const SECTIONS: Section[] = [
  { id: 'data', label: 'op_nav_data', render: (s) => <><ImportPanel /><BuyersTable settings={s} /></> },
  { id: 'dashboard', label: 'ws_nav_dashboard', render: (s) => <Suspense fallback={null}><DashboardPage settings={s} /></Suspense> },
  { id: 'templates', label: 'ws_nav_templates', render: (s) => <TemplatesPage settings={s} /> },
  { id: 'offers', label: 'ws_nav_offers', render: (s) => <OffersPage settings={s} /> },
  { id: 'concerns', label: 'ws_nav_concerns', render: (s) => <ConcernsPage settings={s} /> },
  { id: 'levels', label: 'ws_nav_levels', render: (s) => <LevelsPage settings={s} /> },
  { id: 'team', label: 'ws_nav_team', render: (s) => <TeamPage settings={s} /> },
  { id: 'consoles', label: 'consoles_nav', render: () => <ConsolesPage /> },
  { id: 'settings', label: 'op_nav_settings', render: (s) => <><SettingsPage key={JSON.stringify(s)} settings={s} /><ShopAnniversarySection key={`anniversary-${s.shopAnniversary ?? ''}`} settings={s} /></> },
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
  const settings = useLiveQuery(() => loadAppSettings(db()), []);
  if (settings.status !== 'ready') return null;
  return (
    <LocaleProvider locale={settings.value.uiLocale}>
      <DataVersionProvider>
        <Shell settings={settings.value} />
      </DataVersionProvider>
    </LocaleProvider>
  );
}

function Shell({ settings }: { settings: AppSettings }) {
  const t = useT();
  const route = useHashRoute('data');
  const section = SECTIONS.find((s) => s.id === route) ?? SECTIONS[0]!;
  useEffect(() => {
    document.title = `${t(section.label)} · ${t('op_title')}`;
    document.documentElement.lang = settings.uiLocale;
  }, [section, settings.uiLocale, t]);
  return (
    <div className="shell">
      <nav className="nav">
        <div className="brand">{t('extName')}</div>
        {SECTIONS.map((s) => (
          <a key={s.id} href={`#/${s.id}`} className={s === section ? 'active' : ''} data-testid={`nav-${s.id}`}>{t(s.label)}</a>
        ))}
      </nav>
      <main className="content">
        <h1>{t(section.label)}</h1>
        {section.render(settings)}
      </main>
    </div>
  );
}
