import { browser } from 'wxt/browser';
import { LocaleProvider, useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { countBuyers } from '@/lib/db/buyer-store';
import { db } from '@/lib/db/database';
import { loadAppSettings } from '@/lib/db/settings';
import { RemindersToday } from './RemindersToday';

export function PopupApp() {
  const settings = useLiveQuery(() => loadAppSettings(db()), []);
  if (settings.status !== 'ready') return null;
  return (
    <LocaleProvider locale={settings.value.uiLocale}>
      <Popup timeZone={settings.value.timeZone} />
    </LocaleProvider>
  );
}

function Popup({ timeZone }: { timeZone: string }) {
  const t = useT();
  const counts = useLiveQuery(async () => ({ buyers: await countBuyers(db()), concerns: await db().concerns.count() }), []);
  return (
    <div className="popup" data-testid="popup">
      <header className="popup-head">
        <span className="brand">{t('extName')}</span>
      </header>
      <RemindersToday timeZone={timeZone} />
      {counts.status === 'ready' && (
        <dl className="popup-stats">
          <div><dt>{t('op_buyers_title')}</dt><dd data-testid="popup-buyers">{counts.value.buyers}</dd></div>
          <div><dt>{t('sb_concerns')}</dt><dd>{counts.value.concerns}</dd></div>
        </dl>
      )}
      <button type="button" className="primary" onClick={() => void browser.runtime.openOptionsPage()}>{t('sb_openOptions')}</button>
    </div>
  );
}
