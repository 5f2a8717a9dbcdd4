import { useState } from 'react';
import { downloadChunks, stamp } from '@/components/common/download';
import { useLocale, useT } from '@/components/common/i18n';
import {
  backupChunks,
  BackupRefused,
  checkBackup,
  restoreBackup,
  type BackupInfo,
  type BackupProblem,
  type RestoreReport,
} from '@/lib/db/backup';
import { DataBusy } from '@/lib/db/data-lock';
import { db } from '@/lib/db/database';
import { describeIssue } from '@/lib/i18n/zod-issues';
import { sourceFromBlob } from '@/lib/import/source';
import type { UiLocale } from '@/lib/schemas/common';
import { busyMessage, dataLock } from '../data-lock';
import { FilePick, formatTime, Icon } from '@/components/common/kit';
import { useEditAccess } from './lock';

function problemText(p: BackupProblem, t: ReturnType<typeof useT>, locale: UiLocale): string {
  switch (p.kind) {
    case 'notJson':
      return p.detail === 'cut short'
        ? t('ws_backup_notJson')
        : t('ws_backup_badJson', { line: p.line, column: p.column, detail: p.detail });
    case 'tooDeep':
      return t('ws_backup_tooDeep', { line: p.line, column: p.column });
    case 'notABackup':
      return t('ws_backup_notABackup');
    case 'newerVersion':
      return t('ws_backup_newer', { version: p.dbVersion });
    case 'unknownVersion':
      return t('ws_backup_unknownVersion', { version: p.dbVersion });
    case 'missingTables':
      return t('ws_backup_missingTables', { tables: p.tables.join(', ') });
    case 'unknownTables':
      return t('ws_backup_unknownTables', { version: p.dbVersion, tables: p.tables.join(', ') });
    case 'damaged':
      return t('ws_backup_damaged', { tables: p.tables.join(', ') });
    case 'badRow':
      return t('ws_backup_badRow', { table: p.table, row: p.row, problem: describeIssue(p.issue, locale) });
  }
}

/** The whole database to one file and back, with a check that the restore kept every record. */
export function BackupPanel() {
  const t = useT();
  const locale = useLocale();
  const access = useEditAccess();
  const [progress, setProgress] = useState<string | null>(null);
  const [chosen, setChosen] = useState<{ file: File; info: BackupInfo } | null>(null);
  const [problem, setProblem] = useState('');
  const [report, setReport] = useState<RestoreReport | null>(null);

  // Taken with the data lock: not while an import writes (or takes back) what the backup would read.
  const download = async () => {
    if (!access.canEdit) return;
    setProblem('');
    setProgress(t('ws_backup_readingTable', { table: '', rows: 0 }));
    try {
      const parts = await dataLock().exclusive('backup', async () => {
        const out: string[] = [];
        for await (const chunk of backupChunks(db(), Date.now(), (p) =>
          setProgress(t('ws_backup_readingTable', { table: p.table, rows: p.rows })),
        ))
          out.push(chunk);
        return out;
      });
      downloadChunks(`huitouke-backup-${stamp()}.json`, parts, 'application/json');
    } catch (e) {
      setProblem(
        e instanceof DataBusy
          ? t(busyMessage(e.holder))
          : t('ws_backup_downloadFailed', { message: e instanceof Error ? e.message : String(e) }),
      );
    } finally {
      setProgress(null);
    }
  };
  // The file is read as a stream, twice: checked here before anything is touched, and again while restoring.
  const choose = async (file: File | undefined) => {
    setChosen(null);
    setProblem('');
    setReport(null);
    if (!file) return;
    setProgress(t('ws_backup_checking'));
    try {
      const read = await checkBackup(sourceFromBlob(file, file.name), db(), (p) =>
        setProgress(`${t('ws_backup_checking')} ${p.table} ${p.rows}`),
      );
      if (!read.ok) return setProblem(problemText(read.problem, t, locale));
      setChosen({ file, info: read.info });
    } catch (e) {
      setProblem(t('ws_backup_checkFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setProgress(null);
    }
  };
  const restore = async () => {
    if (!chosen || !confirm(t('ws_backup_confirm'))) return;
    setProblem('');
    try {
      setProgress(t('ws_backup_restoring', { table: '', rows: 0 }));
      const out = await restoreBackup(db(), sourceFromBlob(chosen.file, chosen.file.name), chosen.info, {
        now: Date.now(),
        lock: dataLock(),
        onProgress: (p) => setProgress(t('ws_backup_restoring', { table: p.table, rows: p.rows })),
      });
      setReport(out);
      setChosen(null);
    } catch (e) {
      if (e instanceof DataBusy) setProblem(t(busyMessage(e.holder)));
      else if (e instanceof BackupRefused) {
        setProblem(problemText(e.problem, t, locale));
        setChosen(null);
      } else setProblem(t('ws_backup_failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setProgress(null);
    }
  };

  return (
    <section className="ws-card" data-testid="backup-panel">
      <div className="ws-card-head">
        <h2>{t('ws_backup_title')}</h2>
      </div>
      <p className="ws-card-sub">{t('ws_backup_help')}</p>
      <div className="ws-row">
        <button
          type="button"
          className="primary"
          disabled={progress !== null || !access.canEdit}
          onClick={() => void download()}
          data-testid="backup-download"
        >
          {t('ws_backup_download')}
        </button>
        <FilePick
          label={t('ws_backup_restoreLabel')}
          accept=".json,application/json"
          disabled={!access.canEdit || progress !== null}
          onFile={(f) => void choose(f)}
          testId="backup-file"
        />
      </div>
      {!access.canEdit && (
        <p className="ws-hint">
          {t('ws_backup_downloadNeedPin')} {t('ws_backup_needPin')}
        </p>
      )}
      {progress && (
        <p className="ws-hint" role="status" data-testid="backup-progress">
          {progress}
        </p>
      )}
      {problem && (
        <p className="ws-error" role="alert" data-testid="backup-problem">
          {problem}
        </p>
      )}
      {chosen && (
        <div className="backup-preview" data-testid="backup-preview">
          <p>
            {t('ws_backup_summary', {
              time: formatTime(chosen.info.createdAt, locale),
              version: chosen.info.dbVersion,
              rows: chosen.info.rows,
            })}
          </p>
          {chosen.info.dbVersion < db().verno && (
            <p className="ws-hint">{t('ws_backup_older', { from: chosen.info.dbVersion, to: db().verno })}</p>
          )}
          {chosen.info.hasPin && (
            <p className="ws-hint" data-testid="backup-pin-kept">
              {t('ws_backup_pinKept')}
            </p>
          )}
          <div className="ws-actions">
            <button
              type="button"
              className="danger"
              disabled={progress !== null}
              onClick={() => void restore()}
              data-testid="backup-restore"
            >
              {t('ws_backup_restore')}
            </button>
            <button type="button" className="secondary" disabled={progress !== null} onClick={() => setChosen(null)}>
              {t('ws_cancel')}
            </button>
          </div>
        </div>
      )}
      {report && (
        <div className="backup-report" data-testid="backup-report" data-ok={report.ok}>
          <p className={report.ok ? 'ws-ok' : 'ws-error'}>
            <Icon name={report.ok ? 'check' : 'alert'} />{' '}
            {report.ok ? t('ws_backup_ok') : report.rolledBack ? t('ws_backup_rolledBack') : t('ws_backup_lost')}
            {report.upgradedFrom !== null && ` ${t('ws_backup_upgraded', { from: report.upgradedFrom })}`}
          </p>
          {report.pinKept && <p className="ws-hint">{t('ws_backup_pinKept')}</p>}
          <table className="ws-table">
            <thead>
              <tr>
                <th>{t('ws_backup_table')}</th>
                <th className="num">{t('ws_backup_expected')}</th>
                <th className="num">{t('ws_backup_restored')}</th>
                <th>{t('ws_backup_checksum')}</th>
              </tr>
            </thead>
            <tbody>
              {report.tables.map((r) => (
                <tr key={r.table}>
                  <td>
                    <code>{r.table}</code>
                  </td>
                  <td className="num">{r.expected}</td>
                  <td className="num">{r.restored}</td>
                  <td className={r.checksumOk ? 'ws-ok' : 'ws-error'}>{r.checksumOk ? '✓' : '✗'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
