import { useState, type ReactNode } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import { db } from '@/lib/db/database';
import {
  checkSettingDraft,
  PlaybookLockedError,
  saveSettingEdit,
  type LockableSetting,
  type SettingValue,
} from '@/lib/db/playbook-edit';
import { describeIssues } from '@/lib/i18n/zod-issues';
import { useDraft } from './draft';

export type SaveStatus = { ok: boolean; text: string } | null;

/**
 * The working copy of one playbook setting (taxonomy, reminder rules, contact policy, send check) on a
 * settings page: `change` edits it and clears the last save's word, `save` checks it as the store
 * will and writes it, saying in the page's language what was wrong, that it was saved, or that the
 * administrator's policy refused it (nothing is lost: the draft stays until reverted).
 */
export function useSettingForm<K extends LockableSetting>(
  key: K,
  saved: SettingValue<K>,
  /** The words for a draft that does not check, around zod's issues (default: the issues alone). */
  invalid?: (issues: string) => string,
) {
  const t = useT();
  const locale = useLocale();
  const { draft, setDraft, dirty, reset } = useDraft(saved);
  const [status, setStatus] = useState<SaveStatus>(null);
  const change = (next: SettingValue<K>) => {
    setDraft(next);
    setStatus(null);
  };
  const save = async () => {
    const checked = checkSettingDraft(key, draft);
    if (!checked.ok) {
      const issues = describeIssues(checked.issues, locale);
      return setStatus({ ok: false, text: invalid ? invalid(issues) : issues });
    }
    try {
      await saveSettingEdit(db(), key, checked.value, Date.now());
      setStatus({ ok: true, text: t('ws_saved') });
    } catch (e) {
      const text =
        e instanceof PlaybookLockedError ? t('ws_savedLocked') : t('sg_actionFailed', { message: String(e) });
      setStatus({ ok: false, text });
    }
  };
  return { draft, change, dirty, reset, save, status, setStatus };
}

/** Save, revert (while the draft differs), any page-specific buttons, and the last save's word. */
export function SaveBar({
  editable,
  dirty,
  onSave,
  onRevert,
  status,
  saveTestId,
  statusTestId,
  children,
}: {
  editable: boolean;
  dirty: boolean;
  onSave: () => void | Promise<void>;
  onRevert: () => void;
  status: SaveStatus;
  saveTestId: string;
  statusTestId?: string;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <div className="ws-actions tpl-actions">
      <button
        type="button"
        className="primary"
        disabled={!editable || !dirty}
        onClick={() => void onSave()}
        data-testid={saveTestId}
      >
        {t('ws_save')}
      </button>
      {dirty && editable && (
        <button type="button" className="secondary" onClick={onRevert}>
          {t('ws_tpl_revert')}
        </button>
      )}
      {children}
      {status && (
        <span className={status.ok ? 'ws-ok' : 'ws-error'} role="status" data-testid={statusTestId}>
          {status.text}
        </span>
      )}
    </div>
  );
}
