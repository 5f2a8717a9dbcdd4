import { useRef, useState, type DragEvent } from 'react';
import { browser } from 'wxt/browser';
import { useLocale, useT } from '@/components/common/i18n';
import { downloadChunks, stamp } from '@/components/common/download';
import { ImportWorkerMessageSchema, type ImportJob } from '@/lib/db/import-protocol';
import type { ImportRun } from '@/lib/db/records';
import { csvChunks } from '@/lib/export/csv';
import { formatIssue, formatLabel, GENERIC_REQUIRED, sourceFromBlob, type ColumnMapping, type ImportIssue, type MappingField } from '@/lib/import';
import { previewSource, type SourcePreview } from '@/lib/import/preview';
import type { MessageKey } from '@/lib/i18n';
import { PLATFORMS, type Platform } from '@/lib/schemas/common';
import { platformName } from '@/components/sidebar/BuyerCard';
import { useDataVersion } from './data-version';

interface Progress {
  file: string;
  bytesRead: number;
  bytesTotal: number;
  phase: string;
  written?: number;
  toWrite?: number;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'mapping'; files: File[]; preview: SourcePreview; detectedFiles: File[] }
  | { kind: 'running'; progress: Progress | null }
  | { kind: 'done'; runs: ImportRun[]; issues: ImportIssue[] }
  | { kind: 'failed'; message: string; issues: ImportIssue[] };

const GENERIC_FIELDS: MappingField[] = ['buyer', 'buyerNick', 'order', 'time', 'amount', 'status', 'item', 'paidTime', 'refund', 'shipTime'];

/** Run one import job in the worker; resolves when it is done or failed. */
function runJob(job: ImportJob, onProgress: (p: Progress) => void): Promise<{ ok: true; run: ImportRun; issues: ImportIssue[] } | { ok: false; message: string; issues: ImportIssue[] }> {
  return new Promise((resolve) => {
    const worker = new Worker(browser.runtime.getURL('/import-worker.js' as '/'));
    worker.addEventListener('message', (e: MessageEvent) => {
      const parsed = ImportWorkerMessageSchema.safeParse(e.data);
      if (!parsed.success) return;
      const msg = parsed.data;
      if (msg.type === 'progress') return onProgress(msg.progress);
      // Let Dexie's change broadcast from the worker reach the other pages before it goes away.
      setTimeout(() => worker.terminate(), 2000);
      resolve(msg.type === 'done' ? { ok: true, run: msg.run, issues: msg.issues } : { ok: false, message: msg.message, issues: msg.issues });
    });
    worker.addEventListener('error', (e) => {
      worker.terminate();
      resolve({ ok: false, message: e.message || 'worker error', issues: [] });
    });
    worker.postMessage(job);
  });
}

export function ImportPanel() {
  const t = useT();
  const locale = useLocale();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const data = useDataVersion();
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [platform, setPlatform] = useState<Platform>('other');
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const start = async (groups: Array<{ files: File[]; format: ImportJob['format']; mapping?: ColumnMapping; platform?: Platform }>) => {
    setPhase({ kind: 'running', progress: null });
    const runs: ImportRun[] = [];
    const issues: ImportIssue[] = [];
    for (const g of groups) {
      if (!g.files.length) continue;
      const job: ImportJob = {
        runId: `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
        files: g.files,
        names: g.files.map((f) => f.name),
        format: g.format,
        mapping: g.mapping,
        platform: g.platform,
        locale,
      };
      const result = await runJob(job, (progress) => setPhase({ kind: 'running', progress }));
      issues.push(...result.issues);
      // Even a failed run may have written whole buyers before it stopped.
      data.bump();
      if (!result.ok) return setPhase({ kind: 'failed', message: result.message, issues });
      runs.push(result.run);
    }
    setPhase({ kind: 'done', runs, issues });
  };

  const onFiles = async (list: FileList | File[] | null) => {
    const files = [...(list ?? [])];
    if (!files.length) return;
    const previews = await Promise.all(files.map((f) => previewSource(sourceFromBlob(f, f.name)).catch(() => null)));
    const unknown = files.filter((_, i) => !previews[i]?.detected);
    const known = files.filter((_, i) => previews[i]?.detected);
    if (!unknown.length) return start([{ files: known, format: 'auto' }]);
    const preview = previews[files.indexOf(unknown[0]!)];
    if (!preview || !preview.headers.length) return start([{ files, format: 'auto' }]); // the worker reports why
    setMapping(guessMapping(preview.headers));
    setPhase({ kind: 'mapping', files: unknown, preview, detectedFiles: known });
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void onFiles(e.dataTransfer.files);
  };

  const missing = GENERIC_REQUIRED.filter((f) => !mapping[f]);
  const summary = (runs: ImportRun[]) => {
    const sum = (k: 'rows' | 'orders' | 'newOrders' | 'buyersTouched' | 'ordersWithoutBuyer' | 'errors' | 'warnings') => runs.reduce((s, r) => s + r[k], 0);
    return { rows: sum('rows'), orders: sum('orders'), newOrders: sum('newOrders'), buyers: sum('buyersTouched'), orphans: sum('ordersWithoutBuyer'), errors: sum('errors'), warnings: sum('warnings') };
  };

  const downloadReport = (issues: ImportIssue[]) =>
    downloadChunks(
      `import-report-${stamp()}.csv`,
      csvChunks(['file', 'line', 'column', 'columnName', 'severity', 'message'], issues.map((i) => [i.file, i.line, i.column, i.columnName, i.severity, formatIssue(i, locale)])),
    );

  return (
    <section className="panel">
      <h2>{t('op_import_title')}</h2>
      <p className="help">{t('op_import_help')}</p>
      <div className={`dropzone ${dragging ? 'over' : ''}`} onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
        <button type="button" className="primary" onClick={() => inputRef.current?.click()} disabled={phase.kind === 'running'}>{t('op_import_choose')}</button>
        <span>{t('op_import_drop')}</span>
        <input ref={inputRef} type="file" accept=".csv,text/csv,text/plain" multiple hidden data-testid="import-file" onChange={(e) => { void onFiles(e.target.files); e.target.value = ''; }} />
      </div>

      {phase.kind === 'mapping' && (
        <div className="mapping">
          <p className="warn-text">{t('op_import_unknown')} — {phase.files.map((f) => f.name).join('、')}（{t('op_import_encoding', { encoding: phase.preview.encoding })}）</p>
          <h3>{t('op_import_mapping')}</h3>
          <div className="mapping-grid">
            {GENERIC_FIELDS.map((field) => (
              <label key={field}>
                <span>{t(`import_field_${field}` as MessageKey)}{GENERIC_REQUIRED.includes(field) ? ' *' : ''}</span>
                <select data-testid={`map-${field}`} value={mapping[field] ?? ''} onChange={(e) => setMapping({ ...mapping, [field]: e.target.value || undefined })}>
                  <option value="">{t('op_import_noColumn')}</option>
                  {phase.preview.headers.map((h) => <option key={h} value={h}>{h}</option>)}
                </select>
              </label>
            ))}
            <label>
              <span>{t('op_import_platform')}</span>
              <select value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
                {PLATFORMS.map((p) => <option key={p} value={p}>{platformName(p, locale)}</option>)}
              </select>
            </label>
          </div>
          {missing.length > 0 && <p className="warn-text">{t('op_import_missingFields', { fields: missing.map((f) => t(`import_field_${f}` as MessageKey)).join('、') })}</p>}
          <div className="actions">
            <button type="button" className="primary" data-testid="import-start" disabled={missing.length > 0} onClick={() => void start([{ files: phase.detectedFiles, format: 'auto' }, { files: phase.files, format: 'generic', mapping: clean(mapping), platform }])}>{t('op_import_start')}</button>
            <button type="button" className="secondary" onClick={() => setPhase({ kind: 'idle' })}>{t('op_import_cancel')}</button>
          </div>
        </div>
      )}

      {phase.kind === 'running' && (
        <div className="progress" data-testid="import-progress">
          <p>{phase.progress?.phase === 'writing' ? t('op_import_phase_writing') : phase.progress?.phase === 'segments' ? t('op_import_phase_segments') : t('op_import_running', { file: phase.progress?.file ?? '' })}</p>
          {phase.progress?.phase === 'writing' && phase.progress.toWrite ? (
            <progress max={phase.progress.toWrite} value={phase.progress.written ?? 0} />
          ) : (
            <progress max={phase.progress?.bytesTotal || 1} value={phase.progress?.bytesRead ?? 0} />
          )}
        </div>
      )}

      {phase.kind === 'done' && (() => {
        const s = summary(phase.runs);
        return (
          <div className="result ok" data-testid="import-done" role="status">
            <p>{t('op_import_done', { rows: s.rows, orders: s.orders, newOrders: s.newOrders, buyers: s.buyers })}{' '}{phase.runs.flatMap((r) => r.files).map((f) => f.format ? formatLabel(f.format, locale) : '').filter(Boolean).join('、')}</p>
            {s.orphans > 0 && <p className="warn-text" data-testid="import-orphans">{t('op_import_orphans', { count: s.orphans })}</p>}
            {phase.issues.length > 0 && <IssueList issues={phase.issues} errors={s.errors} warnings={s.warnings} onDownload={() => downloadReport(phase.issues)} />}
          </div>
        );
      })()}

      {phase.kind === 'failed' && (
        <div className="result failed" data-testid="import-failed" role="alert">
          <p>{t('op_import_failed', { message: phase.message })}</p>
          {phase.issues.length > 0 && <IssueList issues={phase.issues} errors={phase.issues.filter((i) => i.severity === 'error').length} warnings={phase.issues.filter((i) => i.severity === 'warning').length} onDownload={() => downloadReport(phase.issues)} />}
        </div>
      )}
    </section>
  );
}

function IssueList({ issues, errors, warnings, onDownload }: { issues: ImportIssue[]; errors: number; warnings: number; onDownload: () => void }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="issues" data-testid="import-issues">
      <p>{t('op_import_errors', { errors, warnings })}</p>
      <ul>
        {issues.slice(0, 20).map((i, n) => <li key={n} className={i.severity} data-testid="import-issue">{formatIssue(i, locale)}</li>)}
      </ul>
      <button type="button" className="link" data-testid="import-report" onClick={onDownload}>{t('op_import_report')}</button>
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
