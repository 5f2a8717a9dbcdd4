import { useLocale, useT } from '@/components/common/i18n';
import type { Taxonomy } from '@/lib/concerns';
import type { MessageKey } from '@/lib/i18n';
import type { ProfileSettings } from '@/lib/metrics/profile';
import { Rfm8IdSchema, StageIdSchema } from '@/lib/schemas/buyer';
import { PLATFORMS } from '@/lib/schemas/common';
import type { TemplateConditions } from '@/lib/templates';
import { platformName } from '@/lib/i18n/platforms';
import { Chips, Field, Tabs } from '@/components/common/kit';

/** When a template is suggested: every filled condition must hold; within one, any choice does. */
export function ConditionsEditor({
  value,
  onChange,
  disabled,
  taxonomy,
  profile,
}: {
  value: TemplateConditions;
  onChange: (c: TemplateConditions) => void;
  disabled: boolean;
  taxonomy: Taxonomy;
  profile: ProfileSettings;
}) {
  const t = useT();
  const locale = useLocale();
  const set = <K extends keyof TemplateConditions>(key: K, v: TemplateConditions[K] | undefined) => {
    const next = { ...value };
    if (v === undefined || (Array.isArray(v) && v.length === 0)) delete next[key];
    else next[key] = v;
    onChange(next);
  };
  const name = (n: { name: string; nameEn: string }) => (locale === 'en' ? n.nameEn : n.name);
  const newBuyer = value.newBuyer === undefined ? 'any' : value.newBuyer ? 'new' : 'returning';
  return (
    <div className="conditions" data-testid="template-conditions">
      <Field label={t('ws_cond_concerns')}>
        <Chips
          testId="cond-concerns"
          disabled={disabled}
          value={value.concerns}
          options={taxonomy.concerns.map((c) => [c.id, locale === 'en' ? c.names.en : c.names['zh-CN']] as const)}
          onChange={(v) => set('concerns', v)}
        />
      </Field>
      <Field label={t('ws_cond_stages')}>
        <Chips
          testId="cond-stages"
          disabled={disabled}
          value={value.stages}
          options={StageIdSchema.options.map((s) => [s, t(`profile_stage_${s}` as MessageKey)] as const)}
          onChange={(v) => set('stages', v)}
        />
      </Field>
      <Field label={t('ws_cond_levels')}>
        <Chips
          testId="cond-levels"
          disabled={disabled}
          value={value.levels}
          options={profile.ladder.levels.map((l) => [l.id, `${l.id} ${name(l)}`] as const)}
          onChange={(v) => set('levels', v)}
        />
      </Field>
      <Field label={t('ws_cond_segments')}>
        <Chips
          testId="cond-segments"
          disabled={disabled}
          value={value.segments}
          options={[
            ...profile.layers.layers.map((l) => [l.id, name(l)] as const),
            ...Rfm8IdSchema.options.map((id) => [id, t(`profile_rfm8_${id}` as MessageKey)] as const),
          ]}
          onChange={(v) => set('segments', v)}
        />
      </Field>
      <Field label={t('ws_cond_platforms')}>
        <Chips
          testId="cond-platforms"
          disabled={disabled}
          value={value.platforms}
          options={PLATFORMS.map((p) => [p, platformName(p, locale)] as const)}
          onChange={(v) => set('platforms', v)}
        />
      </Field>
      <Field label={t('ws_cond_newBuyer')}>
        {disabled ? (
          <span className="ws-badge">{t(`ws_cond_newBuyer_${newBuyer}`)}</span>
        ) : (
          <Tabs
            label={t('a11y_newBuyer')}
            value={newBuyer}
            onChange={(v) => set('newBuyer', v === 'any' ? undefined : v === 'new')}
            tabs={(['any', 'new', 'returning'] as const).map((v) => [v, t(`ws_cond_newBuyer_${v}`)] as const)}
          />
        )}
      </Field>
    </div>
  );
}
