import { useState } from 'react';
import { downloadChunks, stamp } from '@/components/common/download';
import { useLocale, useT } from '@/components/common/i18n';
import { backupChunks, readBackup, restoreBackup, type Backup, type BackupProblem, type RestoreReport } from '@/lib/db/backup';
import { db } from '@/lib/db/database';
import { FilePick, formatTime, Icon } from '../playbook/ui';
import { useEditAccess } from './lock';

function problemText(p: BackupProblem, t: ReturnType<typeof useT>): string {
  switch (p.kind) {
    case 'notJson': return t('ws_backup_notJson');
    case 'notABackup': return t('ws_backup_notABackup');
    case 'newerVersion': return t('ws_backup_newer', { version: p.dbVersion });
    case 'damaged': return t('ws_backup_damaged', { tables: p.tables.join(', ') });
  }
}

/** The whole database to one file and back, with a check that the restore kept every record. */
export function BackupPanel() {
  const t = useT();
  const locale = useLocale();
  const access = useEditAccess();
  const [progress, setProgress] = useState<string | null>(null);
  const [backup, setBackup] = useState<Backup | null>(null);
  const [problem, setProblem] = useState('');
  const [report, setReport] = useState<RestoreReport | null>(null);

  const download = async () => {
    if (!access.canEdit) return;
    setProgress(t('ws_backup_readingTable', { table: '', rows: 0 }));
    const parts: string[] = [];
    for await (const chunk of backupChunks(db(), Date.now(), (p) => setProgress(t('ws_backup_readingTable', { table: p.table, rows: p.rows })))) parts.push(chunk);
    downloadChunks(`huitouke-backup-${stamp()}.json`, parts, 'application/json');
    setProgress(null);
  };
  const choose = async (file: File | undefined) => {
    setBackup(null);
    setProblem('');
    setReport(null);
    if (!file) return;
    setProgress(t('ws_backup_checking'));
    const read = readBackup(await file.text(), db().verno);
    setProgress(null);
    if (!read.ok) return setProblem(problemText(read.problem, t));
    setBackup(read.backup);
  };
  const restore = async () => {
    if (!backup || !confirm(t('ws_backup_confirm'))) return;
    try {
      setProgress(t('ws_backup_restoring', { table: '', rows: 0 }));
      const out = await restoreBackup(db(), backup, { now: Date.now(), onProgress: (p) => setProgress(t('ws_backup_restoring', { table: p.table, rows: p.rows })) });
      setReport(out);
      setBackup(null);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
    }
  };
  const total = (b: Backup) => Object.values(b.manifest.counts).reduce((a, n) => a + n, 0);

  return (
    <section className="ws-card" data-testid="backup-panel">
      <div className="ws-card-head"><h2>{t('ws_backup_title')}</h2></div>
      <p className="ws-card-sub">{t('ws_backup_help')}</p>
      <div className="ws-row">
        <button type="button" className="primary" disabled={progress !== null || !access.canEdit} onClick={() => void download()} data-testid="backup-download">{t('ws_backup_download')}</button>
        <FilePick label={t('ws_backup_restoreLabel')} accept=".json,application/json" disabled={!access.canEdit} onFile={(f) => void choose(f)} testId="backup-file" />
      </div>
      {!access.canEdit && <p className="ws-hint">{t('ws_backup_downloadNeedPin')} {t('ws_backup_needPin')}</p>}
      {progress && <p className="ws-hint" role="status">{progress}</p>}
      {problem && <p className="ws-error" role="alert" data-testid="backup-problem">{problem}</p>}
      {backup && (
        <div className="backup-preview" data-testid="backup-preview">
          <p>{t('ws_backup_summary', { time: formatTime(backup.createdAt, locale), version: backup.dbVersion, rows: total(backup) })}</p>
          {backup.dbVersion < db().verno && <p className="ws-hint">{t('ws_backup_older', { from: backup.dbVersion, to: db().verno })}</p>}
          <div className="ws-actions">
            <button type="button" className="danger" onClick={() => void restore()} data-testid="backup-restore">{t('ws_backup_restore')}</button>
            <button type="button" className="secondary" onClick={() => setBackup(null)}>{t('ws_cancel')}</button>
          </div>
        </div>
      )}
      {report && (
        <div className="backup-report" data-testid="backup-report" data-ok={report.ok}>
          <p className={report.ok ? 'ws-ok' : 'ws-error'}>
            <Icon name={report.ok ? 'check' : 'alert'} /> {report.ok ? t('ws_backup_ok') : report.rolledBack ? t('ws_backup_rolledBack') : t('ws_backup_lost')}
            {report.upgradedFrom !== null && ` ${t('ws_backup_upgraded', { from: report.upgradedFrom })}`}
          </p>
          <table className="ws-table">
            <thead><tr><th>{t('ws_backup_table')}</th><th className="num">{t('ws_backup_expected')}</th><th className="num">{t('ws_backup_restored')}</th><th>{t('ws_backup_checksum')}</th></tr></thead>
            <tbody>
              {report.tables.map((r) => (
                <tr key={r.table}>
                  <td><code>{r.table}</code></td>
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
