import { useState, type FormEvent } from 'react';
import { useT } from '@/components/common/i18n';
import { Icon } from '../playbook/ui';
import { lockNow, unlockWithPin, UNLOCK_MINUTES, useEditAccess } from './lock';

/** The strip above every playbook editor: open, locked (with the PIN form) or unlocked. */
export function EditGate() {
  const t = useT();
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
    return (
      <div className="gate gate-open" data-testid="edit-gate" data-state="open">
        <Icon name="unlock" />
        <span>{t('ws_gate_noPin')}</span>
        <a href="#/team" className="gate-link">{t('ws_gate_setPin')}</a>
      </div>
    );
  }
  if (access.unlocked) {
    return (
      <div className="gate gate-unlocked" data-testid="edit-gate" data-state="unlocked">
        <Icon name="pencil" />
        <span>{t('ws_gate_unlocked', { minutes: UNLOCK_MINUTES })}</span>
        <button type="button" className="link" onClick={lockNow}>{t('ws_gate_lockNow')}</button>
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
    else if (check.reason === 'lockedOut') setMessage(t('ws_pin_lockedOut', { time: new Date(check.until).toLocaleTimeString() }));
  };
  const lockedOut = access.lockedUntil !== null;
  return (
    <form className="gate gate-locked" data-testid="edit-gate" data-state="locked" onSubmit={(e) => void submit(e)}>
      <Icon name="lock" />
      <span>{lockedOut ? t('ws_pin_lockedOut', { time: new Date(access.lockedUntil!).toLocaleTimeString() }) : t('ws_gate_locked')}</span>
      {!lockedOut && (
        <>
          <input type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} placeholder={t('ws_pin_placeholder')} aria-label={t('ws_pin_placeholder')} data-testid="unlock-pin" />
          <button type="submit" className="primary" disabled={busy || !pin} data-testid="unlock-submit">{t('ws_gate_unlock')}</button>
        </>
      )}
      {message && <span className="warn-text" role="alert">{message}</span>}
    </form>
  );
}
