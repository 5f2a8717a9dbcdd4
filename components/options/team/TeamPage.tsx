import { useT } from '@/components/common/i18n';
import type { AppSettings } from '@/lib/settings/app';
import { BackupPanel } from './BackupPanel';
import { ManagedPanel } from './ManagedPanel';
import { PackPanel } from './PackPanel';
import { PinPanel } from './PinPanel';
import { ServerPanel } from './ServerPanel';
import './team.css';

/** Working as a team: the supervisor PIN, playbook packs, the administrator's policy and backups. */
export function TeamPage({ settings }: { settings: AppSettings }) {
  const t = useT();
  return (
    <div className="ws-page">
      <p className="ws-lead">{t('ws_team_lead')}</p>
      <ServerPanel agentName={settings.agentName} />
      <div className="team-grid">
        <PinPanel agentName={settings.agentName} />
        <ManagedPanel />
      </div>
      <PackPanel settings={settings} />
      <BackupPanel />
    </div>
  );
}
