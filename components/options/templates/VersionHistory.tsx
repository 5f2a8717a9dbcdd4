import { useState } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { db } from '@/lib/db/database';
import { restoreTemplateVersion, templateHistory, type VersionRow } from '@/lib/db/playbook-edit';
import { catalog, type MessageKey } from '@/lib/i18n';
import { BUILTIN_AUTHOR } from '@/lib/templates';
import { formatTime } from '@/components/common/kit';

/** `variants.en` → its catalogue label, when there is one. */
export function fieldLabel(field: string, t: (k: MessageKey) => string): string {
  const key = `ws_field_${field.replace(/[.-]/g, '_')}`;
  return key in catalog ? t(key as MessageKey) : field;
}

function noteLabel(note: string | undefined, t: ReturnType<typeof useT>): string | null {
  if (!note) return null;
  if (note.startsWith('restore:')) return t('ws_hist_restored', { version: note.slice(8) });
  if (note === 'import' || note === 'managed' || note === 'created') return t(`ws_hist_${note}`);
  return note;
}

/** Every saved version of a template: who made it, when, what it changed; restore any of them. */
export function VersionHistory({
  templateId,
  current,
  canRestore,
  editor,
}: {
  templateId: string;
  current: number;
  canRestore: boolean;
  editor: string;
}) {
  const t = useT();
  const locale = useLocale();
  const rows = useLiveQuery(() => templateHistory(db(), templateId), [templateId]);
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState('');
  const list: VersionRow[] = rows.status === 'ready' ? rows.value : [];

  const restore = async (version: number) => {
    setError('');
    try {
      await restoreTemplateVersion(db(), templateId, version, editor, Date.now());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="ws-card history" data-testid="template-history">
      <div className="ws-card-head">
        <h2>{t('ws_hist_title')}</h2>
      </div>
      {list.length === 0 && <p className="ws-hint">{t('ws_hist_none')}</p>}
      <ol className="hist-list">
        {list.map((row) => {
          const note = noteLabel(row.note, t);
          return (
            <li
              key={row.id}
              className={row.version === current ? 'current' : ''}
              data-testid="history-row"
              data-version={row.version}
            >
              <div className="hist-head">
                <span className="ws-badge accent">v{row.version}</span>
                <strong>{row.editedBy === BUILTIN_AUTHOR ? t('ws_hist_builtin') : row.editedBy}</strong>
                <span className="muted">{row.editedAt ? formatTime(row.editedAt, locale) : ''}</span>
                {note && <span className="ws-badge">{note}</span>}
                {row.version === current && <span className="ws-badge ok">{t('ws_hist_current')}</span>}
              </div>
              {row.changed && row.changed.length > 0 && (
                <div className="hist-changed">
                  {t('ws_hist_changed', { fields: row.changed.map((f) => fieldLabel(f, t)).join('、') })}
                </div>
              )}
              <div className="hist-actions">
                <button
                  type="button"
                  className="link small"
                  onClick={() => setOpen(open === row.version ? null : row.version)}
                >
                  {open === row.version ? t('ws_hist_hide') : t('ws_hist_show')}
                </button>
                {canRestore && row.version !== current && (
                  <button
                    type="button"
                    className="link small"
                    onClick={() => void restore(row.version)}
                    data-testid="history-restore"
                  >
                    {t('ws_hist_restore')}
                  </button>
                )}
              </div>
              {open === row.version && (
                <div className="hist-body">
                  <div className="hist-title">{row.template.title}</div>
                  <pre>{row.template.variants['zh-CN']}</pre>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {error && (
        <p className="ws-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
