import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import type { Taxonomy } from '@/lib/concerns';
import type { Coupon } from '@/lib/coupons';
import { db } from '@/lib/db/database';
import { deleteTemplate, saveTemplateEdit, type Stored } from '@/lib/db/playbook-edit';
import type { MessageKey } from '@/lib/i18n';
import { canonicalJson, folderTree } from '@/lib/playbook';
import type { BuyerLanguage } from '@/lib/schemas/common';
import type { AppSettings } from '@/lib/settings/app';
import { BUYER_LANGUAGE_KEYS, TEMPLATE_LOCALES, TemplateKindSchema, type Template } from '@/lib/templates';
import { ago, Field, LockBadge, Tabs, Toggle } from '@/components/common/kit';
import { BodyField } from './BodyField';
import { ConditionsEditor } from './ConditionsEditor';
import { TemplatePreview } from './TemplatePreview';
import { validateTemplate } from './validate';
import { VersionHistory } from './VersionHistory';

export const LANG_KEYS: Readonly<Record<BuyerLanguage, MessageKey>> = BUYER_LANGUAGE_KEYS;

export interface EditorProps {
  saved: Stored<Template> | null;
  initial: Template;
  all: readonly Stored<Template>[];
  taxonomy: Taxonomy;
  settings: AppSettings;
  coupons: readonly Coupon[];
  canEdit: boolean;
  onSaved: (t: Template) => void;
  onDuplicate: (t: Template) => void;
  onDeleted: () => void;
  onDirty: (dirty: boolean) => void;
}

/** One template: fields, variants with live checks, conditions, preview and history. */
export function TemplateEditor({
  saved,
  initial,
  all,
  taxonomy,
  settings,
  coupons,
  canEdit,
  onSaved,
  onDuplicate,
  onDeleted,
  onDirty,
}: EditorProps) {
  const t = useT();
  const locale = useLocale();
  const [draft, setDraft] = useState<Template>(initial);
  const [lang, setLang] = useState<BuyerLanguage>('zh-CN');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [field, setField] = useState<HTMLTextAreaElement | null>(null);
  const locked = saved?.locked === true;
  const editable = canEdit && !locked;
  const dirty = useMemo(() => canonicalJson(draft) !== canonicalJson(saved ?? null), [draft, saved]);
  const check = useMemo(() => validateTemplate(draft, all, locale), [draft, all, locale]);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  // Someone else saved this template (another tab, an import): follow it while nothing is pending here.
  const savedKey = saved ? `${saved.version}:${saved.updatedAt}:${saved.enabled}:${saved.order}` : '';
  useEffect(() => {
    if (saved)
      setDraft((d) =>
        d.id === saved.id && d.version !== saved.version
          ? saved
          : { ...d, order: saved.order, usageCount: saved.usageCount, lastUsedAt: saved.lastUsedAt },
      );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [savedKey]);

  const set = <K extends keyof Template>(key: K, value: Template[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setStatus(null);
  };
  const setBody = (l: BuyerLanguage, body: string) => set('variants', { ...draft.variants, [l]: body });
  const toggleVariant = (l: BuyerLanguage) => {
    const variants = { ...draft.variants };
    if (variants[l] === undefined) variants[l] = '';
    else if (l !== 'zh-CN') delete variants[l];
    set('variants', variants);
    setLang(variants[l] === undefined ? 'zh-CN' : l);
  };

  const save = async () => {
    if (!check.ok || !editable) return;
    try {
      const out = await saveTemplateEdit(db(), draft, settings.agentName, Date.now());
      setDraft(out);
      setStatus({ ok: true, text: t('ws_tpl_saved', { version: out.version }) });
      onSaved(out);
    } catch (e) {
      setStatus({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };
  const remove = async () => {
    if (!saved || !confirm(t('ws_tpl_confirmDelete', { title: saved.title }))) return;
    await deleteTemplate(db(), saved.id, settings.agentName, Date.now());
    onDeleted();
  };
  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') {
      e.preventDefault();
      void save();
    }
  };
  const jump = (start: number, end: number) => {
    field?.focus();
    field?.setSelectionRange(start, Math.max(end, start));
  };
  const folders = folderTree(all);
  const issues = check.bodies[lang] ?? [];

  return (
    <div className="tpl-editor" onKeyDown={onKey}>
      <section className="ws-card" data-testid="template-editor">
        <div className="tpl-title-row">
          <input
            className="tpl-title"
            value={draft.title}
            placeholder={t('ws_tpl_titlePlaceholder')}
            disabled={!editable}
            maxLength={80}
            onChange={(e) => set('title', e.target.value)}
            data-testid="template-title"
            aria-label={t('ws_tpl_title')}
          />
          {locked && <LockBadge />}
          {saved && <span className="ws-badge accent">v{saved.version}</span>}
          {saved && (
            <span className="ws-badge" title={t('ws_tpl_usageHint')} data-testid="template-usage">
              {saved.usageCount
                ? t('ws_tpl_usage', { count: saved.usageCount, last: ago(saved.lastUsedAt, Date.now(), t) })
                : t('ws_tpl_unused')}
            </span>
          )}
          {!saved && <span className="ws-badge warn">{t('ws_tpl_new')}</span>}
        </div>
        {check.fields.title && <p className="ws-error">{check.fields.title}</p>}
        {locked && <p className="locked-note">{t('ws_tpl_lockedNote')}</p>}
        <div className="ws-grid tpl-meta">
          <Field label={t('ws_tpl_folder')} hint={t('ws_tpl_folderHint')}>
            <input
              list="tpl-folders"
              value={draft.folder}
              disabled={!editable}
              maxLength={120}
              onChange={(e) => set('folder', e.target.value.replace(/^\/+|\/+$/g, ''))}
              data-testid="template-folder"
            />
            <datalist id="tpl-folders">
              {folders.map((f) => (
                <option key={f} value={f} />
              ))}
            </datalist>
          </Field>
          <Field
            label={t('ws_tpl_shortcut')}
            hint={
              check.fields.shortcut ? (
                <span className="ws-error">{check.fields.shortcut}</span>
              ) : (
                t('ws_tpl_shortcutHint')
              )
            }
          >
            <input
              value={draft.shortcut ?? ''}
              disabled={!editable}
              placeholder="/cm"
              maxLength={25}
              data-testid="template-shortcut"
              onChange={(e) => set('shortcut', e.target.value.trim() ? e.target.value.trim().toLowerCase() : undefined)}
            />
          </Field>
          <Field label={t('ws_tpl_kind')}>
            <select
              value={draft.kind}
              disabled={!editable}
              onChange={(e) => set('kind', e.target.value as Template['kind'])}
              data-testid="template-kind"
            >
              {TemplateKindSchema.options.map((k) => (
                <option key={k} value={k}>
                  {t(`ws_kind_${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </Field>
          <div className="tpl-flags">
            <Toggle
              checked={draft.enabled}
              disabled={!editable}
              onChange={(v) => set('enabled', v)}
              label={t('ws_tpl_enabled')}
              testId="template-enabled"
            />
            <Toggle
              checked={draft.marketing}
              disabled={!editable}
              onChange={(v) => set('marketing', v)}
              label={t('ws_tpl_marketing')}
            />
          </div>
        </div>

        <div className="variant-bar">
          <Tabs
            label={t('a11y_variantLang')}
            value={lang}
            onChange={setLang}
            testId="variant-tabs"
            tabs={TEMPLATE_LOCALES.filter((l) => draft.variants[l] !== undefined).map(
              (l) =>
                [
                  l,
                  <span key={l}>
                    {t(LANG_KEYS[l])}
                    {check.bodies[l] ? <span className="dot-err" role="img" aria-label={t('a11y_hasErrors')} /> : null}
                  </span>,
                ] as const,
            )}
          />
          {editable &&
            TEMPLATE_LOCALES.filter((l) => l !== 'zh-CN').map((l) => (
              <button
                key={l}
                type="button"
                className="link small"
                onClick={() => toggleVariant(l)}
                data-testid={`variant-toggle-${l}`}
              >
                {draft.variants[l] === undefined
                  ? t('ws_tpl_addVariant', { lang: t(LANG_KEYS[l]) })
                  : t('ws_tpl_removeVariant', { lang: t(LANG_KEYS[l]) })}
              </button>
            ))}
        </div>
        <BodyField
          key={lang}
          value={draft.variants[lang] ?? ''}
          onChange={(v) => setBody(lang, v)}
          disabled={!editable}
          errors={issues}
          testId="template-body"
          placeholder={t('ws_tpl_bodyPlaceholder')}
          fieldRef={setField}
        />
        {issues.length > 0 && (
          <ul className="tpl-issues" data-testid="template-errors">
            {issues.map((i, k) => (
              <li key={k}>
                <button type="button" className="link small" onClick={() => jump(i.start, i.end)}>
                  {t('ws_tpl_at', { line: i.line, column: i.column })}
                </button>{' '}
                {i.message}
              </li>
            ))}
          </ul>
        )}

        <h3 className="ws-sub">{t('ws_tpl_conditions')}</h3>
        <p className="ws-hint">{t('ws_tpl_conditionsHint')}</p>
        <ConditionsEditor
          value={draft.conditions}
          onChange={(c) => set('conditions', c)}
          disabled={!editable}
          taxonomy={taxonomy}
          profile={settings.profile}
        />

        {check.fields.other && <p className="ws-error">{check.fields.other}</p>}
        <div className="ws-actions tpl-actions">
          <button
            type="button"
            className="primary"
            disabled={!editable || !check.ok || (!dirty && !!saved)}
            onClick={() => void save()}
            data-testid="template-save"
          >
            {t('ws_save')}
          </button>
          {dirty && saved && editable && (
            <button type="button" className="secondary" onClick={() => setDraft(saved)}>
              {t('ws_tpl_revert')}
            </button>
          )}
          {status && (
            <span className={status.ok ? 'ws-ok' : 'ws-error'} role="status">
              {status.text}
            </span>
          )}
          <span className="spacer" />
          {saved && canEdit && (
            <button
              type="button"
              className="secondary"
              onClick={() => onDuplicate(saved)}
              data-testid="template-duplicate"
            >
              {t('ws_tpl_duplicate')}
            </button>
          )}
          {saved && editable && (
            <button type="button" className="danger" onClick={() => void remove()} data-testid="template-delete">
              {t('ws_delete')}
            </button>
          )}
        </div>
      </section>
      <div className="tpl-side">
        <TemplatePreview template={draft} settings={settings} coupons={coupons} />
        {saved && (
          <VersionHistory
            templateId={saved.id}
            current={saved.version}
            canRestore={editable}
            editor={settings.agentName}
          />
        )}
      </div>
    </div>
  );
}
