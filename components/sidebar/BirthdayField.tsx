import { useState, type FormEvent } from 'react';
import { useT } from '@/components/common/i18n';
import type { MessageKey } from '@/lib/i18n';
import type { Platform } from '@/lib/schemas/common';
import type { HubApi } from './useHub';
import { useViewPart } from './useViewPart';
import './birthday.css';

/** Days each month can have (February: 29, for a leap-day birthday). */
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The buyer's birthday, as the buyer told the agent: month and day, the year optional. Saved on the
 * buyer (every agent sees it); the birthday greeting reminder comes from it.
 */
export function BirthdayField({
  hub,
  buyerId,
  nick,
  platform,
}: {
  hub: HubApi;
  buyerId: string;
  nick: string;
  platform: Platform;
}) {
  const t = useT();
  const saved = useViewPart(hub, buyerId, 'birthday');
  const [editing, setEditing] = useState(false);
  const [month, setMonth] = useState(1);
  const [day, setDay] = useState(1);
  const [year, setYear] = useState('');
  const [error, setError] = useState('');
  const current = saved.status === 'ready' ? saved.value : null;

  const start = () => {
    const [m, d] = current ? current.monthDay.split('-').map(Number) : [1, 1];
    setMonth(m ?? 1);
    setDay(d ?? 1);
    setYear(current?.year ? String(current.year) : '');
    setError('');
    setEditing(true);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const y = year.trim();
    if (y !== '' && !/^\d{4}$/.test(y)) return setError(t('birthday_badYear'));
    const result = await hub.rpc({
      method: 'setBirthday',
      buyerId,
      nick,
      platform,
      birthday: { month, day, year: y === '' ? null : Number(y) },
    });
    if (!result.ok) return setError(t(result.error.code as MessageKey));
    setEditing(false);
  };

  const value = current
    ? current.year
      ? t('birthday_valueYear', {
          year: current.year,
          month: Number(current.monthDay.slice(0, 2)),
          day: Number(current.monthDay.slice(3)),
        })
      : t('birthday_value', { month: Number(current.monthDay.slice(0, 2)), day: Number(current.monthDay.slice(3)) })
    : t('birthday_none');

  return (
    <section className="card birthday" data-testid="buyer-birthday">
      <div className="bd-row">
        <h2>{t('birthday_title')}</h2>
        {!editing && (
          <>
            <span className={current ? 'bd-value' : 'bd-value none'} data-testid="birthday-value">
              {value}
            </span>
            <button type="button" className="link" onClick={start} data-testid="birthday-edit">
              {current ? t('birthday_edit') : t('birthday_add')}
            </button>
            {current && (
              <button
                type="button"
                className="link"
                onClick={() => void hub.rpc({ method: 'clearBirthday', buyerId })}
                data-testid="birthday-remove"
              >
                {t('birthday_remove')}
              </button>
            )}
          </>
        )}
      </div>
      {editing && (
        <form className="bd-form" onSubmit={(e) => void save(e)}>
          <label>
            <select
              value={month}
              aria-label={t('birthday_month')}
              data-testid="birthday-month"
              onChange={(e) => {
                const m = Number(e.target.value);
                setMonth(m);
                setDay(Math.min(day, DAYS[m - 1]!));
                setError('');
              }}
            >
              {DAYS.map((_, i) => (
                <option key={i} value={i + 1}>
                  {i + 1}
                </option>
              ))}
            </select>
            {t('birthday_month')}
          </label>
          <label>
            <select
              value={day}
              aria-label={t('birthday_day')}
              data-testid="birthday-day"
              onChange={(e) => {
                setDay(Number(e.target.value));
                setError('');
              }}
            >
              {Array.from({ length: DAYS[month - 1]! }, (_, i) => (
                <option key={i} value={i + 1}>
                  {i + 1}
                </option>
              ))}
            </select>
            {t('birthday_day')}
          </label>
          <input
            className="bd-year"
            value={year}
            inputMode="numeric"
            maxLength={4}
            placeholder={t('birthday_year')}
            aria-label={t('birthday_year')}
            onChange={(e) => {
              setYear(e.target.value);
              setError('');
            }}
            data-testid="birthday-year"
          />
          <button type="submit" className="small primary" data-testid="birthday-save">
            {t('birthday_save')}
          </button>
          <button type="button" className="link" onClick={() => setEditing(false)}>
            {t('birthday_cancel')}
          </button>
          {error && (
            <p className="bd-error" role="alert" data-testid="birthday-error">
              {error}
            </p>
          )}
          <p className="hint">{t('birthday_hint')}</p>
        </form>
      )}
    </section>
  );
}
