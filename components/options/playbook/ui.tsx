import { currencySymbol } from '@/lib/money/format';
import { useId, useState, type ReactNode } from 'react';
import { useT } from '@/components/common/i18n';
import { oncePerKey } from '@/lib/dates/once-per-key';
import type { UiLocale } from '@/lib/schemas/common';
import './workspace.css';

/** Small form pieces the playbook editors share. */

export function Field({ label, hint, children, wide }: { label: ReactNode; hint?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <label className={`ws-field${wide ? ' wide' : ''}`}>
      <span className="ws-label">{label}</span>
      {children}
      {hint && <span className="ws-hint">{hint}</span>}
    </label>
  );
}

export function Chips<T extends string>({ options, value, onChange, disabled, testId }: {
  options: readonly (readonly [T, string])[];
  value: readonly T[] | undefined;
  onChange: (next: T[]) => void;
  disabled?: boolean;
  testId?: string;
}) {
  const on = new Set(value ?? []);
  return (
    <div className="ws-chips" role="group" data-testid={testId}>
      {options.map(([v, label]) => (
        <button
          key={v}
          type="button"
          className={`ws-chip${on.has(v) ? ' on' : ''}`}
          aria-pressed={on.has(v)}
          disabled={disabled}
          data-value={v}
          onClick={() => onChange(on.has(v) ? [...on].filter((x) => x !== v) : [...on, v])}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/** An integer input that reports numbers (empty → undefined when `optional`). */
export function NumberInput({ value, onChange, min, max, step, disabled, optional, testId, width }: {
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  min?: number;
  max?: number;
  step?: number;
  disabled?: boolean;
  optional?: boolean;
  testId?: string;
  width?: number;
}) {
  return (
    <input
      type="number"
      className="ws-num"
      style={width ? { width } : undefined}
      value={value ?? ''}
      min={min}
      max={max}
      step={step ?? 1}
      disabled={disabled}
      data-testid={testId}
      onChange={(e) => {
        const raw = e.target.value;
        if (raw === '') return onChange(optional ? undefined : (min ?? 0));
        const n = Number(raw);
        if (Number.isFinite(n)) onChange(n);
      }}
    />
  );
}

/** Units (yuan, ringgit) in the field, cents in the value; `currency` names the symbol shown (default ¥). */
export function MoneyInput({ cents, onChange, disabled, optional, testId, currency }: { cents: number | undefined; onChange: (c: number | undefined) => void; disabled?: boolean; optional?: boolean; testId?: string; currency?: string }) {
  return (
    <span className="ws-money">
      <span aria-hidden>{currencySymbol(currency ?? 'CNY').trim()}</span>
      <NumberInput value={cents === undefined ? undefined : cents / 100} step={0.01} min={0} optional={optional} disabled={disabled} testId={testId}
        onChange={(v) => onChange(v === undefined ? undefined : Math.round(v * 100))} />
    </span>
  );
}

export function Toggle({ checked, onChange, label, disabled, testId }: { checked: boolean; onChange: (v: boolean) => void; label: ReactNode; disabled?: boolean; testId?: string }) {
  const id = useId();
  return (
    <span className="ws-toggle">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      <label htmlFor={id}>{label}</label>
    </span>
  );
}

export function LockBadge({ title }: { title?: string }) {
  const t = useT();
  return <span className="ws-lock" title={title ?? t('ws_locked_hint')} data-testid="locked-badge"><Icon name="lock" size={11} /> {t('ws_locked')}</span>;
}

export function Tabs<T extends string>({ tabs, value, onChange, testId }: { tabs: readonly (readonly [T, ReactNode])[]; value: T; onChange: (v: T) => void; testId?: string }) {
  return (
    <div className="ws-tabs" role="tablist" data-testid={testId}>
      {tabs.map(([v, label]) => (
        <button key={v} type="button" role="tab" aria-selected={v === value} className={v === value ? 'on' : ''} onClick={() => onChange(v)} data-value={v}>
          {label}
        </button>
      ))}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="ws-empty">{children}</p>;
}

const timeFormat = oncePerKey((locale: UiLocale) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }));

export function formatTime(ms: number, locale: UiLocale): string {
  return timeFormat(locale).format(ms);
}

/** "今天", "3 天前", "从未使用" — for usage columns. */
export function ago(ms: number | null, now: number, t: ReturnType<typeof useT>): string {
  if (ms === null) return t('ws_never');
  const days = Math.floor((now - ms) / 86_400_000);
  if (days <= 0) return t('ws_today');
  return t('ws_daysAgo', { days });
}

const ICONS = {
  lock: 'M5 11V8a7 7 0 0 1 14 0v3M4 11h16v10H4z',
  unlock: 'M5 11V8a7 7 0 0 1 13.5-2.5M4 11h16v10H4z',
  folder: 'M3 6h7l2 2h9v11H3z',
  pencil: 'M4 20l4-1L19 8l-3-3L5 16zM14 7l3 3',
  check: 'M5 12l5 5L20 7',
  alert: 'M12 3l10 18H2zM12 10v5M12 18v.5',
} as const;

/** Line icons drawn in SVG: emoji depend on fonts the agent's computer may not have. */
export function Icon({ name, size = 14 }: { name: keyof typeof ICONS; size?: number }) {
  return (
    <svg className="ws-icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d={ICONS[name]} />
    </svg>
  );
}

/** A file picker drawn as a button, with the chosen file's name beside it. */
export function FilePick({ label, accept, onFile, disabled, testId }: { label: string; accept: string; onFile: (f: File | undefined) => void; disabled?: boolean; testId?: string }) {
  const [name, setName] = useState('');
  return (
    <span className="file-pick">
      <label className={`secondary-button${disabled ? ' disabled' : ''}`}>
        <input type="file" accept={accept} disabled={disabled} data-testid={testId}
          onChange={(e) => {
            const file = e.target.files?.[0];
            setName(file?.name ?? '');
            onFile(file);
            e.target.value = '';
          }} />
        {label}
      </label>
      {name && <span className="file-name" title={name}>{name}</span>}
    </span>
  );
}
