import { useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { db } from '@/lib/db/database';
import { readPlaybook } from '@/lib/db/playbook-edit';
import type { AppSettings } from '@/lib/settings/app';
import { EditGate } from '../team/EditGate';
import { useEditAccess } from '../team/lock';
import { CategoryTable } from './CategoryTable';
import { ConcernExamples } from './ConcernExamples';
import { ConcernExport } from './ConcernExport';
import { TaxonomyEditor } from './TaxonomyEditor';
import './concerns.css';

/** What buyers worry about: the words that reveal each concern, a test box, and the export. */
export function ConcernsPage({ settings }: { settings: AppSettings }) {
  const t = useT();
  const access = useEditAccess();
  const data = useLiveQuery(() => readPlaybook(db()), []);
  if (data.status !== 'ready') return null;
  const { taxonomy, lockedSettings } = data.value;
  return (
    <div className="ws-page">
      <p className="ws-lead">{t('ws_concerns_lead')}</p>
      <EditGate />
      <TaxonomyEditor saved={taxonomy} canEdit={access.canEdit} locked={lockedSettings.has('taxonomy')} />
      <ConcernExport settings={settings} taxonomy={taxonomy} />
      <ConcernExamples />
      <CategoryTable settings={settings} canEdit={access.canEdit} />
    </div>
  );
}
