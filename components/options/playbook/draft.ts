import { useEffect, useMemo, useState } from 'react';
import { canonicalJson } from '@/lib/playbook';
import { describeIssues } from '@/lib/i18n/zod-issues';
import type { UiLocale } from '@/lib/schemas/common';

/**
 * A form's working copy of a stored value: follows the stored value while nothing is pending
 * (a save, another tab, the administrator's policy), and says whether it differs from it.
 */
export function useDraft<T>(saved: T): { draft: T; setDraft: (v: T) => void; dirty: boolean; reset: () => void } {
  const [draft, setDraft] = useState<T>(saved);
  const savedJson = useMemo(() => canonicalJson(saved), [saved]);
  const draftJson = useMemo(() => canonicalJson(draft), [draft]);
  const dirty = savedJson !== draftJson;
  const [base, setBase] = useState(savedJson);
  useEffect(() => {
    if (savedJson === base) return;
    setBase(savedJson);
    setDraft(saved);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [savedJson]);
  return { draft, setDraft, dirty, reset: () => setDraft(saved) };
}

/** zod issues as one line for a form's error text, in the UI language, fields named in words. */
export function issuesText(issues: readonly object[], locale: UiLocale): string {
  return describeIssues(issues, locale);
}
