import { useMemo, useState } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import { db } from '@/lib/db/database';
import { saveAppSettings } from '@/lib/db/settings';
import type { MessageKey } from '@/lib/i18n';
import { describeIssues } from '@/lib/i18n/zod-issues';
import {
  AppSettingsSchema,
  DEFAULT_APP_SETTINGS,
  SegmentViewSchema,
  type AppSettings,
  type SettingFallback,
} from '@/lib/settings/app';
import { timeZoneGroups } from '@/lib/settings/time-zones';
import { MoneyFields } from './MoneySettings';
import { EditGate } from './team/EditGate';
import { useEditAccess } from './team/lock';

type SetField = <K extends keyof AppSettings>(k: K, v: AppSettings[K]) => void;
interface FieldProps {
  draft: AppSettings;
  set: SetField;
}

/**
 * Shop-wide settings every agent shares. Changing them needs the supervisor PIN when one is set
 * (they decide, among others, whether buyers' phones and addresses are kept). Each setting is its
 * own small component below, so a new one is one line here and one component.
 */
export function SettingsPage({
  settings,
  fallbacks = [],
}: {
  settings: AppSettings;
  fallbacks?: readonly SettingFallback[];
}) {
  const t = useT();
  const locale = useLocale();
  const access = useEditAccess();
  const [draft, setDraft] = useState(settings);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState('');
  const set: SetField = (k, v) => {
    setDraft({ ...draft, [k]: v });
    setSaved(false);
  };
  const save = async () => {
    if (!access.canEdit) return;
    const parsed = AppSettingsSchema.safeParse(draft);
    if (!parsed.success) return setError(describeIssues(parsed.error.issues, locale));
    setError('');
    await saveAppSettings(db(), parsed.data);
    setSaved(true);
  };
  return (
    <section className="panel form">
      <EditGate scope="settings" />
      <StoredFallbacks fallbacks={fallbacks} />
      <fieldset className="settings-fields" disabled={!access.canEdit} data-testid="settings-fields">
        <LanguageField draft={draft} set={set} />
        <NameFields draft={draft} set={set} />
        <TimeZoneField draft={draft} set={set} />
        <SegmentViewField draft={draft} set={set} />
        <AutoSaveField draft={draft} set={set} />
        <StoreContactField draft={draft} set={set} />
        <MoneyFields draft={draft} set={set} />
      </fieldset>
      {error && (
        <p className="warn-text" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={!access.canEdit}
          onClick={() => void save()}
          data-testid="settings-save"
        >
          {t('op_settings_save')}
        </button>
        {saved && <span className="ok-text">{t('op_settings_saved')}</span>}
      </div>
    </section>
  );
}

/** What was stored wrong and is read as its default until the supervisor saves. */
function StoredFallbacks({ fallbacks }: { fallbacks: readonly SettingFallback[] }) {
  const t = useT();
  if (fallbacks.length === 0) return null;
  return (
    <div className="notice-warn" role="alert" data-testid="settings-fallback">
      {fallbacks.map((f) => (
        <p key={f.field}>
          {f.field === 'timeZone'
            ? t('op_settings_fallbackZone', { stored: f.stored, fallback: DEFAULT_APP_SETTINGS.timeZone })
            : f.field
              ? t('op_settings_fallbackField', { field: f.field, stored: f.stored })
              : t('op_settings_fallbackAll')}
        </p>
      ))}
    </div>
  );
}

function LanguageField({ draft, set }: FieldProps) {
  const t = useT();
  return (
    <label>
      <span>{t('language')}</span>
      <select
        value={draft.uiLocale}
        onChange={(e) => set('uiLocale', e.target.value as AppSettings['uiLocale'])}
        data-testid="settings-locale"
      >
        <option value="zh-CN">简体中文</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}

function NameFields({ draft, set }: FieldProps) {
  const t = useT();
  return (
    <>
      <label>
        <span>{t('op_settings_agent')}</span>
        <input
          value={draft.agentName}
          maxLength={40}
          onChange={(e) => set('agentName', e.target.value)}
          data-testid="settings-agent"
        />
      </label>
      <label>
        <span>{t('op_settings_shop')}</span>
        <input
          value={draft.shopName}
          maxLength={60}
          onChange={(e) => set('shopName', e.target.value)}
          data-testid="settings-shop"
        />
      </label>
      <label>
        <span>{t('fu_perDay')}</span>
        <input
          type="number"
          min={1}
          max={500}
          value={draft.followupsPerDay}
          onChange={(e) => {
            const n = Math.round(Number(e.target.value));
            if (Number.isFinite(n) && n >= 1 && n <= 500) set('followupsPerDay', n);
          }}
          data-testid="settings-followups-per-day"
        />
        <small className="muted">{t('fu_perDayHint')}</small>
      </label>
    </>
  );
}

/** A pick from the zones this browser knows (common shop zones first): no typo can be saved. */
function TimeZoneField({ draft, set }: FieldProps) {
  const t = useT();
  const locale = useLocale();
  const groups = useMemo(() => timeZoneGroups(locale, Date.now(), draft.timeZone), [locale, draft.timeZone]);
  return (
    <label>
      <span>{t('op_settings_tz')}</span>
      <select value={draft.timeZone} onChange={(e) => set('timeZone', e.target.value)} data-testid="settings-timezone">
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.zones.map((z) => (
              <option key={z.id} value={z.id}>
                {z.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <small className="muted">{t('op_settings_tzHint')}</small>
    </label>
  );
}

function SegmentViewField({ draft, set }: FieldProps) {
  const t = useT();
  return (
    <label>
      <span>{t('op_settings_segmentView')}</span>
      <select
        value={draft.segmentView}
        onChange={(e) => set('segmentView', e.target.value as AppSettings['segmentView'])}
      >
        {SegmentViewSchema.options.map((v) => (
          <option key={v} value={v}>
            {t(`op_segmentView_${v}` as MessageKey)}
          </option>
        ))}
      </select>
    </label>
  );
}

function AutoSaveField({ draft, set }: FieldProps) {
  const t = useT();
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={draft.autoSaveConcerns}
        onChange={(e) => set('autoSaveConcerns', e.target.checked)}
        data-testid="settings-autosave"
      />
      {t('op_settings_autoSave')}
    </label>
  );
}

function StoreContactField({ draft, set }: FieldProps) {
  const t = useT();
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={draft.storeContact}
        onChange={(e) => set('storeContact', e.target.checked)}
        data-testid="settings-store-contact"
      />
      {t('op_settings_storeContact')}
    </label>
  );
}
