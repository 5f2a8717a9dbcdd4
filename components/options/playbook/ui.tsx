import { currencySymbol } from '@/lib/money/format';
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '@/components/common/i18n';
import { oncePerKey } from '@/lib/dates/once-per-key';
import { tabKeyTarget } from '@/lib/keyboard/tabs';
import type { UiLocale } from '@/lib/schemas/common';
import './workspace.css';

/** Small form pieces the playbook editors share. */

export function Field({
  label,
  hint,
  children,
  wide,
}: {
  label: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <label className={`ws-field${wide ? ' wide' : ''}`}>
      <span className="ws-label">{label}</span>
      {children}
      {hint && <span className="ws-hint">{hint}</span>}
    </label>
  );
}

export function Chips<T extends string>({
  options,
  value,
  onChange,
  disabled,
  testId,
}: {
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
export function NumberInput({
  value,
  onChange,
  min,
  max,
  step,
  disabled,
  optional,
  testId,
  width,
  label,
}: {
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  min?: number;
  max?: number;
  step?: number;
  disabled?: boolean;
  optional?: boolean;
  testId?: string;
  width?: number;
  /** Its name for screen readers when no visible label wraps it (table cells, two inputs in one field). */
  label?: string;
}) {
  return (
    <input
      type="number"
      className="ws-num"
      aria-label={label}
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
export function MoneyInput({
  cents,
  onChange,
  disabled,
  optional,
  testId,
  label,
  currency,
}: {
  cents: number | undefined;
  onChange: (c: number | undefined) => void;
  disabled?: boolean;
  optional?: boolean;
  testId?: string;
  label?: string;
  currency?: string;
}) {
  return (
    <span className="ws-money">
      <span aria-hidden>{currencySymbol(currency ?? 'CNY').trim()}</span>
      <NumberInput
        value={cents === undefined ? undefined : cents / 100}
        step={0.01}
        min={0}
        optional={optional}
        disabled={disabled}
        testId={testId}
        label={label}
        onChange={(v) => onChange(v === undefined ? undefined : Math.round(v * 100))}
      />
    </span>
  );
}

export function Toggle({
  checked,
  onChange,
  label,
  disabled,
  testId,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
  label: ReactNode;
  disabled?: boolean;
  testId?: string;
}) {
  const id = useId();
  return (
    <span className="ws-toggle">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />
      <label htmlFor={id}>{label}</label>
    </span>
  );
}

export function LockBadge({ title }: { title?: string }) {
  const t = useT();
  return (
    <span className="ws-lock" title={title ?? t('ws_locked_hint')} data-testid="locked-badge">
      <Icon name="lock" size={11} /> {t('ws_locked')}
    </span>
  );
}

/**
 * The ARIA tabs pattern: one tab stop (the selected tab), Left/Right/Home/End move and select
 * (lib/keyboard/tabs). `label` names the list for screen readers.
 */
export function Tabs<T extends string>({
  tabs,
  value,
  onChange,
  testId,
  label,
}: {
  tabs: readonly (readonly [T, ReactNode])[];
  value: T;
  onChange: (v: T) => void;
  testId?: string;
  label: string;
}) {
  const list = useRef<HTMLDivElement>(null);
  const selected = Math.max(
    0,
    tabs.findIndex(([v]) => v === value),
  );
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = tabKeyTarget(e.key, selected, tabs.length);
    if (target === null) return;
    e.preventDefault();
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[target]?.focus();
    if (target !== selected) onChange(tabs[target]![0]);
  };
  return (
    <div className="ws-tabs" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown} data-testid={testId}>
      {tabs.map(([v, text], i) => (
        <button
          key={v}
          type="button"
          role="tab"
          aria-selected={v === value}
          tabIndex={i === selected ? 0 : -1}
          className={v === value ? 'on' : ''}
          onClick={() => onChange(v)}
          data-value={v}
        >
          {text}
        </button>
      ))}
    </div>
  );
}

/** A clickable table row is a tab stop too, and opens with Enter or Space. */
export function rowActivation(open: () => void) {
  return {
    tabIndex: 0,
    onClick: open,
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      if (e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ')) return;
      e.preventDefault();
      open();
    },
  };
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="ws-empty">{children}</p>;
}

const timeFormat = oncePerKey(
  (locale: UiLocale) =>
    new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }),
);

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
    <svg
      className="ws-icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
    >
      <path d={ICONS[name]} />
    </svg>
  );
}

/** A file picker drawn as a button, with the chosen file's name beside it. */
export function FilePick({
  label,
  accept,
  onFile,
  disabled,
  testId,
}: {
  label: string;
  accept: string;
  onFile: (f: File | undefined) => void;
  disabled?: boolean;
  testId?: string;
}) {
  const [name, setName] = useState('');
  return (
    <span className="file-pick">
      <label className={`secondary-button${disabled ? ' disabled' : ''}`}>
        <input
          type="file"
          accept={accept}
          disabled={disabled}
          data-testid={testId}
          onChange={(e) => {
            const file = e.target.files?.[0];
            setName(file?.name ?? '');
            onFile(file);
            e.target.value = '';
          }}
        />
        {label}
      </label>
      {name && (
        <span className="file-name" title={name}>
          {name}
        </span>
      )}
    </span>
  );
}
