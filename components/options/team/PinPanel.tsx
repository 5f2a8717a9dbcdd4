import { useState, type FormEvent } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import { db } from '@/lib/db/database';
import { PIN_MIN_LENGTH, resetPinWithRecovery, setPin, type PinSetResult } from '@/lib/db/supervisor-lock';
import { Field, formatTime, Icon } from '@/components/common/kit';
import { lockNow, markUnlocked, useEditAccess } from './lock';

type Message = { ok: boolean; text: string } | null;

/**
 * Set, change, remove or reset the supervisor PIN, and say plainly what it protects and what not.
 *
 * The first PIN can be set by whoever is at the browser (nothing else tells a supervisor from an
 * agent yet): it is typed twice, the person confirms they are the supervisor, their name and the
 * time are kept and shown beside every lock, and a recovery code is shown once for a forgotten PIN.
 */
export function PinPanel({ agentName }: { agentName: string }) {
  const t = useT();
  const locale = useLocale();
  const access = useEditAccess();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [forgot, setForgot] = useState(false);
  const [busy, setBusy] = useState(false);

  const explain = (r: PinSetResult, code = false): string => {
    if (r.ok) return '';
    switch (r.reason) {
      case 'wrong':
        return t(code ? 'ws_pin_wrongCode' : 'ws_pin_wrong', { left: r.attemptsLeft });
      case 'lockedOut':
        return t('ws_pin_lockedOut', { time: new Date(r.until).toLocaleTimeString() });
      case 'invalid':
        return t('ws_pin_invalid', { min: PIN_MIN_LENGTH });
      case 'alreadySet':
        return t('ws_pin_alreadySet');
      case 'noRecovery':
        return t('ws_pin_noRecovery');
      case 'notSet':
        return '';
    }
  };
  const clear = () => {
    setCurrent('');
    setNext('');
    setAgain('');
  };
  const run = async (e: FormEvent, remove: boolean) => {
    e.preventDefault();
    if (!remove && next !== again) return setMessage({ ok: false, text: t('ws_pin_mismatch') });
    if (!access.pinSet && !confirmed) return setMessage({ ok: false, text: t('ws_pin_needConfirm') });
    setBusy(true);
    const result = await setPin(
      db(),
      { current: access.pinSet ? current : null, next: remove ? null : next, by: agentName },
      Date.now(),
    );
    setBusy(false);
    clear();
    if (!result.ok) return setMessage({ ok: false, text: explain(result) });
    setConfirmed(false);
    setRecoveryCode(result.recoveryCode);
    if (remove) lockNow();
    else markUnlocked();
    setMessage({
      ok: true,
      text: remove ? t('ws_pin_removed') : access.pinSet ? t('ws_pin_changed') : t('ws_pin_set'),
    });
  };
  const reset = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) return setMessage({ ok: false, text: t('ws_pin_mismatch') });
    setBusy(true);
    const result = await resetPinWithRecovery(db(), { code: current, next, by: agentName }, Date.now());
    setBusy(false);
    clear();
    if (!result.ok) return setMessage({ ok: false, text: explain(result, true) });
    setForgot(false);
    setRecoveryCode(result.recoveryCode);
    markUnlocked();
    setMessage({ ok: true, text: t('ws_pin_reset') });
  };

  return (
    <section className="ws-card" data-testid="pin-panel">
      <div className="ws-card-head">
        <Icon name={access.pinSet ? 'lock' : 'unlock'} />
        <h2>{t('ws_pin_title')}</h2>
        <span className={`ws-badge ${access.pinSet ? 'ok' : 'warn'}`} data-testid="pin-state">
          {access.pinSet ? t('ws_pin_isSet') : t('ws_pin_notSet')}
        </span>
      </div>
      {access.pinSet && access.setBy !== null && access.setAt !== null && (
        <p className="ws-card-sub" data-testid="pin-set-by">
          {t('ws_pin_setBy', { name: access.setBy, time: formatTime(access.setAt, locale) })}
        </p>
      )}
      <p className="ws-card-sub">{t('ws_pin_help')}</p>
      <p className="ws-card-sub pin-limits" data-testid="pin-limits">
        {t('ws_pin_limits')}
      </p>
      {recoveryCode && (
        <div className="pin-recovery" role="status" data-testid="pin-recovery">
          <strong>{t('ws_pin_recoveryTitle')}</strong>
          <code data-testid="pin-recovery-code">{recoveryCode}</code>
          <p>{t('ws_pin_recoveryHelp')}</p>
          <button
            type="button"
            className="secondary"
            onClick={() => setRecoveryCode(null)}
            data-testid="pin-recovery-saved"
          >
            {t('ws_pin_recoverySaved')}
          </button>
        </div>
      )}
      {forgot && access.pinSet ? (
        <form className="pin-form" onSubmit={(e) => void reset(e)} data-testid="pin-reset-form">
          <Field label={t('ws_pin_recoveryCode')}>
            <input
              autoComplete="off"
              spellCheck={false}
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
              data-testid="pin-recovery-input"
            />
          </Field>
          <Field label={t('ws_pin_new')} hint={t('ws_pin_rule', { min: PIN_MIN_LENGTH })}>
            <input
              type="password"
              autoComplete="new-password"
              value={next}
              onChange={(e) => setNext(e.target.value)}
              data-testid="pin-new"
            />
          </Field>
          <Field label={t('ws_pin_again')}>
            <input
              type="password"
              autoComplete="new-password"
              value={again}
              onChange={(e) => setAgain(e.target.value)}
              data-testid="pin-again"
            />
          </Field>
          <div className="ws-actions">
            <button type="submit" className="primary" disabled={busy || !current || !next} data-testid="pin-reset">
              {t('ws_pin_resetButton')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setForgot(false);
                clear();
                setMessage(null);
              }}
            >
              {t('ws_cancel')}
            </button>
            {message && (
              <span className={message.ok ? 'ws-ok' : 'ws-error'} role="status" data-testid="pin-message">
                {message.text}
              </span>
            )}
          </div>
          <p className="ws-hint pin-lost">{t('ws_pin_lostAll')}</p>
        </form>
      ) : (
        <form className="pin-form" onSubmit={(e) => void run(e, false)}>
          {access.pinSet && (
            <Field label={t('ws_pin_current')}>
              <input
                type="password"
                autoComplete="current-password"
                value={current}
                onChange={(e) => setCurrent(e.target.value)}
                data-testid="pin-current"
              />
            </Field>
          )}
          <Field
            label={access.pinSet ? t('ws_pin_new') : t('ws_pin_choose')}
            hint={t('ws_pin_rule', { min: PIN_MIN_LENGTH })}
          >
            <input
              type="password"
              autoComplete="new-password"
              value={next}
              onChange={(e) => setNext(e.target.value)}
              data-testid="pin-new"
            />
          </Field>
          <Field label={t('ws_pin_again')}>
            <input
              type="password"
              autoComplete="new-password"
              value={again}
              onChange={(e) => setAgain(e.target.value)}
              data-testid="pin-again"
            />
          </Field>
          {!access.pinSet && (
            <label className="check pin-confirm">
              <input
                type="checkbox"
                checked={confirmed}
                onChange={(e) => setConfirmed(e.target.checked)}
                data-testid="pin-confirm-supervisor"
              />
              {t('ws_pin_confirmSupervisor')}
            </label>
          )}
          <div className="ws-actions">
            <button
              type="submit"
              className="primary"
              disabled={busy || !next || (access.pinSet ? !current : !confirmed)}
              data-testid="pin-save"
            >
              {access.pinSet ? t('ws_pin_changeButton') : t('ws_pin_setButton')}
            </button>
            {access.pinSet && (
              <button
                type="button"
                className="danger"
                disabled={busy || !current}
                onClick={(e) => void run(e, true)}
                data-testid="pin-remove"
              >
                {t('ws_pin_removeButton')}
              </button>
            )}
            {access.pinSet && (
              <button
                type="button"
                className="link"
                onClick={() => {
                  setForgot(true);
                  clear();
                  setMessage(null);
                }}
                data-testid="pin-forgot"
              >
                {t('ws_pin_forgot')}
              </button>
            )}
            {message && (
              <span className={message.ok ? 'ws-ok' : 'ws-error'} role="status" data-testid="pin-message">
                {message.text}
              </span>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
