import type { RefObject } from 'react';
import { useT } from '@/components/common/i18n';

/** The search box over the suggestions (/ opens it): every live template, by words and by meaning. */
export function SuggestionSearch({
  query,
  inputRef,
  onChange,
  onClose,
}: {
  query: string;
  inputRef: RefObject<HTMLInputElement | null>;
  onChange: (query: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <div className="sg-search">
      <input
        ref={inputRef}
        type="text"
        value={query}
        placeholder={t('sg_searchPlaceholder')}
        aria-label={t('sg_searchPlaceholder')}
        data-testid="suggestion-search"
        onChange={(e) => onChange(e.target.value)}
      />
      <button
        type="button"
        className="icon"
        aria-label={t('sg_searchClose')}
        title={t('sg_searchClose')}
        onClick={onClose}
      >
        ×
      </button>
    </div>
  );
}
