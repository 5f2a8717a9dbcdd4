import { useState, type FormEvent } from 'react';
import { useT } from '@/components/common/i18n';
import { db } from '@/lib/db/database';
import { PIN_MIN_LENGTH, setPin, type PinCheck } from '@/lib/db/supervisor-lock';
import { Field, Icon } from '../playbook/ui';
import { lockNow, markUnlocked, useEditAccess } from './lock';

/** Set, change or remove the supervisor PIN. */
export function PinPanel({ agentName }: { agentName: string }) {
  const t = useT();
  const access = useEditAccess();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const explain = (check: PinCheck): string => {
    if (check.ok) return '';
    switch (check.reason) {
      case 'wrong': return t('ws_pin_wrong', { left: check.attemptsLeft });
      case 'lockedOut': return t('ws_pin_lockedOut', { time: new Date(check.until).toLocaleTimeString() });
      case 'invalid': return t('ws_pin_invalid', { min: PIN_MIN_LENGTH });
      default: return '';
    }
  };
  const run = async (e: FormEvent, remove: boolean) => {
    e.preventDefault();
    if (!remove && next !== again) return setMessage({ ok: false, text: t('ws_pin_mismatch') });
    setBusy(true);
    const check = await setPin(db(), { current: access.pinSet ? current : null, next: remove ? null : next, by: agentName }, Date.now());
    setBusy(false);
    setCurrent('');
    setNext('');
    setAgain('');
    if (!check.ok) return setMessage({ ok: false, text: explain(check) });
    if (remove) lockNow();
    else markUnlocked();
    setMessage({ ok: true, text: remove ? t('ws_pin_removed') : access.pinSet ? t('ws_pin_changed') : t('ws_pin_set') });
  };

  return (
    <section className="ws-card" data-testid="pin-panel">
      <div className="ws-card-head">
        <Icon name={access.pinSet ? 'lock' : 'unlock'} />
        <h2>{t('ws_pin_title')}</h2>
        <span className={`ws-badge ${access.pinSet ? 'ok' : 'warn'}`} data-testid="pin-state">{access.pinSet ? t('ws_pin_isSet') : t('ws_pin_notSet')}</span>
      </div>
      <p className="ws-card-sub">{t('ws_pin_help')}</p>
      <form className="pin-form" onSubmit={(e) => void run(e, false)}>
        {access.pinSet && (
          <Field label={t('ws_pin_current')}>
            <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} data-testid="pin-current" />
          </Field>
        )}
        <Field label={access.pinSet ? t('ws_pin_new') : t('ws_pin_choose')} hint={t('ws_pin_rule', { min: PIN_MIN_LENGTH })}>
          <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} data-testid="pin-new" />
        </Field>
        <Field label={t('ws_pin_again')}>
          <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} data-testid="pin-again" />
        </Field>
        <div className="ws-actions">
          <button type="submit" className="primary" disabled={busy || !next || (access.pinSet && !current)} data-testid="pin-save">
            {access.pinSet ? t('ws_pin_changeButton') : t('ws_pin_setButton')}
          </button>
          {access.pinSet && (
            <button type="button" className="danger" disabled={busy || !current} onClick={(e) => void run(e, true)} data-testid="pin-remove">{t('ws_pin_removeButton')}</button>
          )}
          {message && <span className={message.ok ? 'ws-ok' : 'ws-error'} role="status" data-testid="pin-message">{message.text}</span>}
        </div>
      </form>
    </section>
  );
}
