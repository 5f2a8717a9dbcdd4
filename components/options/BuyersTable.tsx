import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { formatMoney, useLocale, useT } from '@/components/common/i18n';
import { downloadChunks, stamp } from '@/components/common/download';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { platformName } from '@/components/sidebar/BuyerCard';
import { useDataVersion } from './data-version';
import { BuyerIndexSchema, emptyBuyerIndex } from '@/lib/db/buyer-index';
import { segmentModelFor } from '@/lib/db/buyers';
import { db } from '@/lib/db/database';
import { SETTINGS_KEY } from '@/lib/db/settings';
import { BUYER_CSV_HEADER, buyerCsvValues, deriveBuyerRows, type BuyerRow } from '@/lib/export/buyer-rows';
import { csvChunks } from '@/lib/export/csv';
import type { MessageKey } from '@/lib/i18n';
import { Rfm8IdSchema, StageIdSchema } from '@/lib/schemas/buyer';
import { todayIn, type AppSettings } from '@/lib/settings/app';

const ROW_HEIGHT = 32;

/** Every buyer, filterable by level, segment, stage and platform; virtualised for 200,000 rows. */
export function BuyersTable({ settings }: { settings: AppSettings }) {
  const t = useT();
  const locale = useLocale();
  const asOf = todayIn(settings.timeZone, Date.now());
  const { version } = useDataVersion();
  const data = useLiveQuery(async () => {
    const rec = await db().settings.get(SETTINGS_KEY.buyerIndex);
    const parsed = BuyerIndexSchema.safeParse(rec?.value);
    const index = parsed.success ? parsed.data : emptyBuyerIndex();
    const model = await segmentModelFor(db(), asOf);
    return deriveBuyerRows(index, settings.profile, model, asOf);
  }, [asOf, settings, version]);
  const [level, setLevel] = useState('');
  const [segment, setSegment] = useState('');
  const [stage, setStage] = useState('');
  const [platform, setPlatform] = useState('');
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);

  const rows = useMemo(() => (data.status === 'ready' ? data.value : []), [data]);
  const shown = useMemo(() => {
    const q = deferredQuery.trim().toLowerCase();
    return rows.filter(
      (r) =>
        (!level || (level === '-' ? r.level === null : r.level === level)) &&
        (!segment || r.rfm8 === segment || r.layer === segment) &&
        (!stage || r.stage === stage) &&
        (!platform || r.platform === platform) &&
        (!q || r.nick.toLowerCase().includes(q) || r.buyer.toLowerCase().includes(q)),
    );
  }, [rows, level, segment, stage, platform, deferredQuery]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const platforms = useMemo(() => [...new Set(rows.map((r) => r.platform))], [rows]);

  const exportCsv = () => downloadChunks(`buyers-${stamp()}.csv`, csvChunks(BUYER_CSV_HEADER, shown.map(buyerCsvValues)));

  const select = (value: string, set: (v: string) => void, options: Array<[string, string]>, testId: string) => (
    <select value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
      <option value="">{t('op_buyers_all')}</option>
      {options.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
    </select>
  );
  const levelName = (id: string | null) => {
    const l = settings.profile.ladder.levels.find((x) => x.id === id);
    return l ? (locale === 'en' ? l.nameEn : l.name) : t('profile_noLevel');
  };

  return (
    <section className="panel buyers">
      <div className="panel-head">
        <h2>{t('op_buyers_title')}</h2>
        <span className="muted" data-testid="buyers-count">{t('op_buyers_count', { count: rows.length, shown: shown.length })}</span>
        <button type="button" className="secondary" data-testid="export-buyers-csv" onClick={exportCsv} disabled={!shown.length}>{t('op_buyers_export')}</button>
      </div>
      <div className="filters">
        <input type="search" placeholder={t('op_buyers_search')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="buyers-search" />
        <label>{t('op_col_level')}{select(level, setLevel, [...settings.profile.ladder.levels.map((l): [string, string] => [l.id, locale === 'en' ? l.nameEn : l.name]), ['-', t('profile_noLevel')]], 'filter-level')}</label>
        <label>{t('op_col_segment')}{select(segment, setSegment, [
          ...Rfm8IdSchema.options.map((id): [string, string] => [id, t(`profile_rfm8_${id}` as MessageKey)]),
          ...settings.profile.layers.layers.map((l): [string, string] => [l.id, locale === 'en' ? l.nameEn : l.name]),
        ], 'filter-segment')}</label>
        <label>{t('op_col_stage')}{select(stage, setStage, StageIdSchema.options.map((id): [string, string] => [id, t(`profile_stage_${id}` as MessageKey)]), 'filter-stage')}</label>
        <label>{t('op_col_platform')}{select(platform, setPlatform, platforms.map((p): [string, string] => [p, platformName(p, locale)]), 'filter-platform')}</label>
      </div>
      {data.status === 'ready' && rows.length === 0 ? (
        <p className="empty">{t('op_buyers_empty')}</p>
      ) : (
        <div className="table" role="table">
          <div className="tr th" role="row">
            {(['op_col_buyer', 'op_col_platform', 'op_col_level', 'op_col_segment', 'op_col_stage', 'op_col_orders', 'op_col_net', 'op_col_aov', 'op_col_last', 'op_col_recency'] as const).map((k) => (
              <span key={k} role="columnheader">{t(k)}</span>
            ))}
          </div>
          <div className="tbody" ref={scrollRef} data-testid="buyers-scroll">
            <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
              {virtual.getVirtualItems().map((v) => {
                const r = shown[v.index]!;
                return <Row key={r.index} r={r} top={v.start} levelName={levelName} />;
              })}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

function Row({ r, top, levelName }: { r: BuyerRow; top: number; levelName: (id: string | null) => string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="tr" role="row" data-testid="buyer-row" style={{ position: 'absolute', top, height: ROW_HEIGHT, left: 0, right: 0 }}>
      <span className="nick-cell" title={r.nick}>{r.nick}</span>
      <span>{platformName(r.platform, locale)}</span>
      <span>{r.level ? levelName(r.level) : '—'}</span>
      <span>{r.rfm8 ? t(`profile_rfm8_${r.rfm8}` as MessageKey) : '—'}</span>
      <span className={`stage-text stage-${r.stage}`}>{t(`profile_stage_${r.stage}` as MessageKey)}</span>
      <span className="num">{r.paidOrders}</span>
      <span className="num">{formatMoney(r.netCents, locale)}</span>
      <span className="num">{formatMoney(r.aovCents, locale)}</span>
      <span>{r.lastPaidDate ?? '—'}</span>
      <span className="num">{r.recencyDays ?? '—'}</span>
    </div>
  );
}
