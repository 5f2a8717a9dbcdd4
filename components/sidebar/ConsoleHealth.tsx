import { useLocale, useT } from '@/components/common/i18n';
import { describeMissing, partNames } from '@/lib/consoles/health';
import type { ConsoleState } from '@/lib/schemas/messages';
import type { HubApi } from './useHub';

/**
 * The console's health as the agent reads it (issue 20): which parts of the page stopped matching,
 * by the names people use (买家昵称、消息、输入框), since when, and the picker to point them out
 * again; on a built-in console repaired by pointing, which parts were, and "恢复内置".
 * Selector keys never reach the screen.
 */
export function NotRecognised({
  hub,
  state,
}: {
  hub: HubApi;
  state: Extract<ConsoleState, { status: 'not_recognised' }>;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="status warn" data-testid="sidebar-status" role="alert">
      <p>{t('sb_notRecognised', { console: state.consoleName })}</p>
      {state.missing.length > 0 && (
        <p className="missing" data-testid="health-missing">
          {describeMissing(state.missing, locale, state.since, Date.now())}
        </p>
      )}
      <p className="actions">
        <button
          type="button"
          className="primary"
          data-testid="health-repoint"
          onClick={() => hub.send({ type: 'teach', mode: 'repair', locale })}
        >
          {t('health_repoint')}
        </button>{' '}
        <button
          type="button"
          className="link"
          data-testid="health-teach"
          onClick={() => hub.send({ type: 'teach', mode: 'new', locale })}
        >
          {t('health_teach')}
        </button>
      </p>
      <p className="hint">{t('health_notThisConsole', { console: state.consoleName })}</p>
      <Repaired hub={hub} state={state} />
    </div>
  );
}

/** A conversation that reads, with a part missing (the input box): said, with the picker to fix it. */
export function Degraded({ hub, state }: { hub: HubApi; state: Extract<ConsoleState, { status: 'ok' }> }) {
  const t = useT();
  const locale = useLocale();
  if (!state.degraded?.length) return null;
  return (
    <div className="status warn" data-testid="health-degraded" role="status">
      {describeMissing(state.degraded, locale, state.since, Date.now())}{' '}
      <button
        type="button"
        className="link"
        data-testid="health-repoint"
        onClick={() => hub.send({ type: 'teach', mode: 'repair', locale })}
      >
        {t('health_repoint')}
      </button>
    </div>
  );
}

export function Repaired({ hub, state }: { hub: HubApi; state: ConsoleState }) {
  const t = useT();
  const locale = useLocale();
  if (!state.repaired?.length) return null;
  const keys = state.repaired.map((p) => (p === 'messages' ? 'messageRow' : p));
  return (
    <p className="repaired" data-testid="health-repaired">
      {t('health_repaired', { parts: partNames(keys, locale) })}{' '}
      <button
        type="button"
        className="link"
        data-testid="health-restore"
        onClick={() => hub.send({ type: 'restoreBuiltIn' })}
      >
        {t('health_restore')}
      </button>
    </p>
  );
}
