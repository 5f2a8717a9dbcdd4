import { currencySymbol } from '@/lib/money/format';
import { useId, useState, type ReactNode } from 'react';

/** Form pieces of the extension's pages: labelled fields, chips, numbers, money, toggles, a file picker. */

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
