import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '@/components/common/i18n';
import { tabKeyTarget } from '@/lib/keyboard/tabs';
import { Icon } from './Icon';

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
