import { useState } from 'react';
import { TeamFreshness } from '../team/TeamFreshness';
import { downloadChunks, stamp } from '@/components/common/download';
import { useLocale, useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { platformName } from '@/lib/i18n/platforms';
import type { Taxonomy } from '@/lib/concerns';
import { db } from '@/lib/db/database';
import { loadCategorizer } from '@/lib/db/product-categories';
import type { ConcernFilter } from '@/lib/export/concerns';
import type { MessageKey } from '@/lib/i18n';
import { StageIdSchema } from '@/lib/schemas/buyer';
import { PLATFORMS, type Platform } from '@/lib/schemas/common';
import type { AppSettings } from '@/lib/settings/app';
import { Chips, Field } from '@/components/common/kit';
import { EditGate } from '../team/EditGate';
import { useEditAccess } from '../team/lock';
import { matchingRecords, runConcernExport } from './export-run';

/** Tagged concerns to CSV (Excel-safe) or JSON, filtered, with progress for large exports. */
export function ConcernExport({ settings, taxonomy }: { settings: AppSettings; taxonomy: Taxonomy }) {
  const t = useT();
  const locale = useLocale();
  const access = useEditAccess();
  const [f, setF] = useState<ConcernFilter>({});
  const categories = useLiveQuery(() => loadCategorizer(db()).then((c) => c.categories()), []);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [done, setDone] = useState<string>('');
  const filter: ConcernFilter = f;
  const base = useLiveQuery(
    () => matchingRecords(db(), filter, settings.timeZone).then((r) => r.length),
    [JSON.stringify(f), settings.timeZone],
  );
  const total = useLiveQuery(() => db().concerns.count(), []);
  const set = <K extends keyof ConcernFilter>(k: K, v: ConcernFilter[K]) => {
    setF({ ...f, [k]: v && (!Array.isArray(v) || v.length) ? v : undefined });
    setDone('');
  };
  const byBuyer = !!(filter.levels?.length || filter.stages?.length || filter.categories?.length);
  const concernName = (id: string) => {
    const c = taxonomy.concerns.find((x) => x.id === id);
    return c ? (locale === 'en' ? c.names.en : c.names['zh-CN']) : id;
  };

  const run = async (format: 'csv' | 'json') => {
    if (!access.canEdit) return;
    setDone('');
    setProgress({ done: 0, total: 0 });
    const records = await matchingRecords(db(), filter, settings.timeZone);
    const out = await runConcernExport(
      db(),
      records,
      filter,
      { profile: settings.profile, timeZone: settings.timeZone, concernName },
      format,
      (d, n) => setProgress({ done: d, total: n }),
      await loadCategorizer(db()),
    );
    downloadChunks(
      `concerns-${stamp()}.${format}`,
      out.parts,
      format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json',
    );
    setProgress(null);
    setDone(t('ws_export_done', { rows: out.rows }));
  };

  return (
    <section className="ws-card" data-testid="concern-export">
      <div className="ws-card-head">
        <h2>{t('ws_export_title')}</h2>
        <span className="spacer" />
        <span className="muted" data-testid="concern-export-count">
          {base.status === 'ready' && total.status === 'ready'
            ? t(byBuyer ? 'ws_export_countBefore' : 'ws_export_count', { n: base.value, total: total.value })
            : ''}
        </span>
      </div>
      <p className="ws-card-sub">{t('ws_export_help')}</p>
      <TeamFreshness />
      <div className="export-filters">
        <div className="ws-row">
          <Field label={t('ws_export_from')}>
            <input
              type="date"
              value={f.from ?? ''}
              onChange={(e) => set('from', e.target.value || undefined)}
              data-testid="concern-export-from"
            />
          </Field>
          <Field label={t('ws_export_to')}>
            <input
              type="date"
              value={f.to ?? ''}
              onChange={(e) => set('to', e.target.value || undefined)}
              data-testid="concern-export-to"
            />
          </Field>
        </div>
        <Field label={t('ws_export_categories')} hint={t('ws_export_categoriesHint')}>
          {categories.status === 'ready' && categories.value.length === 0 ? (
            <span className="muted" data-testid="concern-export-categories">
              {t('cat_exportNone')}
            </span>
          ) : (
            <Chips
              testId="concern-export-categories"
              value={f.categories}
              onChange={(v) => set('categories', v)}
              options={(categories.status === 'ready' ? categories.value : []).map((c) => [c, c] as const)}
            />
          )}
        </Field>
        <Field label={t('ws_cond_concerns')}>
          <Chips
            testId="export-filter-concerns"
            value={f.concerns}
            onChange={(v) => set('concerns', v)}
            options={taxonomy.concerns.map((c) => [c.id, concernName(c.id)] as const)}
          />
        </Field>
        <Field label={t('ws_cond_platforms')}>
          <Chips
            testId="export-filter-platforms"
            value={f.platforms}
            onChange={(v) => set('platforms', v as Platform[])}
            options={PLATFORMS.map((p) => [p, platformName(p, locale)] as const)}
          />
        </Field>
        <Field label={t('ws_cond_levels')}>
          <Chips
            testId="export-filter-levels"
            value={f.levels}
            onChange={(v) => set('levels', v)}
            options={[
              ...settings.profile.ladder.levels.map((l) => [l.id, locale === 'en' ? l.nameEn : l.name] as const),
              ['-', t('profile_noLevel')] as const,
            ]}
          />
        </Field>
        <Field label={t('ws_export_stageThen')}>
          <Chips
            testId="export-filter-stages"
            value={f.stages}
            onChange={(v) => set('stages', v)}
            options={StageIdSchema.options.map((s) => [s, t(`profile_stage_${s}` as MessageKey)] as const)}
          />
        </Field>
      </div>
      <EditGate scope="export" quiet />
      <div className="ws-actions tpl-actions">
        <button
          type="button"
          className="primary"
          disabled={progress !== null || !access.canEdit}
          onClick={() => void run('csv')}
          data-testid="export-concerns-csv"
        >
          {t('ws_export_csv')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={progress !== null || !access.canEdit}
          onClick={() => void run('json')}
          data-testid="export-concerns-json"
        >
          {t('ws_export_json')}
        </button>
        {progress && (
          <span className="export-progress" role="status">
            <progress value={progress.done} max={Math.max(progress.total, 1)} />
            {t('ws_export_progress', { done: progress.done, total: progress.total })}
          </span>
        )}
        {done && (
          <span className="ws-ok" role="status" data-testid="concern-export-done">
            {done}
          </span>
        )}
      </div>
    </section>
  );
}
