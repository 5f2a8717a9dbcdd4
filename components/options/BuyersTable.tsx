import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { formatMoney, useLocale, useT } from '@/components/common/i18n';
import { Amounts } from '@/components/common/Money';
import { currencyContext } from '@/lib/money/settings';
import { downloadBlob, stamp } from '@/components/common/download';
import { platformName } from '@/lib/i18n/platforms';
import { useDataVersion } from './data-version';
import { EditGate } from './team/EditGate';
import { useEditAccess } from './team/lock';
import type { BuyerRow } from '@/lib/export/buyer-rows';
import { rowAt, windowCovers, windowFor, type RowWindow } from '@/lib/export/buyers-table';
import {
  BuyersTableReplySchema,
  MAX_QUERY_LENGTH,
  type BuyerFilters,
  type ExportRequest,
  type LoadRequest,
  type QueryRequest,
  type QueryResult,
} from '@/lib/export/buyers-table-protocol';
import type { MessageKey } from '@/lib/i18n';
import { Rfm8IdSchema, StageIdSchema } from '@/lib/schemas/buyer';
import { todayIn, type AppSettings } from '@/lib/settings/app';

const ROW_HEIGHT = 32;

interface Question {
  filters: BuyerFilters;
  generation: number;
  window: RowWindow;
}
type Answer = QueryResult & Pick<Question, 'filters' | 'generation'>;

/**
 * Every buyer, filterable by level, segment, stage and platform; virtualised for 200,000 rows.
 * The rows live in a worker (/buyers-worker.js): this page asks for the window it shows.
 */
export function BuyersTable({ settings }: { settings: AppSettings }) {
  const t = useT();
  const locale = useLocale();
  const asOf = todayIn(settings.timeZone, Date.now());
  const access = useEditAccess();
  const { version } = useDataVersion();
  const [level, setLevel] = useState('');
  const [segment, setSegment] = useState('');
  const [stage, setStage] = useState<BuyerFilters['stage']>('');
  const [platform, setPlatform] = useState<BuyerFilters['platform']>('');
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const filters = useMemo<BuyerFilters>(
    () => ({ level, segment, stage, platform, q: deferredQuery.slice(0, MAX_QUERY_LENGTH) }),
    [level, segment, stage, platform, deferredQuery],
  );

  const worker = useRef<Worker | null>(null);
  /** The newest answer; kept on screen (count and rows together) until a newer one arrives. */
  const [result, setResult] = useState<Answer | null>(null);
  /** Bumped when the rows in the worker are (re)loaded, so the shown window is asked for again. */
  const [generation, setGeneration] = useState(0);
  const seq = useRef(0);
  const questions = useRef(new Map<number, Question>());
  const asked = useRef<Question | null>(null);
  const pendingExport = useRef<{ id: number; name: string } | null>(null);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    const w = new Worker(browser.runtime.getURL('/buyers-worker.js' as '/'));
    const pending = questions.current;
    w.addEventListener('message', (e: MessageEvent) => {
      const parsed = BuyersTableReplySchema.safeParse(e.data);
      if (!parsed.success) return;
      const msg = parsed.data;
      if (msg.type === 'result') {
        const question = pending.get(msg.seq);
        for (const s of pending.keys()) if (s <= msg.seq) pending.delete(s);
        // Answers overtaken by a newer one on screen are stale.
        if (question)
          setResult((prev) =>
            prev && prev.seq > msg.seq ? prev : { ...msg, filters: question.filters, generation: question.generation },
          );
      } else if (msg.type === 'changed') {
        setGeneration((g) => g + 1);
      } else if (msg.type === 'csv') {
        if (pendingExport.current?.id !== msg.id) return;
        downloadBlob(pendingExport.current.name, msg.blob);
        pendingExport.current = null;
        setExporting(false);
      } else {
        pendingExport.current = null;
        setExporting(false);
      }
    });
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
      asked.current = null;
      pending.clear();
    };
  }, []);

  useEffect(() => {
    worker.current?.postMessage({ type: 'load', asOf, profile: settings.profile } satisfies LoadRequest);
    setGeneration((g) => g + 1);
  }, [asOf, settings.profile, version]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: result?.total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  // Ask for the block-aligned window around what is shown, unless the last question already holds it.
  useEffect(() => {
    const prev = asked.current;
    if (prev && prev.filters === filters && prev.generation === generation && windowCovers(prev.window, first, last))
      return;
    const window = windowFor(first, last);
    const s = ++seq.current;
    asked.current = { filters, generation, window };
    questions.current.set(s, asked.current);
    worker.current?.postMessage({
      type: 'query',
      seq: s,
      filters,
      start: window.start,
      end: window.end,
    } satisfies QueryRequest);
  }, [filters, generation, first, last]);

  const exportCsv = () => {
    if (!access.canEdit) return;
    const id = ++seq.current;
    pendingExport.current = { id, name: `buyers-${stamp()}.csv` };
    setExporting(true);
    worker.current?.postMessage({ type: 'export', id, filters } satisfies ExportRequest);
  };

  const select = <V extends string>(value: V, set: (v: V) => void, options: Array<[V, string]>, testId: string) => (
    <select value={value} onChange={(e) => set(e.target.value as V)} data-testid={testId}>
      <option value="">{t('op_buyers_all')}</option>
      {options.map(([v, label]) => (
        <option key={v} value={v}>
          {label}
        </option>
      ))}
    </select>
  );
  const levelName = (id: string | null) => {
    const l = settings.profile.ladder.levels.find((x) => x.id === id);
    return l ? (locale === 'en' ? l.nameEn : l.name) : t('profile_noLevel');
  };
  const total = result?.total ?? 0;
  // Until the answer for these filters and this data arrives, the previous one stays on screen.
  const busy = !result || result.filters !== filters || result.generation !== generation;

  return (
    <section className="panel buyers">
      <div className="panel-head">
        <h2 id="buyers-title">{t('op_buyers_title')}</h2>
        <span className="muted" data-testid="buyers-count">
          {t('op_buyers_count', { count: result?.all ?? 0, shown: total })}
        </span>
        {result && result.netTotals.length > 0 && (
          <span className="muted">
            {t('money_totalsTitle')}{' '}
            <Amounts
              testId="buyers-net-totals"
              amounts={result.netTotals}
              ctx={currencyContext(settings.profile.money, result.netTotals[0]!.currency)}
            />
          </span>
        )}
        <button
          type="button"
          className="secondary"
          data-testid="export-buyers-csv"
          onClick={exportCsv}
          disabled={!total || exporting || !access.canEdit}
        >
          {t('op_buyers_export')}
        </button>
      </div>
      <EditGate scope="export" quiet />
      <div className="filters">
        <input
          type="search"
          placeholder={t('op_buyers_search')}
          aria-label={t('op_buyers_search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="buyers-search"
        />
        <label>
          {t('op_col_level')}
          {select(
            level,
            setLevel,
            [
              ...settings.profile.ladder.levels.map((l): [string, string] => [
                l.id,
                locale === 'en' ? l.nameEn : l.name,
              ]),
              ['-', t('profile_noLevel')],
            ],
            'filter-level',
          )}
        </label>
        <label>
          {t('op_col_segment')}
          {select(
            segment,
            setSegment,
            [
              ...Rfm8IdSchema.options.map((id): [string, string] => [id, t(`profile_rfm8_${id}` as MessageKey)]),
              ...settings.profile.layers.layers.map((l): [string, string] => [
                l.id,
                locale === 'en' ? l.nameEn : l.name,
              ]),
            ],
            'filter-segment',
          )}
        </label>
        <label>
          {t('op_col_stage')}
          {select(
            stage,
            setStage,
            StageIdSchema.options.map((id): [BuyerFilters['stage'], string] => [
              id,
              t(`profile_stage_${id}` as MessageKey),
            ]),
            'filter-stage',
          )}
        </label>
        <label>
          {t('op_col_platform')}
          {select(
            platform,
            setPlatform,
            (result?.platforms ?? []).map((p): [BuyerFilters['platform'], string] => [p, platformName(p, locale)]),
            'filter-platform',
          )}
        </label>
      </div>
      {result && result.all === 0 ? (
        <p className="empty">{t('op_buyers_empty')}</p>
      ) : (
        // A virtual list drawn as a table: ARIA table roles, the row count and each row's index say
        // where a screen reader is, though only the visible rows exist. The body scrolls by keyboard too.
        <div
          className="table"
          role="table"
          aria-labelledby="buyers-title"
          aria-rowcount={total + 1}
          data-testid="buyers-table"
        >
          <div role="rowgroup">
            <div className="tr th" role="row" aria-rowindex={1}>
              {(
                [
                  'op_col_buyer',
                  'op_col_platform',
                  'op_col_level',
                  'op_col_segment',
                  'op_col_stage',
                  'op_col_orders',
                  'op_col_net',
                  'op_col_aov',
                  'op_col_last',
                  'op_col_recency',
                ] as const
              ).map((k) => (
                <span key={k} role="columnheader">
                  {t(k)}
                </span>
              ))}
            </div>
          </div>
          <div
            className="tbody"
            role="rowgroup"
            tabIndex={0}
            aria-label={t('op_buyers_rows')}
            ref={scrollRef}
            data-testid="buyers-scroll"
            aria-busy={busy}
          >
            <div role="presentation" style={{ height: virtual.getTotalSize(), position: 'relative' }}>
              {items.map((v) => {
                const r = rowAt(result, v.index);
                // Not fetched yet: an empty row of the same height, so nothing jumps when it arrives.
                return r ? (
                  <Row key={`b${r.index}`} r={r} position={v.index} top={v.start} levelName={levelName} />
                ) : (
                  <div key={`w${v.index}`} className="tr" role="row" aria-hidden="true" style={rowStyle(v.start)} />
                );
              })}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

const rowStyle = (top: number) => ({ position: 'absolute', top, height: ROW_HEIGHT, left: 0, right: 0 }) as const;

/** Save a Blob the worker built, as downloadChunks saves chunks built here. */
function Row({
  r,
  position,
  top,
  levelName,
}: {
  r: BuyerRow;
  position: number;
  top: number;
  levelName: (id: string | null) => string;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="tr" role="row" aria-rowindex={position + 2} data-testid="buyer-row" style={rowStyle(top)}>
      <span role="cell" className="nick-cell" title={r.nick}>
        {r.nick}
      </span>
      <span role="cell">{platformName(r.platform, locale)}</span>
      <span role="cell">{r.level ? levelName(r.level) : '—'}</span>
      <span role="cell">{r.rfm8 ? t(`profile_rfm8_${r.rfm8}` as MessageKey) : '—'}</span>
      <span role="cell" className={`stage-text stage-${r.stage}`}>
        {t(`profile_stage_${r.stage}` as MessageKey)}
      </span>
      <span role="cell" className="num">
        {r.paidOrders}
      </span>
      <span role="cell" className="num" data-testid="buyer-row-net" data-currency={r.currency}>
        {[{ currency: r.currency, cents: r.netCents }, ...r.otherNet]
          .map((m) => formatMoney(m.cents, locale, m.currency))
          .join(' + ')}
      </span>
      <span role="cell" className="num">
        {formatMoney(r.aovCents, locale, r.currency)}
      </span>
      <span role="cell">{r.lastPaidDate ?? '—'}</span>
      <span role="cell" className="num">
        {r.recencyDays ?? '—'}
      </span>
    </div>
  );
}
