import { useState } from 'react';
import { useT } from '@/components/common/i18n';
import { db } from '@/lib/db/database';
import { saveAppSettings } from '@/lib/db/settings';
import { AppSettingsSchema, SegmentViewSchema, type AppSettings } from '@/lib/settings/app';
import type { MessageKey } from '@/lib/i18n';

/** Shop-wide settings every agent shares. */
export function SettingsPage({ settings }: { settings: AppSettings }) {
  const t = useT();
  const [draft, setDraft] = useState(settings);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState('');
  const set = <K extends keyof AppSettings>(k: K, v: AppSettings[K]) => {
    setDraft({ ...draft, [k]: v });
    setSaved(false);
  };
  const save = async () => {
    const parsed = AppSettingsSchema.safeParse(draft);
    if (!parsed.success) return setError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    setError('');
    await saveAppSettings(db(), parsed.data);
    setSaved(true);
  };
  return (
    <section className="panel form">
      <label>
        <span>{t('language')}</span>
        <select value={draft.uiLocale} onChange={(e) => set('uiLocale', e.target.value as AppSettings['uiLocale'])} data-testid="settings-locale">
          <option value="zh-CN">简体中文</option>
          <option value="en">English</option>
        </select>
      </label>
      <label><span>{t('op_settings_agent')}</span><input value={draft.agentName} maxLength={40} onChange={(e) => set('agentName', e.target.value)} data-testid="settings-agent" /></label>
      <label><span>{t('op_settings_shop')}</span><input value={draft.shopName} maxLength={60} onChange={(e) => set('shopName', e.target.value)} /></label>
      <label><span>{t('op_settings_tz')}</span><input value={draft.timeZone} maxLength={60} onChange={(e) => set('timeZone', e.target.value)} /></label>
      <label>
        <span>{t('op_settings_segmentView')}</span>
        <select value={draft.segmentView} onChange={(e) => set('segmentView', e.target.value as AppSettings['segmentView'])}>
          {SegmentViewSchema.options.map((v) => <option key={v} value={v}>{t(`op_segmentView_${v}` as MessageKey)}</option>)}
        </select>
      </label>
      <label className="check"><input type="checkbox" checked={draft.autoSaveConcerns} onChange={(e) => set('autoSaveConcerns', e.target.checked)} data-testid="settings-autosave" />{t('op_settings_autoSave')}</label>
      <label className="check"><input type="checkbox" checked={draft.storeContact} onChange={(e) => set('storeContact', e.target.checked)} />{t('op_settings_storeContact')}</label>
      {error && <p className="warn-text" role="alert">{error}</p>}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void save()} data-testid="settings-save">{t('op_settings_save')}</button>
        {saved && <span className="ok-text">{t('op_settings_saved')}</span>}
      </div>
    </section>
  );
}
