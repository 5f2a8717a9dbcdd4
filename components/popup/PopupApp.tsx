import { browser } from 'wxt/browser';
import { ErrorBoundary, ErrorPanel } from '@/components/common/ErrorBoundary';
import { LocaleProvider, useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { countBuyers } from '@/lib/db/buyer-store';
import { db } from '@/lib/db/database';
import { loadAppSettings } from '@/lib/db/settings';
import type { AppSettings } from '@/lib/settings/app';
import { ReminderRunNotice } from './ReminderRunNotice';
import { RemindersToday } from './RemindersToday';
import { TabHealth } from './TabHealth';

export function PopupApp() {
  const settings = useLiveQuery(() => loadAppSettings(db()), []);
  if (settings.status === 'loading') return null;
  // The database could not be read: say so (in the default language) instead of an empty popup.
  if (settings.status === 'error')
    return <ErrorPanel name="eb_panel_page" error={settings.error} onRetry={() => location.reload()} />;
  return (
    <LocaleProvider locale={settings.value.uiLocale}>
      <ErrorBoundary name="eb_panel_page">
        <Popup settings={settings.value} />
      </ErrorBoundary>
    </LocaleProvider>
  );
}

function Popup({ settings }: { settings: AppSettings }) {
  const t = useT();
  const counts = useLiveQuery(
    async () => ({ buyers: await countBuyers(db()), concerns: await db().concerns.count() }),
    [],
  );
  return (
    <div className="popup" data-testid="popup">
      <header className="popup-head">
        <span className="brand">{t('extName')}</span>
      </header>
      <ReminderRunNotice />
      <ErrorBoundary name="eb_panel_page">
        <TabHealth />
      </ErrorBoundary>
      <ErrorBoundary name="eb_panel_reminders">
        <RemindersToday settings={settings} />
      </ErrorBoundary>
      <ErrorBoundary name="eb_panel_stats">
        {counts.status === 'ready' && (
          <dl className="popup-stats">
            <div>
              <dt>{t('op_buyers_title')}</dt>
              <dd data-testid="popup-buyers">{counts.value.buyers}</dd>
            </div>
            <div>
              <dt>{t('sb_concerns')}</dt>
              <dd>{counts.value.concerns}</dd>
            </div>
          </dl>
        )}
      </ErrorBoundary>
      <button type="button" className="primary" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('sb_openOptions')}
      </button>
    </div>
  );
}
