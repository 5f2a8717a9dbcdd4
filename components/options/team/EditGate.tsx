import { useState, type FormEvent } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import type { MessageKey } from '@/lib/i18n';
import { formatTime, Icon } from '@/components/common/kit';
import { lockNow, unlockWithPin, UNLOCK_MINUTES, useEditAccess } from './lock';

/** What a gate stands in front of: its words say what the PIN is asked for. */
export type GateScope = 'playbook' | 'settings' | 'consoles' | 'export';

const LOCKED: Record<GateScope, MessageKey> = {
  playbook: 'ws_gate_locked',
  settings: 'ws_gate_lockedSettings',
  consoles: 'ws_gate_lockedConsoles',
  export: 'ws_gate_lockedExport',
};
const OPEN: Record<GateScope, MessageKey | null> = {
  playbook: 'ws_gate_noPin',
  settings: 'ws_gate_noPinSettings',
  consoles: 'ws_gate_noPinConsoles',
  export: null,
};

/**
 * The strip above what the supervisor PIN protects: open (no PIN set), locked (with the PIN form)
 * or unlocked. `quiet` shows nothing unless it is locked (beside an export button, say).
 */
export function EditGate({ scope = 'playbook', quiet = false }: { scope?: GateScope; quiet?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const access = useEditAccess();
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  if (access.loading) return null;

  if (access.teamAgent) {
    return (
      <div className="gate gate-locked" data-testid="edit-gate" data-state="team">
        <Icon name="lock" />
        <span>{t('team_gate_agent')}</span>
      </div>
    );
  }

  if (!access.pinSet) {
    const text = OPEN[scope];
    if (quiet || !text) return null;
    return (
      <div className="gate gate-open" data-testid="edit-gate" data-state="open" data-scope={scope}>
        <Icon name="unlock" />
        <span>{t(text)}</span>
        <a href="#/team" className="gate-link">
          {t('ws_gate_setPin')}
        </a>
      </div>
    );
  }
  if (access.unlocked) {
    if (quiet) return null;
    return (
      <div className="gate gate-unlocked" data-testid="edit-gate" data-state="unlocked" data-scope={scope}>
        <Icon name="pencil" />
        <span>{t('ws_gate_unlocked', { minutes: UNLOCK_MINUTES })}</span>
        <button type="button" className="link" onClick={lockNow}>
          {t('ws_gate_lockNow')}
        </button>
      </div>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const check = await unlockWithPin(pin);
    setBusy(false);
    setPin('');
    if (check.ok) setMessage('');
    else if (check.reason === 'wrong') setMessage(t('ws_pin_wrong', { left: check.attemptsLeft }));
    else if (check.reason === 'lockedOut')
      setMessage(t('ws_pin_lockedOut', { time: new Date(check.until).toLocaleTimeString() }));
  };
  const lockedOut = access.lockedUntil !== null;
  return (
    <form
      className="gate gate-locked"
      data-testid="edit-gate"
      data-state="locked"
      data-scope={scope}
      onSubmit={(e) => void submit(e)}
    >
      <Icon name="lock" />
      <span>
        {lockedOut
          ? t('ws_pin_lockedOut', { time: new Date(access.lockedUntil!).toLocaleTimeString() })
          : t(LOCKED[scope])}
      </span>
      {!lockedOut && (
        <>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            placeholder={t('ws_pin_placeholder')}
            aria-label={t('ws_pin_placeholder')}
            data-testid="unlock-pin"
          />
          <button type="submit" className="primary" disabled={busy || !pin} data-testid="unlock-submit">
            {t('ws_gate_unlock')}
          </button>
        </>
      )}
      {access.setBy !== null && access.setAt !== null && (
        <span className="gate-by" data-testid="gate-set-by">
          {t('ws_pin_setBy', { name: access.setBy, time: formatTime(access.setAt, locale) })}
        </span>
      )}
      {message && (
        <span className="warn-text" role="alert">
          {message}
        </span>
      )}
    </form>
  );
}
