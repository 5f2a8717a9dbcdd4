import { downloadChunks, stamp } from '@/components/common/download';
import { useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { db } from '@/lib/db/database';
import { examplesJsonl, labelledExamples } from '@/lib/export/concern-examples';
import { EditGate } from '../team/EditGate';
import { useEditAccess } from '../team/lock';

/** The agents' corrections (select text → concern) as labelled examples, exported as JSON Lines. */
export function ConcernExamples() {
  const t = useT();
  const access = useEditAccess();
  const examples = useLiveQuery(
    async () => labelledExamples((await db().concerns.toArray()).filter((c) => c.missed)),
    [],
  );
  // (The count needs only the corrected rows; the export reads every concern of those messages.)
  const count = examples.status === 'ready' ? examples.value.length : 0;
  return (
    <section className="ws-card" data-testid="concern-examples">
      <div className="ws-card-head">
        <h2>{t('mk_exportTitle')}</h2>
        <span className="spacer" />
        <span className="muted" data-testid="concern-examples-count">
          {t('mk_exportCount', { count })}
        </span>
      </div>
      <p className="ws-card-sub">{t('mk_exportHelp')}</p>
      <EditGate scope="export" quiet />
      <div className="ws-actions">
        <button
          type="button"
          className="secondary"
          disabled={!access.canEdit || count === 0}
          onClick={async () => {
            // Read afresh: each corrected message with every concern saved for it.
            const rows = labelledExamples(await db().concerns.toArray());
            downloadChunks(`concern-examples-${stamp()}.jsonl`, [examplesJsonl(rows)], 'application/x-ndjson');
          }}
          data-testid="export-concern-examples"
        >
          {t('mk_export')}
        </button>
      </div>
    </section>
  );
}
