import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import { describeVariable, parseTemplate, TEMPLATE_VARIABLES } from '@/lib/templates';

export interface Span {
  start: number;
  end: number;
}

interface Suggestion {
  insert: string;
  label: string;
  description: string;
}

/** The `{{partial` being typed just before the caret, if any. */
export function openVariable(text: string, caret: number): { start: number; partial: string } | null {
  const open = text.lastIndexOf('{{', caret);
  if (open < 0 || caret - open > 40) return null;
  const partial = text.slice(open + 2, caret);
  if (/[{}\n]/.test(partial) || !/^[\w.:：\s]*$/.test(partial)) return null;
  return { start: open + 2, partial };
}

/**
 * A template body: a textarea over a mirror that colours variables and underlines errors, and a
 * list of variables that opens after `{{` (arrows to move, Enter or Tab to take, Esc to close).
 */
export function BodyField({
  value,
  onChange,
  disabled,
  errors,
  testId,
  placeholder,
  fieldRef,
}: {
  value: string;
  onChange: (v: string) => void;
  disabled: boolean;
  errors: readonly Span[];
  testId?: string;
  placeholder?: string;
  fieldRef?: (el: HTMLTextAreaElement | null) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const area = useRef<HTMLTextAreaElement | null>(null);
  const menuId = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [closed, setClosed] = useState(false);
  const [focused, setFocused] = useState(false);
  const [pendingCaret, setPendingCaret] = useState<number | null>(null);

  const all = useMemo<Suggestion[]>(
    () => [
      ...TEMPLATE_VARIABLES.map((v) => ({
        insert: v.name,
        label: v.name,
        description: describeVariable(v.name, locale),
      })),
      { insert: 'ask:', label: 'ask:…', description: t('ws_tpl_askHelp') },
      { insert: 'cursor', label: 'cursor', description: t('ws_tpl_cursorHelp') },
    ],
    [locale, t],
  );
  const open = disabled || closed || !focused ? null : openVariable(value, caret);
  const suggestions = open
    ? all.filter((s) => {
        const q = open.partial.trim().toLowerCase();
        return !q || s.insert.toLowerCase().includes(q) || s.description.toLowerCase().includes(q);
      })
    : [];

  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.max(el.scrollHeight + 2, 120)}px`;
    if (pendingCaret !== null) {
      el.focus();
      el.setSelectionRange(pendingCaret, pendingCaret);
      setCaret(pendingCaret);
      setPendingCaret(null);
    }
  }, [value, pendingCaret]);

  const take = (s: Suggestion) => {
    if (!open) return;
    const after = value.slice(caret);
    const closes = after.startsWith('}}');
    const text = value.slice(0, open.start) + s.insert + (closes ? '' : '}}') + after;
    onChange(text);
    // `ask:` wants its label typed next, inside the braces.
    setPendingCaret(open.start + s.insert.length + (s.insert === 'ask:' ? 0 : 2));
    setActive(0);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open || suggestions.length === 0) return;
    if (e.key === 'ArrowDown') setActive((a) => (a + 1) % suggestions.length);
    else if (e.key === 'ArrowUp') setActive((a) => (a - 1 + suggestions.length) % suggestions.length);
    else if (e.key === 'Enter' || e.key === 'Tab') take(suggestions[Math.min(active, suggestions.length - 1)]!);
    else if (e.key === 'Escape') setClosed(true);
    else return;
    e.preventDefault();
  };

  const insertVariable = () => {
    const el = area.current;
    const at = el ? el.selectionStart : value.length;
    onChange(`${value.slice(0, at)}{{${value.slice(at)}`);
    setClosed(false);
    setPendingCaret(at + 2);
  };

  return (
    <div className="body-field">
      <div className="body-wrap">
        <div className="body-mirror" aria-hidden>
          {mirror(value, errors)}
        </div>
        <textarea
          ref={(el) => {
            area.current = el;
            fieldRef?.(el);
          }}
          value={value}
          disabled={disabled}
          spellCheck={false}
          placeholder={placeholder}
          data-testid={testId}
          aria-autocomplete="list"
          /* A textarea cannot be a combobox (no aria-expanded): it points at the open menu and its active option. */
          aria-controls={open && suggestions.length > 0 ? menuId : undefined}
          aria-activedescendant={open && suggestions.length > 0 ? `${menuId}-${active}` : undefined}
          onChange={(e) => {
            onChange(e.target.value);
            setCaret(e.target.selectionStart);
            setClosed(false);
            setActive(0);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => setFocused(false)}
          onFocus={(e) => {
            setFocused(true);
            setCaret(e.currentTarget.selectionStart);
          }}
        />
      </div>
      {open && suggestions.length > 0 && (
        <ul className="var-menu" role="listbox" id={menuId} data-testid="variable-menu">
          {suggestions.map((s, i) => (
            <li
              key={s.insert}
              id={`${menuId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'on' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                take(s);
              }}
            >
              <code>{s.label}</code>
              <span>{s.description}</span>
            </li>
          ))}
        </ul>
      )}
      {!disabled && (
        <button type="button" className="link small insert-var" onClick={insertVariable} data-testid="insert-variable">
          ＋ {t('ws_tpl_insertVariable')}
        </button>
      )}
    </div>
  );
}

/** The body as coloured runs: variables, blanks, the cursor marker and error ranges. */
function mirror(text: string, errors: readonly Span[]): ReactNode[] {
  const parsed = parseTemplate(text);
  const marks: { start: number; end: number; cls: string }[] = [];
  for (const n of parsed.nodes) if (n.type !== 'text') marks.push({ start: n.start, end: n.end, cls: n.type });
  const bounds = new Set<number>([0, text.length]);
  for (const m of [...marks, ...errors]) {
    bounds.add(Math.max(0, Math.min(text.length, m.start)));
    bounds.add(Math.max(0, Math.min(text.length, m.end)));
  }
  const points = [...bounds].sort((a, b) => a - b);
  const out: ReactNode[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const err = errors.some((e) => e.start <= a && b <= Math.max(e.end, e.start + 1));
    const mark = marks.find((m) => m.start <= a && b <= m.end);
    const cls = [mark ? `m-${mark.cls}` : '', err ? 'm-err' : ''].join(' ').trim();
    const piece = text.slice(a, b);
    out.push(
      cls ? (
        <mark key={a} className={cls}>
          {piece}
        </mark>
      ) : (
        piece
      ),
    );
  }
  // A trailing line break needs something after it to take up its line.
  out.push('\u200b');
  return out;
}
