import { useState, type KeyboardEvent } from 'react';
import { useT } from '@/components/common/i18n';
import { patternProblem, type Term } from '@/lib/concerns/taxonomy';
import type { MessageKey } from '@/lib/i18n';

const text = (term: Term) => (typeof term === 'string' ? term : term.text);

/**
 * Terms as removable chips plus a box to add more. Chinese terms are separated by spaces, English
 * ones by commas (English phrases contain spaces). Patterns are checked as they are added.
 */
export function TermList({
  terms,
  onChange,
  disabled,
  english,
  pattern,
  testId,
}: {
  terms: readonly Term[];
  onChange: (terms: Term[]) => void;
  disabled: boolean;
  english: boolean;
  pattern?: boolean;
  testId?: string;
}) {
  const t = useT();
  const [input, setInput] = useState('');
  const [error, setError] = useState('');
  const add = () => {
    const parts = (english ? input.split(/[,，]/) : input.split(/\s+/)).map((s) => s.trim()).filter(Boolean);
    if (!parts.length) return;
    for (const p of parts) {
      const problem = p.length > 40 ? 'concern_termTooLong' : pattern ? patternProblem(p) : null;
      if (problem) return setError(t(problem as MessageKey));
    }
    const have = new Set(terms.map(text));
    onChange([...terms, ...parts.filter((p) => !have.has(p))]);
    setInput('');
    setError('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  };
  return (
    <div className="terms" data-testid={testId}>
      <div className="term-chips">
        {terms.map((term, i) => (
          <span key={`${text(term)}-${i}`} className={`term${typeof term === 'string' ? '' : ' weighted'}`}>
            {text(term)}
            {typeof term !== 'string' && <small>×{term.weight}</small>}
            {!disabled && (
              <button
                type="button"
                aria-label={t('ws_delete')}
                onClick={() => onChange(terms.filter((_, k) => k !== i))}
              >
                ×
              </button>
            )}
          </span>
        ))}
        {!disabled && (
          <input
            className="term-input"
            value={input}
            placeholder={english ? t('ws_tax_addEn') : t('ws_tax_addZh')}
            onChange={(e) => {
              setInput(e.target.value);
              setError('');
            }}
            onKeyDown={onKey}
            onBlur={add}
          />
        )}
      </div>
      {error && <span className="ws-error">{error}</span>}
    </div>
  );
}
