import { useLocale, useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { db } from '@/lib/db/database';
import { loadManagedState } from '@/lib/db/playbook-edit';
import type { MessageKey } from '@/lib/i18n';
import { MANAGED_PACK_KEY } from '@/lib/playbook/managed-schema';
import { formatTime, Icon } from '@/components/common/kit';

/** Kept in step with entrypoints/background/managed.ts, which writes it. */
const PROBLEM_KEY = 'managedPlaybookProblem';

/** What the administrator's enterprise policy locked on this browser, and how to set one up. */
export function ManagedPanel() {
  const t = useT();
  const locale = useLocale();
  const state = useLiveQuery(
    async () => ({ managed: await loadManagedState(db()), problem: (await db().settings.get(PROBLEM_KEY))?.value }),
    [],
  );
  if (state.status !== 'ready') return null;
  const { managed, problem } = state.value;
  return (
    <section className="ws-card" data-testid="managed-panel">
      <div className="ws-card-head">
        <Icon name="lock" />
        <h2>{t('ws_managed_title')}</h2>
        <span className={`ws-badge ${managed ? 'accent' : ''}`} data-testid="managed-status">
          {managed ? t('ws_managed_on') : t('ws_managed_off')}
        </span>
      </div>
      {managed ? (
        <>
          <p>
            {t('ws_managed_applied', {
              name: managed.name || t('ws_pack_unnamed'),
              time: formatTime(managed.appliedAt, locale),
            })}
          </p>
          <ul className="managed-list">
            <li>{t('ws_managed_templates', { n: managed.templates.length })}</li>
            <li>{t('ws_managed_coupons', { n: managed.coupons.length, rules: managed.couponRules.length })}</li>
            {managed.lockedSettings.map((k) => (
              <li key={k}>{t(`ws_pack_kind_${k === 'taxonomy' ? 'concern' : k}` as MessageKey)}</li>
            ))}
          </ul>
          <p className="ws-hint">{t('ws_managed_onHelp')}</p>
        </>
      ) : (
        <p className="ws-card-sub">{t('ws_managed_offHelp', { key: MANAGED_PACK_KEY })}</p>
      )}
      {problem !== undefined && (
        <p className="ws-error" role="alert">
          {t('ws_managed_problem')}
        </p>
      )}
    </section>
  );
}
