import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useLocale, useT } from '@/components/common/i18n';
import { downloadChunks, stamp } from '@/components/common/download';
import type { ImportJob } from '@/lib/db/import-protocol';
import type { ImportRun } from '@/lib/db/records';
import type { DataTask } from '@/lib/db/data-lock';
import { csvChunks } from '@/lib/export/csv';
import {
  formatIssue,
  formatLabel,
  GENERIC_REQUIRED,
  sourceFromBlob,
  type ColumnMapping,
  type ImportIssue,
  type MappingField,
} from '@/lib/import';
import { previewSource, type SourcePreview } from '@/lib/import/preview';
import { browserImportTooBig, sizeLabel } from '@/lib/import/limits';
import type { MessageKey } from '@/lib/i18n';
import { PLATFORMS, type Platform } from '@/lib/schemas/common';
import { platformName } from '@/lib/i18n/platforms';
import { busyMessage, dataLock } from './data-lock';
import { useDataVersion } from './data-version';
import { cancelImport, clearImport, startImport, useImportJob } from './import-job';

/** Files waiting for their columns to be mapped (nothing has started). */
/** What the file picker offers: CSV and text exports, Excel workbooks (.xls gets a message saying to save it as .xlsx or CSV). */
const IMPORT_ACCEPT =
  '.csv,.txt,.xlsx,.xls,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel';

type Mapping = { files: File[]; preview: SourcePreview; detectedFiles: File[] };

const GENERIC_FIELDS: MappingField[] = [
  'buyer',
  'buyerNick',
  'order',
  'time',
  'amount',
  'status',
  'item',
  'paidTime',
  'refund',
  'shipTime',
];

/** While this page runs no import: whether another tab's import or restore holds the data lock (checked every few seconds). */
function useOtherHolder(active: boolean): DataTask | null {
  const [holder, setHolder] = useState<DataTask | null>(null);
  useEffect(() => {
    if (!active) return setHolder(null);
    let live = true;
    const check = () =>
      void dataLock()
        .holder()
        .then(
          (h) => live && setHolder(h),
          () => {},
        );
    check();
    const timer = setInterval(check, 3000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [active]);
  return holder;
}

export function ImportPanel() {
  const t = useT();
  const locale = useLocale();
  const job = useImportJob();
  const [mappingFor, setMappingFor] = useState<Mapping | null>(null);
  const data = useDataVersion();
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [platform, setPlatform] = useState<Platform>('other');
  const [dragging, setDragging] = useState(false);
  const [tooBig, setTooBig] = useState<{ total: number; limit: number } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const running = job.kind === 'running';
  const elsewhere = useOtherHolder(!running);

  /** One run for all the files: they land together, and a cancel takes all of them back. */
  const start = (
    files: File[],
    formats: ImportJob['formats'],
    generic?: { mapping: ColumnMapping; platform: Platform },
  ) => {
    setMappingFor(null);
    startImport(
      {
        runId: `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
        files,
        names: files.map((f) => f.name),
        formats,
        mapping: generic?.mapping,
        platform: generic?.platform,
        locale,
      },
      () => data.bump(),
    ); // even a failed or cancelled run may have changed what pages show meanwhile
  };

  const onFiles = async (list: FileList | File[] | null) => {
    const files = [...(list ?? [])];
    if (!files.length || running) return;
    clearImport();
    // Refused before anything is read: the browser's import holds a run's orders until it writes them.
    const refused = browserImportTooBig(files.map((f) => f.size));
    setTooBig(refused);
    if (refused) return setMappingFor(null);
    const previews = await Promise.all(files.map((f) => previewSource(sourceFromBlob(f, f.name)).catch(() => null)));
    const unknown = files.filter((_, i) => !previews[i]?.detected);
    const known = files.filter((_, i) => previews[i]?.detected);
    if (!unknown.length)
      return start(
        known,
        known.map(() => 'auto'),
      );
    const preview = previews[files.indexOf(unknown[0]!)];
    if (!preview || !preview.headers.length)
      return start(
        files,
        files.map(() => 'auto'),
      ); // the worker reports why
    setMapping(guessMapping(preview.headers));
    setMappingFor({ files: unknown, preview, detectedFiles: known });
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void onFiles(e.dataTransfer.files);
  };

  const missing = GENERIC_REQUIRED.filter((f) => !mapping[f]);
  const summary = (runs: ImportRun[]) => {
    const sum = (k: 'rows' | 'orders' | 'newOrders' | 'buyersTouched' | 'ordersWithoutBuyer' | 'errors' | 'warnings') =>
      runs.reduce((s, r) => s + r[k], 0);
    return {
      rows: sum('rows'),
      orders: sum('orders'),
      newOrders: sum('newOrders'),
      buyers: sum('buyersTouched'),
      orphans: sum('ordersWithoutBuyer'),
      errors: sum('errors'),
      warnings: sum('warnings'),
    };
  };

  const downloadReport = (issues: ImportIssue[]) =>
    downloadChunks(
      `import-report-${stamp()}.csv`,
      csvChunks(
        ['file', 'sheet', 'line', 'column', 'columnName', 'severity', 'message'],
        issues.map((i) => [i.file, i.sheet ?? '', i.line, i.column, i.columnName, i.severity, formatIssue(i, locale)]),
      ),
    );

  const busyHolder =
    job.kind === 'busy'
      ? job.holder
      : !running && (elsewhere === 'restore' || elsewhere === 'backup')
        ? elsewhere
        : null;
  return (
    <section className="panel">
      <h2>{t('op_import_title')}</h2>
      <p className="help">{t('op_import_help')}</p>
      <div
        className={`dropzone ${dragging ? 'over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <button type="button" className="primary" onClick={() => inputRef.current?.click()} disabled={running}>
          {t('op_import_choose')}
        </button>
        <span>{t('op_import_drop')}</span>
        <input
          ref={inputRef}
          type="file"
          accept={IMPORT_ACCEPT}
          multiple
          hidden
          data-testid="import-file"
          onChange={(e) => {
            void onFiles(e.target.files);
            e.target.value = '';
          }}
        />
      </div>

      {tooBig && !running && (
        <p className="result failed" role="alert" data-testid="import-too-big">
          {t('op_import_tooBig', { size: sizeLabel(tooBig.total), limit: sizeLabel(tooBig.limit) })}
        </p>
      )}

      {!running && elsewhere === 'import' && (
        <p className="warn-text" role="status" data-testid="import-elsewhere">
          {t('op_import_elsewhere')}
        </p>
      )}

      {mappingFor && !running && (
        <div className="mapping">
          <p className="warn-text">
            {t('op_import_unknown')} — {mappingFor.files.map((f) => f.name).join('、')}（
            {t('op_import_encoding', { encoding: mappingFor.preview.encoding })}）
          </p>
          <h3>{t('op_import_mapping')}</h3>
          <div className="mapping-grid">
            {GENERIC_FIELDS.map((field) => (
              <label key={field}>
                <span>
                  {t(`import_field_${field}` as MessageKey)}
                  {GENERIC_REQUIRED.includes(field) ? ' *' : ''}
                </span>
                <select
                  data-testid={`map-${field}`}
                  value={mapping[field] ?? ''}
                  onChange={(e) => setMapping({ ...mapping, [field]: e.target.value || undefined })}
                >
                  <option value="">{t('op_import_noColumn')}</option>
                  {mappingFor.preview.headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <label>
              <span>{t('op_import_platform')}</span>
              <select value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
                {PLATFORMS.map((p) => (
                  <option key={p} value={p}>
                    {platformName(p, locale)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {missing.length > 0 && (
            <p className="warn-text">
              {t('op_import_missingFields', {
                fields: missing.map((f) => t(`import_field_${f}` as MessageKey)).join('、'),
              })}
            </p>
          )}
          <div className="actions">
            <button
              type="button"
              className="primary"
              data-testid="import-start"
              disabled={missing.length > 0}
              onClick={() =>
                start(
                  [...mappingFor.detectedFiles, ...mappingFor.files],
                  [
                    ...mappingFor.detectedFiles.map(() => 'auto' as const),
                    ...mappingFor.files.map(() => 'generic' as const),
                  ],
                  { mapping: clean(mapping), platform },
                )
              }
            >
              {t('op_import_start')}
            </button>
            <button type="button" className="secondary" onClick={() => setMappingFor(null)}>
              {t('op_import_cancel')}
            </button>
          </div>
        </div>
      )}

      {job.kind === 'running' && (
        <div className="progress" data-testid="import-progress" data-phase={job.progress?.phase ?? 'starting'}>
          <p>
            {job.cancelling
              ? t('op_import_stopping')
              : job.progress?.phase === 'writing'
                ? t('op_import_phase_writing')
                : job.progress?.phase === 'segments'
                  ? t('op_import_phase_segments')
                  : t('op_import_running', { file: job.progress?.file ?? '' })}
          </p>
          {job.progress?.phase === 'writing' && job.progress.toWrite ? (
            <progress max={job.progress.toWrite} value={job.progress.written ?? 0} />
          ) : (
            <progress max={job.progress?.bytesTotal || 1} value={job.progress?.bytesRead ?? 0} />
          )}
          <div className="actions">
            <button
              type="button"
              className="secondary"
              data-testid="import-cancel"
              disabled={job.cancelling}
              onClick={cancelImport}
            >
              {t('op_import_stop')}
            </button>
          </div>
        </div>
      )}

      {busyHolder && (
        <p className="result failed" role="alert" data-testid="import-busy">
          {t(busyMessage(busyHolder))}
        </p>
      )}

      {job.kind === 'done' &&
        (() => {
          const s = summary([job.run]);
          return (
            <div className="result ok" data-testid="import-done" role="status">
              <p>
                {t('op_import_done', { rows: s.rows, orders: s.orders, newOrders: s.newOrders, buyers: s.buyers })}{' '}
                {job.run.files
                  .map((f) => (f.format ? formatLabel(f.format, locale) : ''))
                  .filter(Boolean)
                  .join('、')}
              </p>
              {s.orphans > 0 && (
                <p className="warn-text" data-testid="import-orphans">
                  {t('op_import_orphans', { count: s.orphans })}
                </p>
              )}
              {job.issues.length > 0 && (
                <IssueList
                  issues={job.issues}
                  errors={s.errors}
                  warnings={s.warnings}
                  onDownload={() => downloadReport(job.issues)}
                />
              )}
            </div>
          );
        })()}

      {job.kind === 'cancelled' && (
        <div
          className={`result ${job.rolledBack ? 'ok' : 'failed'}`}
          data-testid="import-cancelled"
          data-rolled-back={job.rolledBack}
          role="status"
        >
          <p>
            <strong>{t('op_import_cancelledTitle')}</strong> {job.message}
          </p>
        </div>
      )}

      {job.kind === 'failed' && (
        <div className="result failed" data-testid="import-failed" role="alert">
          <p>{t('op_import_failed', { message: job.message })}</p>
          {job.issues.length > 0 && (
            <IssueList
              issues={job.issues}
              errors={job.issues.filter((i) => i.severity === 'error').length}
              warnings={job.issues.filter((i) => i.severity === 'warning').length}
              onDownload={() => downloadReport(job.issues)}
            />
          )}
        </div>
      )}
    </section>
  );
}

function IssueList({
  issues,
  errors,
  warnings,
  onDownload,
}: {
  issues: ImportIssue[];
  errors: number;
  warnings: number;
  onDownload: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="issues" data-testid="import-issues">
      <p>{t('op_import_errors', { errors, warnings })}</p>
      <ul>
        {issues.slice(0, 20).map((i, n) => (
          <li key={n} className={i.severity} data-testid="import-issue">
            {formatIssue(i, locale)}
          </li>
        ))}
      </ul>
      <button type="button" className="link" data-testid="import-report" onClick={onDownload}>
        {t('op_import_report')}
      </button>
    </div>
  );
}

function clean(mapping: ColumnMapping): ColumnMapping {
  return Object.fromEntries(Object.entries(mapping).filter(([, v]) => v)) as ColumnMapping;
}

/** Pre-select obvious columns of a generic table by name. */
function guessMapping(headers: string[]): ColumnMapping {
  const find = (...names: RegExp[]) => headers.find((h) => names.some((n) => n.test(h)));
  const out: ColumnMapping = {
    buyer: find(/^(customer|buyer|客户|买家|会员|用户)/i, /email|邮箱/i),
    order: find(/order.?(id|no|number)|订单(号|编号)/i),
    time: find(/date|time|日期|时间/i),
    amount: find(/revenue|amount|total|金额|实付|销售额/i),
    status: find(/status|状态/i),
    item: find(/item|product|title|商品|宝贝/i),
  };
  return clean(out);
}
