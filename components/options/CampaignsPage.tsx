import { useState } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { downloadChunks, stamp } from '@/components/common/download';
import { db } from '@/lib/db/database';
import { campaignListsNow, recordCampaignExport } from '@/lib/db/followups';
import { loadReminderRules } from '@/lib/db/playbook';
import { reminderTitle } from '@/lib/db/reminders';
import { campaignCsv, type CampaignList } from '@/lib/reminders/campaigns';
import { localDateAt } from '@/lib/reminders/time';
import type { AppSettings } from '@/lib/settings/app';
import { EditGate } from './team/EditGate';
import { useEditAccess } from './team/lock';

/** Buyers shown per list before "and N more" (the export holds them all). */
const SHOWN = 20;

/**
 * 关怀活动: mass care (stage-end nudges, 100-day, anniversary, birthday) for buyers who are not
 * chatting, as lists the supervisor reviews and exports for the platform's own marketing tools.
 * Exporting records the contact (lib/db/followups.ts), so the dashboard measures the response.
 */
export function CampaignsPage({ settings }: { settings: AppSettings }) {
  const t = useT();
  const access = useEditAccess();
  const data = useLiveQuery(async () => {
    const rules = await loadReminderRules(db());
    const horizon = rules.horizonDays;
    return { horizon, lists: await campaignListsNow(db(), Date.now(), settings.timeZone, horizon) };
  }, [settings.timeZone]);
  const [status, setStatus] = useState<string | null>(null);
  if (data.status !== 'ready') return null;
  const { horizon, lists } = data.value;
  return (
    <div className="ws-page" data-testid="campaigns-page">
      <p className="ws-lead">{t('cp_lead', { days: horizon })}</p>
      <p className="ws-hint">{t('cp_format')}</p>
      <EditGate />
      {status && (
        <p className="ws-ok" role="status" data-testid="campaign-status">
          {status}
        </p>
      )}
      {lists.length === 0 ? (
        <p className="ws-hint">{t('cp_none', { days: horizon })}</p>
      ) : (
        lists.map((list) => (
          <CampaignCard
            key={list.key}
            list={list}
            settings={settings}
            canExport={access.canEdit}
            onExported={(count) => setStatus(t('cp_exported', { count }))}
          />
        ))
      )}
    </div>
  );
}

function CampaignCard({
  list,
  settings,
  canExport,
  onExported,
}: {
  list: CampaignList;
  settings: AppSettings;
  canExport: boolean;
  onExported: (count: number) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const name =
    list.kind === 'stage_end' && list.day !== undefined
      ? t('cp_stageEnd', { day: list.day })
      : reminderTitle(list.reminders[0]!, locale);
  const exportList = async () => {
    const csv = campaignCsv(list, { timeZone: settings.timeZone, careName: name });
    downloadChunks(`huitouke-campaign-${list.key.replace(':', '-')}-${stamp()}.csv`, [csv]);
    await recordCampaignExport(db(), list.reminders, Date.now());
    onExported(list.reminders.length);
  };
  return (
    <section
      className="ws-card"
      data-testid="campaign-list"
      data-campaign={list.key}
      data-count={list.reminders.length}
    >
      <div className="ws-card-head">
        <h2>{t('cp_listTitle', { name, count: list.reminders.length })}</h2>
      </div>
      <table className="ws-table">
        <thead>
          <tr>
            <th>{t('cp_buyer')}</th>
            <th>{t('cp_due')}</th>
          </tr>
        </thead>
        <tbody>
          {list.reminders.slice(0, SHOWN).map((r) => (
            <tr key={r.id} data-testid="campaign-buyer">
              <td>{r.nick || r.buyerId}</td>
              <td>{localDateAt(r.dueAt, settings.timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.reminders.length > SHOWN && (
        <p className="ws-hint">{t('cp_more', { count: list.reminders.length - SHOWN })}</p>
      )}
      <div className="ws-actions">
        <button
          type="button"
          className="primary"
          disabled={!canExport}
          onClick={() => void exportList()}
          data-testid="campaign-export"
        >
          {t('cp_export')}
        </button>
      </div>
    </section>
  );
}
