import { useT } from '@/components/common/i18n';
import { useTeam } from '@/components/common/useTeam';

/** On supervisor views: when connected to a shop server, that they hold every agent's synced records, and how current they are. */
export function TeamFreshness() {
  const t = useT();
  const { connection, status } = useTeam();
  if (!connection) return null;
  const last = status?.lastSyncAt ?? null;
  return (
    <p className="ws-hint" data-testid="team-freshness" data-last-sync={last ?? ''}>
      {last ? t('team_fresh', { time: new Date(last).toLocaleString() }) : t('team_fresh_never')}
    </p>
  );
}
