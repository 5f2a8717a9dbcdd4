import { useDeferredValue, useMemo, useState } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { BuyerIndexSchema, emptyBuyerIndex } from '@/lib/db/buyer-index';
import { segmentModelFor } from '@/lib/db/buyers';
import { db } from '@/lib/db/database';
import { saveAppSettings, SETTINGS_KEY } from '@/lib/db/settings';
import { deriveBuyerRows } from '@/lib/export/buyer-rows';
import type { MessageKey } from '@/lib/i18n';
import type { ProfileSettings } from '@/lib/metrics/profile';
import { Rfm8IdSchema, StageIdSchema } from '@/lib/schemas/buyer';
import { AppSettingsSchema, SegmentViewSchema, todayIn, type AppSettings, type SegmentView } from '@/lib/settings/app';
import { EditGate } from '../team/EditGate';
import { useEditAccess } from '../team/lock';
import { issuesText, useDraft } from './draft';
import { countRows, ladderProblems, type Counts } from './level-counts';
import { LadderEditor, LayersEditor } from './LadderEditor';
import { Field, NumberInput, Tabs } from '@/components/common/kit';

/** The level ladder, lifecycle stages and segment model, previewed on the shop's own buyers. */
export function LevelsPage({ settings }: { settings: AppSettings }) {
  const t = useT();
  const locale = useLocale();
  const access = useEditAccess();
  const asOf = todayIn(settings.timeZone, Date.now());
  const { draft, setDraft, dirty, reset } = useDraft({ profile: settings.profile, segmentView: settings.segmentView });
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const data = useLiveQuery(async () => {
    const parsed = BuyerIndexSchema.safeParse((await db().settings.get(SETTINGS_KEY.buyerIndex))?.value);
    return { index: parsed.success ? parsed.data : emptyBuyerIndex(), model: await segmentModelFor(db(), asOf) };
  }, [asOf]);
  const deferred = useDeferredValue(draft.profile);
  const problems = ladderProblems(draft.profile);
  const now = useMemo(
    () =>
      data.status === 'ready' && ladderProblems(deferred).length === 0
        ? countRows(deriveBuyerRows(data.value.index, deferred, data.value.model, asOf))
        : null,
    [data, deferred, asOf],
  );
  const before = useMemo(
    () =>
      data.status === 'ready'
        ? countRows(deriveBuyerRows(data.value.index, settings.profile, data.value.model, asOf))
        : null,
    [data, settings.profile, asOf],
  );
  const editable = access.canEdit;
  const setProfile = (p: ProfileSettings) => {
    setDraft({ ...draft, profile: p });
    setStatus(null);
  };
  const save = async () => {
    const parsed = AppSettingsSchema.safeParse({ ...settings, profile: draft.profile, segmentView: draft.segmentView });
    if (!parsed.success) return setStatus({ ok: false, text: issuesText(parsed.error.issues, locale) });
    await saveAppSettings(db(), parsed.data);
    setStatus({ ok: true, text: t('ws_saved') });
  };
  const name = (n: { name: string; nameEn: string }) => (locale === 'en' ? n.nameEn : n.name);
  const s = draft.profile.stages;
  const setStage = (k: keyof typeof s, v: number | undefined) =>
    setProfile({ ...draft.profile, stages: { ...s, [k]: v ?? 0 } });

  return (
    <div className="ws-page">
      <p className="ws-lead">{t('ws_levels_lead')}</p>
      <EditGate />
      <div className="levels-layout">
        <div className="levels-forms">
          <LadderEditor profile={draft.profile} onChange={setProfile} disabled={!editable} />
          <section className="ws-card" data-testid="stages-editor">
            <div className="ws-card-head">
              <h2>{t('ws_stage_title')}</h2>
            </div>
            <p className="ws-card-sub">{t('ws_stage_help')}</p>
            <div className="stage-line">
              <span className="stage-seg active">
                {t('profile_stage_active')}
                <small>0–{s.activeMaxDays}</small>
              </span>
              <NumberInput
                label={t('a11y_stageEnd', { stage: t('profile_stage_active') })}
                value={s.activeMaxDays}
                min={1}
                width={70}
                disabled={!editable}
                onChange={(v) => setStage('activeMaxDays', v)}
                testId="stage-active"
              />
              <span className="stage-seg silent">
                {t('profile_stage_silent')}
                <small>
                  {s.activeMaxDays + 1}–{s.silentMaxDays}
                </small>
              </span>
              <NumberInput
                label={t('a11y_stageEnd', { stage: t('profile_stage_silent') })}
                value={s.silentMaxDays}
                min={2}
                width={70}
                disabled={!editable}
                onChange={(v) => setStage('silentMaxDays', v)}
                testId="stage-silent"
              />
              <span className="stage-seg sleeping">
                {t('profile_stage_sleeping')}
                <small>
                  {s.silentMaxDays + 1}–{s.sleepingMaxDays}
                </small>
              </span>
              <NumberInput
                label={t('a11y_stageEnd', { stage: t('profile_stage_sleeping') })}
                value={s.sleepingMaxDays}
                min={3}
                width={70}
                disabled={!editable}
                onChange={(v) => setStage('sleepingMaxDays', v)}
                testId="stage-sleeping"
              />
              <span className="stage-seg lost">
                {t('profile_stage_lost')}
                <small>&gt;{s.sleepingMaxDays}</small>
              </span>
            </div>
          </section>
          <section className="ws-card">
            <div className="ws-card-head">
              <h2>{t('ws_seg_title')}</h2>
            </div>
            <Field label={t('ws_seg_view')} hint={t('ws_seg_viewHint')}>
              <Tabs
                label={t('a11y_segmentView')}
                value={draft.segmentView}
                onChange={(v: SegmentView) => editable && setDraft({ ...draft, segmentView: v })}
                tabs={SegmentViewSchema.options.map((v) => [v, t(`op_segmentView_${v}` as MessageKey)] as const)}
              />
            </Field>
            <LayersEditor profile={draft.profile} onChange={setProfile} disabled={!editable} />
          </section>
          {problems.length > 0 && (
            <p className="ws-error" role="alert">
              {problems.map((p) => t(`ws_levels_err_${p}`)).join(' ')}
            </p>
          )}
          <div className="ws-actions">
            <button
              type="button"
              className="primary"
              disabled={!editable || !dirty || problems.length > 0}
              onClick={() => void save()}
              data-testid="levels-save"
            >
              {t('ws_save')}
            </button>
            {dirty && (
              <button type="button" className="secondary" onClick={reset}>
                {t('ws_tpl_revert')}
              </button>
            )}
            {status && (
              <span className={status.ok ? 'ws-ok' : 'ws-error'} role="status">
                {status.text}
              </span>
            )}
          </div>
        </div>
        <aside className="ws-card levels-preview" data-testid="levels-preview">
          <div className="ws-card-head">
            <h2>{t('ws_levels_preview')}</h2>
            <span className="ws-badge">{now?.total ?? 0}</span>
          </div>
          {now && now.total === 0 && <p className="ws-hint">{t('ws_levels_noBuyers')}</p>}
          {now && now.total > 0 && (
            <>
              <p className="ws-hint">{t('ws_levels_previewHint', { date: asOf })}</p>
              <Bars
                title={t('ws_cond_levels')}
                counts={now}
                before={before}
                pick={(c) => c.levels}
                items={[
                  ...draft.profile.ladder.levels.map((l) => [l.id, `${l.id} ${name(l)}`] as const),
                  ['-', t('profile_noLevel')] as const,
                ]}
                testId="preview-levels"
              />
              <Bars
                title={t('ws_cond_stages')}
                counts={now}
                before={before}
                pick={(c) => c.stages}
                items={StageIdSchema.options.map((id) => [id, t(`profile_stage_${id}` as MessageKey)] as const)}
                testId="preview-stages"
              />
              {draft.segmentView === 'rfm8' ? (
                <Bars
                  title={t('ws_rule_rfm8')}
                  counts={now}
                  before={before}
                  pick={(c) => c.rfm8}
                  items={Rfm8IdSchema.options.map((id) => [id, t(`profile_rfm8_${id}` as MessageKey)] as const)}
                />
              ) : (
                <Bars
                  title={t('ws_rule_layers')}
                  counts={now}
                  before={before}
                  pick={(c) => c.layers}
                  items={draft.profile.layers.layers.map((l) => [l.id, name(l)] as const)}
                />
              )}
            </>
          )}
        </aside>
      </div>
    </div>
  );
}

function Bars({
  title,
  counts,
  before,
  pick,
  items,
  testId,
}: {
  title: string;
  counts: Counts;
  before: Counts | null;
  pick: (c: Counts) => Map<string, number>;
  items: readonly (readonly [string, string])[];
  testId?: string;
}) {
  const max = Math.max(1, ...items.map(([k]) => pick(counts).get(k) ?? 0));
  return (
    <div className="bars-block" data-testid={testId}>
      <h3 className="ws-sub">{title}</h3>
      <div className="ws-bars">
        {items.map(([k, label]) => {
          const n = pick(counts).get(k) ?? 0;
          const delta = before ? n - (pick(before).get(k) ?? 0) : 0;
          return (
            <div className="ws-bar" key={k} data-key={k} data-count={n}>
              <span className="label" title={label}>
                {label}
              </span>
              <span className="track">
                <span className="fill" style={{ width: `${(n / max) * 100}%` }} />
              </span>
              <span className="num">
                {n.toLocaleString()}
                {delta !== 0 && (
                  <span className={`delta ${delta > 0 ? 'up' : 'down'}`}>
                    {' '}
                    {delta > 0 ? '+' : ''}
                    {delta}
                  </span>
                )}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
